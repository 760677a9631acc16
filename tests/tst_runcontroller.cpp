#include "RunController.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

ExperimentParams sleepParams(int tasks, int sleepMs)
{
    ExperimentParams p;
    p.tasks = tasks;
    p.sleepMs = sleepMs;
    p.writeUs = 100;
    return p;
}

} // namespace

class TestRunController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsToTheEndWithoutBlocking()
    {
        RunController controller;
        QSignalSpy progress(&controller, &RunController::progress);
        QSignalSpy finished(&controller, &RunController::finished);
        QElapsedTimer startCost;
        startCost.start();
        QCOMPARE(controller.start(u"sleep-threads"_s, sleepParams(4, 300)), QString());
        QVERIFY(startCost.elapsed() < 250); // start() returns while the tasks sleep
        QVERIFY(controller.isRunning());
        QCOMPARE(controller.experiment(), u"sleep-threads"_s);
        QVERIFY(finished.wait(20'000));
        QVERIFY(!controller.isRunning());
        QVERIFY(progress.count() >= 2); // live snapshots while it ran
        const RunResult *result = controller.lastResult();
        QVERIFY(result);
        QCOMPARE(result->experiment, std::string("sleep-threads"));
        QVERIFY(!result->cancelled);
        QVERIFY(result->error.empty());
        QVERIFY(result->wallNs >= 300'000'000);
        auto data = controller.data();
        QVERIFY(data);
        const auto threads = std::count_if(data->lanes.begin(), data->lanes.end(),
                                           [](const Lane &l) { return l.kind == LaneKind::Thread; });
        QCOMPARE(threads, 5); // MainThread and four threads
        QCOMPARE(data->writes.size(), std::size_t(18)); // four prints per thread, and the timing line
    }

    void liveSnapshotsGrow()
    {
        RunController controller;
        std::vector<std::size_t> spans;
        connect(&controller, &RunController::progress, this,
                [&spans](std::shared_ptr<const TimelineData> d) { spans.push_back(d->spans.size()); });
        QSignalSpy finished(&controller, &RunController::finished);
        QCOMPARE(controller.start(u"sleep-sequential"_s, sleepParams(5, 60)), QString());
        QVERIFY(finished.wait(20'000));
        QVERIFY(spans.size() >= 3);
        QVERIFY(std::is_sorted(spans.begin(), spans.end()));
        QVERIFY(spans.back() > spans.front());
    }

    void cancelStopsALongRunSoon()
    {
        RunController controller;
        QSignalSpy elapsed(&controller, &RunController::elapsedChanged);
        QSignalSpy finished(&controller, &RunController::finished);
        QCOMPARE(controller.start(u"sleep-threads"_s, sleepParams(3, 5000)), QString());
        QTRY_VERIFY_WITH_TIMEOUT(elapsed.count() >= 3, 10'000); // the event loop runs meanwhile
        QElapsedTimer stopping;
        stopping.start();
        controller.cancel();
        QVERIFY(controller.isCancelling());
        QVERIFY(finished.wait(10'000));
        QVERIFY(stopping.elapsed() < 3000);
        QVERIFY(controller.lastResult()->cancelled);
        QVERIFY(controller.lastResult()->wallNs < 4'000'000'000);
        QVERIFY(!controller.isRunning());
    }

    void refusesWhatCannotRun()
    {
        RunController controller;
        QVERIFY(controller.start(u"no-such-experiment"_s, {}).contains(u"no-such-experiment"_s));
        QVERIFY(!controller.isRunning());
        const QString outOfRange = controller.start(u"sleep-threads"_s, sleepParams(0, 100));
        QVERIFY2(outOfRange.contains(u"tasks"_s), qPrintable(outOfRange));
        QVERIFY(!controller.isRunning());

        QSignalSpy finished(&controller, &RunController::finished);
        QCOMPARE(controller.start(u"sleep-threads"_s, sleepParams(2, 200)), QString());
        QVERIFY(!controller.start(u"sleep-threads"_s, sleepParams(2, 200)).isEmpty()); // one at a time
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.count(), 1);
    }

    void destroyingDuringARunJoinsQuickly()
    {
        auto controller = std::make_unique<RunController>();
        QCOMPARE(controller->start(u"sleep-threads"_s, sleepParams(8, 10'000)), QString());
        QSignalSpy progress(controller.get(), &RunController::progress);
        QVERIFY(progress.wait(10'000));
        QElapsedTimer t;
        t.start();
        controller.reset();
        QVERIFY(t.elapsed() < 3000);
    }
};

QTEST_MAIN(TestRunController)
#include "tst_runcontroller.moc"
