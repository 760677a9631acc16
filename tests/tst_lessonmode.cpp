// The lesson in the window: the keys a presenter's remote sends, the panel beside the
// timeline, the blank screen, and a step run end to end through the window's own run.
#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "LessonController.h"
#include "LessonMode.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "RunController.h"
#include "TimelineView.h"

#include <QAction>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace lab;
using namespace Qt::StringLiterals;

namespace {

struct LessonWindow
{
    MainWindow window;

    LessonWindow()
    {
        window.resize(1600, 1000);
        window.show();
        window.action(u"actionLesson"_s)->trigger();
    }
    LessonController *lesson() const { return window.lesson()->controller(); }
    void key(Qt::Key k) { QTest::keyClick(&window, k); }
    void setSpin(const QString &key, int value)
    {
        auto *spin = qobject_cast<QSpinBox *>(window.experimentPanel()->editor(key));
        QVERIFY2(spin, qPrintable(key));
        spin->setValue(value);
    }
};

} // namespace

class TstLessonMode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"Concurrency Lab Tests"_s);
    }
    void keysStepAndPick();
    void keysWhateverHasTheFocus();
    void blankAndBack();
    void aStepRunsThroughTheWindow();
    void aSpeedupStepRunsTheLoopFirst();
    void escapeLeavesTheLesson();
    void escapeDuringARunStopsIt();
    void leavingDuringARunStartsNothingAfter();
    void theTeachersLauncher();
};

void TstLessonMode::keysStepAndPick()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.window.lesson()->isOn());
    QVERIFY(w.window.lesson()->panel()->isVisible());
    QCOMPARE(w.lesson()->stepIndex(), 0);
    w.key(Qt::Key_PageDown);
    QCOMPARE(w.lesson()->stepIndex(), 1);
    QCOMPARE(w.window.experimentPanel()->currentExperiment(), u"sleep-threads"_s); // the panel and code follow
    w.key(Qt::Key_2);
    QCOMPARE(w.lesson()->picked(), 1);
    w.key(Qt::Key_4); // three choices: refused, the pick stays
    QCOMPARE(w.lesson()->picked(), 1);
    w.key(Qt::Key_PageUp);
    QCOMPARE(w.lesson()->stepIndex(), 0);
    QCOMPARE(w.lesson()->picked(), -1);
}

void TstLessonMode::keysWhateverHasTheFocus()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowActive(&w.window));
    // The experiment list's type-ahead would take the digits: the lesson's keys win.
    auto *list = w.window.experimentPanel()->findChild<QTreeWidget *>();
    QVERIFY(list);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_2);
    QCOMPARE(w.lesson()->picked(), 1);
    QTest::keyClick(list, Qt::Key_PageDown);
    QCOMPARE(w.lesson()->stepIndex(), 1);
    // A field being typed in keeps its digits.
    auto *tasks = qobject_cast<QSpinBox *>(w.window.experimentPanel()->editor(u"tasks"_s));
    tasks->setFocus();
    tasks->selectAll();
    QTest::keyClick(tasks, Qt::Key_3);
    QCOMPARE(w.lesson()->picked(), -1);
    QCOMPARE(tasks->text(), u"3"_s);
}

void TstLessonMode::blankAndBack()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QWidget *blank = w.window.lesson()->blankScreen();
    w.key(Qt::Key_B);
    QVERIFY(blank->isVisible());
    QCOMPARE(blank->geometry(), w.window.rect());
    w.key(Qt::Key_B);
    QVERIFY(!blank->isVisible());
    w.key(Qt::Key_Period);
    QVERIFY(blank->isVisible());
    w.key(Qt::Key_Period);
    QVERIFY(!blank->isVisible());
}

void TstLessonMode::aStepRunsThroughTheWindow()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    w.key(Qt::Key_PageDown); // the threads
    w.setSpin(u"sleep-ms"_s, 40);
    w.key(Qt::Key_3); // five sleeps, predicts the class
    w.key(Qt::Key_Space);
    QVERIFY(w.window.runController()->isRunning());
    QCOMPARE(w.lesson()->phase(), LessonController::Phase::Measuring);
    QTRY_COMPARE_WITH_TIMEOUT(w.lesson()->phase(), LessonController::Phase::Revealed, 20'000);
    QCOMPARE(w.lesson()->reveal().choice, 0); // one sleep: the threads overlap
    const QString text = w.window.lesson()->panel()->revealText();
    QVERIFY2(text.startsWith(u"✗ Predicted 3; the run says 1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"the lesson, 8 cores"_s), qPrintable(text));
    // The next step asks over a clear timeline and console, not over this run.
    QVERIFY(w.window.timelineView()->data());
    w.key(Qt::Key_PageDown);
    QVERIFY(!w.window.timelineView()->data());
    QVERIFY(w.window.consolePane()->textView()->toPlainText().isEmpty());
}

void TstLessonMode::aSpeedupStepRunsTheLoopFirst()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    for (int i = 0; i < 9; ++i)
        w.key(Qt::Key_PageDown);
    QCOMPARE(w.window.experimentPanel()->currentExperiment(), u"factorial-processes"_s);
    w.setSpin(u"tasks"_s, 4);
    w.setSpin(u"n"_s, 20000);
    QSignalSpy started(w.window.runController(), &RunController::started);
    w.key(Qt::Key_Space);
    QCOMPARE(w.lesson()->measuring(), u"factorial-sequential"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.lesson()->phase(), LessonController::Phase::Revealed, 30'000);
    // The window ran the loop, then the step.
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(0).at(0).toString(), u"factorial-sequential"_s);
    QCOMPARE(started.at(1).at(0).toString(), u"factorial-processes"_s);
    QVERIFY2(w.lesson()->reveal().decided(), w.lesson()->reveal().undecided.c_str());
    QVERIFY(w.lesson()->baselineNs(4, 20000));
    // The panel still shows the step, with the values it was given.
    QCOMPARE(w.window.experimentPanel()->currentExperiment(), u"factorial-processes"_s);
    QCOMPARE(w.window.experimentPanel()->params().n, 20000);
}

void TstLessonMode::escapeLeavesTheLesson()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    w.key(Qt::Key_Escape);
    QVERIFY(!w.window.lesson()->isOn());
    QVERIFY(!w.window.lesson()->panel()->isVisible());
    w.key(Qt::Key_1); // the lesson's keys are off with it
    QCOMPARE(w.lesson()->picked(), -1);
    w.key(Qt::Key_PageDown); // and PageDown is the experiment list's again
    QCOMPARE(w.window.experimentPanel()->currentExperiment(), u"sleep-threads"_s);
    QCOMPARE(w.lesson()->stepIndex(), 0);
}

void TstLessonMode::escapeDuringARunStopsIt()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    w.setSpin(u"sleep-ms"_s, 3000);
    w.key(Qt::Key_Space);
    QVERIFY(w.window.runController()->isRunning());
    w.key(Qt::Key_Escape); // stops the run; the lesson stays
    QTRY_VERIFY_WITH_TIMEOUT(!w.window.runController()->isRunning(), 10'000);
    QVERIFY(w.window.lesson()->isOn());
    QCOMPARE(w.lesson()->phase(), LessonController::Phase::Revealed);
    QVERIFY(!w.lesson()->reveal().decided()); // a stopped run decides nothing
    QVERIFY2(w.window.lesson()->panel()->revealText().contains(u"did not finish"_s),
             qPrintable(w.window.lesson()->panel()->revealText()));
}

void TstLessonMode::leavingDuringARunStartsNothingAfter()
{
    LessonWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    for (int i = 0; i < 9; ++i)
        w.key(Qt::Key_PageDown); // processes: the loop runs first
    w.setSpin(u"tasks"_s, 2);
    w.setSpin(u"n"_s, 400000);
    w.key(Qt::Key_Space);
    QCOMPARE(w.lesson()->measuring(), u"factorial-sequential"_s);
    w.window.action(u"actionLesson"_s)->trigger(); // off, while the loop runs
    QVERIFY(!w.window.lesson()->isOn());
    QTRY_VERIFY_WITH_TIMEOUT(!w.window.runController()->isRunning(), 30'000);
    QTest::qWait(100);
    QVERIFY(!w.window.runController()->isRunning()); // the step did not start after the loop
    QCOMPARE(w.lesson()->phase(), LessonController::Phase::Asking);
}

void TstLessonMode::theTeachersLauncher()
{
    MainWindow window;
    window.show();
    QVERIFY(window.experimentPanel()->setCurrentExperiment(u"factorial-processes"_s));
    window.openLesson(); // concurrency-lab --lesson
    QVERIFY(window.isLectureMode());
    QVERIFY(window.lesson()->isOn());
    QCOMPARE(window.lesson()->controller()->step().experiment, std::string("factorial-processes")); // from where it was
    window.setLectureMode(false);
}

QTEST_MAIN(TstLessonMode)
#include "tst_lessonmode.moc"
