// WorkerProcesses: how worker processes start and end -- descriptors, what
// counts as a worker's failure, and signals sent to the engine's process group.
#include "RunContext.h"
#include "WorkerLaunch.h"
#include "WorkerProcesses.h"

#include <QTest>

#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
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

    // Whichever step the OS refuses a descriptor at -- a socket, moving one
    // out of the worker's way, the shared lock's memory -- none is left open.
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
                    workers.start("SpawnPoolWorker-1");
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

QTEST_GUILESS_MAIN(tst_WorkerProcesses)
#include "tst_workerprocesses.moc"
