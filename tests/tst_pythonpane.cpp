#include "LabResources.h"
#include "PythonPane.h"

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
    void paneShowsTheRunsValues();
};

void TstPythonPane::defaultsLeaveTheSnippetAsItIs_data()
{
    QTest::addColumn<QString>("id");
    for (const ExperimentInfo &e : catalog())
        QTest::newRow(e.id.c_str()) << QString::fromStdString(e.id);
}

void TstPythonPane::defaultsLeaveTheSnippetAsItIs()
{
    // Every experiment has a snippet, written with the catalog's defaults.
    QFETCH(QString, id);
    const ExperimentParams params = defaultParams(*findExperiment(id.toStdString()));
    const QString code = PythonPane::snippet(id);
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
