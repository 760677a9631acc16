#pragma once

#include "Appearance.h"
#include "TimelineData.h"

#include <QImage>
#include <QMainWindow>
#include <QSize>
#include <QString>

#include <cstdint>
#include <memory>

class QAction;
class QComboBox;
class QHBoxLayout;
class QMenu;
class QLabel;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace lab {

class CompareController;
class ConsolePane;
class ExperimentPanel;
class ExportController;
class LessonMode;
class LectureBar;
class LectureMode;
class PythonPane;
class ReplayController;
class RunController;
class RunPresenter;
class ScalingChart;
class ScalingTab;
class SweepController;
class TimelineView;
class WindowSettings;

// The desktop app: the catalog and parameters on the left, the live timeline
// (and the scaling chart) in the middle, the console output and the Python code
// below. Runs never block the GUI: RunController drives them from a timer.
// The window builds the widgets and actions and wires them to the controllers
// that do the work: RunPresenter, CompareController, ReplayController,
// ExportController, LectureMode, Appearance and WindowSettings.
class SavedRunController;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    using Theme = Appearance::Theme;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ExperimentPanel *experimentPanel() const { return m_panel; }
    ConsolePane *consolePane() const { return m_console; }
    PythonPane *pythonPane() const { return m_python; }
    RunController *runController() const { return m_controller; }
    SweepController *sweepController() const { return m_sweeps; }
    TimelineView *timelineView() const { return m_timeline; }
    ScalingChart *scalingChart() const { return m_chart; }
    QAction *action(const QString &objectName) const;
    SavedRunController *savedRuns() const { return m_savedRuns; }
    ExportController *exports() const { return m_exports; } // the images the window exports
    // Shows a saved run (.clrun); false, with a message box, when it cannot be read.
    bool openRun(const QString &file);

    bool isLectureMode() const;
    void setLectureMode(bool on);
    // The teacher's launcher (--lesson): lecture mode and the lesson, from the selected experiment's step.
    void openLesson();
    LessonMode *lesson() const { return m_lesson; }
    Theme theme() const { return m_appearance->theme(); }
    void setTheme(Theme theme);

    bool isReplaying() const;
    std::int64_t replayPositionNs() const;
    std::shared_ptr<const TimelineData> pinned() const;
    QString resultText() const;
    QString elapsedText() const;

    // Present for the tests: what closeEvent() writes, and what the constructor reads.
    void saveSettings() const;
    void loadSettings();

public Q_SLOTS:
    void run();
    void stop();
    void startReplay();
    void stopReplay();
    void stepThroughLesson(bool forward);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentral();
    void createControllers();
    void createLectureMode();
    void createSettings();
    void onLectureModeToggled(bool on);
    void showStatus(const QString &text, int timeoutMs);
    void updateActions();
    void onExperimentChanged(const QString &id);
    void updatePythonPane();
    void updateLectureBar();

    ExperimentPanel *m_panel = nullptr;
    ConsolePane *m_console = nullptr;
    PythonPane *m_python = nullptr;
    RunController *m_controller = nullptr;
    SweepController *m_sweeps = nullptr;
    ScalingTab *m_scaling = nullptr;
    TimelineView *m_timeline = nullptr;
    ScalingChart *m_chart = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    LectureBar *m_lectureBar = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_statusState = nullptr;
    QComboBox *m_replaySpeed = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_pinAction = nullptr;
    QAction *m_unpinAction = nullptr;
    QAction *m_lectureAction = nullptr;
    QAction *m_exportTimelineAction = nullptr;
    QAction *m_exportChartAction = nullptr;
    QAction *m_exportBothAction = nullptr;
    QAction *m_copyImageAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_exportSweepDataAction = nullptr;
    QAction *m_exportSpansAction = nullptr;
    QAction *m_themeLight = nullptr;
    QAction *m_themeDark = nullptr;

    RunPresenter *m_presenter = nullptr;
    CompareController *m_compare = nullptr;
    ReplayController *m_replay = nullptr;
    ExportController *m_exports = nullptr;
    SavedRunController *m_savedRuns = nullptr;
    LectureMode *m_lectureMode = nullptr;
    LessonMode *m_lesson = nullptr;
    QHBoxLayout *m_beside = nullptr;
    QMenu *m_viewMenu = nullptr;
    std::unique_ptr<Appearance> m_appearance;
    std::unique_ptr<WindowSettings> m_settings;
};

} // namespace lab
