#include "CancelToken.h"
#include "GilModel.h"
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
    void heldFromTheMutexAGilWaitInside();
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

// A waiter that gets the mutex while another thread holds the GIL: the lock is held
// from the moment the mutex is taken, and taking the GIL back shows as a GIL wait
// inside that held interval.
void tst_RecordedLock::heldFromTheMutexAGilWaitInside()
{
    constexpr std::int64_t ms = 1'000'000;
    Recorder recorder;
    CancelToken cancel;
    const auto &gilLane = recorder.addLane("GIL (model)", LaneKind::Gil, 1, 0);
    GilModel gil(gilLane.id(), 5 * ms, cancel);
    RecordedLock lock(1);
    auto &a = recorder.addLane("Thread-1", LaneKind::Thread, 1, 2);
    auto &b = recorder.addLane("Thread-2", LaneKind::Thread, 1, 3);
    auto &c = recorder.addLane("Thread-3", LaneKind::Thread, 1, 4);
    std::atomic<int> stage{0};
    std::thread holder([&] { // B: holds the lock, then releases it while off the GIL
        const GilModel::ThreadBinding binding(&gil, b);
        gil.take(b, 1);
        lock.acquire(b, 1);
        stage = 1;
        {
            const ReleasedGil released(b, 1);
            cancel.sleepFor(40 * ms);
            lock.release(b, 1);
        }
        gil.release(b, 1);
    });
    std::thread waiter([&] { // A: blocks on the lock (GIL dropped)
        while (stage < 1)
            std::this_thread::yield();
        const GilModel::ThreadBinding binding(&gil, a);
        gil.take(a, 0);
        stage = 2;
        lock.acquire(a, 0);
        lock.release(a, 0);
        gil.release(a, 0);
    });
    std::thread hog([&] { // C: holds the GIL in a C call when the lock comes free
        while (stage < 2)
            std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const GilModel::ThreadBinding binding(&gil, c);
        gil.take(c, 2);
        const auto until = Clock::nowNs() + 80 * ms;
        while (Clock::nowNs() < until) { }
        gil.release(c, 2);
    });
    holder.join();
    waiter.join();
    hog.join();
    const TimelineData timeline = TimelineData::fromSnapshot(recorder.snapshot());
    const auto held = std::find_if(timeline.locks.begin(), timeline.locks.end(), [&](const LockInterval &l) { return l.lane == a.id(); });
    QVERIFY(held != timeline.locks.end());
    const StateSpan *gilWait = nullptr; // A's GIL wait after its lock wait
    bool sawLockWait = false;
    for (const StateSpan &span : timeline.spans) {
        if (span.lane != a.id())
            continue;
        sawLockWait = sawLockWait || span.state == SpanState::LockWait;
        if (sawLockWait && span.state == SpanState::GilWait && !gilWait)
            gilWait = &span;
    }
    QVERIFY(gilWait);
    QVERIFY2(held->startNs <= gilWait->startNs && gilWait->endNs <= held->endNs,
             qPrintable(QStringLiteral("held [%1, %2), GIL wait [%3, %4)")
                            .arg(held->startNs - timeline.originNs).arg(held->endNs - timeline.originNs)
                            .arg(gilWait->startNs - timeline.originNs).arg(gilWait->endNs - timeline.originNs)));
    QVERIFY(gilWait->durationNs() > 10 * ms); // it really waited for C
}

QTEST_GUILESS_MAIN(tst_RecordedLock)
#include "tst_recordedlock.moc"
