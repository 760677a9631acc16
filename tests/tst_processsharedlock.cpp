// ProcessSharedLock: one lock, several processes.
#include "ProcessSharedLock.h"

#include <QTest>

#include <csignal>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace lab;

namespace {

struct Shared
{
    int counter = 0;
};

// Forks `children` processes that each add 1 to the counter `rounds` times,
// read-yield-write, under the lock; returns once all are reaped.
void hammer(ProcessSharedLock &lock, Shared *shared, int children, int rounds, bool byName)
{
    std::vector<pid_t> pids;
    for (int c = 0; c < children; ++c) {
        const pid_t pid = fork();
        if (pid == 0) {
            std::unique_ptr<ProcessSharedLock> mapped;
            ProcessSharedLock *use = &lock;
            if (byName) { // as a spawned worker does
                mapped = ProcessSharedLock::open(lock.name());
                if (!mapped)
                    _exit(2);
                use = mapped.get();
            }
            for (int r = 0; r < rounds; ++r) {
                use->lock();
                use->lock(); // re-entrant, as multiprocessing.RLock
                const int seen = shared->counter;
                sched_yield();
                shared->counter = seen + 1;
                use->unlock();
                use->unlock();
            }
            _exit(0);
        }
        pids.push_back(pid);
    }
    for (pid_t pid : pids) {
        int status = 0;
        QCOMPARE(waitpid(pid, &status, 0), pid);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
}

} // namespace

class tst_ProcessSharedLock : public QObject
{
    Q_OBJECT

private slots:
    void excludesOtherProcesses_data()
    {
        QTest::addColumn<bool>("byName");
        QTest::newRow("inherited (fork)") << false;
        QTest::newRow("mapped by name (spawn)") << true;
    }
    void excludesOtherProcesses()
    {
        QFETCH(bool, byName);
        ProcessSharedLock lock(byName);
        QCOMPARE(lock.name().empty(), !byName);
        auto *shared = static_cast<Shared *>(mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
        QVERIFY(shared != MAP_FAILED);
        hammer(lock, shared, 4, 2000, byName);
        QCOMPARE(shared->counter, 4 * 2000); // not one update lost
        munmap(shared, sizeof(Shared));
    }

    void aHolderThatDiesDoesNotBlockTheOthers()
    {
        ProcessSharedLock lock(false);
        const pid_t pid = fork();
        if (pid == 0) {
            lock.lock();
            raise(SIGKILL); // dies holding it
        }
        int status = 0;
        QCOMPARE(waitpid(pid, &status, 0), pid);
        QVERIFY(WIFSIGNALED(status));
        QVERIFY(lock.tryLock()); // robust: the next one gets it
        lock.unlock();
        QVERIFY(lock.tryLock());
        lock.unlock();
    }

    void aNameThatIsGoneCannotBeOpened()
    {
        std::string name;
        {
            ProcessSharedLock lock(true);
            name = lock.name();
            QVERIFY(ProcessSharedLock::open(name));
        }
        QVERIFY(!ProcessSharedLock::open(name)); // the creator unlinked it
    }
};

QTEST_GUILESS_MAIN(tst_ProcessSharedLock)
#include "tst_processsharedlock.moc"
