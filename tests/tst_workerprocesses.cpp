// WorkerProcesses: how worker processes start and end -- descriptors, what
// counts as a worker's failure, and signals sent to the engine's process group.
#include "ChildProcesses.h"
#include "ExperimentRun.h"
#include "RunContext.h"
#include "WorkerLaunch.h"
#include "WorkerProcesses.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace lab;

namespace {

// The descriptors this process has open (the listing's own left out).
std::set<int> openFds()
{
    std::set<int> fds;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        qFatal("cannot list /proc/self/fd");
    while (const dirent *entry = ::readdir(dir))
        if (entry->d_name[0] != '.')
            fds.insert(std::atoi(entry->d_name));
    fds.erase(::dirfd(dir));
    ::closedir(dir);
    return fds;
}

int lowestFreeFd()
{
    int fd = 0;
    while (::fcntl(fd, F_GETFD) != -1)
        ++fd;
    return fd;
}

// Lowers this process's descriptor limit for its lifetime.
class FdLimit
{
public:
    explicit FdLimit(rlim_t soft)
    {
        ::getrlimit(RLIMIT_NOFILE, &m_saved);
        rlimit lowered = m_saved;
        lowered.rlim_cur = soft;
        if (::setrlimit(RLIMIT_NOFILE, &lowered) != 0)
            qFatal("setrlimit failed");
    }
    ~FdLimit() { ::setrlimit(RLIMIT_NOFILE, &m_saved); }
    FdLimit(const FdLimit &) = delete;
    FdLimit &operator=(const FdLimit &) = delete;

private:
    rlimit m_saved{};
};

// Sets an environment variable for its lifetime, then restores what was there.
class EnvironmentOverride
{
public:
    EnvironmentOverride(const char *name, const char *value) : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_previous(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~EnvironmentOverride()
    {
        if (m_had)
            qputenv(m_name, m_previous);
        else
            qunsetenv(m_name);
    }
    EnvironmentOverride(const EnvironmentOverride &) = delete;
    EnvironmentOverride &operator=(const EnvironmentOverride &) = delete;

private:
    const char *m_name;
    bool m_had;
    QByteArray m_previous;
};

// What a run gives its experiment, for driving WorkerProcesses directly.
struct Engine
{
    Recorder recorder;
    Console console{0};
    CancelToken cancel;
    ExperimentParams params;
    TaskResults results;
    LaneRecorder &mainLane = recorder.addCurrentThreadLane("MainThread");
    RunContext ctx{recorder, console, cancel, params, mainLane, results};
};

// A child that has exited and not been reaped yet.
bool isZombie(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')'); // after the command's name, which may hold anything
    return close != std::string::npos && line.compare(close, 3, ") Z") == 0;
}

std::set<int> failedTasks(const TaskResults &results)
{
    std::set<int> tasks;
    for (const FailedWorker &worker : results.failed())
        tasks.insert(worker.tasks.begin(), worker.tasks.end());
    return tasks;
}

// SIGINT handled as the command line handles it while a run goes on: its handler only sets a flag.
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_handled{0};
extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
    g_handled.fetch_add(1);
}

sigset_t sigintOnly()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    return set;
}

// SIGINT to this process's group, again and again, while it lives: whatever is in the group meanwhile
// gets some. The sending thread takes this process's own (the others block SIGINT), so that a flood
// of handlers does not keep them from running.
class SigintFlood
{
public:
    SigintFlood()
        : m_sender([this] {
              const sigset_t sigint = sigintOnly();
              ::pthread_sigmask(SIG_UNBLOCK, &sigint, nullptr);
              while (!m_stop.load()) {
                  ::kill(0, SIGINT);
                  Clock::spinFor(5'000); // a start-up's window is tens of microseconds
              }
          })
    {
    }
    ~SigintFlood()
    {
        m_stop.store(true);
        m_sender.join();
    }
    SigintFlood(const SigintFlood &) = delete;
    SigintFlood &operator=(const SigintFlood &) = delete;

private:
    std::atomic<bool> m_stop{false};
    std::thread m_sender;
};

// The pid of a worker that has started a task (so is past its start-up), or 0 while none has.
int workerRunningATask(const ExperimentRun &run)
{
    const Snapshot s = run.recorder().snapshot();
    for (const Event &e : s.events)
        if (e.kind == EventKind::TaskStart && e.lane < s.lanes.size() && s.lanes[e.lane].kind == LaneKind::Process)
            return s.lanes[e.lane].pid;
    return 0;
}

QByteArray describe(const RunResult &r)
{
    QByteArray text = "cancelled " + QByteArray::number(r.cancelled) + ", error '" + QByteArray::fromStdString(r.error) + "'";
    for (const FailedWorker &worker : r.failed)
        text += "; " + QByteArray::fromStdString(worker.name + " " + worker.reason);
    return text;
}

const QString floodedHelperOption = u"--flooded-helper"_qs;

// Workers started one after another under the flood: none may be ended by it.
bool floodedStarts(StartMethod method)
{
    constexpr int tasks = 40;
    Engine engine;
    WorkerProcesses workers(engine.ctx, method);
    {
        const SigintFlood flood;
        for (int task = 0; task < tasks; ++task) {
            const std::size_t w = workers.start("Process-" + std::to_string(task + 1));
            workers.run(w, WorkerJob{-1, task, 1, 100, WorkerTask::Factorial});
            workers.quit(w);
            workers.poll();
        }
    }
    workers.waitAllExited();
    const auto values = engine.results.values();
    const bool all = values.size() == std::size_t(tasks)
        && std::all_of(values.begin(), values.end(), [](std::int64_t digits) { return digits == 158; }); // 100! has 158 digits
    if (!workers.failure().empty() || !all)
        std::fprintf(stderr, "failure: '%s'; %zu results\n", workers.failure().c_str(), values.size());
    return workers.failure().empty() && all;
}

// Runs cancelled, as the command line cancels them, by the flood's first SIGINT: every one cancelled, none failed.
bool floodedRuns(int startMethod)
{
    ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
    params.tasks = 64;
    params.n = 20'000;
    params.startMethod = startMethod;
    params.interpreterStartupMs = 0;
    for (int attempt = 0; attempt < 10; ++attempt) {
        g_interrupted.store(false);
        ExperimentRun run("factorial-processes", params);
        run.start();
        {
            const SigintFlood flood;
            while (!run.isFinished()) { // as the command line waits for a run
                if (g_interrupted.load())
                    run.cancel();
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        const RunResult &r = run.wait();
        if (!r.cancelled || !r.failed.empty() || !r.error.empty()) {
            std::fprintf(stderr, "attempt %d: %s\n", attempt, describe(r).constData());
            return false;
        }
    }
    return true;
}

// The helper process: a process group of its own, so the flood reaches no one else (ctest, other
// tests) -- and no thread QTest started, which a sanitizer may keep from handling it; SIGINT handled
// by a flag, as the command line handles it, and blocked in every thread but the flood's sender.
int floodedHelper(const std::string &scenario, const std::string &method)
{
    if (::setpgid(0, 0) != 0) {
        std::perror("setpgid");
        return 2;
    }
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    action.sa_flags = SA_RESTART; // as std::signal installs it
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    const sigset_t sigint = sigintOnly();
    ::pthread_sigmask(SIG_BLOCK, &sigint, nullptr); // in the threads this one starts, too
    const StartMethod start = method == "spawn" ? StartMethod::Spawn : StartMethod::Fork;
    const bool ok = scenario == "starts" ? floodedStarts(start) : floodedRuns(start == StartMethod::Spawn ? 1 : 0);
    if (g_handled.load() == 0) {
        std::fprintf(stderr, "the flood never reached this process\n");
        return 3;
    }
    return ok && childProcesses().empty() ? 0 : 1;
}

WorkerSettings poolSettings()
{
    WorkerSettings settings;
    settings.sharedQueue = true;
    return settings;
}

} // namespace

class tst_WorkerProcesses : public QObject
{
    Q_OBJECT

private slots:
    void startMethods_data()
    {
        QTest::addColumn<int>("startMethod");
        QTest::newRow("fork") << 0;
        QTest::newRow("spawn") << 1;
    }

    // Whichever step the OS refuses a descriptor at -- the output's, the queue's
    // or a worker's socket, the shared lock's memory -- none is left open.
    void runningOutOfDescriptorsLeaksNone_data() { startMethods_data(); }
    void runningOutOfDescriptorsLeaksNone()
    {
        QFETCH(int, startMethod);
        const StartMethod method = startMethod ? StartMethod::Spawn : StartMethod::Fork;
        const std::set<int> before = openFds();
        int refused = 0, started = 0;
        for (int allowed = 0; allowed <= 12; ++allowed) {
            Engine engine;
            {
                const FdLimit limit(rlim_t(lowestFreeFd() + allowed));
                try {
                    WorkerProcesses workers(engine.ctx, method, poolSettings());
                    workers.start("Worker-1");
                    ++started;
                } catch (const std::runtime_error &) {
                    ++refused;
                }
            }
            QVERIFY2(openFds() == before, qPrintable(QStringLiteral("%1 more descriptors allowed").arg(allowed)));
        }
        QVERIFY(refused > 0);
        QVERIFY(started > 0);
    }

    // The worker's descriptors 3-5 are copied above them first; a copy the OS refuses
    // fails the start, and the copies made so far are closed.
    void aRefusedCopyOfADescriptorFailsTheStartAndLeaksNone()
    {
        const std::vector<FdMove> moves{{0, 3}, {1, 4}, {2, 5}}; // every source in the way of a target
        const std::set<int> before = openFds();
        for (int allowed = 0; allowed < 3; ++allowed) {
            pid_t pid = 0;
            int error = 0;
            {
                const FdLimit limit(rlim_t(std::max(6, lowestFreeFd()) + allowed));
                pid = spawnWorker("/bin/true", moves);
                error = errno;
            }
            QCOMPARE(pid, -1);
            QVERIFY2(error == EMFILE || error == EINVAL, std::strerror(error)); // no descriptor free, or none allowed that high
            QCOMPARE(openFds(), before);
        }
        const pid_t pid = spawnWorker("/bin/true", moves);
        QVERIFY(pid > 0);
        int status = -1;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QCOMPARE(openFds(), before);
    }

    // A pool whose workers end on their own, even with code 0, is broken, and says which one did what.
    void aWorkerThatEndsUnaskedBreaksThePool_data()
    {
        QTest::addColumn<QByteArray>("program");
        QTest::addColumn<QString>("reason");
        QTest::newRow("never answers its set-up") << QByteArray("/bin/true") << u"exited with code 0 before it answered its set-up"_qs;
        QTest::newRow("answers, then quits") << QByteArray(LAB_IDLE_WORKER) << u"exited with code 0 before it was told to quit"_qs;
    }
    void aWorkerThatEndsUnaskedBreaksThePool()
    {
        QFETCH(QByteArray, program);
        QFETCH(QString, reason);
        const EnvironmentOverride worker("LAB_WORKER", program.constData());
        Engine engine;
        WorkerProcesses workers(engine.ctx, StartMethod::Spawn, poolSettings());
        workers.start("SpawnPoolWorker-1");
        workers.start("SpawnPoolWorker-2");
        for (int task = 0; task < 4; ++task)
            workers.enqueue(WorkerJob{task, task, 1, 0, WorkerTask::PrintId});
        int results = 0;
        while (const auto notice = workers.next()) // until the pool is found broken
            results += notice->kind == WorkerProcesses::Notice::Result;
        QCOMPARE(results, 0);
        const QString failure = QString::fromStdString(workers.failure());
        QVERIFY2(failure.startsWith(u"SpawnPoolWorker-"_qs) && failure.endsWith(reason), qPrintable(failure));
        const auto failed = engine.results.failed();
        QVERIFY(!failed.empty());
        QCOMPARE(QString::fromStdString(failed.front().reason), reason);
        QCOMPARE(failed.front().exitCode, 0);
        QCOMPARE(failed.front().signal, 0);
    }

    // A task whose hand-off fails, because its worker has gone, is that worker's failure, not a task no one counts.
    void aTaskHandedToAWorkerThatHasGoneFails_data()
    {
        QTest::addColumn<bool>("reaped");
        QTest::addColumn<QString>("reason");
        QTest::newRow("gone") << false << u"exited with code 0 before it answered its set-up, without the result of task 7"_qs;
        QTest::newRow("gone and reaped") << true << u"had exited before it was given task 7"_qs;
    }
    void aTaskHandedToAWorkerThatHasGoneFails()
    {
        QFETCH(bool, reaped);
        QFETCH(QString, reason);
        const EnvironmentOverride worker("LAB_WORKER", "/bin/true");
        Engine engine;
        WorkerProcesses workers(engine.ctx, StartMethod::Spawn);
        const std::size_t w = workers.start("Process-8");
        QTRY_VERIFY_WITH_TIMEOUT(isZombie(workers.pid(w)), 10000);
        if (reaped)
            QTRY_VERIFY_WITH_TIMEOUT((workers.poll(), !isZombie(workers.pid(w))), 10000);
        QVERIFY(!workers.run(w, WorkerJob{-1, 7, 1, 100, WorkerTask::Factorial}));
        workers.quit(w);
        workers.waitAllExited();
        QCOMPARE(failedTasks(engine.results), std::set<int>{7});
        QStringList reasons;
        for (const FailedWorker &failed : engine.results.failed())
            reasons << QString::fromStdString(failed.name + ": " + failed.reason);
        QVERIFY2(reasons.contains(u"Process-8: "_qs + reason), qPrintable(reasons.join(u"; "_qs)));
        QVERIFY(QString::fromStdString(workers.failure()).startsWith(u"Process-8 (pid "_qs));
    }

    // A worker is in the engine's process group from its fork until it has moved to its own; a
    // signal sent to the group meanwhile (a terminal's Ctrl+C) was the engine's, and never ends the worker.
    // Ctrl+C while a run starts its workers: the command line's handler cancels the run, which ends
    // as cancelled, never with a worker "killed by signal 2". Each in a helper process (this program
    // again) that floods its own process group with SIGINT.
    void aSigintFloodOnTheEnginesGroup_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("startMethod");
        for (const QString &scenario : {u"starts"_qs, u"run"_qs})
            for (const QString &method : {u"fork"_qs, u"spawn"_qs})
                QTest::addRow("%s, %s", qPrintable(scenario), qPrintable(method)) << scenario << method;
    }
    void aSigintFloodOnTheEnginesGroup()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, startMethod);
        QProcess helper;
        helper.start(QCoreApplication::applicationFilePath(), {floodedHelperOption, scenario, startMethod});
        QVERIFY(helper.waitForFinished(120'000));
        QVERIFY2(helper.exitStatus() == QProcess::NormalExit && helper.exitCode() == 0, helper.readAllStandardError().constData());
    }

    // A worker that dies of a cancel signal -- sent to it too, as by `pkill -INT concurrency-lab` --
    // is part of the cancel that the same signal brings the engine, even when the engine reaps it first.
    void aWorkerEndedByACancelSignalIsPartOfTheCancel_data()
    {
        QTest::addColumn<int>("startMethod");
        QTest::addColumn<int>("signal");
        QTest::newRow("fork, SIGINT") << 0 << SIGINT;
        QTest::newRow("spawn, SIGINT") << 1 << SIGINT;
        QTest::newRow("spawn, SIGTERM") << 1 << SIGTERM;
        QTest::newRow("spawn, SIGHUP") << 1 << SIGHUP;
    }
    void aWorkerEndedByACancelSignalIsPartOfTheCancel()
    {
        QFETCH(int, startMethod);
        QFETCH(int, signal);
        ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
        params.tasks = 2;
        params.n = 2'000'000;
        params.startMethod = startMethod;
        params.interpreterStartupMs = 0;
        ExperimentRun run("factorial-processes", params);
        run.start();
        int victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT((victim = workerRunningATask(run)) != 0, 20000);
        QCOMPARE(::kill(victim, signal), 0);
        // Reaped by the engine (no such process any more) before the cancel comes.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(victim, 0) != 0 && errno == ESRCH, 20000);
        run.cancel();
        const RunResult &r = run.wait();
        QVERIFY2(r.cancelled && r.failed.empty() && r.error.empty(), describe(r).constData());
        QVERIFY(childProcesses().empty());
    }

    // Without a cancel, the same death is the worker's failure.
    void aWorkerEndedByACancelSignalWithoutACancelFails()
    {
        ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
        params.tasks = 1;
        params.n = 2'000'000;
        params.startMethod = 1;
        params.interpreterStartupMs = 0;
        ExperimentRun run("factorial-processes", params);
        run.start();
        int victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT((victim = workerRunningATask(run)) != 0, 20000);
        QCOMPARE(::kill(victim, SIGTERM), 0);
        const RunResult &r = run.wait();
        QVERIFY(!r.cancelled);
        QCOMPARE(r.failed.size(), std::size_t(1));
        QCOMPARE(r.failed.front().signal, SIGTERM);
        QCOMPARE(QString::fromStdString(r.failed.front().reason), u"was killed by signal 15 (Terminated) before returning the result of task 0"_qs);
    }

    void aMissingWorkerProgramLeaksNoDescriptor()
    {
        const EnvironmentOverride worker("LAB_WORKER", "/nonexistent/concurrency-lab-worker");
        Engine engine;
        const std::set<int> before = openFds();
        {
            WorkerProcesses workers(engine.ctx, StartMethod::Spawn, poolSettings());
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, workers.start("SpawnPoolWorker-1"));
        }
        QCOMPARE(openFds(), before);
    }
};

int main(int argc, char **argv)
{
    if (argc == 4 && floodedHelperOption == QLatin1StringView(argv[1]))
        return floodedHelper(argv[2], argv[3]);
    QCoreApplication app(argc, argv);
    tst_WorkerProcesses test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_workerprocesses.moc"
