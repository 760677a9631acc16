#include "ExperimentRun.h"
#include "TimelineData.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <set>

using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

// Timing tolerances: lower bounds are hard (real sleeps cannot end early);
// upper bounds leave room for a busy 2-core machine but stay well below what
// the wrong behaviour would take (five sleeps in turn instead of one).
constexpr double slackFactor = 2.5;

struct Run
{
    RunResult result;
    TimelineData timeline;
};

// The runs here use a slow terminal's output call, not the default (a pipe's
// tens of µs, which mangles about as often as python -u: in most runs, not
// all). With the window between a print's text and its line end this wide,
// unsynchronised threads mangle in nearly every run, and the locked variants
// must keep their lines whole against it. ThreadSanitizer makes starting a
// thread about ten times slower, so its build widens the window alike.
#if defined(__SANITIZE_THREAD__)
constexpr int defaultWriteUs = 3000;
#else
constexpr int defaultWriteUs = 300;
#endif

Run run(const char *id, int tasks = 5, int sleepMs = 100)
{
    ExperimentParams params;
    params.tasks = tasks;
    params.sleepMs = sleepMs;
    params.writeUs = defaultWriteUs;
    params.n = 20000; // the CPU-bound ones: small and explicit, not the lesson's pace
    Run r{ExperimentRun::runToEnd(id, params), {}};
    r.timeline = TimelineData::fromSnapshot(r.result.recording);
    return r;
}

std::vector<StateSpan> spansOf(const Run &r, SpanState state)
{
    std::vector<StateSpan> out;
    std::copy_if(r.timeline.spans.begin(), r.timeline.spans.end(), std::back_inserter(out),
                 [state](const StateSpan &s) { return s.state == state; });
    return out;
}

// True when every span shares one instant with all the others.
bool allOverlap(const std::vector<StateSpan> &spans)
{
    std::int64_t latestStart = 0, earliestEnd = INT64_MAX;
    for (const auto &s : spans) {
        latestStart = std::max(latestStart, s.startNs);
        earliestEnd = std::min(earliestEnd, s.endNs);
    }
    return latestStart < earliestEnd;
}

bool noneOverlap(std::vector<StateSpan> spans)
{
    std::sort(spans.begin(), spans.end(), [](const auto &a, const auto &b) { return a.startNs < b.startNs; });
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].startNs < spans[i - 1].endNs)
            return false;
    return true;
}

// The lesson's lines, each whole: "Task i: starting. " then "Task i: finishing. ",
// then the cell's "\nTime spent inside the loop: … seconds." from the main thread.
bool consoleIsClean(const RunResult &result)
{
    static const QRegularExpression line(QStringLiteral("^Task (\\d+): (starting|finishing)\\. $"));
    static const QRegularExpression timing(QStringLiteral("^Time spent inside the loop: [0-9.e-]+ seconds\\.$"));
    const auto &console = result.console;
    const std::size_t tasks = std::size_t(2 * result.params.tasks);
    if (console.size() != tasks + 2 || !console[tasks].empty() || !timing.match(QString::fromStdString(console[tasks + 1])).hasMatch())
        return false;
    std::set<std::string> seen;
    for (const auto &text : std::vector<std::string>(console.begin(), console.begin() + std::ptrdiff_t(tasks))) {
        if (!line.match(QString::fromStdString(text)).hasMatch() || !seen.insert(text).second)
            return false;
    }
    return true;
}

// Two messages on one line, or an empty line: what unsynchronised prints produce.
bool consoleIsMangled(const RunResult &result)
{
    const std::size_t tasks = std::min(result.console.size(), std::size_t(2 * result.params.tasks));
    for (const auto &text : std::vector<std::string>(result.console.begin(), result.console.begin() + std::ptrdiff_t(tasks)))
        if (text.empty() || std::count(text.begin(), text.end(), ':') > 1)
            return true;
    return false;
}

// How often a lane of the run so far entered `state`.
int statesEntered(const ExperimentRun &run, SpanState state)
{
    int n = 0;
    for (const Event &e : run.recorder().snapshot().events)
        n += e.kind == EventKind::StateChange && e.state == state;
    return n;
}

// The lanes of threads (not the GIL model's lane).
std::vector<Lane> threadLanes(const Snapshot &recording)
{
    std::vector<Lane> out;
    std::copy_if(recording.lanes.begin(), recording.lanes.end(), std::back_inserter(out),
                 [](const Lane &l) { return l.kind == LaneKind::Thread; });
    return out;
}

// The lanes whose thread has exited.
std::set<std::uint32_t> endedLanes(const Snapshot &recording)
{
    std::set<std::uint32_t> ended;
    for (const Event &e : recording.events)
        if (e.kind == EventKind::LaneEnd)
            ended.insert(e.lane);
    return ended;
}

QByteArray describe(const RunResult &r)
{
    QByteArray out = "wall " + QByteArray::number(r.wallSeconds(), 'f', 4) + " s; console:";
    for (const auto &l : r.console)
        out += "\n  [" + QByteArray::fromStdString(l) + "]";
    return out;
}

} // namespace

class tst_ExperimentRun : public QObject
{
    Q_OBJECT

private slots:
    void sequentialSleepsOneAfterAnother();
    void threadsSleepAtOnce();
    void threadsMangleTheConsole_data();
    void threadsMangleTheConsole();
    void lineBufferedNeverMangles_data();
    void lineBufferedNeverMangles();
    void printsUnderLockNeverMangle_data();
    void printsUnderLockNeverMangle();
    void coarseLockSerialisesTheSleeps();
    void fineLockOverlapsAndKeepsLinesIntact();
    void sleeperRunStaysOnMainThread();
    void sleeperStartIsConcurrent();
    void sleeperLockIsConcurrentAndClean();
    void ordersAgreeWithSpans_data();
    void ordersAgreeWithSpans();
    void lockIntervalsEncloseTheirStates_data();
    void lockIntervalsEncloseTheirStates();
    void cancelStopsAThreadedRun();
    void cancelStopsASequentialRun();
    void cancelReleasesThreadsQueuedOnALock();
    void unknownExperimentIsRefused();
};

void tst_ExperimentRun::sequentialSleepsOneAfterAnother()
{
    const Run r = run("sleep-sequential");
    QCOMPARE(threadLanes(r.result.recording).size(), std::size_t(1));
    const auto sleeps = spansOf(r, SpanState::Sleeping);
    QCOMPARE(sleeps.size(), std::size_t(5));
    QVERIFY(noneOverlap(sleeps));
    QVERIFY2(r.result.wallNs >= 500 * ms, describe(r.result));
    QVERIFY2(r.result.wallNs < 500 * ms + 500 * ms, describe(r.result));
    QVERIFY2(consoleIsClean(r.result), describe(r.result));
    QCOMPARE(r.result.startOrder, (std::vector<int>{0, 1, 2, 3, 4}));
    QCOMPARE(r.result.finishOrder, (std::vector<int>{0, 1, 2, 3, 4}));
}

void tst_ExperimentRun::threadsSleepAtOnce()
{
    const Run r = run("sleep-threads");
    QCOMPARE(threadLanes(r.result.recording).size(), std::size_t(6));
    QCOMPARE(r.result.recording.lanes[0].name, std::string("MainThread"));
    std::set<std::string> names;
    std::set<int> tids;
    for (const auto &lane : threadLanes(r.result.recording)) {
        names.insert(lane.name);
        tids.insert(lane.tid);
        QCOMPARE(lane.pid, r.result.recording.lanes[0].pid);
    }
    QCOMPARE(names, (std::set<std::string>{"MainThread", "Thread-1", "Thread-2", "Thread-3", "Thread-4", "Thread-5"}));
    QCOMPARE(tids.size(), std::size_t(6)); // real, distinct OS threads
    std::set<std::uint32_t> taskLanes;
    for (const auto &task : r.result.tasks) {
        QVERIFY(task.lane != 0);
        taskLanes.insert(task.lane);
    }
    QCOMPARE(taskLanes.size(), std::size_t(5));
    const auto sleeps = spansOf(r, SpanState::Sleeping);
    QCOMPARE(sleeps.size(), std::size_t(5));
    QVERIFY(allOverlap(sleeps));
    QVERIFY2(r.result.wallNs >= 100 * ms, describe(r.result));
    QVERIFY2(r.result.wallNs < std::int64_t(slackFactor * 100 * ms), describe(r.result));
}

void tst_ExperimentRun::threadsMangleTheConsole_data()
{
    QTest::addColumn<QString>("id");
    // The catalog's unsynchronised printers: sleep-threads and sleeper-start.
    for (const ExperimentInfo *info : experimentsOn(WorkerKind::ThreadPerTask))
        if (info->group == ExperimentGroup::IoBound && !info->printsUnderLock)
            QTest::newRow(info->id.c_str()) << QString::fromStdString(info->id);
}

// "Most runs" show the lesson's mangled lines: demand a majority of several.
void tst_ExperimentRun::threadsMangleTheConsole()
{
    QFETCH(QString, id);
    int mangled = 0;
    QByteArray log;
    for (int i = 0; i < 5; ++i) {
        const Run r = run(id.toUtf8().constData(), 5, 20);
        mangled += consoleIsMangled(r.result);
        log += describe(r.result) + "\n";
        // Mangled or not, nothing is lost: every message reached the screen.
        std::string all;
        for (const auto &l : r.result.console)
            all += l;
        for (int t = 0; t < 5; ++t) {
            QVERIFY(all.find("Task " + std::to_string(t) + ": starting. ") != std::string::npos);
            QVERIFY(all.find("Task " + std::to_string(t) + ": finishing. ") != std::string::npos);
        }
    }
    QVERIFY2(mangled >= 3, log);
}

void tst_ExperimentRun::lineBufferedNeverMangles_data() { threadsMangleTheConsole_data(); }

// A terminal's line buffering: each line goes out whole, whatever the threads do.
void tst_ExperimentRun::lineBufferedNeverMangles()
{
    QFETCH(QString, id);
    for (int i = 0; i < 5; ++i) {
        ExperimentParams params;
        params.tasks = 5;
        params.sleepMs = 20;
        params.writeUs = defaultWriteUs;
        params.stdoutMode = 0;
        const RunResult r = ExperimentRun::runToEnd(id.toStdString(), params);
        QVERIFY2(consoleIsClean(r), describe(r));
        QCOMPARE(r.console.size(), std::size_t(12)); // and the timing line after an empty one
    }
}

void tst_ExperimentRun::printsUnderLockNeverMangle_data()
{
    QTest::addColumn<QString>("id");
    for (const ExperimentInfo &info : catalog())
        if (info.group == ExperimentGroup::IoBound && info.printsUnderLock)
            QTest::newRow(info.id.c_str()) << QString::fromStdString(info.id);
}

// What the catalog says of an experiment's prints is what its runs do: unbuffered,
// with the slow output call that makes the unsynchronised ones mangle, every line is whole.
void tst_ExperimentRun::printsUnderLockNeverMangle()
{
    QFETCH(QString, id);
    for (int i = 0; i < 3; ++i) {
        const Run r = run(id.toUtf8().constData(), 5, 20);
        QVERIFY2(!consoleIsMangled(r.result) && consoleIsClean(r.result), describe(r.result));
    }
}

void tst_ExperimentRun::coarseLockSerialisesTheSleeps()
{
    const Run r = run("sleep-coarse-lock");
    const auto sleeps = spansOf(r, SpanState::Sleeping);
    QCOMPARE(sleeps.size(), std::size_t(5));
    QVERIFY(noneOverlap(sleeps));
    const auto waits = spansOf(r, SpanState::LockWait);
    std::set<std::uint32_t> waitingLanes;
    std::int64_t waited = 0;
    for (const auto &w : waits) {
        waitingLanes.insert(w.lane);
        waited += w.durationNs();
    }
    // All but the first thread to get the lock wait; together they wait 4+3+2+1 sleeps.
    QCOMPARE(waitingLanes.size(), std::size_t(4));
    QVERIFY2(waited >= 900 * ms, QByteArray::number(qlonglong(waited)));
    QCOMPARE(r.timeline.locks.size(), std::size_t(5));
    QVERIFY2(r.result.wallNs >= 500 * ms, describe(r.result));
    QVERIFY2(r.result.wallNs < 1000 * ms, describe(r.result));
    QVERIFY2(consoleIsClean(r.result), describe(r.result));
}

void tst_ExperimentRun::fineLockOverlapsAndKeepsLinesIntact()
{
    for (int i = 0; i < 5; ++i) {
        const Run r = run("sleep-fine-lock");
        QVERIFY(allOverlap(spansOf(r, SpanState::Sleeping)));
        QVERIFY2(consoleIsClean(r.result), describe(r.result));
        QCOMPARE(r.timeline.locks.size(), std::size_t(10)); // one per print
        QVERIFY2(r.result.wallNs < std::int64_t(slackFactor * 100 * ms), describe(r.result));
    }
}

void tst_ExperimentRun::sleeperRunStaysOnMainThread()
{
    const Run r = run("sleeper-run");
    QCOMPARE(threadLanes(r.result.recording).size(), std::size_t(1));
    for (const Event &e : r.result.recording.events) // the GIL model's lane only ends
        QVERIFY(e.lane == 0u || r.result.recording.lanes[e.lane].kind == LaneKind::Gil);
    QVERIFY(noneOverlap(spansOf(r, SpanState::Sleeping)));
    QVERIFY2(r.result.wallNs >= 500 * ms, describe(r.result));
    QVERIFY2(consoleIsClean(r.result), describe(r.result));
}

void tst_ExperimentRun::sleeperStartIsConcurrent()
{
    const Run r = run("sleeper-start");
    QCOMPARE(threadLanes(r.result.recording).size(), std::size_t(6));
    QVERIFY(allOverlap(spansOf(r, SpanState::Sleeping)));
    QVERIFY2(r.result.wallNs < std::int64_t(slackFactor * 100 * ms), describe(r.result));
}

void tst_ExperimentRun::sleeperLockIsConcurrentAndClean()
{
    for (int i = 0; i < 3; ++i) {
        const Run r = run("sleeper-lock");
        QVERIFY(allOverlap(spansOf(r, SpanState::Sleeping)));
        QVERIFY2(consoleIsClean(r.result), describe(r.result));
        QVERIFY2(r.result.wallNs < std::int64_t(slackFactor * 100 * ms), describe(r.result));
    }
}

void tst_ExperimentRun::ordersAgreeWithSpans_data()
{
    QTest::addColumn<QString>("id");
    for (const auto &info : catalog())
        if (!isSweep(info)) // many runs, each a process pool's: tst_sweeprun
            QTest::newRow(info.id.c_str()) << QString::fromStdString(info.id);
}

// The orders come from the task events; the spans from the state changes.
// A task's last span ends when it ends; its first span (not counting a wait
// for a lock taken around the whole task) starts no later than the task, and
// the lane is working for the task at the moment the task starts.
void tst_ExperimentRun::ordersAgreeWithSpans()
{
    QFETCH(QString, id);
    const Run r = run(id.toUtf8().constData(), 6, 30);
    const auto origin = r.result.recording.originNs;
    std::vector<std::int64_t> firstSpan(6, INT64_MAX), lastSpan(6, -1);
    for (const auto &span : r.timeline.spans) {
        if (span.task < 0)
            continue;
        const auto &task = r.result.tasks[std::size_t(span.task)];
        QCOMPARE(span.lane, task.lane);
        if (span.state != SpanState::LockWait)
            firstSpan[std::size_t(span.task)] = std::min(firstSpan[std::size_t(span.task)], span.startNs - origin);
        lastSpan[std::size_t(span.task)] = std::max(lastSpan[std::size_t(span.task)], span.endNs - origin);
        if (span.startNs - origin <= task.startNs && task.startNs < span.endNs - origin)
            QCOMPARE(span.task, task.id);
    }
    for (const auto &task : r.result.tasks) {
        QVERIFY(firstSpan[std::size_t(task.id)] <= task.startNs);
        QCOMPARE(task.endNs, lastSpan[std::size_t(task.id)]);
    }
    auto byTime = [](const std::vector<std::int64_t> &times) {
        std::vector<int> order(times.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return times[std::size_t(a)] < times[std::size_t(b)]; });
        return order;
    };
    QCOMPARE(r.result.startOrder, byTime(firstSpan));
    QCOMPARE(r.result.finishOrder, byTime(lastSpan));
    // Each task's sleep lies inside the task and really lasted the sleep time.
    for (const auto &sleep : spansOf(r, SpanState::Sleeping)) {
        const auto &task = r.result.tasks[std::size_t(sleep.task)];
        QVERIFY(sleep.startNs - origin >= task.startNs);
        QVERIFY(sleep.endNs - origin <= task.endNs);
        QVERIFY(sleep.durationNs() >= 30 * ms);
    }
    // Every lane was closed: the threads were joined before the run ended.
    QCOMPARE(endedLanes(r.result.recording).size(), r.result.recording.lanes.size());
}

void tst_ExperimentRun::lockIntervalsEncloseTheirStates_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("coarse") << QStringLiteral("sleep-coarse-lock");
    QTest::newRow("fine") << QStringLiteral("sleep-fine-lock");
    QTest::newRow("sleeper-lock") << QStringLiteral("sleeper-lock");
}

void tst_ExperimentRun::lockIntervalsEncloseTheirStates()
{
    QFETCH(QString, id);
    const Run r = run(id.toUtf8().constData(), 4, 20);
    QVERIFY(!r.timeline.locks.empty());
    for (const auto &lock : r.timeline.locks) {
        for (const auto &span : r.timeline.spans) {
            if (span.lane != lock.lane || span.endNs <= lock.startNs || span.startNs >= lock.endNs)
                continue;
            QVERIFY2(span.startNs >= lock.startNs && span.endNs <= lock.endNs, "a state straddles a lock boundary");
            QVERIFY(span.state != SpanState::LockWait);
        }
        // The one lock is never held by two lanes at once.
        for (const auto &other : r.timeline.locks)
            if (&other != &lock && other.lock == lock.lock)
                QVERIFY(other.endNs <= lock.startNs || other.startNs >= lock.endNs);
    }
}

void tst_ExperimentRun::cancelStopsAThreadedRun()
{
    ExperimentParams params;
    params.sleepMs = 10000;
    ExperimentRun run("sleep-threads", params);
    const auto t0 = Clock::nowNs();
    run.start();
    // Wait until all five threads are asleep.
    QTRY_COMPARE_WITH_TIMEOUT(statesEntered(run, SpanState::Sleeping), 5, 5000);
    QVERIFY(!run.isFinished());
    run.cancel();
    const RunResult result = run.wait();
    QVERIFY2(Clock::nowNs() - t0 < 5000 * ms, "cancel did not cut the 10 s sleeps short");
    QVERIFY(result.cancelled);
    QCOMPARE(result.startOrder.size(), std::size_t(5)); // the events so far are kept
    QVERIFY(result.finishOrder.empty());
    QCOMPARE(endedLanes(result.recording).size(), std::size_t(7)); // every thread joined, and the GIL's lane closed
}

void tst_ExperimentRun::cancelStopsASequentialRun()
{
    ExperimentParams params;
    params.sleepMs = 10000;
    ExperimentRun run("sleep-sequential", params);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.recorder().snapshot().events.size() >= 3, 5000);
    run.cancel();
    const RunResult result = run.wait();
    QVERIFY(result.cancelled);
    QCOMPARE(result.startOrder, std::vector<int>{0}); // no task started after the cancel
    QVERIFY(result.wallNs < 5000 * ms);
}

// One thread sleeps holding the coarse lock, four wait for it: a cancel must
// wake the sleeper, and each waiter, once it gets the lock, must give up at once.
void tst_ExperimentRun::cancelReleasesThreadsQueuedOnALock()
{
    ExperimentParams params;
    params.sleepMs = 10000;
    ExperimentRun run("sleep-coarse-lock", params);
    const auto t0 = Clock::nowNs();
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(statesEntered(run, SpanState::Sleeping) == 1 && statesEntered(run, SpanState::LockWait) == 4, 5000);
    run.cancel();
    const RunResult result = run.wait();
    QVERIFY2(Clock::nowNs() - t0 < 5000 * ms, "threads queued on the lock kept the run going");
    QVERIFY(result.cancelled);
    QCOMPARE(result.startOrder.size(), std::size_t(1));
    QVERIFY(result.finishOrder.empty());
    const auto timeline = TimelineData::fromSnapshot(result.recording);
    QCOMPARE(timeline.locks.size(), std::size_t(5)); // every waiter got the lock and released it
}

void tst_ExperimentRun::unknownExperimentIsRefused()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ExperimentRun("no-such-thing", ExperimentParams{}));
}

QTEST_GUILESS_MAIN(tst_ExperimentRun)
#include "tst_experimentrun.moc"
