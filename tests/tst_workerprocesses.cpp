// WorkerProcesses: how worker processes start and end -- descriptors, what
// counts as a worker's failure, and signals sent to the engine's process group.
#include "RunContext.h"
#include "WorkerLaunch.h"
#include "WorkerProcesses.h"

#include <QTest>

#include <cstring>
#include <dirent.h>
#include <fcntl.h>
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
