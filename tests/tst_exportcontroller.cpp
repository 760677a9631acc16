#include "CompareController.h"
#include "ExportController.h"
#include "ScalingChart.h"
#include "SweepReport.h"
#include "TimelineView.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

// MainThread sleeps 0–100 ms while Thread-1 runs 10–90 ms.
std::shared_ptr<const TimelineData> twoLanes()
{
    auto d = std::make_shared<TimelineData>();
    d->endNs = 100 * ms;
    d->lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "Thread-1", LaneKind::Thread, 1, 2}};
    d->spans = {{0, SpanState::Sleeping, -1, 0, 100 * ms}, {1, SpanState::Running, 1, 10 * ms, 90 * ms}};
    return d;
}

QByteArray contents(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What the window wires up: the views, the runs they show, the exports of them.
struct Exports
{
    QWidget window;
    TimelineView *timeline = new TimelineView(&window);
    ScalingChart *chart = new ScalingChart(&window);
    CompareController runs;
    ExportController exports{timeline, chart, &runs, &window};

    void finish(const QString &label)
    {
        const FinishedRun run{twoLanes(), label};
        timeline->setData(run.data);
        runs.setLast(run);
    }
};

} // namespace

class TestExportController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingToExportBeforeARun()
    {
        Exports e;
        QTemporaryDir dir;
        QString error;
        QVERIFY(e.exports.timelineImage(QSize(800, 600), 1).isNull());
        QVERIFY(!e.exports.saveTimeline(dir.filePath(u"t.png"_s), QSize(800, 600), 1, &error));
        QCOMPARE(error, u"there is no run to export yet"_s);
        error.clear();
        QVERIFY(!e.exports.saveBoth(dir.filePath(u"b.png"_s), QSize(800, 600), 1, &error));
        QCOMPARE(error, u"there is no run to export yet"_s);
        QVERIFY(!QFile::exists(dir.filePath(u"t.png"_s)));
        // The chart has its axes before any sweep.
        QVERIFY2(e.exports.saveChart(dir.filePath(u"c.png"_s), QSize(640, 480), 1, &error), qPrintable(error));
        QCOMPARE(QImage(dir.filePath(u"c.png"_s)).size(), QSize(640, 480));
    }

    // The numbers behind the pictures: the sweep's figures as sweep --csv/--json write
    // them, and the run's spans, one row each.
    void dataBehindThePictures()
    {
        Exports e;
        QTemporaryDir dir;
        QString error;
        QVERIFY(!e.exports.saveSweepFigures(dir.filePath(u"s.csv"_s), &error));
        QVERIFY2(error.contains(u"no sweep"_s), qPrintable(error));
        QVERIFY(!e.exports.saveSpans(dir.filePath(u"spans.csv"_s), &error));
        SweepResult sweep;
        sweep.spec.workers = {1, 2};
        sweep.cpuCount = 2;
        sweep.t1Ns = 200 * ms;
        sweep.points = {SweepPoint{1, 200 * ms, {}, 0, 0, 0}, SweepPoint{2, 110 * ms, {}, 0, 0, 0}};
        e.chart->addSweep(sweep);
        QVERIFY2(e.exports.saveSweepFigures(dir.filePath(u"s.csv"_s), &error), qPrintable(error));
        QCOMPARE(contents(dir.filePath(u"s.csv"_s)), SweepReport::toCsv(sweep));
        QVERIFY2(e.exports.saveSweepFigures(dir.filePath(u"s.json"_s), &error), qPrintable(error));
        QCOMPARE(QJsonDocument::fromJson(contents(dir.filePath(u"s.json"_s))).object(), SweepReport::toJson(sweep));

        e.finish(u"sleep-threads, 0.100 s"_s);
        QVERIFY2(e.exports.saveSpans(dir.filePath(u"spans.csv"_s), &error), qPrintable(error));
        QCOMPARE(contents(dir.filePath(u"spans.csv"_s)), QByteArray("lane,lane_name,pid,tid,state,task,start_ns,end_ns\n"
                                                                     "0,MainThread,1,1,sleeping,-1,0,100000000\n"
                                                                     "1,Thread-1,1,2,running,1,10000000,90000000\n"));
    }

    void timelineAsPngAndSvg()
    {
        Exports e;
        e.finish(u"sleep-threads, 0.100 s"_s);
        QTemporaryDir dir;
        QString error;
        QCOMPARE(e.exports.timelineImage(QSize(1920, 1080), 2).size(), QSize(3840, 2160));
        const QString png = dir.filePath(u"timeline.png"_s);
        QVERIFY2(e.exports.saveTimeline(png, QSize(1280, 720), 2, &error), qPrintable(error));
        QCOMPARE(QImage(png).size(), QSize(2560, 1440));
        const QString svg = dir.filePath(u"timeline.SVG"_s); // by the suffix, whatever its case
        QVERIFY2(e.exports.saveTimeline(svg, QSize(1280, 720), 1, &error), qPrintable(error));
        const QByteArray text = contents(svg);
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("<title>Concurrency Lab: sleep-threads, 0.100 s</title>"));
        QVERIFY(!e.exports.saveTimeline(dir.filePath(u"missing/dir/x.png"_s), QSize(1280, 720), 1, &error));
        QVERIFY(!error.isEmpty());
    }

    void thePinnedRunIsInTheImage()
    {
        Exports e;
        e.finish(u"sleep-sequential, 0.100 s"_s);
        const QImage alone = e.exports.timelineImage(QSize(800, 600), 1);
        e.runs.pin();
        e.finish(u"sleep-threads, 0.100 s"_s);
        const QImage compared = e.exports.timelineImage(QSize(800, 600), 1);
        QCOMPARE(compared.size(), alone.size());
        QVERIFY(compared != alone);
        QTemporaryDir dir;
        const QString svg = dir.filePath(u"compare.svg"_s);
        QVERIFY(e.exports.saveTimeline(svg, QSize(800, 600), 1));
        QVERIFY(contents(svg).contains("sleep-sequential, 0.100 s")); // the pinned section's label
        e.runs.unpin();
        QCOMPARE(e.exports.timelineImage(QSize(800, 600), 1), alone);
    }

    void bothIsTheTimelineAboveTheChart()
    {
        Exports e;
        e.finish(u"sleep-threads, 0.100 s"_s);
        QTemporaryDir dir;
        QString error;
        const QString png = dir.filePath(u"both.png"_s);
        QVERIFY2(e.exports.saveBoth(png, QSize(640, 360), 1, &error), qPrintable(error));
        const QImage both = QImage(png).convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(both.size(), QSize(640, 720));
        const QImage timeline = e.exports.timelineImage(QSize(640, 360), 1).convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(both.copy(0, 0, 640, 360), timeline);
        QVERIFY(both.copy(0, 360, 640, 360) != timeline);
        QVERIFY2(e.exports.saveBoth(dir.filePath(u"both2.png"_s), QSize(640, 360), 2, &error), qPrintable(error));
        QCOMPARE(QImage(dir.filePath(u"both2.png"_s)).size(), QSize(1280, 1440));

        const QString svg = dir.filePath(u"both.svg"_s);
        QVERIFY2(e.exports.saveBoth(svg, QSize(640, 360), 1, &error), qPrintable(error));
        QVERIFY(contents(svg).contains("<title>Concurrency Lab: sleep-threads, 0.100 s and the scaling chart</title>"));

        QVERIFY(!e.exports.saveBoth(dir.filePath(u"big.png"_s), QSize(640, 360), 4, &error));
        QCOMPARE(error, u"the scale must be 1–3"_s);
        QVERIFY(!e.exports.saveBoth(dir.filePath(u"missing/both.png"_s), QSize(640, 360), 1, &error));
        QVERIFY2(error.startsWith(u"cannot write"_s), qPrintable(error));
    }

    void copyPutsTheTimelineOnTheClipboard()
    {
        Exports e;
        QSignalSpy status(&e.exports, &ExportController::statusMessage);
        QGuiApplication::clipboard()->clear();
        e.exports.copyImage();
        QCOMPARE(status.count(), 0); // no run: nothing copied
        e.finish(u"sleep-threads, 0.100 s"_s);
        e.exports.copyImage();
        QCOMPARE(status.count(), 1);
        QCOMPARE(QGuiApplication::clipboard()->image().size(), QSize(1920, 1080));
    }
};

QTEST_MAIN(TestExportController)
#include "tst_exportcontroller.moc"
