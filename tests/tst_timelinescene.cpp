// TimelineScene: the rows a timeline shows — the current run's lanes, with a
// pinned run's above them in compare mode — and what its legend needs.
#include "KnownRun.h"
#include "TimelineScene.h"

#include <QTest>

#include <memory>

using namespace lab;
using namespace lab::testdata;
using Key = TimelineStyle::LegendEntry::Key;

namespace {

std::shared_ptr<const TimelineData> shared(TimelineData d)
{
    return std::make_shared<const TimelineData>(std::move(d));
}

// The known run with only its first `lanes` lanes, lasting `durationMs`.
TimelineData shorter(std::uint32_t lanes, std::int64_t durationMs)
{
    TimelineData d = knownRun();
    d.lanes.resize(lanes);
    std::erase_if(d.spans, [&](const StateSpan &s) { return s.lane >= lanes; });
    d.gil.clear();
    d.locks.clear();
    d.writes.clear();
    d.failures.clear();
    d.endNs = d.originNs + durationMs * ms;
    return d;
}

} // namespace

class TstTimelineScene : public QObject
{
    Q_OBJECT

private slots:
    void oneRunIsItsLanes();
    void comparePutsThePinnedRunAbove();
    void durationIsTheLongerRun();
    void legendFollowsEitherRun();
    void laneNames();
};

void TstTimelineScene::oneRunIsItsLanes()
{
    TimelineScene scene;
    QVERIFY(scene.rows().empty());
    QCOMPARE(scene.rowOf(TimelineScene::Current, 0), -1);
    scene.setCurrent(shared(knownRun()));
    QVERIFY(!scene.comparing());
    QCOMPARE(scene.rows().size(), std::size_t(4));
    for (std::uint32_t lane = 0; lane < 4; ++lane) {
        QCOMPARE(scene.rowOf(TimelineScene::Current, lane), int(lane));
        QCOMPARE(scene.rows()[lane].dataset, TimelineScene::Current);
        QCOMPARE(scene.rows()[lane].lane, lane);
    }
    QCOMPARE(scene.rowOf(TimelineScene::Current, 4), -1);
    QCOMPARE(scene.rowOf(TimelineScene::Pinned, 0), -1);
    QVERIFY(scene.sectionStarts().empty());
}

void TstTimelineScene::comparePutsThePinnedRunAbove()
{
    TimelineScene scene;
    scene.setCurrent(shared(knownRun()));
    scene.setPinned(shared(shorter(2, 50)), QStringLiteral("before"));
    QVERIFY(scene.comparing());
    QCOMPARE(scene.label(TimelineScene::Pinned), QStringLiteral("before"));
    QCOMPARE(scene.label(TimelineScene::Current), QStringLiteral("this run"));
    QCOMPARE(scene.rows().size(), std::size_t(6));
    QCOMPARE(scene.rowOf(TimelineScene::Pinned, 0), 0);
    QCOMPARE(scene.rowOf(TimelineScene::Pinned, 1), 1);
    QCOMPARE(scene.rowOf(TimelineScene::Pinned, 2), -1);
    QCOMPARE(scene.rowOf(TimelineScene::Current, 0), 2);
    QCOMPARE(scene.rowOf(TimelineScene::Current, 3), 5);
    QCOMPARE(scene.sectionStarts(), (std::vector<int>{0, 2}));
    // Unpinned: back to one run.
    scene.setPinned(nullptr, {});
    QVERIFY(!scene.comparing());
    QCOMPARE(scene.rowOf(TimelineScene::Current, 0), 0);
    QCOMPARE(scene.rows().size(), std::size_t(4));
}

void TstTimelineScene::durationIsTheLongerRun()
{
    TimelineScene scene;
    scene.setCurrent(shared(shorter(2, 40)));
    QCOMPARE(scene.durationNs(), 40 * ms);
    TimelineData pinned = knownRun(origin + 7 * ms); // each run from its own origin
    scene.setPinned(shared(pinned), QStringLiteral("pinned"));
    QCOMPARE(scene.durationNs(), 100 * ms);
}

void TstTimelineScene::legendFollowsEitherRun()
{
    TimelineScene scene;
    scene.setCurrent(shared(shorter(2, 50)));
    QVERIFY(scene.shows(Key::Running));
    QVERIFY(!scene.shows(Key::LockWait));
    QVERIFY(!scene.shows(Key::LockHeld));
    QVERIFY(!scene.shows(Key::GilHeld));
    QVERIFY(!scene.shows(Key::Failure));
    scene.setPinned(shared(knownRun()), QStringLiteral("pinned")); // the pinned run's states count too
    QVERIFY(scene.shows(Key::LockWait));
    QVERIFY(scene.shows(Key::LockHeld));
    QVERIFY(scene.shows(Key::GilHeld));
    QVERIFY(scene.shows(Key::Failure));
    QVERIFY(scene.shows(Key::ConsoleWrite));
    QVERIFY(!scene.shows(Key::Startup));
}

void TstTimelineScene::laneNames()
{
    const TimelineData run = knownRun();
    QCOMPARE(TimelineScene::laneName(run, 1), QStringLiteral("Thread-1"));
    QCOMPARE(TimelineScene::laneName(run, 3), QStringLiteral("GIL (model)"));
    QCOMPARE(TimelineScene::laneName(run, 9), QStringLiteral("9")); // a lane the data does not name: its number
}

QTEST_GUILESS_MAIN(TstTimelineScene)
#include "tst_timelinescene.moc"
