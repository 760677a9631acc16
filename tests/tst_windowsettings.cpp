#include "ExperimentPanel.h"
#include "ScalingTab.h"
#include "SweepController.h"
#include "WindowSettings.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

// The parts of a window the settings remember.
struct Window
{
    QMainWindow window;
    QSplitter *splitter = new QSplitter;
    ExperimentPanel *panel = new ExperimentPanel;
    SweepController sweeps;
    ScalingTab *scaling = new ScalingTab(&sweeps);
    WindowSettings settings{&window, {splitter}, panel, scaling};

    Window()
    {
        splitter->setObjectName(u"mainSplitter"_s);
        splitter->addWidget(panel);
        splitter->addWidget(scaling);
        window.setCentralWidget(splitter);
        window.resize(1000, 700);
    }
};

} // namespace

class TestWindowSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"Concurrency Lab Tests"_s);
        QCoreApplication::setApplicationName(u"tst_windowsettings"_s);
    }

    void init() { QSettings().clear(); }

    void savesWhatTheWindowShows()
    {
        Window w;
        QVERIFY(w.panel->setCurrentExperiment(u"sleep-fine-lock"_s));
        ExperimentParams p = w.panel->params();
        p.tasks = 7;
        w.panel->setParams(u"sleep-fine-lock"_s, p);
        w.settings.save({true, false, true, 2});
        QSettings s;
        QVERIFY(!s.value(u"window/geometry"_s).toByteArray().isEmpty());
        QVERIFY(!s.value(u"window/state"_s).toByteArray().isEmpty());
        QCOMPARE(s.value(u"window/mainSplitter"_s).toByteArray(), w.splitter->saveState());
        QCOMPARE(s.value(u"experiment/last"_s).toString(), u"sleep-fine-lock"_s);
        QCOMPARE(s.value(u"params/sleep-fine-lock/tasks"_s).toInt(), 7);
        QCOMPARE(s.value(u"params/sleep-threads/tasks"_s).toInt(), 5);
        QVERIFY(!s.contains(u"params/sleep-threads/n"_s)); // only the parameters an experiment takes
        QCOMPARE(s.value(u"view/theme"_s).toString(), u"dark"_s);
        QCOMPARE(s.value(u"view/lecture"_s).toBool(), false);
        QCOMPARE(s.value(u"view/lineEnds"_s).toBool(), true);
        QCOMPARE(s.value(u"view/replaySpeed"_s).toInt(), 2);
        QCOMPARE(s.value(u"sweep/tasks"_s).toInt(), 30);
    }

    void lectureModeKeepsTheNormalWindowsGeometry()
    {
        QSettings().setValue(u"window/geometry"_s, QByteArray("normal window"));
        Window w;
        w.settings.save({false, true, false, 0});
        QSettings s;
        QCOMPARE(s.value(u"window/geometry"_s).toByteArray(), QByteArray("normal window"));
        QVERIFY(!s.contains(u"window/mainSplitter"_s));
        QCOMPARE(s.value(u"view/lecture"_s).toBool(), true);
        QCOMPARE(s.value(u"view/theme"_s).toString(), u"light"_s);
    }

    void loadRestoresAndDropsWhatIsOutOfRange()
    {
        {
            QSettings s;
            s.setValue(u"experiment/last"_s, u"sleep-threads"_s);
            s.setValue(u"params/sleep-threads/tasks"_s, 7);
            s.setValue(u"params/sleep-threads/sleep-ms"_s, 999'999'999); // beyond today's range
            s.setValue(u"params/sleep-threads/write-us"_s, u"fast"_s);   // not a number
            s.setValue(u"view/theme"_s, u"dark"_s);
            s.setValue(u"view/lecture"_s, true);
            s.setValue(u"view/lineEnds"_s, true);
            s.setValue(u"view/replaySpeed"_s, 3);
            s.setValue(u"sweep/n"_s, 4321);
        }
        Window w;
        const WindowSettings::View view = w.settings.load();
        QCOMPARE(w.panel->currentExperiment(), u"sleep-threads"_s);
        const ExperimentParams p = w.panel->paramsFor(u"sleep-threads"_s);
        QCOMPARE(p.tasks, 7);
        QCOMPARE(p.sleepMs, ExperimentParams{}.sleepMs);
        QCOMPARE(p.writeUs, ExperimentParams{}.writeUs);
        QCOMPARE(w.panel->paramsFor(u"sleep-sequential"_s).tasks, 5); // the others keep their defaults
        QVERIFY(view.dark);
        QVERIFY(view.lecture);
        QVERIFY(view.lineEnds);
        QCOMPARE(view.replaySpeed, 3);
        QCOMPARE(w.scaling->spec().n, 4321);
    }

    void nothingSavedLeavesTheDefaults()
    {
        Window w;
        const QString experiment = w.panel->currentExperiment();
        const QByteArray splitter = w.splitter->saveState();
        const WindowSettings::View view = w.settings.load();
        QVERIFY(!view.dark);
        QVERIFY(!view.lecture);
        QVERIFY(!view.lineEnds);
        QCOMPARE(view.replaySpeed, 0);
        QCOMPARE(w.panel->currentExperiment(), experiment);
        QCOMPARE(w.splitter->saveState(), splitter);
    }

    void theWindowAndItsSplittersRoundTrip()
    {
        QByteArray saved;
        QSize size;
        {
            Window w;
            w.window.resize(1700, 900);
            w.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w.window));
            w.splitter->setSizes({300, 1400});
            saved = w.splitter->saveState();
            size = w.window.size();
            w.settings.save({});
        }
        Window w;
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        w.splitter->setSizes({1000, 300});
        QVERIFY(w.splitter->saveState() != saved);
        QVERIFY(w.window.size() != size);
        w.settings.load();
        QCOMPARE(w.splitter->saveState(), saved);
        QTRY_COMPARE(w.window.size(), size);
    }
};

QTEST_MAIN(TestWindowSettings)
#include "tst_windowsettings.moc"
