#include "ReplayController.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

FinishedRun run(std::int64_t durationMs)
{
    auto data = std::make_shared<TimelineData>();
    data->originNs = 5 * ms; // positions are relative to the run's origin
    data->endNs = data->originNs + durationMs * ms;
    return {data, u"sleep-threads, 0.300 s"_s};
}

} // namespace

class TestReplayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offersFourSpeeds()
    {
        QAction action;
        QComboBox speeds;
        ReplayController replay(&action, &speeds);
        QCOMPARE(speeds.count(), 4);
        QCOMPARE(speeds.itemText(0), u"1×"_s);
        QCOMPARE(speeds.itemText(3), u"0.1×"_s);
        replay.setSpeedIndex(2);
        QCOMPARE(replay.speedIndex(), 2);
        QCOMPARE(replay.speedText(), u"0.25×"_s);
        replay.setSpeedIndex(4); // out of range: ignored
        replay.setSpeedIndex(-1);
        QCOMPARE(replay.speedIndex(), 2);
    }

    void revealsStepByStepToTheEnd()
    {
        QAction action;
        action.setCheckable(true);
        QComboBox speeds;
        ReplayController replay(&action, &speeds);
        QSignalSpy started(&replay, &ReplayController::started);
        QSignalSpy reveal(&replay, &ReplayController::revealUntil);
        QSignalSpy position(&replay, &ReplayController::positionChanged);
        QSignalSpy finished(&replay, &ReplayController::finished);
        QSignalSpy status(&replay, &ReplayController::statusMessage);
        const FinishedRun r = run(300);
        replay.start(r);
        QVERIFY(replay.isReplaying());
        QVERIFY(action.isChecked());
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).value<std::shared_ptr<const TimelineData>>(), r.data);
        QVERIFY(replay.positionNs() >= 0 && replay.positionNs() < 300 * ms);
        QCOMPARE(status.last().at(0).toString(), u"Replaying sleep-threads, 0.300 s at 1×"_s);

        QTRY_VERIFY_WITH_TIMEOUT(!replay.isReplaying(), 5000);
        QVERIFY(reveal.count() >= 3);
        for (int i = 1; i + 1 < reveal.count(); ++i) // each step shows more, on the run's own clock
            QVERIFY(reveal.at(i).at(0).toLongLong() >= reveal.at(i - 1).at(0).toLongLong());
        QCOMPARE(reveal.last().at(0).toLongLong(), -1LL); // then the whole run again
        QCOMPARE(position.last().at(1).toLongLong(), 300 * ms);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), 300 * ms);
        QCOMPARE(status.last().at(0).toString(), u"Replay finished"_s);
        QCOMPARE(replay.positionNs(), std::int64_t(-1));
        QVERIFY(!action.isChecked());
    }

    void aSlowReplayRunsOnATenthOfTheClockAndStops()
    {
        QAction action;
        action.setCheckable(true);
        QComboBox speeds;
        ReplayController replay(&action, &speeds);
        QSignalSpy finished(&replay, &ReplayController::finished);
        replay.setSpeedIndex(3); // 0.1×
        QElapsedTimer wall;
        wall.start();
        replay.start(run(300));
        QTest::qWait(200);
        QVERIFY(replay.isReplaying());
        const std::int64_t at = replay.positionNs();
        QVERIFY2(at > 0 && at <= (wall.nsecsElapsed() / 10) + ms, qPrintable(QString::number(at)));
        replay.stop();
        QVERIFY(!replay.isReplaying());
        QVERIFY(!action.isChecked());
        QCOMPARE(finished.count(), 1);
        replay.stop(); // nothing going: no second end
        QCOMPARE(finished.count(), 1);
    }

    void withoutARunNothingStarts()
    {
        QAction action;
        action.setCheckable(true);
        action.setChecked(true); // as a click on the action leaves it
        QComboBox speeds;
        ReplayController replay(&action, &speeds);
        QSignalSpy started(&replay, &ReplayController::started);
        replay.start({});
        QVERIFY(!replay.isReplaying());
        QVERIFY(!action.isChecked());
        QCOMPARE(started.count(), 0);
    }
};

QTEST_MAIN(TestReplayController)
#include "tst_replaycontroller.moc"
