// The GIL model follows CPython's rules (Python/ceval_gil.c).
#include "CancelToken.h"
#include "GilModel.h"
#include "Recorder.h"
#include "TimelineData.h"

#include <QTest>

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

// Python code between checks: spins for about `ns`, then the eval breaker runs.
void pythonWork(GilModel &gil, LaneRecorder &lane, std::int64_t ns)
{
    const auto until = Clock::nowNs() + ns;
    while (Clock::nowNs() < until)
        gil.checkpoint(lane, 0);
}

// One process's GIL and two of its threads' lanes.
struct TwoThreads
{
    explicit TwoThreads(std::int64_t switchIntervalNs) : gil(gilLane.id(), switchIntervalNs, cancel) { }
    Recorder recorder;
    CancelToken cancel;
    LaneRecorder &gilLane = recorder.addLane("GIL (model)", LaneKind::Gil, 1, 0);
    GilModel gil;
    LaneRecorder &a = recorder.addLane("Thread-1", LaneKind::Thread, 1, 2);
    LaneRecorder &b = recorder.addLane("Thread-2", LaneKind::Thread, 1, 3);
};

} // namespace

// Pins the calling thread to the CPU it runs on, for the guard's life; other
// threads can join it with pthread_setaffinity_np(…, cpu()).
class PinnedToOneCpu
{
public:
    PinnedToOneCpu()
    {
        CPU_ZERO(&m_one);
        CPU_SET(sched_getcpu(), &m_one);
        m_ok = pthread_getaffinity_np(pthread_self(), sizeof m_all, &m_all) == 0
            && pthread_setaffinity_np(pthread_self(), sizeof m_one, &m_one) == 0;
    }
    ~PinnedToOneCpu() { pthread_setaffinity_np(pthread_self(), sizeof m_all, &m_all); }
    PinnedToOneCpu(const PinnedToOneCpu &) = delete;
    PinnedToOneCpu &operator=(const PinnedToOneCpu &) = delete;
    bool ok() const { return m_ok; }
    cpu_set_t cpu() const { return m_one; }

private:
    cpu_set_t m_one{};
    cpu_set_t m_all{};
    bool m_ok = false;
};

class tst_GilModel : public QObject
{
    Q_OBJECT

private slots:
    void aWaiterGetsTheGilAfterOneSwitchInterval()
    {
        TwoThreads t(20 * ms);
        auto &[recorder, cancel, gilLane, gil, a, b] = t;
        QVERIFY(gil.take(a, 0));
        std::int64_t waitedNs = 0;
        bool taken = false; // QTest's checks belong on the test's own thread
        std::thread waiter([&] {
            const auto t0 = Clock::nowNs();
            taken = gil.take(b, 0);
            waitedNs = Clock::nowNs() - t0;
            pythonWork(gil, b, 5 * ms);
            gil.drop(b, 0);
        });
        // A holds the GIL running Python code with checks: it must give it up
        // once B has waited one interval, not before.
        pythonWork(gil, a, 300 * ms);
        gil.drop(a, 0);
        waiter.join();
        QVERIFY(taken);
        QVERIFY2(waitedNs >= 20 * ms, qPrintable(QString::number(waitedNs / 1e6)));
        QVERIFY2(waitedNs < 150 * ms, qPrintable(QString::number(waitedNs / 1e6)));
        QVERIFY(gil.handoffs() >= 1);
    }

    void threadsTakeTurnsOneHolderAtATime()
    {
        Recorder recorder;
        CancelToken cancel;
        auto &gilLane = recorder.addLane("GIL (model)", LaneKind::Gil, 1, 0);
        GilModel gil(gilLane.id(), 10 * ms, cancel);
        std::vector<std::thread> threads;
        for (int i = 0; i < 3; ++i)
            threads.emplace_back([&, i] {
                auto &lane = recorder.addCurrentThreadLane("Thread-" + std::to_string(i + 1));
                if (gil.take(lane, i)) {
                    pythonWork(gil, lane, 150 * ms);
                    gil.drop(lane, i);
                }
            });
        for (auto &t : threads)
            t.join();
        const TimelineData timeline = TimelineData::fromSnapshot(recorder.snapshot());
        auto holds = timeline.gil;
        std::sort(holds.begin(), holds.end(), [](const auto &x, const auto &y) { return x.startNs < y.startNs; });
        QVERIFY(holds.size() >= 6);
        for (std::size_t i = 1; i < holds.size(); ++i)
            QVERIFY(holds[i].startNs >= holds[i - 1].endNs);
        // Forced switching: after a requested drop the GIL goes to another thread.
        int sameHolderTwice = 0;
        for (std::size_t i = 1; i < holds.size(); ++i)
            sameHolderTwice += holds[i].holder == holds[i - 1].holder;
        QCOMPARE(sameHolderTwice, 0);
        QCOMPARE(std::uint64_t(holds.size() - 1), gil.handoffs());
        // Each hand-off is drawn from the dropper to the taker.
        QVERIFY(std::count_if(timeline.handoffs.begin(), timeline.handoffs.end(),
                              [](const Handoff &h) { return h.kind == Handoff::Kind::Gil && h.fromLane != h.toLane; })
                >= 5);
    }

    void aBlockingCallDropsTheGilAtOnce()
    {
        Recorder recorder;
        CancelToken cancel;
        auto &gilLane = recorder.addLane("GIL (model)", LaneKind::Gil, 1, 0);
        GilModel gil(gilLane.id(), 50 * ms, cancel);
        auto &sleeper = recorder.addLane("Thread-1", LaneKind::Thread, 1, 2);
        auto &other = recorder.addLane("Thread-2", LaneKind::Thread, 1, 3);
        std::atomic<bool> sleeping{false};
        bool taken = false;
        std::thread t([&] {
            const GilModel::ThreadBinding binding(&gil, sleeper);
            taken = gil.take(sleeper, 0);
            const ReleasedGil released(sleeper, 0);
            sleeping = true;
            cancel.sleepFor(100 * ms);
        });
        QTRY_VERIFY(sleeping.load());
        const auto t0 = Clock::nowNs();
        QVERIFY(gil.take(other, 1));
        QVERIFY2(Clock::nowNs() - t0 < 40 * ms, "the sleeper kept the GIL");
        gil.drop(other, 1);
        t.join();
        QVERIFY(taken);
        QVERIFY(!gil.isHeldBy(other));
    }

    // take_gil restarts a waiter's interval only when the GIL changed hands: a holder
    // that keeps dropping and taking it back (as a console write does) is still asked
    // to drop it after one interval, and then must let the waiter have it.
    void dropAndTakeBackDoesNotStarveAWaiter()
    {
        TwoThreads t(10 * ms);
        auto &[recorder, cancel, gilLane, gil, a, b] = t;
        // One CPU for both, so the waiter cannot slip in between a drop and the take-back:
        // only a drop request can get it the GIL.
        const PinnedToOneCpu pinned;
        QVERIFY(pinned.ok());
        const cpu_set_t one = pinned.cpu();
        QVERIFY(gil.take(a, 0));
        std::int64_t waitedNs = -1;
        std::thread waiter([&] {
            pthread_setaffinity_np(pthread_self(), sizeof one, &one);
            const auto t0 = Clock::nowNs();
            if (gil.take(b, 1))
                waitedNs = Clock::nowNs() - t0;
            gil.release(b, 1);
        });
        const auto until = Clock::nowNs() + 400 * ms;
        while (Clock::nowNs() < until) {
            gil.drop(a, 0); // a write(2)...
            gil.take(a, 0); // ...and straight back
            pythonWork(gil, a, ms / 5);
        }
        gil.release(a, 0);
        waiter.join();
        QVERIFY2(waitedNs >= 0 && waitedNs < 150 * ms, qPrintable(QString::number(double(waitedNs) / 1e6)));
    }

    // A thread's last release (it ends) passes no thread state to drop_gil: it does
    // not wait for the waiter to take the GIL first, as a forced switch would.
    void aThreadsLastReleaseDoesNotWaitForTheSwitch()
    {
        // One CPU for both, and the waiter at SCHED_IDLE for the release: it runs only once
        // this thread blocks, so on a loaded machine too a release that waits returns after
        // the hand-off, one that does not before it (comparing the two threads' clock reads
        // failed whenever the woken waiter preempted the releaser).
        const PinnedToOneCpu pinned; // the waiter, started on this thread, inherits it
        QVERIFY(pinned.ok());
        int releasedFirst = 0;
        for (int run = 0; run < 10; ++run) {
            TwoThreads t(5 * ms);
            auto &[recorder, cancel, gilLane, gil, a, b] = t;
            QVERIFY(gil.take(a, 0));
            std::thread waiter([&] {
                if (gil.take(b, 1))
                    gil.release(b, 1);
            });
            // A C call: no checks, so the waiter's drop request (after 5 ms) stays pending.
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            const sched_param idle{};
            const int idleError = pthread_setschedparam(waiter.native_handle(), SCHED_IDLE, &idle);
            gil.release(a, 0);
            releasedFirst += gil.handoffs() == 0;
            waiter.join();
            QCOMPARE(idleError, 0);
            QCOMPARE(gil.handoffs(), std::uint64_t(1));
        }
        // With a forced switch the release would return only after the hand-off: never first.
        QVERIFY2(releasedFirst >= 5, qPrintable(QString::number(releasedFirst)));
    }

    void cancelEndsAWait()
    {
        Recorder recorder;
        CancelToken cancel;
        GilModel gil(0, 1000 * ms, cancel);
        auto &a = recorder.addLane("Thread-1", LaneKind::Thread, 1, 2);
        auto &b = recorder.addLane("Thread-2", LaneKind::Thread, 1, 3);
        QVERIFY(gil.take(a, 0));
        bool taken = true;
        std::thread t([&] { taken = gil.take(b, 0); });
        QTest::qWait(20);
        const auto t0 = Clock::nowNs();
        cancel.cancel();
        t.join();
        QVERIFY(!taken);
        QVERIFY(Clock::nowNs() - t0 < 200 * ms);
    }
};

QTEST_GUILESS_MAIN(tst_GilModel)
#include "tst_gilmodel.moc"
