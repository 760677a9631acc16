// TimelineIndex: the per-lane index the painter and the hit test read, and its
// live update from one snapshot of a growing run to the next.
#include "KnownRun.h"
#include "TimelineIndex.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace lab;
using namespace lab::testdata;

class TstTimelineIndex : public QObject
{
    Q_OBJECT

private slots:
    void indexesEveryLane();
    void liveUpdatesExtendTheIndex();
};

void TstTimelineIndex::indexesEveryLane()
{
    const TimelineIndex index(std::make_shared<const TimelineData>(knownRun()));
    QCOMPARE(index.laneCount(), std::size_t(4));
    QCOMPARE(index.lane(0).spans.size(), std::size_t(2));
    QCOMPARE(index.lane(1).spans.size(), std::size_t(4));
    QCOMPARE(index.lane(2).spans.size(), std::size_t(3));
    QCOMPARE(index.lane(2).locks.size(), std::size_t(1));
    QCOMPARE(index.lane(2).longestLockNs, 10 * ms);
    QCOMPARE(index.lane(3).gil.size(), std::size_t(1));
    QCOMPARE(index.lane(1).writes.size(), std::size_t(1));
    QCOMPARE(index.lane(2).failures.size(), std::size_t(1));
    QVERIFY(index.hasState(SpanState::LockWait));
    QVERIFY(!index.hasState(SpanState::Startup));
    QVERIFY(index.hasCpu());
    QVERIFY(!index.hasChunkBrackets());
}

void TstTimelineIndex::liveUpdatesExtendTheIndex()
{
    // A live run: snapshots of one growing run, each indexed from the one before,
    // index exactly what a fresh index of the last one holds.
    TimelineData run = knownRun();
    for (std::uint32_t lane = 0; lane < 3; ++lane)
        run.writes.push_back({lane, 0, origin + (20 + lane * 7) * ms, "w"});
    std::stable_sort(run.writes.begin(), run.writes.end(), [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; });
    run.chunks = {{1, 0, 1, 3, origin + 5 * ms, origin + 60 * ms}, {1, 1, 4, 6, origin + 61 * ms, origin + 100 * ms}};
    auto takenAt = [&](std::int64_t t) {
        TimelineData d = run;
        d.endNs = origin + t * ms;
        auto cut = [&](auto &v) {
            std::erase_if(v, [&](const auto &i) { return i.startNs >= d.endNs; });
            for (auto &i : v)
                i.endNs = std::min(i.endNs, d.endNs);
            std::stable_sort(v.begin(), v.end(), [](const auto &a, const auto &b) { return a.endNs < b.endNs; });
        };
        std::stable_sort(d.spans.begin(), d.spans.end(), [](const auto &a, const auto &b) { return a.startNs < b.startNs; });
        std::erase_if(d.spans, [&](const StateSpan &s) { return s.startNs >= d.endNs; });
        for (auto &sp : d.spans)
            sp.endNs = std::min(sp.endNs, d.endNs);
        cut(d.locks);
        cut(d.gil);
        std::erase_if(d.writes, [&](const ConsoleMark &w) { return w.timeNs >= d.endNs; });
        std::erase_if(d.failures, [&](const TaskFailure &f) { return f.timeNs >= d.endNs; });
        std::erase_if(d.chunks, [&](const ChunkInterval &c) { return c.startNs >= d.endNs; });
        for (auto &c : d.chunks)
            c.endNs = std::min(c.endNs, d.endNs);
        return std::make_shared<const TimelineData>(d);
    };
    TimelineIndex live;
    QVERIFY(!live.update(takenAt(3)));
    std::shared_ptr<const TimelineData> last;
    for (std::int64_t t : {8, 12, 30, 45, 61, 70, 96, 100}) {
        last = takenAt(t);
        QVERIFY2(live.update(last), qPrintable(QString::number(t)));
        const TimelineIndex fresh(last);
        QCOMPARE(live.laneCount(), fresh.laneCount());
        for (std::uint32_t l = 0; l < fresh.laneCount(); ++l) {
            auto same = [](const auto &a, const auto &b) {
                return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto &x, const auto &y) {
                    return x.startNs == y.startNs && x.endNs == y.endNs && x.index == y.index;
                });
            };
            QVERIFY(same(live.lane(l).spans, fresh.lane(l).spans));
            QVERIFY(same(live.lane(l).locks, fresh.lane(l).locks));
            QVERIFY(same(live.lane(l).gil, fresh.lane(l).gil));
            QVERIFY(same(live.lane(l).writes, fresh.lane(l).writes));
            QVERIFY(same(live.lane(l).failures, fresh.lane(l).failures));
            QVERIFY(same(live.lane(l).chunks, fresh.lane(l).chunks));
            QVERIFY(live.lane(l).longestLockNs >= fresh.lane(l).longestLockNs);
        }
        for (int st = 0; st < spanStateCount; ++st)
            QCOMPARE(live.hasState(SpanState(st)), fresh.hasState(SpanState(st)));
        QCOMPARE(live.hasCpu(), fresh.hasCpu());
        QCOMPARE(live.hasChunkBrackets(), fresh.hasChunkBrackets());
    }
    // Another run (another origin) is indexed afresh.
    QVERIFY(!live.update(std::make_shared<const TimelineData>(knownRun(origin + ms))));
}

QTEST_GUILESS_MAIN(TstTimelineIndex)
#include "tst_timelineindex.moc"
