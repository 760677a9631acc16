#include "ScalingChart.h"
#include "ScalingTab.h"
#include "SweepController.h"
#include "SweepRun.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

template<typename T>
T *child(const ScalingTab &tab, const QString &name)
{
    T *w = tab.findChild<T *>(name);
    Q_ASSERT(w);
    return w;
}

void setMaxWorkers(const ScalingTab &tab, int workers)
{
    auto *box = child<QComboBox>(tab, u"sweepMaxWorkers"_s);
    box->setCurrentIndex(box->findData(workers));
}

QString status(const ScalingTab &tab)
{
    return child<QLabel>(tab, u"sweepStatus"_s)->text();
}

} // namespace

class TestScalingTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theFormDescribesTheSweep()
    {
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        SweepSpec spec = tab.spec();
        QCOMPARE(spec.pool, PoolKind::Process);
        QVERIFY(spec.gil);
        std::vector<int> upTo64;
        for (int w : defaultSweepWorkers())
            if (w <= 64)
                upTo64.push_back(w);
        QCOMPARE(spec.workers, upTo64);
        QCOMPARE(spec.tasks, 30);
        QCOMPARE(spec.repeat, 1);
        QCOMPARE(spec.startMethod, StartMethod::Fork);

        child<QComboBox>(tab, u"sweepPool"_s)->setCurrentIndex(2);
        setMaxWorkers(tab, 4);
        child<QSpinBox>(tab, u"sweepTasks"_s)->setValue(8);
        child<QSpinBox>(tab, u"sweepN"_s)->setValue(2000);
        child<QSpinBox>(tab, u"sweepRepeat"_s)->setValue(3);
        child<QComboBox>(tab, u"sweepStartMethod"_s)->setCurrentIndex(1);
        child<QComboBox>(tab, u"sweepPoolApi"_s)->setCurrentIndex(1);
        spec = tab.spec();
        QCOMPARE(spec.pool, PoolKind::Thread);
        QVERIFY(!spec.gil);
        QCOMPARE(spec.workers, std::vector<int>({1, 2, 4}));
        QCOMPARE(spec.tasks, 8);
        QCOMPARE(spec.n, 2000);
        QCOMPARE(spec.repeat, 3);
        QCOMPARE(spec.startMethod, StartMethod::Spawn);
        QCOMPARE(spec.poolApi, 1);
        child<QComboBox>(tab, u"sweepPool"_s)->setCurrentIndex(1);
        QCOMPARE(tab.spec().pool, PoolKind::Thread);
        QVERIFY(tab.spec().gil);
    }

    // The lesson's sweep: the form shows what it runs, and reads back the same.
    void aGivenSweepShowsInTheForm()
    {
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        SweepSpec lesson;
        lesson.pool = PoolKind::Thread;
        lesson.gil = false;
        lesson.workers = {1, 2, 4, 8};
        lesson.tasks = 12;
        lesson.n = 3000;
        lesson.repeat = 2;
        tab.setSpec(lesson);
        const SweepSpec shown = tab.spec();
        QCOMPARE(shown.pool, PoolKind::Thread);
        QVERIFY(!shown.gil);
        QCOMPARE(shown.workers, lesson.workers);
        QCOMPARE(shown.tasks, 12);
        QCOMPARE(shown.n, 3000);
        QCOMPARE(shown.repeat, 2);
        lesson.pool = PoolKind::Process;
        lesson.workers = defaultSweepWorkers();
        tab.setSpec(lesson);
        QCOMPARE(tab.spec().pool, PoolKind::Process);
        QCOMPARE(tab.spec().workers, defaultSweepWorkers()); // up to 512
    }

    void threadPoolsHaveNoStartMethodNorPoolApi()
    {
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        auto *pool = child<QComboBox>(tab, u"sweepPool"_s);
        pool->setCurrentIndex(1);
        QVERIFY(!child<QComboBox>(tab, u"sweepStartMethod"_s)->isEnabled());
        QVERIFY(!child<QComboBox>(tab, u"sweepPoolApi"_s)->isEnabled());
        pool->setCurrentIndex(0);
        QVERIFY(child<QComboBox>(tab, u"sweepStartMethod"_s)->isEnabled());
        QVERIFY(child<QComboBox>(tab, u"sweepPoolApi"_s)->isEnabled());
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"lab.ini"_s), QSettings::IniFormat);
        SweepController sweeps;
        {
            ScalingTab tab(&sweeps);
            child<QComboBox>(tab, u"sweepPool"_s)->setCurrentIndex(1);
            setMaxWorkers(tab, 16);
            child<QSpinBox>(tab, u"sweepN"_s)->setValue(12345);
            child<QSpinBox>(tab, u"sweepRepeat"_s)->setValue(5);
            child<QComboBox>(tab, u"sweepPoolApi"_s)->setCurrentIndex(1);
            tab.saveSettings(settings);
        }
        ScalingTab tab(&sweeps);
        tab.restoreSettings(settings);
        const SweepSpec spec = tab.spec();
        QCOMPARE(spec.pool, PoolKind::Thread);
        QCOMPARE(spec.workers.back(), 16);
        QCOMPARE(spec.n, 12345);
        QCOMPARE(spec.repeat, 5);
        QCOMPARE(spec.poolApi, 1);
    }

    void valuesOutOfRangeAreDropped()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"lab.ini"_s), QSettings::IniFormat);
        settings.setValue(u"pool"_s, 7);
        settings.setValue(u"startMethod"_s, -1);
        settings.setValue(u"maxWorkers"_s, 3); // not a power of two
        settings.setValue(u"repeat"_s, 1000);
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        tab.restoreSettings(settings);
        const SweepSpec spec = tab.spec();
        QCOMPARE(spec.pool, PoolKind::Process);
        QCOMPARE(spec.startMethod, StartMethod::Fork);
        QCOMPARE(spec.workers.back(), 64);
        QCOMPARE(spec.repeat, 99); // the most the form takes
        QCOMPARE(spec.tasks, 30);  // absent: as it was
    }

    void aSweepFillsTheChart()
    {
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        QSignalSpy started(&tab, &ScalingTab::sweepStarted);
        QSignalSpy changed(&tab, &ScalingTab::stateChanged);
        QSignalSpy message(&tab, &ScalingTab::statusMessage);
        child<QComboBox>(tab, u"sweepPool"_s)->setCurrentIndex(2); // threads without the GIL: no processes
        setMaxWorkers(tab, 2);
        child<QSpinBox>(tab, u"sweepTasks"_s)->setValue(2);
        child<QSpinBox>(tab, u"sweepN"_s)->setValue(1000);
        child<QPushButton>(tab, u"sweepRun"_s)->click();
        QVERIFY(sweeps.isRunning());
        QCOMPARE(started.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(tab.chart()->sweepCount(), 1);
        QVERIFY(child<QPushButton>(tab, u"sweepStop"_s)->isEnabled());
        QCOMPARE(message.last().at(0).toString(), u"Sweeping thread pool, GIL off from 1 to 2 workers…"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!sweeps.isRunning(), 60'000);
        QTRY_COMPARE(changed.count(), 2);
        QVERIFY2(status(tab).startsWith(u"Done: 2 worker counts, T1 = "_s), qPrintable(status(tab)));
        QVERIFY(!child<QPushButton>(tab, u"sweepStop"_s)->isEnabled());
        QCOMPARE(message.last().at(0).toString(), u"Sweep finished"_s);
    }

    void oneSweepAtATimeAndStopKeepsThePoints()
    {
        SweepController sweeps;
        ScalingTab tab(&sweeps);
        QSignalSpy message(&tab, &ScalingTab::statusMessage);
        child<QComboBox>(tab, u"sweepPool"_s)->setCurrentIndex(2);
        setMaxWorkers(tab, 8);
        child<QSpinBox>(tab, u"sweepTasks"_s)->setValue(64);
        child<QSpinBox>(tab, u"sweepN"_s)->setValue(200'000);
        tab.run();
        QVERIFY(sweeps.isRunning());
        tab.run();
        QVERIFY2(status(tab).contains(u"<b>Not started:</b> A sweep is still going"_s), qPrintable(status(tab)));
        QVERIFY(message.last().at(0).toString().startsWith(u"Sweep not started: "_s));
        QCOMPARE(tab.chart()->sweepCount(), 1);
        tab.stop();
        QCOMPARE(status(tab), u"Stopping…"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!sweeps.isRunning(), 60'000);
        QTRY_VERIFY2(status(tab).startsWith(u"<b>Stopped</b> after "_s), qPrintable(status(tab)));
        QVERIFY(status(tab).endsWith(u" of 4 worker counts"_s));
        QCOMPARE(tab.chart()->sweepCount(), 1);
    }
};

QTEST_MAIN(TestScalingTab)
#include "tst_scalingtab.moc"
