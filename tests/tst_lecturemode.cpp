#include "LectureBar.h"
#include "LectureMode.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

const ExperimentInfo &experiment(const char *id)
{
    const ExperimentInfo *info = findExperiment(id);
    Q_ASSERT(info);
    return *info;
}

// A window with what lecture mode changes, as MainWindow has them.
struct Window
{
    QMainWindow window;
    QAction toggle{u"Lecture mode"_s};
    QAction run{u"Run"_s};
    QWidget *panel = new QWidget;
    QTabWidget *tabs = new QTabWidget;
    LectureBar *bar = new LectureBar;
    QToolBar *toolBar = window.addToolBar(u"Run"_s);
    LectureMode mode{{&window, &toggle, &run, panel, tabs->tabBar(), toolBar, bar, {}}};

    Window()
    {
        toggle.setCheckable(true);
        run.setShortcut(QKeySequence(Qt::Key_F5));
        auto *central = new QWidget;
        auto *layout = new QVBoxLayout(central);
        layout->addWidget(panel);
        layout->addWidget(bar);
        tabs->addTab(new QWidget, u"Timeline"_s);
        layout->addWidget(tabs);
        window.setCentralWidget(central);
        toolBar->addAction(&run);
        window.statusBar()->showMessage(u"Ready"_s);
        window.resize(800, 600);
    }

    int iconSize() const { return window.style()->pixelMetric(QStyle::PM_ToolBarIconSize); }
};

} // namespace

class TestLectureMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void titleSaysTheValuesTheClassWillSeeRun()
    {
        ExperimentParams p;
        p.tasks = 4;
        p.sleepMs = 150;
        const QString title = LectureBar::titleText(experiment("sleep-threads"), p);
        QVERIFY2(title.startsWith(u"Sleeping tasks in threads <span style=\"font-size:80%; font-weight:normal\">· Tasks 4 · Sleep 150 ms"_s),
                 qPrintable(title));
        // Modelling details stay in the panel.
        QVERIFY(!title.contains(u"Output call time"_s));
        QVERIFY(!title.contains(u"GIL switch interval"_s));

        // Choices by their labels, zero by what it means; the start-up model only for spawn.
        const QString fork = LectureBar::titleText(experiment("pool-order"), ExperimentParams{});
        for (const QString &part : {u"Process pool multiprocessing.Pool"_s, u"Workers pool default"_s, u"Chunk size the pool's rule"_s})
            QVERIFY2(fork.contains(part.toHtmlEscaped()), qPrintable(fork));
        QVERIFY(!fork.contains(u"Interpreter start-up"_s));
        ExperimentParams spawn;
        spawn.startMethod = 1;
        QVERIFY(LectureBar::titleText(experiment("pool-order"), spawn).contains(u"Interpreter start-up"_s));
    }

    void anUnknownExperimentClearsTheTitle()
    {
        LectureBar bar;
        auto *title = bar.findChild<QLabel *>(u"lectureTitle"_s);
        bar.showExperiment(u"sleep-threads"_s, ExperimentParams{});
        QVERIFY(title->text().startsWith(u"Sleeping tasks in threads"_s));
        bar.showExperiment(u"no-such-experiment"_s, ExperimentParams{});
        QVERIFY(title->text().isEmpty());
        bar.setElapsed(u"1.234 s"_s);
        QCOMPARE(bar.elapsed(), u"1.234 s"_s);
        QVERIFY(bar.isHidden()); // until lecture mode shows it
    }

    void onAndOffAgain()
    {
        Window w;
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QSignalSpy toggled(&w.mode, &LectureMode::toggled);
        QSignalSpy status(&w.mode, &LectureMode::statusMessage);
        const qreal points = w.window.font().pointSizeF();

        w.toggle.trigger();
        QVERIFY(w.mode.isOn());
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), true);
        QTRY_VERIFY(w.window.isFullScreen());
        QVERIFY(!w.panel->isVisible());
        QVERIFY(!w.window.statusBar()->isVisible());
        QVERIFY(w.bar->isVisible());
        QCOMPARE(w.run.shortcuts(), QList<QKeySequence>({QKeySequence(Qt::Key_F5), QKeySequence(Qt::Key_Space)}));
        QCOMPARE(w.toolBar->iconSize(), QSize(2 * w.iconSize(), 2 * w.iconSize()));
        QCOMPARE(w.tabs->tabBar()->font().pointSizeF(), points * 1.6);
        QCOMPARE(w.toolBar->font().pointSizeF(), points * 1.5);

        w.toggle.trigger();
        QVERIFY(!w.mode.isOn());
        QCOMPARE(toggled.count(), 2);
        QCOMPARE(toggled.at(1).at(0).toBool(), false);
        QTRY_VERIFY(!w.window.isFullScreen());
        QVERIFY(!w.window.isMaximized());
        QVERIFY(w.panel->isVisible());
        QVERIFY(w.window.statusBar()->isVisible());
        QVERIFY(!w.bar->isVisible());
        QCOMPARE(w.run.shortcuts(), QList<QKeySequence>({QKeySequence(Qt::Key_F5)}));
        QCOMPARE(w.toolBar->iconSize(), QSize(w.iconSize(), w.iconSize()));
        QCOMPARE(w.tabs->tabBar()->font().pointSizeF(), points);
        QCOMPARE(status.last().at(0).toString(), u"Lecture mode off"_s);
    }

    void setOnKeepsTheActionInStepAndSaysItOnce()
    {
        Window w;
        QSignalSpy toggled(&w.mode, &LectureMode::toggled);
        w.mode.setOn(true);
        QVERIFY(w.toggle.isChecked());
        w.mode.setOn(true);
        QCOMPARE(toggled.count(), 1);
        w.mode.setOn(false);
        QVERIFY(!w.toggle.isChecked());
        QCOMPARE(toggled.count(), 2);
    }

    void aMaximizedWindowIsMaximizedAfterwards()
    {
        Window w;
        w.window.showMaximized();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QTRY_VERIFY(w.window.isMaximized());
        w.mode.setOn(true);
        QTRY_VERIFY(w.window.isFullScreen());
        w.mode.setOn(false);
        QTRY_VERIFY(w.window.isMaximized());
        QVERIFY(!w.window.isFullScreen());
    }
};

QTEST_MAIN(TestLectureMode)
#include "tst_lecturemode.moc"
