#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "ExportController.h"
#include "MainWindow.h"
#include "PythonPane.h"
#include "QtStrings.h"
#include "RunController.h"
#include "ScalingChart.h"
#include "SweepController.h"
#include "TimelineView.h"

#include <QAbstractSeries>
#include <QAction>
#include <QPushButton>
#include <QXYSeries>
#include <QTextCursor>

#include <algorithm>
#include <memory>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QFile>
#include <QImage>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

void setSpin(MainWindow &w, const QString &key, int value)
{
    auto *spin = qobject_cast<QSpinBox *>(w.experimentPanel()->editor(key));
    QVERIFY2(spin, qPrintable(key));
    spin->setValue(value);
}

long threadLanes(const MainWindow &w)
{
    const auto data = w.timelineView()->data();
    if (!data)
        return 0;
    return long(std::count_if(data->lanes.begin(), data->lanes.end(), [](const Lane &l) { return l.kind == LaneKind::Thread; }));
}

QLabel *elapsedLabel(MainWindow &w)
{
    return w.experimentPanel()->findChild<QLabel *>(u"elapsedLabel"_s);
}

// Selects a quick sleeping experiment; runs it to the end when asked.
void prepare(MainWindow &w, const QString &id, int tasks, int sleepMs)
{
    QVERIFY(w.experimentPanel()->setCurrentExperiment(id));
    setSpin(w, u"tasks"_s, tasks);
    setSpin(w, u"sleep-ms"_s, sleepMs);
    setSpin(w, u"write-us"_s, 200);
}

void runToEnd(MainWindow &w)
{
    w.action(u"actionRun"_s)->trigger();
    QVERIFY(w.runController()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!w.runController()->isRunning(), 30'000);
}

// Shows the window, runs three sequential sleepers (so each write sits mid-run
// and the view need not scroll to it) and finds the write that starts with `text`.
void runSequentialAndFind(MainWindow &w, const char *text, std::size_t &index)
{
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    prepare(w, u"sleep-sequential"_s, 3, 40);
    runToEnd(w);
    const auto data = w.timelineView()->data();
    QVERIFY(data);
    index = 0;
    while (index < data->writes.size() && !data->writes[index].text.starts_with(text))
        ++index;
    QVERIFY(index < data->writes.size());
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"Concurrency Lab Tests"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    }

    void init()
    {
        QSettings().clear();
    }

    void runButtonRunsTheSelectedExperiment()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        prepare(w, u"sleep-threads"_s, 4, 150);
        auto *runButton = w.experimentPanel()->findChild<QToolButton *>(u"runButton"_s);
        QVERIFY(runButton && runButton->isEnabled());
        QTest::mouseClick(runButton, Qt::LeftButton);
        QVERIFY(w.runController()->isRunning());
        QVERIFY(!w.action(u"actionRun"_s)->isEnabled());
        QVERIFY(w.action(u"actionStop"_s)->isEnabled());
        // Lanes appear while it runs, then the whole run stays.
        QTRY_VERIFY_WITH_TIMEOUT(threadLanes(w) == 5, 20'000); // MainThread and four threads
        QTRY_VERIFY_WITH_TIMEOUT(!w.runController()->isRunning(), 20'000);
        QCOMPARE(threadLanes(w), 5L);
        QCOMPARE(w.consolePane()->shownWrites(), std::size_t(18)); // four prints per thread, and the timing line
        QVERIFY(w.resultText().contains(u"wall time"_s));
        QVERIFY(w.action(u"actionRun"_s)->isEnabled());
        QVERIFY(!w.action(u"actionStop"_s)->isEnabled());
        QVERIFY(w.action(u"actionPin"_s)->isEnabled());
        QVERIFY(w.action(u"actionReplay"_s)->isEnabled());
    }

    void stopCancelsALongRunAndTheGuiStaysResponsive()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        prepare(w, u"sleep-threads"_s, 3, 5000);
        w.action(u"actionRun"_s)->trigger();
        QVERIFY(w.runController()->isRunning());
        // The elapsed readout keeps moving: the event loop is never blocked.
        QTRY_VERIFY_WITH_TIMEOUT(elapsedLabel(w)->text().startsWith(u"Running"_s), 10'000);
        const QString first = elapsedLabel(w)->text();
        QTRY_VERIFY_WITH_TIMEOUT(elapsedLabel(w)->text() != first, 10'000);
        const QString second = elapsedLabel(w)->text();
        QTRY_VERIFY_WITH_TIMEOUT(elapsedLabel(w)->text() != second, 10'000);
        QElapsedTimer stopping;
        stopping.start();
        w.action(u"actionStop"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!w.runController()->isRunning(), 10'000);
        QVERIFY(stopping.elapsed() < 4000);
        QVERIFY(w.runController()->lastResult()->cancelled);
        QVERIFY2(w.resultText().contains(u"stopped"_s), qPrintable(w.resultText()));
    }

    void speedupAgainstTheSequentialRun()
    {
        MainWindow w;
        prepare(w, u"sleep-sequential"_s, 3, 60);
        runToEnd(w);
        QVERIFY2(w.resultText().contains(u"baseline"_s), qPrintable(w.resultText()));
        prepare(w, u"sleep-threads"_s, 3, 60);
        runToEnd(w);
        QVERIFY2(w.resultText().contains(u"speedup <b>"_s), qPrintable(w.resultText()));
        // A different task count has no baseline yet.
        prepare(w, u"sleep-threads"_s, 4, 60);
        runToEnd(w);
        QVERIFY2(!w.resultText().contains(u"speedup <b>"_s), qPrintable(w.resultText()));
        QVERIFY(w.resultText().contains(u"sleep-sequential"_s));

        // CPU-bound: how the tasks run (GIL, workers) is what the speedup measures, not a different workload.
        auto cpu = [&w](const QString &id, int tasks, int n) {
            QVERIFY(w.experimentPanel()->setCurrentExperiment(id));
            setSpin(w, u"tasks"_s, tasks);
            setSpin(w, u"n"_s, n);
        };
        cpu(u"factorial-sequential"_s, 4, 3000);
        runToEnd(w);
        QVERIFY2(w.resultText().contains(u"baseline"_s), qPrintable(w.resultText()));
        cpu(u"factorial-threads"_s, 4, 3000);
        qobject_cast<QComboBox *>(w.experimentPanel()->editor(u"gil"_s))->setCurrentIndex(0); // off
        runToEnd(w);
        QVERIFY2(w.resultText().contains(u"speedup <b>"_s), qPrintable(w.resultText()));
        cpu(u"factorial-thread-pool"_s, 4, 4000);
        runToEnd(w);
        QVERIFY2(!w.resultText().contains(u"speedup <b>"_s), qPrintable(w.resultText()));
    }

    void refusedRunShowsTheReason()
    {
        MainWindow w;
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"sleep-threads"_s));
        ExperimentParams p = w.experimentPanel()->params();
        p.tasks = 0; // only possible by code: the spin box would not allow it
        w.experimentPanel()->setParams(u"sleep-threads"_s, p);
        w.action(u"actionRun"_s)->trigger();
        QVERIFY(!w.runController()->isRunning());
        QVERIFY(w.resultText().contains(u"Not started"_s));
    }

    void pageDownSelectsTheNextExperiment()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.experimentPanel()->setCurrentExperiment(toQString(catalog()[0].id)));
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(w.experimentPanel()->currentExperiment(), toQString(catalog()[1].id));
        QCOMPARE(w.pythonPane()->experiment(), toQString(catalog()[1].id));
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(w.experimentPanel()->currentExperiment(), toQString(catalog()[2].id));
        QTest::keyClick(&w, Qt::Key_PageUp);
        QCOMPARE(w.experimentPanel()->currentExperiment(), toQString(catalog()[1].id));
        // Wherever the focus is (a presenter's clicker sends these keys).
        for (QWidget *focus : {static_cast<QWidget *>(w.consolePane()->textView()),
                               static_cast<QWidget *>(w.findChild<QTreeWidget *>(u"experimentTree"_s)),
                               static_cast<QWidget *>(w.pythonPane()->findChild<QPlainTextEdit *>(u"pythonCode"_s))}) {
            const QString before = w.experimentPanel()->currentExperiment();
            focus->setFocus();
            QTest::keyClick(focus, Qt::Key_PageDown);
            QVERIFY2(w.experimentPanel()->currentExperiment() != before, qPrintable(focus->objectName()));
        }
    }

    // A value typed but not confirmed (no Enter, focus still in the box) is what F5 runs with.
    void runTakesTheValueBeingTyped()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        prepare(w, u"sleep-sequential"_s, 1, 20);
        auto *sleep = qobject_cast<QSpinBox *>(w.experimentPanel()->editor(u"sleep-ms"_s));
        sleep->setFocus();
        sleep->selectAll();
        QTest::keyClicks(sleep, u"300"_s);
        QCOMPARE(w.experimentPanel()->params().sleepMs, 20); // not yet confirmed
        runToEnd(w);
        QCOMPARE(w.experimentPanel()->params().sleepMs, 300);
        QVERIFY(w.runController()->lastResult());
        QVERIFY2(w.runController()->lastResult()->wallNs >= 300'000'000, "the run slept the old value");
    }

    void escapeLeavesLectureModeOnceNothingRuns()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.action(u"actionLecture"_s)->trigger();
        QVERIFY(w.isLectureMode());
        QVERIFY(w.action(u"actionStop"_s)->isEnabled());
        w.action(u"actionStop"_s)->trigger();
        QVERIFY(!w.isLectureMode());
        QVERIFY(!w.action(u"actionStop"_s)->isEnabled());
    }

    void lectureTitleSaysValuesAsTheLessonWould()
    {
        MainWindow w;
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"pool-order"_s));
        w.action(u"actionLecture"_s)->trigger();
        const QString title = w.findChild<QLabel *>(u"lectureTitle"_s)->text();
        for (const QString &part : {u"Process pool multiprocessing.Pool"_s, u"Workers pool default"_s, u"Chunk size the pool's rule"_s})
            QVERIFY2(title.contains(part.toHtmlEscaped()), qPrintable(title));
        QVERIFY2(!title.contains(u"Interpreter start-up"_s), "fork pays no interpreter start-up"); // the default start method
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"factorial-sequential"_s));
        QVERIFY(w.findChild<QLabel *>(u"lectureTitle"_s)->text().contains(u"Factorial n lesson pace"_s));
        w.action(u"actionLecture"_s)->trigger();
    }

    void lectureModeEnlargesEverything()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const TimelineStyle normal = w.timelineView()->timelineStyle();
        QVERIFY(!normal.lectureMode);
        const qreal consolePoints = w.consolePane()->textView()->font().pointSizeF();
        const qreal pythonPoints = w.pythonPane()->findChild<QPlainTextEdit *>(u"pythonCode"_s)->font().pointSizeF();
        QVERIFY(w.experimentPanel()->isVisible());

        w.action(u"actionLecture"_s)->trigger();
        QVERIFY(w.isLectureMode());
        const TimelineStyle lecture = w.timelineView()->timelineStyle();
        QVERIFY(lecture.lectureMode);
        QVERIFY(lecture.fontPixelSize >= 24);
        QVERIFY(lecture.minLaneHeight >= 24);
        QVERIFY(w.consolePane()->textView()->font().pointSizeF() > consolePoints);
        QVERIFY(w.pythonPane()->findChild<QPlainTextEdit *>(u"pythonCode"_s)->font().pointSizeF() > pythonPoints);
        QVERIFY(!w.experimentPanel()->isVisible());
        QVERIFY(!w.statusBar()->isVisible());
        auto *bigClock = w.findChild<QLabel *>(u"lectureElapsed"_s);
        QVERIFY(bigClock && bigClock->isVisible());
        QFont normalConsole;
        normalConsole.setPointSizeF(consolePoints);
        QVERIFY(QFontInfo(bigClock->font()).pixelSize() >= 2 * QFontInfo(normalConsole).pixelSize());
        QTRY_VERIFY(w.isFullScreen());

        // Space runs in lecture mode.
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"sleep-fine-lock"_s));
        setSpin(w, u"sleep-ms"_s, 30);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(w.runController()->lastResult() != nullptr, 20'000);
        QCOMPARE(w.runController()->lastResult()->experiment, std::string("sleep-fine-lock"));

        w.action(u"actionLecture"_s)->trigger();
        QVERIFY(!w.isLectureMode());
        QVERIFY(!w.timelineView()->timelineStyle().lectureMode);
        QCOMPARE(w.consolePane()->textView()->font().pointSizeF(), consolePoints);
        QVERIFY(w.experimentPanel()->isVisible());
        QVERIFY(!bigClock->isVisible());
    }

    void settingsRoundTrip()
    {
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.experimentPanel()->setCurrentExperiment(u"sleep-fine-lock"_s));
            setSpin(w, u"tasks"_s, 7);
            setSpin(w, u"sleep-ms"_s, 250);
            w.setTheme(MainWindow::Theme::Dark);
            w.consolePane()->setShowLineEnds(true);
            w.findChild<QComboBox *>(u"replaySpeed"_s)->setCurrentIndex(2);
            w.findChild<QComboBox *>(u"sweepPool"_s)->setCurrentIndex(1);
            w.findChild<QSpinBox *>(u"sweepN"_s)->setValue(12345);
            w.close();
        }
        MainWindow w;
        QCOMPARE(w.experimentPanel()->currentExperiment(), u"sleep-fine-lock"_s);
        QCOMPARE(w.experimentPanel()->params().tasks, 7);
        QCOMPARE(w.experimentPanel()->params().sleepMs, 250);
        QCOMPARE(qobject_cast<QSpinBox *>(w.experimentPanel()->editor(u"tasks"_s))->value(), 7);
        QCOMPARE(w.theme(), MainWindow::Theme::Dark);
        QCOMPARE(w.timelineView()->timelineStyle().theme, TimelineStyle::Theme::Dark);
        QVERIFY(w.consolePane()->showLineEnds());
        QCOMPARE(w.findChild<QComboBox *>(u"replaySpeed"_s)->currentIndex(), 2);
        QCOMPARE(w.findChild<QComboBox *>(u"sweepPool"_s)->currentIndex(), 1);
        QCOMPARE(w.findChild<QSpinBox *>(u"sweepN"_s)->value(), 12345);
        // Other experiments keep their defaults.
        QCOMPARE(w.experimentPanel()->paramsFor(u"sleep-threads"_s).tasks, 5);
        w.setTheme(MainWindow::Theme::Light);
    }

    void replayRevealsStepByStep()
    {
        MainWindow w;
        prepare(w, u"sleep-threads"_s, 3, 200);
        runToEnd(w);
        const std::size_t writes = w.consolePane()->shownWrites();
        QCOMPARE(writes, std::size_t(14));
        w.findChild<QComboBox *>(u"replaySpeed"_s)->setCurrentIndex(0); // 1×
        w.action(u"actionReplay"_s)->trigger();
        QVERIFY(w.isReplaying());
        QVERIFY(w.timelineView()->revealUntilNs() >= 0);
        QVERIFY(w.consolePane()->shownWrites() < writes);
        // Part-way: some output shown, not all; then the whole run again.
        QTRY_VERIFY_WITH_TIMEOUT(w.consolePane()->shownWrites() >= 6, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isReplaying(), 10'000);
        QCOMPARE(w.timelineView()->revealUntilNs(), std::int64_t(-1));
        QCOMPARE(w.consolePane()->shownWrites(), writes);
    }

    void slowReplayCanBeStopped()
    {
        MainWindow w;
        prepare(w, u"sleep-threads"_s, 2, 300);
        runToEnd(w);
        w.findChild<QComboBox *>(u"replaySpeed"_s)->setCurrentIndex(3); // 0.1×: ~3 s
        w.action(u"actionReplay"_s)->trigger();
        QVERIFY(w.isReplaying());
        QTRY_VERIFY_WITH_TIMEOUT(w.replayPositionNs() > 1'000'000, 5000);
        const std::int64_t early = w.replayPositionNs();
        QVERIFY(early < 200'000'000); // ten times slower than real time
        w.action(u"actionStop"_s)->trigger();
        QVERIFY(!w.isReplaying());
        QCOMPARE(w.timelineView()->revealUntilNs(), std::int64_t(-1));
    }

    void pinAndUnpin()
    {
        MainWindow w;
        QVERIFY(!w.action(u"actionPin"_s)->isEnabled());
        prepare(w, u"sleep-sequential"_s, 2, 30);
        runToEnd(w);
        const auto first = w.timelineView()->data();
        w.action(u"actionPin"_s)->trigger();
        QCOMPARE(w.pinned(), first);
        QVERIFY(!w.action(u"actionPin"_s)->isEnabled()); // already pinned
        QVERIFY(w.action(u"actionUnpin"_s)->isEnabled());
        prepare(w, u"sleep-threads"_s, 2, 30);
        runToEnd(w);
        QCOMPARE(w.pinned(), first); // stays for the next run
        QVERIFY(w.timelineView()->data() != first);
        // The compare image holds both runs: taller content than the run alone.
        QVERIFY(!w.exports()->timelineImage(QSize(800, 600), 1).isNull());
        w.action(u"actionUnpin"_s)->trigger();
        QVERIFY(!w.pinned());
        QVERIFY(!w.action(u"actionUnpin"_s)->isEnabled());
    }

    void exportImageHasTheRequestedSize()
    {
        MainWindow w;
        QVERIFY(!w.action(u"actionCopyImage"_s)->isEnabled());
        prepare(w, u"sleep-threads"_s, 2, 20);
        runToEnd(w);
        QVERIFY(w.action(u"actionCopyImage"_s)->isEnabled());
        QCOMPARE(w.action(u"actionCopyImage"_s)->shortcut(), QKeySequence(u"Ctrl+Shift+C"_s));
        const QImage image = w.exports()->timelineImage(QSize(1920, 1080), 2);
        QCOMPARE(image.size(), QSize(3840, 2160));
    }

    void exportsWriteTheFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        QString error;
        QVERIFY(!w.exports()->saveTimeline(dir.filePath(u"none.png"_s), QSize(1920, 1080), 1, &error));
        QVERIFY(!error.isEmpty());
        prepare(w, u"sleep-threads"_s, 3, 20);
        runToEnd(w);
        const QString png = dir.filePath(u"timeline.png"_s);
        QVERIFY2(w.exports()->saveTimeline(png, QSize(1920, 1080), 2, &error), qPrintable(error));
        QCOMPARE(QImage(png).size(), QSize(3840, 2160));
        const QString svg = dir.filePath(u"timeline.svg"_s);
        QVERIFY2(w.exports()->saveTimeline(svg, QSize(1920, 1080), 1, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("<svg"));
        const QString chart = dir.filePath(u"chart.png"_s);
        QVERIFY2(w.exports()->saveChart(chart, QSize(1280, 720), 1, &error), qPrintable(error));
        QCOMPARE(QImage(chart).size(), QSize(1280, 720));
        const QString both = dir.filePath(u"both.png"_s);
        QVERIFY2(w.exports()->saveBoth(both, QSize(1280, 720), 1, &error), qPrintable(error));
        QCOMPARE(QImage(both).size(), QSize(1280, 1440));
        QVERIFY2(w.exports()->saveBoth(dir.filePath(u"both.svg"_s), QSize(1280, 720), 1, &error), qPrintable(error));
        QVERIFY(!w.exports()->saveTimeline(dir.filePath(u"missing/dir/x.png"_s), QSize(1920, 1080), 1, &error));
    }

    void sweepFillsTheChart()
    {
        MainWindow w;
        w.findChild<QComboBox *>(u"sweepPool"_s)->setCurrentIndex(2); // thread pool, GIL off: no processes needed
        auto *maxWorkers = w.findChild<QComboBox *>(u"sweepMaxWorkers"_s);
        maxWorkers->setCurrentIndex(maxWorkers->findData(4));
        w.findChild<QSpinBox *>(u"sweepTasks"_s)->setValue(4);
        w.findChild<QSpinBox *>(u"sweepN"_s)->setValue(2000);
        QTest::mouseClick(w.findChild<QPushButton *>(u"sweepRun"_s), Qt::LeftButton);
        QVERIFY(w.sweepController()->isRunning());
        QCOMPARE(w.scalingChart()->sweepCount(), 1);
        QVERIFY(!w.findChild<QPushButton *>(u"sweepRun"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!w.sweepController()->isRunning(), 60'000);
        QVERIFY(w.findChild<QPushButton *>(u"sweepRun"_s)->isEnabled());
        QVERIFY2(w.findChild<QLabel *>(u"sweepStatus"_s)->text().contains(u"Done"_s),
                 qPrintable(w.findChild<QLabel *>(u"sweepStatus"_s)->text()));
        QAbstractSeries *sweep = nullptr;
        for (QAbstractSeries *series : w.scalingChart()->chart()->series())
            if (series->objectName() == u"sweep"_s)
                sweep = series;
        QVERIFY(sweep);
        QCOMPARE(qobject_cast<QXYSeries *>(sweep)->count(), 3); // 1, 2 and 4 workers
        QVERIFY(w.action(u"actionRun"_s)->isEnabled());
        QCOMPARE(w.pythonPane()->experiment(), u"worker-sweep"_s); // the chart's tab shows the sweep's code

        // Stop (Esc) ends a sweep too; the points so far stay.
        w.findChild<QSpinBox *>(u"sweepN"_s)->setValue(200'000);
        w.findChild<QSpinBox *>(u"sweepTasks"_s)->setValue(64);
        maxWorkers->setCurrentIndex(maxWorkers->findData(8));
        w.findChild<QPushButton *>(u"sweepRun"_s)->click();
        QVERIFY2(w.sweepController()->isRunning(), qPrintable(w.findChild<QLabel *>(u"sweepStatus"_s)->text()));
        QVERIFY(w.action(u"actionStop"_s)->isEnabled());
        // One measurement at a time: no run beside a sweep, even by shortcut.
        QVERIFY(!w.action(u"actionRun"_s)->isEnabled());
        w.run();
        QVERIFY(!w.runController()->isRunning());
        w.action(u"actionStop"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!w.sweepController()->isRunning(), 60'000);
        QCOMPARE(w.scalingChart()->sweepCount(), 2);
        QVERIFY(!w.action(u"actionStop"_s)->isEnabled());
    }

    void consoleClickHighlightsTheWriteInTheTimeline()
    {
        MainWindow w;
        std::size_t target = 0;
        runSequentialAndFind(w, "Task 1: starting", target);
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(50);
        const QImage before = w.timelineView()->viewport()->grab().toImage();

        QPlainTextEdit *view = w.consolePane()->textView();
        QTextCursor c(view->document());
        c.setPosition(w.consolePane()->writeRange(target).first + 2);
        const QRect r = view->cursorRect(c);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(r.left() + 3, r.center().y()));
        QCOMPARE(w.consolePane()->highlightedWrite(), int(target));

        // The timeline draws something new, in its highlight colour.
        const QColor highlight = w.timelineView()->timelineStyle().highlight;
        auto distance = [&highlight](QColor c) {
            return std::abs(c.red() - highlight.red()) + std::abs(c.green() - highlight.green()) + std::abs(c.blue() - highlight.blue());
        };
        auto closerToHighlight = [&] {
            const QImage after = w.timelineView()->viewport()->grab().toImage();
            if (after.size() != before.size())
                return false;
            long changed = 0, closer = 0;
            for (int y = 0; y < after.height(); ++y)
                for (int x = 0; x < after.width(); ++x) {
                    const QColor a = after.pixelColor(x, y), b = before.pixelColor(x, y);
                    if (a == b)
                        continue;
                    ++changed;
                    closer += distance(a) < distance(b);
                }
            return changed > 0 && closer * 2 > changed;
        };
        QTRY_VERIFY(closerToHighlight());
    }

    void timelineClickHighlightsTheWriteInTheConsole()
    {
        MainWindow w;
        std::size_t target = 0;
        runSequentialAndFind(w, "Task 1: finishing", target);
        if (QTest::currentTestFailed())
            return;
        const auto data = w.timelineView()->data();
        // Click on its tick: where the write's lane row begins, at its time.
        TimelineView *timeline = w.timelineView();
        const ConsoleMark &mark = data->writes[target];
        const int row = timeline->scene().rowOf(TimelineScene::Current, mark.lane);
        const QPoint at(int(std::round(timeline->timeAxis().xAt(double(mark.timeNs - data->originNs)))),
                        int(timeline->laneLayout().rowTop(row) + 2));
        QVERIFY(w.consolePane()->highlightedWrite() != int(target));
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(w.consolePane()->highlightedWrite(), int(target));
        // The console shows it: its text is under the console's cursor.
        QPlainTextEdit *console = w.consolePane()->textView();
        QCOMPARE(console->textCursor().position(), w.consolePane()->writeRange(target).first);
    }

    void pythonPaneShowsTheSnippet()
    {
        MainWindow w;
        for (const auto &info : catalog()) {
            QVERIFY(w.experimentPanel()->setCurrentExperiment(toQString(info.id)));
            QVERIFY2(w.pythonPane()->hasSnippet(), info.id.c_str());
            QVERIFY(!w.pythonPane()->code().isEmpty());
        }
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"sleep-coarse-lock"_s));
        QVERIFY(w.pythonPane()->code().contains(u"RLock"_s));
        // The coming experiments have theirs already.
        for (const QString &id : {u"factorial-sequential"_s, u"factorial-threads"_s, u"factorial-processes"_s, u"factorial-map"_s,
                                 u"factorial-thread-pool"_s, u"factorial-process-pool"_s, u"pool-order"_s})
            QVERIFY2(!PythonPane::snippet(id).isEmpty(), qPrintable(id));
        w.pythonPane()->setExperiment(u"no-such-experiment"_s);
        QVERIFY(!w.pythonPane()->hasSnippet());
        QVERIFY(w.pythonPane()->code().contains(u"no Python snippet"_s));
    }

    void pythonPaneShowsThePanelsValues()
    {
        // The code beside the timeline is the code of the run: the panel's values in it.
        MainWindow w;
        prepare(w, u"sleep-threads"_s, 7, 250);
        QVERIFY(w.pythonPane()->code().contains(u"\nTASKS = 7\n"_s));
        QVERIFY(w.pythonPane()->code().contains(u"\nPAUSE = 0.25"_s));
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"factorial-process-pool"_s));
        setSpin(w, u"n"_s, 250'000);
        setSpin(w, u"workers"_s, 3);
        QVERIFY(w.pythonPane()->code().contains(u"\nN = 250_000\n"_s));
        QVERIFY(w.pythonPane()->code().contains(u"Pool(processes=3)"_s));
        // Back to the first: its own values again.
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"sleep-threads"_s));
        QVERIFY(w.pythonPane()->code().contains(u"\nTASKS = 7\n"_s));
        // The scaling tab shows the sweep's code, the timeline tab the experiment's.
        w.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentIndex(1);
        QCOMPARE(w.pythonPane()->experiment(), u"worker-sweep"_s);
        w.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentIndex(0);
        QCOMPARE(w.pythonPane()->experiment(), u"sleep-threads"_s);
    }

    // Not a check: saves what the window looks like, for a person to look at.
    // LAB_SCREENSHOT_DIR=/tmp xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb tst_mainwindow screenshots
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("LAB_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set LAB_SCREENSHOT_DIR to save screenshots");
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        prepare(w, u"sleep-threads"_s, 5, 100);
        setSpin(w, u"write-us"_s, 300);
        runToEnd(w);
        QTest::qWait(200);
        QVERIFY(w.grab().save(dir + u"/window-normal.png"_s));

        w.setLectureMode(true);
        QTRY_VERIFY(w.isFullScreen());
        w.resize(1920, 1080); // without a window manager full screen is only a state
        prepare(w, u"sleep-coarse-lock"_s, 5, 100);
        setSpin(w, u"write-us"_s, 300);
        runToEnd(w);
        QTest::qWait(300);
        QVERIFY(w.grab().save(dir + u"/window-lecture.png"_s));
        w.setLectureMode(false);
        w.resize(1600, 1000);

        w.setTheme(MainWindow::Theme::Dark);
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"factorial-threads"_s));
        setSpin(w, u"tasks"_s, 6);
        setSpin(w, u"n"_s, 40000);
        runToEnd(w);
        QTest::qWait(300);
        QVERIFY(w.grab().save(dir + u"/window-dark.png"_s));
        w.setTheme(MainWindow::Theme::Light);

        w.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentIndex(1);
        w.findChild<QComboBox *>(u"sweepPool"_s)->setCurrentIndex(0);
        auto *maxWorkers = w.findChild<QComboBox *>(u"sweepMaxWorkers"_s);
        maxWorkers->setCurrentIndex(maxWorkers->findData(16));
        w.findChild<QSpinBox *>(u"sweepTasks"_s)->setValue(16);
        w.findChild<QSpinBox *>(u"sweepN"_s)->setValue(30000);
        QTest::mouseClick(w.findChild<QPushButton *>(u"sweepRun"_s), Qt::LeftButton);
        QVERIFY2(w.sweepController()->isRunning(), qPrintable(w.findChild<QLabel *>(u"sweepStatus"_s)->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!w.sweepController()->isRunning(), 120'000);
        QTest::qWait(300);
        QVERIFY(w.grab().save(dir + u"/window-scaling.png"_s));
    }

    void closingDuringARunDoesNotHang()
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        prepare(*w, u"sleep-threads"_s, 16, 10'000);
        w->action(u"actionRun"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(threadLanes(*w) > 1, 10'000);
        QElapsedTimer t;
        t.start();
        w->close();
        w.reset();
        QVERIFY(t.elapsed() < 3000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
