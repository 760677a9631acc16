#include "PyThread.h"
#include "RunContext.h"
#include "GilModel.h"
#include "TimelineData.h"

#include <QTest>

#include <stdexcept>

#include <unistd.h>

using namespace lab;

namespace {

// A run's context without a run around it.
struct Harness
{
    Recorder recorder;
    Console console{0};
    CancelToken cancel;
    ExperimentParams params;
    LaneRecorder &mainLane = recorder.addCurrentThreadLane("MainThread");
    TaskResults results;
    RunContext ctx{recorder, console, cancel, params, mainLane, results};
};

} // namespace

class tst_PyThread : public QObject
{
    Q_OBJECT

private slots:
    void namedInCreationOrder();
    void startRunsOnANewOsThread();
    void runCalledDirectlyStaysOnTheCaller();
    void joinIsRecordedAsAWait();
    void anExceptionEndsTheThreadNotTheProcess();
    void startWaitsWithTheGilDropped();
};

void tst_PyThread::namedInCreationOrder()
{
    Harness h;
    PyThread a(h.ctx), b(h.ctx);
    a.start();
    b.start();
    a.join(h.mainLane);
    b.join(h.mainLane);
    const Snapshot snap = h.recorder.snapshot();
    QCOMPARE(snap.lanes.size(), std::size_t(3));
    QCOMPARE(snap.lanes[1].name, std::string("Thread-1"));
    QCOMPARE(snap.lanes[2].name, std::string("Thread-2"));
}

void tst_PyThread::startRunsOnANewOsThread()
{
    Harness h;
    int seenTid = 0;
    std::uint32_t seenLane = 0;
    PyThread thread(h.ctx, [&](LaneRecorder &lane) {
        seenTid = int(gettid());
        seenLane = lane.id();
    });
    thread.start();
    thread.join(h.mainLane);
    const Snapshot snap = h.recorder.snapshot();
    QCOMPARE(snap.lanes.size(), std::size_t(2));
    QCOMPARE(seenLane, 1u);
    QCOMPARE(snap.lanes[1].tid, seenTid);
    QVERIFY(seenTid != int(gettid()));
    QCOMPARE(snap.lanes[1].pid, int(getpid()));
}

void tst_PyThread::runCalledDirectlyStaysOnTheCaller()
{
    Harness h;
    int seenTid = 0;
    std::uint32_t seenLane = 99;
    PyThread thread(h.ctx, [&](LaneRecorder &lane) {
        seenTid = int(gettid());
        seenLane = lane.id();
    });
    thread.run(h.mainLane);
    thread.join(h.mainLane); // never started: nothing to wait for
    QCOMPARE(seenTid, int(gettid()));
    QCOMPARE(seenLane, 0u);
    QCOMPARE(h.recorder.laneCount(), std::size_t(1));
}

void tst_PyThread::joinIsRecordedAsAWait()
{
    Harness h;
    PyThread thread(h.ctx, [&](LaneRecorder &lane) { h.ctx.sleep(lane, 0, 30'000'000); });
    thread.start();
    thread.join(h.mainLane);
    h.mainLane.end();
    const auto timeline = TimelineData::fromSnapshot(h.recorder.snapshot());
    std::int64_t joined = 0;
    for (const auto &span : timeline.spans)
        if (span.lane == 0 && span.state == SpanState::Joining)
            joined += span.durationNs();
    QVERIFY2(joined >= 25'000'000, std::to_string(joined).c_str());
}

void tst_PyThread::anExceptionEndsTheThreadNotTheProcess()
{
    Harness h;
    PyThread failing(h.ctx, [](LaneRecorder &) { throw std::runtime_error("boom"); });
    PyThread sleeper(h.ctx, [&](LaneRecorder &lane) { h.ctx.sleep(lane, 1, 10'000'000'000); });
    const auto t0 = Clock::nowNs();
    sleeper.start();
    failing.start();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, failing.join(h.mainLane));
    QVERIFY(h.cancel.isCancelled()); // the rest of the run is told to stop...
    sleeper.join(h.mainLane);
    QVERIFY(Clock::nowNs() - t0 < 5'000'000'000); // ...and does, without sleeping out its 10 s
    int ended = 0;
    for (const Event &e : h.recorder.snapshot().events)
        ended += e.kind == EventKind::LaneEnd;
    QCOMPARE(ended, 2);
}


// start() returns once the new thread runs; meanwhile the caller has dropped the
// GIL (the new thread needs it) and its lane shows that it waits, not that it runs.
void tst_PyThread::startWaitsWithTheGilDropped()
{
    Harness h;
    const auto &gilLane = h.recorder.addLane("GIL (model)", LaneKind::Gil, int(getpid()), 0);
    GilModel gil(gilLane.id(), 5'000'000, h.cancel);
    h.ctx.gil = &gil;
    const GilModel::ThreadBinding binding(&gil, h.mainLane);
    QVERIFY(gil.take(h.mainLane, -1));
    PyThread thread(h.ctx, [](LaneRecorder &) {});
    thread.start();
    thread.join(h.mainLane);
    gil.release(h.mainLane, -1);
    const Snapshot snap = h.recorder.snapshot();
    const TimelineData timeline = TimelineData::fromSnapshot(snap);
    std::int64_t threadFirstGil = -1; // the new thread taking the GIL: it runs
    for (const GilInterval &g : timeline.gil)
        if (g.holder == 2 && (threadFirstGil < 0 || g.startNs < threadFirstGil))
            threadFirstGil = g.startNs;
    QVERIFY(threadFirstGil > 0);
    bool waited = false;
    for (const StateSpan &span : timeline.spans)
        if (span.lane == h.mainLane.id() && span.startNs <= threadFirstGil && threadFirstGil <= span.endNs) {
            QVERIFY2(span.state == SpanState::Joining, toString(span.state).data()); // not Running
            waited = true;
        }
    QVERIFY(waited);
    // ... and the main thread did not hold the GIL then.
    for (const GilInterval &g : timeline.gil)
        if (g.holder == h.mainLane.id())
            QVERIFY(!(g.startNs <= threadFirstGil && threadFirstGil < g.endNs));
}

QTEST_GUILESS_MAIN(tst_PyThread)
#include "tst_pythread.moc"
