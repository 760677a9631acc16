// RunFile: a saved run reads back as the run it was, and a bad file is refused with one clear message.
#include "ExperimentRun.h"
#include "RunFile.h"
#include "RunSummary.h"
#include "TimelineData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

RunResult quickRun(const char *id)
{
    ExperimentParams params = defaultParams(*findExperiment(id));
    params.tasks = 4;
    params.sleepMs = 10;
    params.n = 20000;
    params.workers = 2;
    return ExperimentRun::runToEnd(id, params);
}

bool sameEvents(const Snapshot &a, const Snapshot &b)
{
    if (a.events.size() != b.events.size() || a.originNs != b.originNs || a.takenNs != b.takenNs)
        return false;
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const Event &x = a.events[i], &y = b.events[i];
        if (x.timeNs != y.timeNs || x.task != y.task || x.arg != y.arg || x.lane != y.lane || x.kind != y.kind
            || x.state != y.state || x.cpu != y.cpu)
            return false;
    }
    return true;
}

std::string refusal(const QByteArray &bytes)
{
    std::string error;
    const auto run = RunFile::fromJson(bytes, &error);
    return run ? std::string("<read>") : error;
}

} // namespace

class tst_RunFile : public QObject
{
    Q_OBJECT

private slots:
    void readsBackTheRunItWas_data();
    void readsBackTheRunItWas();
    void refusesWhatIsNotASavedRun_data();
    void refusesWhatIsNotASavedRun();
};

void tst_RunFile::readsBackTheRunItWas_data()
{
    QTest::addColumn<QString>("id");
    for (const char *id : {"sleep-threads", "sleep-coarse-lock", "factorial-threads", "factorial-process-pool", "pool-order"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

// Everything a summary, a trace or a picture is made of comes back the same.
void tst_RunFile::readsBackTheRunItWas()
{
    QFETCH(QString, id);
    const RunResult original = quickRun(id.toLatin1().constData());
    QVERIFY2(original.error.empty(), original.error.c_str());
    std::string error;
    const auto reread = RunFile::fromJson(RunFile::toJson(original), &error);
    QVERIFY2(reread, error.c_str());
    QCOMPARE(QJsonDocument(RunSummary::toJson(*reread)).toJson(), QJsonDocument(RunSummary::toJson(original)).toJson());
    QVERIFY(sameEvents(reread->recording, original.recording));
    QCOMPARE(reread->recording.lanes.size(), original.recording.lanes.size());
    for (std::size_t i = 0; i < original.recording.lanes.size(); ++i) {
        QCOMPARE(reread->recording.lanes[i].name, original.recording.lanes[i].name);
        QCOMPARE(reread->recording.lanes[i].tid, original.recording.lanes[i].tid);
    }
    QCOMPARE(reread->recording.texts, original.recording.texts);
    QCOMPARE(reread->checks, original.checks);
    QCOMPARE(reread->machine.describe(), original.machine.describe());
    QCOMPARE(TimelineData::fromSnapshot(reread->recording).spans.size(), TimelineData::fromSnapshot(original.recording).spans.size());
}

void tst_RunFile::refusesWhatIsNotASavedRun_data()
{
    const QByteArray good = RunFile::toJson(quickRun("sleep-threads"));
    QJsonObject newer = QJsonDocument::fromJson(good).object();
    newer.insert(u"version"_s, 2);
    QJsonObject unknown = QJsonDocument::fromJson(good).object();
    unknown.insert(u"experiment"_s, u"no-such-experiment"_s);
    QJsonObject badLane = QJsonDocument::fromJson(good).object();
    QJsonObject recording = badLane.value(u"recording"_s).toObject();
    QJsonArray events = recording.value(u"events"_s).toArray();
    QJsonArray event = events[0].toArray();
    event[3] = 999; // a lane the run does not have
    events[0] = event;
    recording.insert(u"events"_s, events);
    badLane.insert(u"recording"_s, recording);
    QJsonObject badParam = QJsonDocument::fromJson(good).object();
    QJsonObject params = badParam.value(u"params"_s).toObject();
    params.insert(u"tasks"_s, 100000);
    badParam.insert(u"params"_s, params);

    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << u"not a saved run"_s;
    QTest::newRow("cut short") << good.left(good.size() / 2) << u"cut short"_s;
    QTest::newRow("another program's JSON") << QByteArray(R"({"traceEvents": []})") << u"not a saved Concurrency Lab run"_s;
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n", 8) << u"not a saved run"_s;
    QTest::newRow("a newer version") << QJsonDocument(newer).toJson() << u"format version 2; this version of the app reads version 1"_s;
    QTest::newRow("unknown experiment") << QJsonDocument(unknown).toJson() << u"does not know: 'no-such-experiment'"_s;
    QTest::newRow("event on a missing lane") << QJsonDocument(badLane).toJson() << u"a damaged saved run: recording.events"_s;
    QTest::newRow("parameter out of range") << QJsonDocument(badParam).toJson() << u"a damaged saved run: params: --tasks"_s;
}

void tst_RunFile::refusesWhatIsNotASavedRun()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString why = QString::fromStdString(refusal(bytes));
    QVERIFY2(why.contains(message), qPrintable(why));
}

QTEST_GUILESS_MAIN(tst_RunFile)
#include "tst_runfile.moc"
