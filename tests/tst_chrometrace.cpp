#include "ChromeTrace.h"
#include "ExperimentRun.h"
#include "TimelineData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <set>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

QJsonArray traceEvents(const RunResult &result)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(ChromeTrace::toJson(result), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << error.errorString();
    return doc.object().value(u"traceEvents"_s).toArray();
}

RunResult quickRun(const char *id, int tasks = 3)
{
    ExperimentParams params;
    params.tasks = tasks;
    params.sleepMs = 10;
    return ExperimentRun::runToEnd(id, params);
}

using Track = std::pair<int, int>;
Track trackOf(const QJsonObject &o) { return {o.value(u"pid"_s).toInt(), o.value(u"tid"_s).toInt()}; }

} // namespace

class tst_ChromeTrace : public QObject
{
    Q_OBJECT

private slots:
    void namesEveryLaneInOrder();
    void slicesNestOnEveryTrack();
    void consoleWritesCarryTheirText();
    void reusedTidsStayApart();
    void processesAndTheGilHaveTheirOwnTracks();
};

void tst_ChromeTrace::processesAndTheGilHaveTheirOwnTracks()
{
    ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
    params.tasks = 2;
    params.n = 2000;
    const RunResult processes = ExperimentRun::runToEnd("factorial-processes", params);
    std::set<QString> processNames;
    std::set<int> pids;
    for (const auto &v : traceEvents(processes)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"process_name"_s) {
            processNames.insert(o.value(u"args"_s).toObject().value(u"name"_s).toString());
            pids.insert(o.value(u"pid"_s).toInt());
        }
    }
    QCOMPARE(processNames, (std::set<QString>{u"MainProcess"_s, u"Process-1"_s, u"Process-2"_s}));
    QCOMPARE(pids.size(), std::size_t(3));

    ExperimentParams threadParams = defaultParams(*findExperiment("factorial-threads"));
    threadParams.tasks = 3;
    threadParams.n = 20000;
    const RunResult threads = ExperimentRun::runToEnd("factorial-threads", threadParams);
    const auto gilLane = std::find_if(threads.recording.lanes.begin(), threads.recording.lanes.end(),
                                      [](const Lane &l) { return l.kind == LaneKind::Gil; });
    QVERIFY(gilLane != threads.recording.lanes.end());
    int holds = 0, measured = 0;
    for (const auto &v : traceEvents(threads)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"cat"_s).toString() == u"gil"_s) {
            ++holds;
            QCOMPARE(trackOf(o), (Track{gilLane->pid, gilLane->tid}));
            QVERIFY(o.value(u"name"_s).toString() == u"MainThread"_s || o.value(u"name"_s).toString().startsWith(u"Thread-"_s));
        }
        if (o.value(u"cat"_s).toString() == u"state"_s && o.value(u"args"_s).toObject().contains(u"cpu_ms"_s))
            ++measured;
    }
    QVERIFY(holds >= 4);
    QCOMPARE(measured, 3);
}

void tst_ChromeTrace::namesEveryLaneInOrder()
{
    const RunResult result = quickRun("sleep-threads");
    const QJsonArray events = traceEvents(result);
    QVERIFY(!events.isEmpty());
    std::map<Track, QString> names;
    std::map<Track, int> sortIndex;
    bool processNamed = false;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ph"_s).toString() != u"M"_s)
            continue;
        const QString what = o.value(u"name"_s).toString();
        if (what == u"thread_name"_s)
            names[trackOf(o)] = o.value(u"args"_s).toObject().value(u"name"_s).toString();
        else if (what == u"thread_sort_index"_s)
            sortIndex[trackOf(o)] = o.value(u"args"_s).toObject().value(u"sort_index"_s).toInt(-1);
        else if (what == u"process_name"_s)
            processNamed = o.value(u"args"_s).toObject().value(u"name"_s).toString() == u"MainProcess"_s;
    }
    QVERIFY(processNamed);
    QCOMPARE(names.size(), result.recording.lanes.size());
    for (const Lane &lane : result.recording.lanes) {
        const Track track{lane.pid, lane.tid};
        QCOMPARE(names[track], QString::fromStdString(lane.name));
        QCOMPARE(sortIndex[track], int(lane.id));
    }
}

// Per track, X slices either nest or are disjoint; ts and dur are microseconds from the run's start.
void tst_ChromeTrace::slicesNestOnEveryTrack()
{
    const RunResult result = quickRun("sleep-coarse-lock");
    const QJsonArray events = traceEvents(result);
    std::map<Track, std::vector<std::pair<double, double>>> slices;
    int stateSlices = 0, lockSlices = 0;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ph"_s).toString() != u"X"_s)
            continue;
        const double ts = o.value(u"ts"_s).toDouble(-1), dur = o.value(u"dur"_s).toDouble(-1);
        QVERIFY(ts >= 0 && dur >= 0);
        QVERIFY(ts + dur <= result.wallSeconds() * 1e6 + 1e5);
        slices[trackOf(o)].push_back({ts, ts + dur});
        if (o.value(u"cat"_s).toString() == u"lock"_s) {
            QCOMPARE(o.value(u"name"_s).toString(), u"lock-held"_s);
            ++lockSlices;
        } else if (o.value(u"cat"_s).toString() == u"gil"_s) {
            QVERIFY(o.value(u"args"_s).toObject().value(u"model"_s).toBool()); // on the GIL's own track
        } else {
            ++stateSlices;
            const QString name = o.value(u"name"_s).toString();
            QVERIFY2(name == u"running"_s || name == u"sleeping"_s || name == u"io"_s || name == u"lock-wait"_s
                         || name == u"join-wait"_s || name == u"gil-wait"_s,
                     qPrintable(name));
            QVERIFY(o.value(u"args"_s).toObject().contains(u"task"_s));
        }
    }
    const auto timeline = TimelineData::fromSnapshot(result.recording);
    QCOMPARE(stateSlices, int(timeline.spans.size()));
    QCOMPARE(lockSlices, 3);
    const double epsilon = 1e-6;
    for (auto &[track, list] : slices) {
        for (const auto &a : list)
            for (const auto &b : list) {
                const bool disjoint = a.second <= b.first + epsilon || b.second <= a.first + epsilon;
                const bool aInB = a.first >= b.first - epsilon && a.second <= b.second + epsilon;
                const bool bInA = b.first >= a.first - epsilon && b.second <= a.second + epsilon;
                QVERIFY2(disjoint || aInB || bInA, "slices overlap partly");
            }
    }
}

void tst_ChromeTrace::consoleWritesCarryTheirText()
{
    const RunResult result = quickRun("sleep-sequential", 2);
    QStringList texts;
    for (const auto &v : traceEvents(result)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"console-write"_s) {
            QCOMPARE(o.value(u"ph"_s).toString(), u"i"_s);
            texts << o.value(u"args"_s).toObject().value(u"text"_s).toString();
        }
    }
    QVERIFY(texts.size() == 10 && texts[8].startsWith(u"\nTime spent inside the loop: "_s));
    texts.resize(8); // the cell's timing line, and its line end
    QCOMPARE(texts, (QStringList{u"Task 0: starting. "_s, u"\n"_s, u"Task 0: finishing. "_s, u"\n"_s,
                                 u"Task 1: starting. "_s, u"\n"_s, u"Task 1: finishing. "_s, u"\n"_s}));
}

void tst_ChromeTrace::reusedTidsStayApart()
{
    RunResult result;
    result.recording.lanes = {Lane{0, "MainThread", LaneKind::Thread, 10, 10},
                              Lane{1, "Thread-1", LaneKind::Thread, 10, 11},
                              Lane{2, "Thread-2", LaneKind::Thread, 10, 11}}; // the OS reused tid 11
    result.recording.texts.resize(3);
    std::set<Track> tracks;
    for (const auto &v : traceEvents(result)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"thread_name"_s)
            tracks.insert(trackOf(o));
    }
    QCOMPARE(tracks.size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(tst_ChromeTrace)
#include "tst_chrometrace.moc"
