#include "ExperimentRun.h"
#include "ResourceCheck.h"

#include <QTest>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace lab;

namespace {

// Runs `body` in a child process held to a process limit of `limit` tasks, as
// an unprivileged user (root ignores RLIMIT_NPROC). Returns the child's exit
// code: `body` returns 0 when its checks hold.
int inLimitedChild(rlim_t limit, int (*body)())
{
    const pid_t pid = fork();
    if (pid == 0) {
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(90);
        const rlimit r{limit, limit};
        if (setrlimit(RLIMIT_NPROC, &r) != 0)
            _exit(91);
        _exit(body());
    }
    int status = 0;
    const auto deadline = Clock::nowNs() + 60'000'000'000;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::nowNs() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        QTest::qWait(10);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
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
};

void tst_ResourceCheck::countsThreadsTheExperimentStarts()
{
    ExperimentParams params;
    params.tasks = 7;
    QCOMPARE(ResourceCheck::threadsNeeded("sleep-sequential", params), 0);
    QCOMPARE(ResourceCheck::threadsNeeded("sleeper-run", params), 0);
    QCOMPARE(ResourceCheck::threadsNeeded("sleep-threads", params), 7);
    QCOMPARE(ResourceCheck::threadsNeeded("sleeper-lock", params), 7);
}

void tst_ResourceCheck::seesThisProcessesThreads()
{
    const int before = ResourceCheck::userTaskCount();
    QVERIFY(before >= 1);
    ExperimentParams params;
    params.tasks = 6;
    params.sleepMs = 2000;
    ExperimentRun run("sleep-threads", params);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.recorder().laneCount() == 7, 5000);
    QVERIFY(ResourceCheck::userTaskCount() >= before + 7);
    run.cancel();
    run.wait();
}

void tst_ResourceCheck::refusesARunOverTheProcessLimit()
{
    const int code = inLimitedChild(4, [] {
        ExperimentParams params;
        params.tasks = 20;
        const auto refused = ResourceCheck::forRun("sleep-threads", params);
        if (!refused || refused->find("--tasks") == std::string::npos || refused->find("ulimit -u 4") == std::string::npos)
            return 1;
        // Sequential runs need no extra thread and still fit.
        return ResourceCheck::forRun("sleep-sequential", params) ? 2 : 0;
    });
    QCOMPARE(code, 0);
}

// Past the pre-flight check (which a caller may skip), the OS itself refuses
// threads: the run must end cleanly, join what it started and say why.
void tst_ResourceCheck::aRefusedThreadIsReportedNotACrash()
{
    const int code = inLimitedChild(4, [] {
        ExperimentParams params;
        params.tasks = 20;
        params.sleepMs = 5000;
        const auto t0 = Clock::nowNs();
        const RunResult result = ExperimentRun::runToEnd("sleep-threads", params);
        if (result.error.find("the OS refused to start Thread-") == std::string::npos)
            return 1;
        if (result.cancelled || result.startOrder.size() >= 20)
            return 2;
        if (Clock::nowNs() - t0 > 3'000'000'000) // the started threads were stopped, not slept out
            return 3;
        return 0;
    });
    QCOMPARE(code, 0);
}

QTEST_GUILESS_MAIN(tst_ResourceCheck)
#include "tst_resourcecheck.moc"
