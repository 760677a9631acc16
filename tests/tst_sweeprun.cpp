// The worker-count sweep: its figures and its runs.
#include "CancelToken.h"
#include "SweepReport.h"
#include "SweepRun.h"

#include <QJsonArray>
#include <QTest>

#include <thread>

using namespace lab;
using namespace Qt::StringLiterals;

class tst_SweepRun : public QObject
{
    Q_OBJECT

private slots:
    void figures_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("cores");
        QTest::addColumn<double>("wallS");
        QTest::addColumn<double>("idealS");
        QTest::addColumn<double>("speedup");
        QTest::addColumn<double>("efficiency");
        // T1 = 4 s throughout.
        QTest::newRow("1 worker") << 1 << 2 << 4.0 << 4.0 << 1.0 << 1.0;
        QTest::newRow("2 workers, 2 cores, ideal") << 2 << 2 << 2.0 << 2.0 << 2.0 << 1.0;
        QTest::newRow("2 workers, 2 cores, real") << 2 << 2 << 2.5 << 2.0 << 1.6 << 0.8;
        QTest::newRow("8 workers on 2 cores: ideal stays T1/2") << 8 << 2 << 2.5 << 2.0 << 1.6 << 0.8;
        QTest::newRow("512 workers, slower than one") << 512 << 2 << 8.0 << 2.0 << 0.5 << 0.25;
        QTest::newRow("4 workers on 8 cores") << 4 << 8 << 1.0 << 1.0 << 4.0 << 1.0;
    }
    void figures()
    {
        QFETCH(int, workers);
        QFETCH(int, cores);
        QFETCH(double, wallS);
        QFETCH(double, idealS);
        QFETCH(double, speedup);
        QFETCH(double, efficiency);
        SweepResult result;
        result.cpuCount = cores;
        result.t1Ns = 4'000'000'000;
        SweepPoint point;
        point.workers = workers;
        point.wallNs = std::int64_t(wallS * 1e9);
        result.points = {point};
        computeSweepFigures(result);
        QCOMPARE(result.points[0].idealNs / 1e9, idealS);
        QVERIFY(qAbs(result.points[0].speedup - speedup) < 1e-9);
        QVERIFY(qAbs(result.points[0].efficiency - efficiency) < 1e-9);
    }

    void defaultWorkersDoubleUpTo512()
    {
        QCOMPARE(defaultSweepWorkers(), (std::vector<int>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}));
    }

    void pointsComeInTheOrderAskedWithT1MeasuredFirst()
    {
        SweepSpec spec;
        spec.workers = {4, 2};
        spec.tasks = 4;
        spec.n = 2000;
        spec.repeat = 3;
        CancelToken cancel;
        std::vector<int> progress;
        const SweepResult result = runSweep(spec, cancel, [&](const SweepResult &partial) { progress.push_back(partial.points.back().workers); });
        QVERIFY2(result.error.empty(), result.error.c_str());
        QVERIFY(!result.cancelled);
        QVERIFY(result.t1Ns > 0); // measured although 1 is not in the list
        QCOMPARE(progress, (std::vector<int>{4, 2}));
        QCOMPARE(result.points.size(), std::size_t(2));
        QCOMPARE(result.points[0].workers, 4);
        QCOMPARE(result.points[1].workers, 2);
        for (const SweepPoint &p : result.points) {
            QCOMPARE(p.repeatsNs.size(), std::size_t(3));
            auto sorted = p.repeatsNs;
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(p.wallNs, sorted[1]); // the median
            QVERIFY(qAbs(p.speedup - double(result.t1Ns) / double(p.wallNs)) < 1e-9);
        }
        const QJsonObject json = SweepReport::toJson(result);
        QCOMPARE(json.value(u"points"_s).toArray().size(), 2);
        QCOMPARE(SweepReport::toCsv(result).count('\n'), 3);
    }

    void threadPoolSweepWithTheGil()
    {
        SweepSpec spec;
        spec.pool = PoolKind::Thread;
        spec.gil = true;
        spec.workers = {1, 2};
        spec.tasks = 4;
        spec.n = 2000;
        CancelToken cancel;
        const SweepResult result = runSweep(spec, cancel);
        QVERIFY2(result.error.empty(), result.error.c_str());
        QCOMPARE(result.points.size(), std::size_t(2));
        QCOMPARE(result.t1Ns, result.points[0].wallNs);
        QVERIFY(SweepReport::toTable(result).contains(u"GIL on (model)"_s));
    }

    void cancelStopsBetweenPoints()
    {
        SweepSpec spec;
        spec.workers = {1, 2, 4, 8, 16, 32, 64};
        spec.tasks = 8;
        spec.n = 400000;
        CancelToken cancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            cancel.cancel();
        });
        const auto t0 = std::chrono::steady_clock::now();
        const SweepResult result = runSweep(spec, cancel);
        canceller.join();
        QVERIFY(result.cancelled);
        QVERIFY(result.points.size() < spec.workers.size());
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
    }
};

QTEST_GUILESS_MAIN(tst_SweepRun)
#include "tst_sweeprun.moc"
