// ProcessPool: multiprocessing.Pool and ProcessPoolExecutor as CPython builds
// them -- chunks, worker names, result order -- and pool-order, the lesson's cell.
#include "ExperimentRun.h"
#include "Factorial.h"
#include "ProcessPool.h"
#include "RunSummary.h"
#include "TimelineData.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

using namespace lab;

namespace {

ExperimentParams poolParams(const char *id, int workers, int startMethod = 0, int poolApi = 0)
{
    ExperimentParams params = defaultParams(*findExperiment(id));
    params.workers = workers;
    params.startMethod = startMethod;
    params.poolApi = poolApi;
    params.n = 3000;
    return params;
}

RunResult runOk(const char *id, const ExperimentParams &params)
{
    RunResult r = ExperimentRun::runToEnd(id, params);
    if (!r.error.empty())
        qFatal("%s failed: %s", id, r.error.c_str());
    return r;
}

std::vector<std::string> processLaneNames(const RunResult &r)
{
    std::vector<std::string> names;
    for (const Lane &lane : r.recording.lanes)
        if (lane.kind == LaneKind::Process)
            names.push_back(lane.name);
    return names;
}

// Checks that every chunk of `chunksize` consecutive tasks ran on one lane, its
// tasks back to back in order, and that a chunk's results arrived together.
void checkChunks(const RunResult &r, int chunksize)
{
    QCOMPARE(r.chunksize, chunksize);
    const int tasks = int(r.tasks.size());
    for (const TaskTiming &task : r.tasks) {
        QCOMPARE(task.chunk, task.id / chunksize);
        if (task.id % chunksize != 0) {
            const TaskTiming &previous = r.tasks[std::size_t(task.id - 1)];
            QCOMPARE(task.lane, previous.lane);
            QVERIFY(task.startNs >= previous.endNs);
        }
    }
    QCOMPARE(int(r.completionOrder.size()), tasks);
    for (int at = 0; at < tasks;) {
        const int first = r.completionOrder[std::size_t(at)];
        QCOMPARE(first % chunksize, 0);
        const int size = std::min(chunksize, tasks - first);
        for (int k = 0; k < size; ++k)
            QCOMPARE(r.completionOrder[std::size_t(at + k)], first + k);
        at += size;
    }
}

} // namespace

class tst_ProcessPool : public QObject
{
    Q_OBJECT

private slots:
    void chunksizeFollowsCPython_data()
    {
        QTest::addColumn<int>("api");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("chunksize");
        // Pool._map_async: chunksize, extra = divmod(len, 4 * workers); +1 if extra
        QTest::newRow("Pool, 30 tasks, 2 workers") << 0 << 30 << 2 << 0 << 4;
        QTest::newRow("Pool, 71 tasks, 8 workers (the lesson)") << 0 << 71 << 8 << 0 << 3;
        QTest::newRow("Pool, 71 tasks, 2 workers") << 0 << 71 << 2 << 0 << 9;
        QTest::newRow("Pool, 32 tasks, 2 workers: no remainder") << 0 << 32 << 2 << 0 << 4;
        QTest::newRow("Pool, 5 tasks, 8 workers") << 0 << 5 << 8 << 0 << 1;
        QTest::newRow("Pool, 30 tasks, 512 workers") << 0 << 30 << 512 << 0 << 1;
        QTest::newRow("Pool, chunksize given") << 0 << 71 << 8 << 1 << 1;
        QTest::newRow("executor") << 1 << 71 << 8 << 0 << 1;
        QTest::newRow("executor, chunksize given") << 1 << 30 << 2 << 5 << 5;
    }
    void chunksizeFollowsCPython()
    {
        QFETCH(int, api);
        QFETCH(int, tasks);
        QFETCH(int, workers);
        QFETCH(int, requested);
        QFETCH(int, chunksize);
        QCOMPARE(ProcessPool::chunksizeFor(api ? PoolApi::Executor : PoolApi::Pool, tasks, workers, requested), chunksize);
    }

    void workersAreNamedAsCPythonNamesThem()
    {
        QCOMPARE(ProcessPool::workerName(PoolApi::Pool, StartMethod::Fork, 1), std::string("ForkPoolWorker-1"));
        QCOMPARE(ProcessPool::workerName(PoolApi::Pool, StartMethod::Spawn, 2), std::string("SpawnPoolWorker-2"));
        QCOMPARE(ProcessPool::workerName(PoolApi::Executor, StartMethod::Fork, 3), std::string("ForkProcess-3"));
        QCOMPARE(ProcessPool::workerName(PoolApi::Executor, StartMethod::Spawn, 4), std::string("SpawnProcess-4"));
    }

    void poolMapsInChunksOfFour()
    {
        const RunResult r = runOk("factorial-process-pool", poolParams("factorial-process-pool", 2));
        QCOMPARE(processLaneNames(r), (std::vector<std::string>{"ForkPoolWorker-1", "ForkPoolWorker-2"}));
        checkChunks(r, 4);
        QCOMPARE(r.results, std::vector<std::int64_t>(30, Factorial::expectedDigits(3000)));
        QCOMPARE(r.checks, std::vector<std::uint64_t>(30, Factorial::compute(3000).residue));
        const TimelineData timeline = TimelineData::fromSnapshot(r.recording);
        QCOMPARE(timeline.chunks.size(), std::size_t(8)); // 30 tasks: seven chunks of 4 and one of 2
        for (const ChunkInterval &chunk : timeline.chunks) {
            QCOMPARE(chunk.firstTask, chunk.chunk * 4);
            QCOMPARE(chunk.lastTask, std::min(29, chunk.chunk * 4 + 3));
        }
    }

    void executorSendsOneTaskAtATime()
    {
        const RunResult r = runOk("factorial-process-pool", poolParams("factorial-process-pool", 2, 0, 1));
        QCOMPARE(processLaneNames(r), (std::vector<std::string>{"ForkProcess-1", "ForkProcess-2"}));
        checkChunks(r, 1);
        QCOMPARE(r.results, std::vector<std::int64_t>(30, Factorial::expectedDigits(3000)));
    }

    void chunksizeCanBeGiven()
    {
        ExperimentParams params = poolParams("factorial-process-pool", 2);
        params.tasks = 12;
        params.chunksize = 5;
        checkChunks(runOk("factorial-process-pool", params), 5);
    }

    void poolOrderIsTheLessonsCell_data()
    {
        QTest::addColumn<int>("startMethod");
        QTest::newRow("fork") << 0;
        QTest::newRow("spawn") << 1;
    }
    void poolOrderIsTheLessonsCell()
    {
        QFETCH(int, startMethod);
        const RunResult r = runOk("pool-order", poolParams("pool-order", 8, startMethod));
        QCOMPARE(processLaneNames(r).size(), std::size_t(8));
        QCOMPARE(processLaneNames(r).front(), std::string(startMethod ? "SpawnPoolWorker-1" : "ForkPoolWorker-1"));
        checkChunks(r, 3);
        std::vector<std::int64_t> ids(71);
        std::iota(ids.begin(), ids.end(), 0);
        QCOMPARE(r.results, ids); // map returns in submission order

        // print(id, end=', ') for ids < 10, then print() and print(res[:10]).
        QCOMPARE(r.console.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(r.console[1]), QStringLiteral("(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)"));
        const QString printed = QString::fromStdString(r.console[0]);
        QVERIFY2(printed.endsWith(QStringLiteral(", ")), qPrintable(printed));
        QStringList printedIds = printed.chopped(2).split(QStringLiteral(", "));
        std::map<int, int> position;
        for (int i = 0; i < printedIds.size(); ++i)
            position[printedIds[i].toInt()] = i;
        QCOMPARE(printedIds.size(), 10);
        QCOMPARE(position.size(), std::size_t(10));
        // A chunk's ids print in order, as its worker runs them back to back.
        for (int id = 0; id < 10; ++id)
            if (id % 3 != 0)
                QVERIFY2(position[id - 1] < position[id], qPrintable(printed));

        // The lock is really shared: no two workers held it at once, and every print happened under it.
        const TimelineData timeline = TimelineData::fromSnapshot(r.recording);
        std::vector<LockInterval> held = timeline.locks;
        QCOMPARE(held.size(), std::size_t(71));
        std::sort(held.begin(), held.end(), [](const LockInterval &a, const LockInterval &b) { return a.startNs < b.startNs; });
        for (std::size_t i = 1; i < held.size(); ++i)
            QVERIFY2(held[i].startNs >= held[i - 1].endNs, "two workers held the shared lock at once");
        QString written;
        for (const ConsoleMark &write : timeline.writes) {
            if (r.recording.lanes[write.lane].kind != LaneKind::Process)
                continue;
            written += QString::fromStdString(write.text);
            QVERIFY(std::any_of(held.begin(), held.end(), [&](const LockInterval &l) {
                return l.lane == write.lane && l.startNs <= write.timeNs && write.timeNs <= l.endNs;
            }));
        }
        QCOMPARE(written, printed); // the records tell the same story as the shared output

        const QJsonObject summary = RunSummary::toJson(r);
        QCOMPARE(summary.value(u"chunksize"_qs).toInt(), 3);
        QCOMPARE(summary.value(u"tasks"_qs).toArray().at(7).toObject().value(u"chunk"_qs).toInt(), 2);
        QCOMPARE(summary.value(u"results"_qs).toArray().at(70).toObject().value(u"value"_qs).toInt(), 70);
    }

    void spawnPaysForAnInterpreterForkDoesNot()
    {
        auto startups = [](int startMethod) {
            ExperimentParams params = poolParams("factorial-process-pool", 2, startMethod);
            params.tasks = 4;
            params.interpreterStartupMs = 40;
            const TimelineData timeline = TimelineData::fromSnapshot(runOk("factorial-process-pool", params).recording);
            std::vector<std::int64_t> out;
            for (const StateSpan &span : timeline.spans)
                if (span.state == SpanState::Startup)
                    out.push_back(span.durationNs());
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto spawn = startups(1);
        const auto fork = startups(0);
        QCOMPARE(spawn.size(), std::size_t(2));
        QCOMPARE(fork.size(), std::size_t(2));
        for (auto ns : spawn) // 40 ms of CPU work cannot take less than 40 ms
            QVERIFY2(ns >= 40'000'000, qPrintable(QString::number(ns)));
        QVERIFY2(fork.front() * 2 < spawn.front(), qPrintable(QStringLiteral("fork %1 ns, spawn %2 ns").arg(fork.front()).arg(spawn.front())));
    }

    void executorUnderSpawnStartsAWorkerPerChunkAtMost()
    {
        ExperimentParams params = poolParams("factorial-process-pool", 8, 1, 1);
        params.tasks = 30;
        params.chunksize = 10;
        params.interpreterStartupMs = 0;
        QCOMPARE(processLaneNames(runOk("factorial-process-pool", params)).size(), std::size_t(3)); // as CPython 3.11 does
        params.startMethod = 0;                                                                     // fork: all at once
        QCOMPARE(processLaneNames(runOk("factorial-process-pool", params)).size(), std::size_t(8));
    }

    // Workers that exit with code 0 without answering their set-up: a failed run that names one, not a quiet one.
    void workersThatExitWithoutWorkingBreakThePool_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("poolApi");
        QTest::addColumn<QString>("worker");
        QTest::newRow("pool-order") << u"pool-order"_qs << 0 << u"SpawnPoolWorker-"_qs;
        QTest::newRow("factorial-process-pool, Pool") << u"factorial-process-pool"_qs << 0 << u"SpawnPoolWorker-"_qs;
        QTest::newRow("factorial-process-pool, executor") << u"factorial-process-pool"_qs << 1 << u"SpawnProcess-"_qs;
    }
    void workersThatExitWithoutWorkingBreakThePool()
    {
        QFETCH(QString, id);
        QFETCH(int, poolApi);
        QFETCH(QString, worker);
        const QByteArray previous = qgetenv("LAB_WORKER");
        qputenv("LAB_WORKER", "/bin/true");
        const std::string experiment = id.toStdString();
        const RunResult r = ExperimentRun::runToEnd(experiment, poolParams(experiment.c_str(), 2, 1, poolApi));
        if (previous.isEmpty())
            qunsetenv("LAB_WORKER");
        else
            qputenv("LAB_WORKER", previous);
        const QString error = QString::fromStdString(r.error);
        QVERIFY2(error.startsWith(u"the process pool is broken: "_qs + worker), qPrintable(error));
        QVERIFY2(error.endsWith(u" exited with code 0 before it answered its set-up"_qs), qPrintable(error));
        QVERIFY(!r.cancelled);
        QVERIFY(!r.failed.empty());
        QVERIFY(QString::fromStdString(r.failed.front().name).startsWith(worker));
        QVERIFY(std::all_of(r.results.begin(), r.results.end(), [](std::int64_t value) { return value == -1; }));
    }
};

QTEST_GUILESS_MAIN(tst_ProcessPool)
#include "tst_processpool.moc"
