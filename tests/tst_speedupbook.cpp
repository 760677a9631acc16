#include "SpeedupBook.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

RunResult finished(const char *experiment, std::int64_t wallNs, int tasks = 3, int sleepMs = 60)
{
    RunResult r;
    r.experiment = experiment;
    r.params.tasks = tasks;
    r.params.sleepMs = sleepMs;
    r.wallNs = wallNs;
    return r;
}

} // namespace

class TestSpeedupBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theBaselineSaysSo()
    {
        SpeedupBook book;
        const QString text = book.summary(finished("sleep-sequential", 180 * ms));
        QCOMPARE(text, u"<b>sleep-sequential</b>: wall time <b>0.180 s</b> — the baseline for this group's speedups"_s);
        QCOMPARE(book.baselineNs(finished("sleep-threads", 60 * ms)), std::optional<std::int64_t>(180 * ms));
    }

    void speedupOverTheSameWorkload()
    {
        SpeedupBook book;
        book.summary(finished("sleep-sequential", 180 * ms));
        QCOMPARE(book.summary(finished("sleep-threads", 60 * ms)),
                 u"<b>sleep-threads</b>: wall time <b>0.060 s</b> — speedup <b>3.00×</b> over sleep-sequential (0.180 s)"_s);
        // A newer baseline of the same workload replaces the older.
        book.summary(finished("sleep-sequential", 240 * ms));
        QVERIFY(book.summary(finished("sleep-fine-lock", 60 * ms)).contains(u"speedup <b>4.00×</b>"_s));
    }

    void anotherWorkloadHasNoBaselineYet()
    {
        SpeedupBook book;
        book.summary(finished("sleep-sequential", 180 * ms, 3));
        const QString text = book.summary(finished("sleep-threads", 60 * ms, 4));
        QCOMPARE(text, u"<b>sleep-threads</b>: wall time <b>0.060 s</b> — run sleep-sequential with the same workload to see the speedup"_s);
        QCOMPARE(book.baselineNs(finished("sleep-threads", 60 * ms, 4)), std::nullopt);
        // Nor does another group: the CPU-bound baseline is factorial-sequential.
        QVERIFY(book.summary(finished("factorial-threads", 60 * ms, 3)).contains(u"run factorial-sequential"_s));
    }

    void howTheWorkRunsIsNotTheWorkload()
    {
        ExperimentParams gilOn;
        gilOn.tasks = 4;
        gilOn.n = 3000;
        ExperimentParams gilOff = gilOn;
        gilOff.gil = 0;
        gilOff.workers = 3;
        QCOMPARE(SpeedupBook::workloadKey(u"factorial-sequential"_s, gilOn), SpeedupBook::workloadKey(u"factorial-sequential"_s, gilOff));
        ExperimentParams bigger = gilOn;
        bigger.n = 4000;
        QVERIFY(SpeedupBook::workloadKey(u"factorial-sequential"_s, gilOn) != SpeedupBook::workloadKey(u"factorial-sequential"_s, bigger));
        QCOMPARE(SpeedupBook::workloadKey(u"no-such-experiment"_s, gilOn), u"no-such-experiment"_s);
    }

    void noBaselineNoSpeedup()
    {
        SpeedupBook book;
        // The Scaling group has no baseline: the wall time alone.
        QCOMPARE(book.summary(finished("pool-order", 50 * ms)), u"<b>pool-order</b>: wall time <b>0.050 s</b>"_s);
        // A run too short to measure divides by nothing.
        book.summary(finished("sleep-sequential", 180 * ms));
        QVERIFY(!book.summary(finished("sleep-threads", 0)).contains(u"speedup <b>"_s));
    }

    void longRunsShowTwoDecimals()
    {
        SpeedupBook book;
        QVERIFY(book.summary(finished("sleep-sequential", 12'345 * ms)).contains(u"<b>12.35 s</b>"_s));
    }
};

QTEST_GUILESS_MAIN(TestSpeedupBook)
#include "tst_speedupbook.moc"
