// Not part of the suite: built with LAB_TSAN_CANARY (the tsan preset), and it
// passes only if ThreadSanitizer reports its deliberate race, which proves that
// .ci/tsan.supp does not hide a race between a test body and a std::thread.
#include <QTest>

#include <atomic>
#include <thread>

class tst_TsanCanary : public QObject
{
    Q_OBJECT

private slots:
    void testBodyRaceIsReported();
};

void tst_TsanCanary::testBodyRaceIsReported()
{
    int value = 0;
    // Relaxed: it orders nothing, so no happens-before from the write to the read.
    std::atomic<bool> written{false};
    std::thread writer([&] {
        value = 42;
        written.store(true, std::memory_order_relaxed);
    });
    while (!written.load(std::memory_order_relaxed))
        std::this_thread::yield();
    const int seen = value; // the race
    writer.join();
    QCOMPARE(seen, 42);
}

QTEST_GUILESS_MAIN(tst_TsanCanary)
#include "tst_tsancanary.moc"
