#include "MainWindow.h"

#include "CompareController.h"
#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "ExportController.h"
#include "LabResources.h"
#include "LectureBar.h"
#include "LectureMode.h"
#include "LessonMode.h"
#include "PythonPane.h"
#include "QtStrings.h"
#include "ReplayController.h"
#include "RunController.h"
#include "RunPresenter.h"
#include "SavedRunController.h"
#include "ScalingChart.h"
#include "ScalingTab.h"
#include "SecondsText.h"
#include "SweepController.h"
#include "TimelineView.h"
#include "WindowSettings.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QHBoxLayout>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lab {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    setWindowTitle(tr("Concurrency Lab"));
    setWindowIcon(labIcon(u"app"_s));
    setObjectName(u"MainWindow"_s);

    m_controller = new RunController(this);
    m_sweeps = new SweepController(this);
    m_savedRuns = new SavedRunController(this, m_controller, this);
    m_savedRuns->openDropsOn(this);
    // The panel, the code and the lecture bar show the experiment and values the saved run was made with.
    connect(m_savedRuns, &SavedRunController::opening, this, [this](const QString &experiment, const ExperimentParams &params) {
        m_panel->setCurrentExperiment(experiment);
        m_panel->setParams(experiment, params); // paramsChanged: the code pane and lecture bar follow
    });

    createActions();
    createCentral();
    createMenus();
    createToolBar();
    createControllers();
    createLectureMode();
    createSettings();

    m_statusState = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusState);
    statusBar()->showMessage(tr("Pick an experiment and press Run (F5)."));

    resize(1400, 900);
    loadSettings();
    onExperimentChanged(m_panel->currentExperiment());
    updateActions();
}

MainWindow::~MainWindow()
{
    // Cancels and joins a run or sweep still going before the panes it reports to go away.
    delete m_controller;
    m_controller = nullptr;
    delete m_sweeps;
    m_sweeps = nullptr;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QString &iconName, const QKeySequence &key,
                       const QString &tip) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!iconName.isEmpty())
            a->setIcon(labIcon(iconName));
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setToolTip(key.isEmpty() ? tip : tip + u" ("_s + key.toString(QKeySequence::NativeText) + u")"_s);
        a->setStatusTip(tip);
        addAction(a); // shortcuts work while the menu bar is hidden, too
        return a;
    };
    m_runAction = make(u"actionRun"_s, tr("&Run"), u"run"_s, QKeySequence(Qt::Key_F5), tr("Run the selected experiment"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);
    m_stopAction = make(u"actionStop"_s, tr("&Stop"), u"stop"_s, QKeySequence(Qt::Key_Escape), tr("Stop the run; what it recorded so far stays"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);
    m_replayAction = make(u"actionReplay"_s, tr("Re&play"), u"replay"_s, QKeySequence(Qt::CTRL | Qt::Key_R),
                          tr("Replay the last run's events at the chosen speed"));
    m_replayAction->setCheckable(true);
    connect(m_replayAction, &QAction::triggered, this, [this](bool on) { on ? startReplay() : stopReplay(); });
    m_pinAction = make(u"actionPin"_s, tr("&Pin this run"), u"pin"_s, QKeySequence(Qt::CTRL | Qt::Key_P),
                       tr("Keep this run above the next ones, on the same time scale, to compare"));
    connect(m_pinAction, &QAction::triggered, this, [this] { m_compare->pin(); });
    m_unpinAction = make(u"actionUnpin"_s, tr("&Unpin"), u"unpin"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                         tr("Stop comparing with the pinned run"));
    connect(m_unpinAction, &QAction::triggered, this, [this] { m_compare->unpin(); });
    m_nextAction = make(u"actionNext"_s, tr("&Next experiment"), u"next"_s, QKeySequence(Qt::Key_PageDown),
                        tr("The lesson's next experiment"));
    connect(m_nextAction, &QAction::triggered, this, [this] { stepThroughLesson(true); });
    m_previousAction = make(u"actionPrevious"_s, tr("P&revious experiment"), u"previous"_s, QKeySequence(Qt::Key_PageUp),
                            tr("The lesson's previous experiment"));
    connect(m_previousAction, &QAction::triggered, this, [this] { stepThroughLesson(false); });
    m_exportTimelineAction = make(u"actionExportTimeline"_s, tr("Export &timeline…"), u"export"_s,
                                  QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the timeline as a PNG or SVG image"));
    connect(m_exportTimelineAction, &QAction::triggered, this, [this] { m_exports->exportTimeline(m_panel->currentExperiment()); });
    m_exportChartAction = make(u"actionExportChart"_s, tr("Export &chart…"), QString(), QKeySequence(),
                               tr("Save the scaling chart as a PNG or SVG image"));
    connect(m_exportChartAction, &QAction::triggered, this, [this] { m_exports->exportChart(); });
    m_exportBothAction = make(u"actionExportBoth"_s, tr("Export timeline &and chart…"), QString(), QKeySequence(),
                              tr("Save the timeline above the scaling chart in one PNG image"));
    connect(m_exportBothAction, &QAction::triggered, this, [this] { m_exports->exportBoth(m_panel->currentExperiment()); });
    m_exportSweepDataAction = make(u"actionExportSweepFigures"_s, tr("Export sweep &figures (CSV, JSON)…"), QString(), QKeySequence(),
                                   tr("The last sweep's numbers, as sweep --csv and --json write them"));
    connect(m_exportSweepDataAction, &QAction::triggered, this, [this] { m_exports->exportSweepFigures(); });
    m_exportSpansAction = make(u"actionExportSpans"_s, tr("Export timeline &spans (CSV)…"), QString(), QKeySequence(),
                               tr("Every state span of the shown run: lane, state, task, start and end"));
    connect(m_exportSpansAction, &QAction::triggered, this, [this] { m_exports->exportSpans(m_panel->currentExperiment()); });
    m_copyImageAction = make(u"actionCopyImage"_s, tr("Copy &image"), u"copy"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                             tr("Copy the timeline to the clipboard as an image"));
    connect(m_copyImageAction, &QAction::triggered, this, [this] { m_exports->copyImage(); });
    m_fitAction = make(u"actionFit"_s, tr("&Fit to window"), u"fit"_s, QKeySequence(Qt::Key_F),
                       tr("Show the whole run in the timeline"));
    connect(m_fitAction, &QAction::triggered, this, [this] { m_timeline->fitToWindow(); });
    m_lectureAction = make(u"actionLecture"_s, tr("&Lecture mode"), u"lecture"_s, QKeySequence(Qt::Key_F11),
                           tr("Full screen, large type, PageDown/PageUp step through the lesson, Space runs"));
    m_lectureAction->setCheckable(true);

    auto *themes = new QActionGroup(this);
    m_themeLight = make(u"actionThemeLight"_s, tr("&Light"), QString(), QKeySequence(), tr("Light colours"));
    m_themeDark = make(u"actionThemeDark"_s, tr("&Dark"), QString(), QKeySequence(), tr("Dark colours"));
    for (QAction *a : {m_themeLight, m_themeDark}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    m_themeLight->setChecked(true);
    connect(m_themeLight, &QAction::triggered, this, [this] { setTheme(Theme::Light); });
    connect(m_themeDark, &QAction::triggered, this, [this] { setTheme(Theme::Dark); });
}

void MainWindow::createCentral()
{
    m_panel = new ExperimentPanel(this);
    m_panel->setObjectName(u"experimentPanel"_s);
    m_panel->setRunActions(m_runAction, m_stopAction);
    m_panel->setMinimumWidth(260);
    connect(m_panel, &ExperimentPanel::experimentChanged, this, &MainWindow::onExperimentChanged);
    connect(m_panel, &ExperimentPanel::paramsChanged, this, &MainWindow::updateLectureBar);
    connect(m_panel, &ExperimentPanel::paramsChanged, this, &MainWindow::updatePythonPane);

    m_lectureBar = new LectureBar(this);

    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(u"timelineView"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"centralTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_scaling = new ScalingTab(m_sweeps, this);
    m_chart = m_scaling->chart();
    connect(m_scaling, &ScalingTab::sweepStarted, this, [this] { // the chart: its tab, or lecture mode's pane
        isLectureMode() ? m_lectureMode->panes()->show(LecturePanes::Pane::Chart) : m_tabs->setCurrentWidget(m_scaling);
    });
    connect(m_scaling, &ScalingTab::stateChanged, this, &MainWindow::updateActions);
    connect(m_scaling, &ScalingTab::statusMessage, this, &MainWindow::showStatus);
    m_tabs->addTab(m_scaling, tr("Scaling chart"));
    // The Python pane follows the tab: the sweep's code beside its chart.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updatePythonPane);

    m_console = new ConsolePane(this);
    m_console->setObjectName(u"consolePane"_s);
    m_python = new PythonPane(this);
    m_python->setObjectName(u"pythonPane"_s);
    connect(m_console, &ConsolePane::writeClicked, this, [this](std::size_t index) {
        m_timeline->highlightWrite(index);
        statusBar()->showMessage(tr("Console write %1 is highlighted in the timeline").arg(index + 1), 4000);
    });
    connect(m_timeline, &TimelineView::writeClicked, this, [this](std::size_t index) {
        m_console->highlightWrite(index);
        statusBar()->showMessage(tr("Console write %1 is highlighted in the console").arg(index + 1), 4000);
    });

    m_bottomSplitter = new QSplitter(Qt::Horizontal, this);
    m_bottomSplitter->setObjectName(u"bottomSplitter"_s);
    m_bottomSplitter->addWidget(m_console);
    m_bottomSplitter->addWidget(m_python);
    m_bottomSplitter->setStretchFactor(0, 1);
    m_bottomSplitter->setStretchFactor(1, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_lectureBar);
    m_beside = new QHBoxLayout; // the lesson's panel joins the timeline here
    m_beside->addWidget(m_tabs, 1);
    topLayout->addLayout(m_beside, 1);

    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(u"rightSplitter"_s);
    m_rightSplitter->addWidget(top);
    m_rightSplitter->addWidget(m_bottomSplitter);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 2);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(u"mainSplitter"_s);
    m_mainSplitter->addWidget(m_panel);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({300, 1100});
    setCentralWidget(m_mainSplitter);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_savedRuns->openAction());
    file->addAction(m_savedRuns->saveAction());
    file->addSeparator();
    file->addAction(m_exportTimelineAction);
    file->addAction(m_exportChartAction);
    file->addAction(m_exportBothAction);
    file->addAction(m_exportSweepDataAction);
    file->addAction(m_exportSpansAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setObjectName(u"actionQuit"_s);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyImageAction);

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_stopAction);
    runMenu->addSeparator();
    runMenu->addAction(m_replayAction);
    runMenu->addSeparator();
    runMenu->addAction(m_pinAction);
    runMenu->addAction(m_unpinAction);
    runMenu->addSeparator();
    runMenu->addAction(m_nextAction);
    runMenu->addAction(m_previousAction);

    QMenu *view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    view->addAction(m_lectureAction);
    view->addAction(m_fitAction);
    QMenu *theme = view->addMenu(labIcon(u"theme"_s), tr("&Theme"));
    theme->addAction(m_themeLight);
    theme->addAction(m_themeDark);
    QAction *lineEnds = view->addAction(tr("Show console &line ends (↵)"));
    lineEnds->setObjectName(u"actionLineEnds"_s);
    lineEnds->setCheckable(true);
    connect(lineEnds, &QAction::toggled, m_console, &ConsolePane::setShowLineEnds);
    connect(m_console->findChild<QToolButton *>(u"showLineEnds"_s), &QToolButton::toggled, lineEnds, &QAction::setChecked);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Concurrency Lab"), this, [this] {
        QMessageBox::about(this, tr("About Concurrency Lab"),
                           tr("<h3>Concurrency Lab %1</h3><p>Click-run the lesson on threads, locks, processes and "
                              "pools, and watch every recorded event on a timeline.</p>"
                              "<p>F5 runs, Esc stops, F11 lecture mode, PageDown / PageUp step through the lesson.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Run"));
    m_toolBar = bar;
    bar->setObjectName(u"runToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_previousAction);
    bar->addAction(m_nextAction);
    bar->addSeparator();
    bar->addAction(m_runAction);
    bar->addAction(m_stopAction);
    bar->addSeparator();
    m_replaySpeed = new QComboBox(bar);
    m_replaySpeed->setObjectName(u"replaySpeed"_s);
    m_replaySpeed->setToolTip(tr("Replay speed: 1× is real time"));
    bar->addWidget(m_replaySpeed);
    bar->addAction(m_replayAction);
    bar->addSeparator();
    bar->addAction(m_pinAction);
    bar->addAction(m_unpinAction);
    bar->addSeparator();
    bar->addAction(m_fitAction);
    bar->addAction(m_exportTimelineAction);
    bar->addAction(m_lectureAction);
}

void MainWindow::createControllers()
{
    m_appearance = std::make_unique<Appearance>(Appearance::Panes{m_console, m_python, m_timeline, m_chart});

    m_presenter = new RunPresenter(m_controller, {m_panel, m_timeline, m_console, m_lectureBar}, this);
    connect(m_presenter, &RunPresenter::statusMessage, this, &MainWindow::showStatus);
    connect(m_presenter, &RunPresenter::stateChanged, this, &MainWindow::updateActions);

    m_compare = new CompareController(this);
    connect(m_presenter, &RunPresenter::finished, m_compare, &CompareController::setLast);
    connect(m_compare, &CompareController::pinnedChanged, m_timeline, &TimelineView::setPinned);
    connect(m_compare, &CompareController::pinnedChanged, this, &MainWindow::updateActions);
    connect(m_compare, &CompareController::statusMessage, this, &MainWindow::showStatus);

    m_exports = new ExportController(m_timeline, m_chart, m_compare, this);
    connect(m_exports, &ExportController::statusMessage, this, &MainWindow::showStatus);

    m_replay = new ReplayController(m_replayAction, m_replaySpeed, this);
    connect(m_replay, &ReplayController::started, m_timeline, &TimelineView::setData);
    connect(m_replay, &ReplayController::started, m_console, &ConsolePane::setData);
    connect(m_replay, &ReplayController::revealUntil, m_timeline, &TimelineView::setRevealUntilNs);
    connect(m_replay, &ReplayController::revealUntil, m_console, &ConsolePane::setRevealUntilNs);
    connect(m_replay, &ReplayController::positionChanged, this, [this](std::int64_t ns, std::int64_t duration) {
        m_panel->setElapsedText(tr("Replay: %1 of %2").arg(secondsText(ns), secondsText(duration)));
        m_lectureBar->setElapsed(secondsText(ns));
    });
    connect(m_replay, &ReplayController::finished, this, [this](std::int64_t duration) { m_lectureBar->setElapsed(secondsText(duration)); });
    connect(m_replay, &ReplayController::statusMessage, this, &MainWindow::showStatus);
    connect(m_replay, &ReplayController::stateChanged, this, &MainWindow::updateActions);
}

void MainWindow::createLectureMode()
{
    LectureMode::Parts parts;
    parts.window = this;
    parts.toggle = m_lectureAction;
    parts.run = m_runAction;
    parts.panel = m_panel;
    parts.tabs = m_tabs->tabBar();
    parts.toolBar = m_toolBar;
    parts.bar = m_lectureBar;
    parts.panes = {this, m_rightSplitter, m_bottomSplitter, m_console, m_python, m_tabs, m_timeline, m_chart};
    m_lectureMode = new LectureMode(parts, this);
    connect(m_lectureMode, &LectureMode::toggled, this, &MainWindow::onLectureModeToggled);
    connect(m_lectureMode, &LectureMode::statusMessage, this, &MainWindow::showStatus);

    m_lesson = new LessonMode({this, m_beside, m_panel, m_controller, m_sweeps, m_scaling, m_tabs, m_lectureMode, m_runAction,
                               m_timeline, m_console, m_lectureBar}, this);
    connect(m_lesson, &LessonMode::statusMessage, this, &MainWindow::showStatus);
    connect(m_lesson, &LessonMode::toggled, this, &MainWindow::updateActions);
    m_viewMenu->insertAction(m_fitAction, m_lesson->toggleAction());
    m_toolBar->insertAction(m_lectureAction, m_lesson->toggleAction());
}

void MainWindow::createSettings()
{
    m_settings = std::make_unique<WindowSettings>(this, QList<QSplitter *>{m_mainSplitter, m_rightSplitter, m_bottomSplitter},
                                                  m_panel, m_scaling);
}

void MainWindow::showStatus(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::updateActions()
{
    const bool running = m_controller && m_controller->isRunning();
    const bool sweeping = m_sweeps && m_sweeps->isRunning();
    const bool haveRun = m_compare && m_compare->last().data != nullptr;
    m_runAction->setEnabled(!running && !sweeping);
    m_scaling->setRunEnabled(!running && !sweeping);
    m_panel->setEditable(!running);
    // In lecture mode and the lesson Esc also leaves them once nothing runs (see stop()).
    m_stopAction->setEnabled(running || isReplaying() || sweeping || (m_lectureAction && m_lectureAction->isChecked())
                             || (m_lesson && m_lesson->isOn()));
    m_replayAction->setEnabled(!running && haveRun);
    m_replaySpeed->setEnabled(!running);
    m_pinAction->setEnabled(!running && m_compare && m_compare->canPin());
    m_unpinAction->setEnabled(m_compare && m_compare->pinned().data != nullptr);
    m_exportTimelineAction->setEnabled((haveRun || running));
    m_copyImageAction->setEnabled((haveRun || running));
    m_exportChartAction->setEnabled(m_chart != nullptr);
    m_exportBothAction->setEnabled(m_chart != nullptr && haveRun);
    m_exportSweepDataAction->setEnabled(m_chart && m_chart->lastSweep() && !m_chart->lastSweep()->points.empty());
    m_exportSpansAction->setEnabled(haveRun);
    if (m_savedRuns)
        m_savedRuns->updateActions();
    if (running)
        m_statusState->setText(m_controller->isCancelling() ? tr("Stopping…") : tr("Running %1").arg(m_controller->experiment()));
    else if (isReplaying())
        m_statusState->setText(tr("Replaying at %1").arg(m_replay->speedText()));
    else
        m_statusState->setText(tr("Ready"));
}

void MainWindow::onExperimentChanged(const QString &id)
{
    m_tabs->setCurrentIndex(0);
    updatePythonPane();
    updateLectureBar();
    if (const ExperimentInfo *info = findExperiment(id.toStdString()))
        statusBar()->showMessage(toQString(info->title) + u" — "_s + toQString(info->description), 8000);
}

void MainWindow::updatePythonPane()
{
    // The code the timeline stands for, with the panel's values; the sweep's beside its chart.
    if (m_tabs->currentIndex() == 1)
        m_python->setExperiment(toQString(sweepEntry().id));
    else
        m_python->setExperiment(m_panel->currentExperiment(), m_panel->params());
}

void MainWindow::updateLectureBar()
{
    m_lectureBar->showExperiment(m_panel->currentExperiment(), m_panel->params());
}

void MainWindow::run()
{
    if (m_controller->isRunning())
        return;
    if (m_sweeps->isRunning()) { // one measurement at a time: each would distort the other's timings
        statusBar()->showMessage(tr("A sweep is running: stop it (Esc) before running an experiment"), 8000);
        return;
    }
    stopReplay();
    if (m_lesson->isOn())
        return m_lesson->run();
    m_panel->commitEdits();
    if (const ExperimentInfo *info = findExperiment(m_panel->currentExperiment().toStdString()); info && isSweep(*info)) {
        m_tabs->setCurrentWidget(m_scaling); // the sweep's form and chart
        m_scaling->run();
        return;
    }
    const QString error = m_controller->start(m_panel->currentExperiment(), m_panel->params());
    if (!error.isEmpty())
        m_presenter->showRefusal(error);
}

void MainWindow::stop()
{
    if (m_sweeps->isRunning())
        m_scaling->stop();
    if (isReplaying()) {
        stopReplay();
        return;
    }
    if (!m_controller->isRunning()) {
        if (m_lesson->isOn() && !m_sweeps->isRunning())
            m_lesson->setOn(false); // Esc leaves the lesson first, then lecture mode
        else if (m_lectureAction->isChecked() && !m_sweeps->isRunning())
            m_lectureAction->trigger(); // what a presenter expects of Esc once nothing runs
        return;
    }
    m_controller->cancel();
    statusBar()->showMessage(tr("Stopping: every thread is being joined…"));
    updateActions();
}

QString MainWindow::resultText() const
{
    return m_presenter->resultText();
}

QString MainWindow::elapsedText() const
{
    return m_lectureBar->elapsed();
}

// Replay and compare -----------------------------------------------------

bool MainWindow::isReplaying() const
{
    return m_replay && m_replay->isReplaying();
}

std::int64_t MainWindow::replayPositionNs() const
{
    return m_replay->positionNs();
}

std::shared_ptr<const TimelineData> MainWindow::pinned() const
{
    return m_compare->pinned().data;
}

void MainWindow::startReplay()
{
    // Nothing to replay while a run is going: the action is only unchecked.
    m_replay->start(m_controller->isRunning() ? FinishedRun{} : m_compare->last());
}

void MainWindow::stopReplay()
{
    m_replay->stop();
}

// PageDown / PageUp: the lesson's next step while it is on, else the next experiment.
void MainWindow::stepThroughLesson(bool forward)
{
    const bool moved = m_lesson->isOn() ? m_lesson->step(forward) : forward ? m_panel->selectNext() : m_panel->selectPrevious();
    if (!moved && !m_lesson->isOn())
        statusBar()->showMessage(forward ? tr("That was the lesson's last step") : tr("This is the lesson's first step"), 4000);
}

bool MainWindow::isLectureMode() const
{
    return m_lectureMode && m_lectureMode->isOn();
}

void MainWindow::setLectureMode(bool on)
{
    m_lectureMode->setOn(on);
}

void MainWindow::openLesson()
{
    setLectureMode(true);
    m_lesson->setOn(true);
}

void MainWindow::onLectureModeToggled(bool on)
{
    m_appearance->setLecture(on);
    updateLectureBar();
    updateActions();
}

void MainWindow::setTheme(Theme theme)
{
    (theme == Theme::Dark ? m_themeDark : m_themeLight)->setChecked(true);
    m_appearance->setTheme(theme);
}

// Settings ---------------------------------------------------------------

void MainWindow::saveSettings() const
{
    WindowSettings::View view;
    view.dark = theme() == Theme::Dark;
    view.lecture = isLectureMode();
    view.lineEnds = m_console->showLineEnds();
    view.replaySpeed = m_replay->speedIndex();
    m_settings->save(view);
}

void MainWindow::loadSettings()
{
    const WindowSettings::View view = m_settings->load();
    setTheme(view.dark ? Theme::Dark : Theme::Light);
    m_console->setShowLineEnds(view.lineEnds);
    m_replay->setSpeedIndex(view.replaySpeed);
    if (view.lecture)
        setLectureMode(true);
}

bool MainWindow::openRun(const QString &file)
{
    const QString error = m_savedRuns->open(file);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Open run"), error);
    return error.isEmpty();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    stopReplay();
    m_sweeps->cancel();
    if (m_controller->isRunning()) {
        // The run's threads poll their cancel token; joining them takes moments.
        m_controller->cancel();
        statusBar()->showMessage(tr("Stopping the run before closing…"));
    }
    saveSettings();
    event->accept();
}

} // namespace lab
