#include "LabResources.h"
#include "PythonPane.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

class TstPythonPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initResources(); }
    void defaultsLeaveTheSnippetAsItIs_data();
    void defaultsLeaveTheSnippetAsItIs();
    void valuesReplaceTheConstants_data();
    void valuesReplaceTheConstants();
    void executorRunsShowTheExecutorVariant_data();
    void executorRunsShowTheExecutorVariant();
    void paneShowsTheRunsValues();
};

void TstPythonPane::defaultsLeaveTheSnippetAsItIs_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("poolApi");
    for (const ExperimentInfo &e : catalog()) {
        QTest::newRow(e.id.c_str()) << QString::fromStdString(e.id) << 0;
        if (usesParam(e, "pool-api"))
            QTest::addRow("%s executor", e.id.c_str()) << QString::fromStdString(e.id) << 1;
    }
}

void TstPythonPane::defaultsLeaveTheSnippetAsItIs()
{
    // Every experiment has a snippet (and each pool API its own), written with the catalog's defaults.
    QFETCH(QString, id);
    QFETCH(int, poolApi);
    ExperimentParams params = defaultParams(*findExperiment(id.toStdString()));
    params.poolApi = poolApi;
    const QString name = PythonPane::snippetName(id, params);
    QCOMPARE(name, poolApi == 1 ? id + u"-executor"_s : id);
    const QString code = PythonPane::snippet(name);
    QVERIFY(!code.isEmpty());
    QCOMPARE(PythonPane::withValues(code, params), code);
}

void TstPythonPane::valuesReplaceTheConstants_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("expected");
    const QString constants = u"TASKS = 5\nN = 100_000     # comment stays\nPAUSE = 0.1  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("tasks") << constants << u"tasks"_s << 12
                           << u"TASKS = 12\nN = 100_000     # comment stays\nPAUSE = 0.1  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("n, big") << constants << u"n"_s << 1'234'567
                            << u"TASKS = 5\nN = 1_234_567     # comment stays\nPAUSE = 0.1  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("n, small") << constants << u"n"_s << 5000
                              << u"TASKS = 5\nN = 5000     # comment stays\nPAUSE = 0.1  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("pause 250 ms") << constants << u"sleep-ms"_s << 250
                                  << u"TASKS = 5\nN = 100_000     # comment stays\nPAUSE = 0.25  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("pause 1 ms") << constants << u"sleep-ms"_s << 1
                                << u"TASKS = 5\nN = 100_000     # comment stays\nPAUSE = 0.001  # seconds\nNOT_TASKS = 5\n"_s;
    QTest::newRow("pause 2 s") << constants << u"sleep-ms"_s << 2000
                               << u"TASKS = 5\nN = 100_000     # comment stays\nPAUSE = 2  # seconds\nNOT_TASKS = 5\n"_s;
    const QString pool = u"    workers = os.cpu_count() or 1     # the executor's default\n"_s;
    QTest::newRow("workers set") << pool << u"workers"_s << 8 << u"    workers = 8\n"_s;
    QTest::newRow("workers default") << pool << u"workers"_s << 0 << pool;
    const QString start = u"    mp.set_start_method(\"fork\")    # or \"spawn\": slower\n"_s;
    QTest::newRow("spawn") << start << u"start-method"_s << 1
                           << u"    mp.set_start_method(\"spawn\")    # or \"fork\": a copy of this process, quicker to start\n"_s;
    QTest::newRow("fork") << start << u"start-method"_s << 0 << start;

    // A pool at its default size: the constructor gets the run's, and the comment on the default goes.
    const QString mpPool = u"    with Pool() as pool:  # default: one worker per core\n"_s;
    QTest::newRow("Pool() sized") << mpPool << u"workers"_s << 3 << u"    with Pool(processes=3) as pool:\n"_s;
    QTest::newRow("Pool() default") << mpPool << u"workers"_s << 0 << mpPool;
    QTest::newRow("ProcessPoolExecutor() sized")
        << u"with ProcessPoolExecutor() as pool:\n"_s << u"workers"_s << 16 << u"with ProcessPoolExecutor(max_workers=16) as pool:\n"_s;
    QTest::newRow("ThreadPoolExecutor() sized") << u"with ThreadPoolExecutor() as pool:  # default: min(32, cores + 4) threads\n"_s
                                                << u"workers"_s << 5 << u"with ThreadPoolExecutor(max_workers=5) as pool:\n"_s;
    QTest::newRow("pool with arguments") << u"with Pool(initializer=keep, initargs=(rlock,)) as pool:\n"_s << u"workers"_s << 8
                                         << u"with Pool(processes=8, initializer=keep, initargs=(rlock,)) as pool:\n"_s;
    QTest::newRow("executor with arguments")
        << u"with ProcessPoolExecutor(initializer=keep, initargs=(rlock,)) as pool:\n"_s << u"workers"_s << 8
        << u"with ProcessPoolExecutor(max_workers=8, initializer=keep, initargs=(rlock,)) as pool:\n"_s;
    const QString sized = u"        with Pool(processes=workers) as pool:\n"_s;
    QTest::newRow("pool sized already") << sized << u"workers"_s << 8 << sized;
    const QString other = u"from multiprocessing import Pool\npool = ThreadPool()\n"_s;
    QTest::newRow("not a pool's constructor") << other << u"workers"_s << 8 << other;

    // map's chunksize, when the run sets one.
    const QString map = u"        res = tuple(pool.map(task, range(TASKS)))\n"_s;
    QTest::newRow("chunksize set") << map << u"chunksize"_s << 3 << u"        res = tuple(pool.map(task, range(TASKS), chunksize=3))\n"_s;
    QTest::newRow("chunksize default") << map << u"chunksize"_s << 0 << map;
    QTest::newRow("chunksize, plain arguments") << u"tuple(pool.map(factorial, factorial_arguments))  # in order\n"_s << u"chunksize"_s << 1
                                                << u"tuple(pool.map(factorial, factorial_arguments, chunksize=1))  # in order\n"_s;
    const QString chunked = u"pool.map(task, items, chunksize=2)\n"_s;
    QTest::newRow("chunksize there already") << chunked << u"chunksize"_s << 5 << chunked;
    const QString builtin = u"results = map(factorial, factorial_arguments)\n"_s;
    QTest::newRow("the built-in map") << builtin << u"chunksize"_s << 5 << builtin;
}

void TstPythonPane::valuesReplaceTheConstants()
{
    QFETCH(QString, code);
    QFETCH(QString, key);
    QFETCH(int, value);
    QFETCH(QString, expected);
    ExperimentParams params;
    const ParamSpec *spec = findParam(key.toStdString());
    QVERIFY(spec);
    params.*spec->field = value;
    QCOMPARE(PythonPane::withValues(code, params), expected);
}

void TstPythonPane::executorRunsShowTheExecutorVariant_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("poolApi");
    QTest::addColumn<QString>("file");
    QTest::newRow("process pool, Pool") << u"factorial-process-pool"_s << 0 << u"factorial-process-pool"_s;
    QTest::newRow("process pool, executor") << u"factorial-process-pool"_s << 1 << u"factorial-process-pool-executor"_s;
    QTest::newRow("pool-order, Pool") << u"pool-order"_s << 0 << u"pool-order"_s;
    QTest::newRow("pool-order, executor") << u"pool-order"_s << 1 << u"pool-order-executor"_s;
    // Without an executor variant, the experiment's own snippet.
    QTest::newRow("no variant") << u"factorial-thread-pool"_s << 1 << u"factorial-thread-pool"_s;
}

void TstPythonPane::executorRunsShowTheExecutorVariant()
{
    QFETCH(QString, id);
    QFETCH(int, poolApi);
    QFETCH(QString, file);
    ExperimentParams params = defaultParams(*findExperiment(id.toStdString()));
    params.poolApi = poolApi;
    QCOMPARE(PythonPane::snippetName(id, params), file);
    PythonPane pane;
    pane.setExperiment(id, params);
    QCOMPARE(pane.experiment(), id);
    QCOMPARE(pane.code(), PythonPane::snippet(file));
    auto *header = pane.findChild<QLabel *>(u"pythonHeader"_s);
    QVERIFY(header);
    QVERIFY2(header->text().contains(u"<b>%1.py</b>"_s.arg(file)), qPrintable(header->text()));
}

void TstPythonPane::paneShowsTheRunsValues()
{
    PythonPane pane;
    pane.resize(500, 120);
    ExperimentParams params;
    pane.setExperiment(u"sleep-threads"_s, params);
    QVERIFY(pane.hasSnippet());
    QVERIFY(pane.code().contains(u"\nTASKS = 5\n"_s));
    // Scrolled down, a new value keeps the scroll position.
    auto *view = pane.findChild<QPlainTextEdit *>(u"pythonCode"_s);
    QVERIFY(view);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QScrollBar *bar = view->verticalScrollBar();
    QVERIFY(bar->maximum() > 2);
    bar->setValue(2);
    params.tasks = 9;
    params.sleepMs = 50;
    pane.setExperiment(u"sleep-threads"_s, params);
    QVERIFY(pane.code().contains(u"\nTASKS = 9\n"_s));
    QVERIFY(pane.code().contains(u"\nPAUSE = 0.05"_s));
    QCOMPARE(bar->value(), 2);
    // Another experiment starts at the top.
    pane.setExperiment(u"pool-order"_s, defaultParams(*findExperiment("pool-order")));
    QCOMPARE(bar->value(), 0);
    // The same experiment's other pool API is a value changed, not another experiment.
    QVERIFY(bar->maximum() > 2);
    bar->setValue(2);
    ExperimentParams executor = defaultParams(*findExperiment("pool-order"));
    executor.poolApi = 1;
    pane.setExperiment(u"pool-order"_s, executor);
    QVERIFY(pane.code().contains(u"ProcessPoolExecutor("_s));
    QCOMPARE(bar->value(), 2);
    pane.setExperiment(u"sleep-fine-lock"_s, params);
    QCOMPARE(bar->value(), 0);
    QVERIFY(pane.code().contains(u"\nTASKS = 9\n"_s));
    // Without a snippet the pane says so.
    pane.setExperiment(u"no-such-experiment"_s, params);
    QVERIFY(!pane.hasSnippet());
    QVERIFY(pane.code().contains(u"no Python snippet"_s));
}

QTEST_MAIN(TstPythonPane)
#include "tst_pythonpane.moc"
