#include "ExperimentRun.h"
#include "Factorial.h"
#include "ResourceCheck.h"

#include <QProcess>
#include <QTest>

#include <cstdlib>
#include <filesystem>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr const char *childModeVariable = "LAB_LIMITED_CHILD";

// The checks that need a process limit run in a child: this test program
// started again, which drops root (root is not held to RLIMIT_NPROC), allows
// itself three more threads than it has and runs one case. Its exit code is 0
// when the case's checks hold.
int limitedChild(const std::string &mode)
{
    if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        return 90;
    const auto limit = rlim_t(ResourceCheck::userTaskCount() + 3);
    const rlimit r{limit, limit};
    if (setrlimit(RLIMIT_NPROC, &r) != 0)
        return 91;
    ExperimentParams params;
    params.tasks = 20;
    params.sleepMs = 5000;
    if (mode == "check") {
        const auto refused = ResourceCheck::forRun("sleep-threads", params);
        if (!refused || refused->find("--tasks: 20 needs 21 threads and processes") == std::string::npos
            || refused->find("ulimit -u " + std::to_string(limit)) == std::string::npos)
            return 1;
        return ResourceCheck::forRun("sleep-sequential", params) ? 2 : 0; // needs no extra thread
    }
    if (mode == "processes") {
        ExperimentParams pool = defaultParams(*findExperiment("factorial-process-pool"));
        pool.workers = 8;
        const auto refused = ResourceCheck::forRun("factorial-process-pool", pool);
        if (!refused || refused->find("--workers: 8 needs 9 threads and processes") == std::string::npos)
            return 6;
        pool.workers = 2; // two worker processes and MainThread fit in the three allowed
        return ResourceCheck::forRun("factorial-process-pool", pool) ? 7 : 0;
    }
    if (mode == "sweep") {
        SweepSpec spec;
        spec.workers = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
        const auto refused = ResourceCheck::forSweep(spec);
        // Three allowed: a pool of 1 fits (with the sweep's thread and MainThread);
        // a pool of 2 needs 4 and is the first refused.
        if (!refused || refused->find("--workers: a process pool of 2 needs 4") == std::string::npos)
            return 8;
        spec.workers = {1};
        return ResourceCheck::forSweep(spec) ? 9 : 0;
    }
    if (mode == "refuse") {
        // Past the pre-flight check (which a caller may skip) the OS itself refuses
        // a thread: the run must end cleanly, join what it started and say why.
        const auto t0 = Clock::nowNs();
        const RunResult result = ExperimentRun::runToEnd("sleep-threads", params);
        if (result.error.find("the OS refused to start") == std::string::npos) // Thread-N, or the run itself
            return 3;
        if (result.cancelled || result.startOrder.size() >= 20)
            return 4;
        if (Clock::nowNs() - t0 > 3'000'000'000) // the started threads were stopped, not slept out
            return 5;
        return 0;
    }
    return 99;
}

int runLimitedChild(const QString &mode)
{
    QProcess child;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(childModeVariable), mode);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    if (!child.waitForFinished(60'000)) {
        child.kill();
        child.waitForFinished();
        return -1;
    }
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -2;
}

} // namespace

class tst_ResourceCheck : public QObject
{
    Q_OBJECT

private slots:
    void countsThreadsTheExperimentStarts();
    void seesThisProcessesThreads();
    void refusesARunOverTheProcessLimit();
    void aRefusedThreadIsReportedNotACrash();
    void refusesAPoolOverTheProcessLimit() { QCOMPARE(runLimitedChild(u"processes"_s), 0); }
    void refusesASweepBeforeItStarts() { QCOMPARE(runLimitedChild(u"sweep"_s), 0); }
    void refusesFactorialsThatCannotFitInMemory()
    {
        ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
        params.tasks = 512;
        params.n = 10'000'000;
        const auto refused = ResourceCheck::forRun("factorial-processes", params);
        const auto available = Factorial::availableBytes();
        if (!available || *available >= 512 * Factorial::peakBytes(params.n))
            QSKIP("this machine has room for 512 computations of 10000000!");
        QVERIFY(refused);
        QVERIFY2(refused->find("--n: 512 computations of 10000000!") != std::string::npos, refused->c_str());
    }
};

void tst_ResourceCheck::countsThreadsTheExperimentStarts()
{
    ExperimentParams params;
    params.tasks = 7;
    QCOMPARE(ResourceCheck::threadsNeeded("sleep-sequential", params), 0);
    QCOMPARE(ResourceCheck::threadsNeeded("sleeper-run", params), 0);
    QCOMPARE(ResourceCheck::threadsNeeded("sleep-threads", params), 7);
    QCOMPARE(ResourceCheck::threadsNeeded("sleeper-lock", params), 7);
    QCOMPARE(ResourceCheck::threadsNeeded("factorial-processes", params), 7);
    params.workers = 3;
    QCOMPARE(ResourceCheck::threadsNeeded("factorial-process-pool", params), 3);
    QCOMPARE(ResourceCheck::threadsNeeded("factorial-thread-pool", params), 3);
    params.workers = 20; // a thread pool starts no more threads than it has tasks
    QCOMPARE(ResourceCheck::threadsNeeded("factorial-thread-pool", params), 7);
    QCOMPARE(ResourceCheck::threadsNeeded("factorial-sequential", params), 0);
}

// The count covers every thread of this process (other processes of the user may come and go).
void tst_ResourceCheck::seesThisProcessesThreads()
{
    ExperimentParams params;
    params.tasks = 6;
    params.sleepMs = 5000;
    params.gil = 0; // no GIL lane: one lane per thread
    ExperimentRun run("sleep-threads", params);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.recorder().laneCount() == 7, 5000);
    const auto own = std::distance(std::filesystem::directory_iterator("/proc/self/task"), std::filesystem::directory_iterator());
    QVERIFY(own >= 8); // this test's thread, MainThread, Thread-1..6
    QVERIFY(ResourceCheck::userTaskCount() >= own);
    run.cancel();
    run.wait();
}

void tst_ResourceCheck::refusesARunOverTheProcessLimit() { QCOMPARE(runLimitedChild(u"check"_s), 0); }

void tst_ResourceCheck::aRefusedThreadIsReportedNotACrash() { QCOMPARE(runLimitedChild(u"refuse"_s), 0); }

int main(int argc, char *argv[])
{
    if (const char *mode = std::getenv(childModeVariable))
        std::_Exit(limitedChild(mode)); // no exit-time sanitizer work under the limit
    QCoreApplication app(argc, argv);
    tst_ResourceCheck test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_resourcecheck.moc"
