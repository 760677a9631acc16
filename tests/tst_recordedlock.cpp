#include "CancelToken.h"
#include "RecordedLock.h"
#include "Recorder.h"
#include "TimelineData.h"

#include <QTest>

#include <thread>

using namespace lab;

class tst_RecordedLock : public QObject
{
    Q_OBJECT

private slots:
    void reentrantAcquireIsOneHeldInterval();
    void contentionIsRecordedAsLockWait();
    void excludesOtherThreads();
};

void tst_RecordedLock::reentrantAcquireIsOneHeldInterval()
{
    Recorder recorder;
    RecordedLock lock(7);
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
    lane.setState(SpanState::Running);
    lock.acquire(lane, 0);
    lock.acquire(lane, 0); // an RLock may be taken again by its owner
    lock.release(lane, 0);
    lock.release(lane, 0);
    lane.end();
    const Snapshot snap = recorder.snapshot();
    int acquires = 0, releases = 0, waits = 0;
    for (const Event &e : snap.events) {
        acquires += e.kind == EventKind::LockAcquire;
        releases += e.kind == EventKind::LockRelease;
        waits += e.kind == EventKind::StateChange && e.state == SpanState::LockWait;
        if (e.kind == EventKind::LockAcquire || e.kind == EventKind::LockRelease)
            QCOMPARE(e.arg, 7u);
    }
    QCOMPARE(acquires, 1);
    QCOMPARE(releases, 1);
    QCOMPARE(waits, 0);
    const auto timeline = TimelineData::fromSnapshot(snap);
    QCOMPARE(timeline.locks.size(), std::size_t(1));
    QCOMPARE(timeline.locks[0].lock, 7u);
}

void tst_RecordedLock::contentionIsRecordedAsLockWait()
{
    Recorder recorder;
    CancelToken cancel;
    RecordedLock lock(1);
    LaneRecorder &holder = recorder.addLane("Thread-1", LaneKind::Thread, 1, 1);
    LaneRecorder &waiter = recorder.addLane("Thread-2", LaneKind::Thread, 1, 2);
    holder.setState(SpanState::Running);
    waiter.setState(SpanState::Running);

    lock.acquire(holder, 0);
    std::thread second([&] {
        lock.acquire(waiter, 1);
        lock.release(waiter, 1);
        waiter.end();
    });
    // Release only once the waiter is blocked; its recorded wait state says so.
    const auto deadline = Clock::nowNs() + 10'000'000'000;
    while (waiter.eventCount() < 2 && Clock::nowNs() < deadline)
        std::this_thread::yield();
    cancel.sleepFor(30'000'000); // the waiter stays blocked while the holder works
    lock.release(holder, 0);
    holder.end();
    second.join();

    const Snapshot snap = recorder.snapshot();
    const auto timeline = TimelineData::fromSnapshot(snap);
    const StateSpan *wait = nullptr;
    for (const auto &span : timeline.spans)
        if (span.lane == waiter.id() && span.state == SpanState::LockWait)
            wait = &span;
    QVERIFY(wait);
    QCOMPARE(wait->task, 1);
    QVERIFY2(wait->durationNs() >= 25'000'000, std::to_string(wait->durationNs()).c_str());
    // The holder's release comes before the waiter's acquire, and the waiter's wait ends at its acquire.
    std::int64_t release = -1, acquire = -1;
    for (const Event &e : snap.events) {
        if (e.kind == EventKind::LockRelease && e.lane == holder.id())
            release = e.timeNs;
        if (e.kind == EventKind::LockAcquire && e.lane == waiter.id())
            acquire = e.timeNs;
    }
    QVERIFY(release > 0 && acquire > 0);
    QVERIFY(release <= acquire);
    QCOMPARE(wait->endNs, acquire);
    QCOMPARE(timeline.locks.size(), std::size_t(2));
    // The release that let the waiter go on is one hand-off, drawn from the holder to the waiter.
    QCOMPARE(timeline.handoffs.size(), std::size_t(1));
    const Handoff &handoff = timeline.handoffs.front();
    QVERIFY(handoff.kind == Handoff::Kind::Lock);
    QCOMPARE(handoff.object, 1u);
    QCOMPARE(handoff.fromLane, holder.id());
    QCOMPARE(handoff.toLane, waiter.id());
    QCOMPARE(handoff.releaseNs, release);
    QCOMPARE(handoff.acquireNs, acquire);
}

void tst_RecordedLock::excludesOtherThreads()
{
    Recorder recorder;
    RecordedLock lock(1);
    int inside = 0;
    int maxInside = 0;
    long counter = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            LaneRecorder &lane = recorder.addCurrentThreadLane("Thread-" + std::to_string(t + 1));
            for (int i = 0; i < 2000; ++i) {
                LockScope held(lock, lane, t);
                maxInside = std::max(maxInside, ++inside);
                ++counter;
                --inside;
            }
        });
    for (auto &t : threads)
        t.join();
    QCOMPARE(counter, 8000L);
    QCOMPARE(maxInside, 1);
}

QTEST_GUILESS_MAIN(tst_RecordedLock)
#include "tst_recordedlock.moc"
