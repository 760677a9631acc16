#include "LessonMode.h"

#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "LectureBar.h"
#include "LectureMode.h"
#include "LessonController.h"
#include "LabResources.h"
#include "LessonPanel.h"
#include "QtStrings.h"
#include "RunController.h"
#include "ScalingTab.h"
#include "SweepController.h"
#include "SweepRun.h"
#include "TimelineView.h"

#include <QAction>
#include <QBoxLayout>
#include <QEvent>
#include <QMainWindow>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace lab {

LessonMode::LessonMode(const Parts &parts, QObject *parent) : QObject(parent), m_parts(parts)
{
    m_lesson = new LessonController(this);
    m_panel = new LessonPanel(m_lesson, m_parts.window);
    m_panel->hide();
    m_parts.host->addWidget(m_panel);
    m_blank = new QWidget(m_parts.window);
    m_blank->setObjectName(u"blankScreen"_s);
    m_blank->setStyleSheet(u"background: black;"_s);
    m_blank->hide();
    m_parts.window->installEventFilter(this);
    createActions();

    connect(m_lesson, &LessonController::stepChanged, this, [this](const QString &id) {
        m_parts.experiments->setCurrentExperiment(id);
        m_parts.tabs->setCurrentIndex(0); // the timeline again, after the sweep's chart
        m_parts.timeline->setData(nullptr);
        m_parts.console->clear();
        m_parts.bar->setResult({});
        m_parts.bar->setElapsed({});
        followPanel();
    });
    connect(m_parts.experiments, &ExperimentPanel::paramsChanged, this, &LessonMode::followPanel);
    connect(m_lesson, &LessonController::runRequested, this, &LessonMode::startRun);
    connect(m_lesson, &LessonController::sweepRequested, this, &LessonMode::startSweep);
    connect(m_lesson, &LessonController::changed, this, &LessonMode::showBlank);
    connect(m_parts.runs, &RunController::finished, m_lesson, &LessonController::onRunFinished);
    connect(m_parts.sweeps, &SweepController::finished, m_lesson, &LessonController::onSweepFinished);
    connect(m_parts.lecture, &LectureMode::toggled, m_panel, &LessonPanel::setLecture);
    connect(m_parts.lecture, &LectureMode::toggled, this, &LessonMode::updateRunKeys);
}

void LessonMode::createActions()
{
    auto add = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys) {
        auto *a = new QAction(text, m_parts.window);
        a->setObjectName(name);
        a->setShortcuts(keys);
        a->setEnabled(false); // the lesson's own keys: elsewhere they are the panel's to type
        m_parts.window->addAction(a);
        return a;
    };
    m_toggle = new QAction(labIcon(u"lesson"_s), tr("Le&sson"), m_parts.window);
    m_toggle->setObjectName(u"actionLesson"_s);
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_toggle->setToolTip(tr("The lesson step by step: predict, run, and see what the run decides (Ctrl+L)"));
    m_parts.window->addAction(m_toggle);
    connect(m_toggle, &QAction::toggled, this, &LessonMode::setOn);
    for (int i = 0; i < 4; ++i) {
        QAction *pick = add(u"actionLessonPick%1"_s.arg(i + 1), tr("Pick choice %1").arg(i + 1), {QKeySequence(Qt::Key_1 + i)});
        connect(pick, &QAction::triggered, this, [this, i] {
            if (!m_lesson->pick(i))
                Q_EMIT statusMessage(tr("Choice %1 cannot be picked now").arg(i + 1), 3000);
        });
        m_picks.push_back(pick);
    }
    m_blankAction = add(u"actionLessonBlank"_s, tr("Blank the screen"), {QKeySequence(Qt::Key_B), QKeySequence(Qt::Key_Period)});
    connect(m_blankAction, &QAction::triggered, m_lesson, &LessonController::toggleBlank);
}

void LessonMode::setOn(bool on)
{
    if (m_toggle->isChecked() != on)
        m_toggle->setChecked(on); // comes back through toggled()
    if (on == m_on)
        return;
    m_on = on;
    for (QAction *a : m_picks)
        a->setEnabled(on);
    m_blankAction->setEnabled(on);
    m_panel->setVisible(on);
    if (on) {
        // Start where the window is: the selected experiment's step.
        int index = 0;
        for (std::size_t i = 0; i < lessonPlan().size(); ++i)
            if (toQString(lessonPlan()[i].experiment) == m_parts.experiments->currentExperiment())
                index = int(i);
        if (!m_lesson->goTo(index))
            m_lesson->goTo(0);
        m_parts.tabs->setFocus(); // the digits and Space are the lesson's, not a spin box's
    } else {
        m_lesson->abandon(); // a run it asked for may end, but nothing follows it
        if (m_lesson->isBlank())
            m_lesson->toggleBlank();
    }
    showBlank();
    updateRunKeys();
    Q_EMIT toggled(on);
}

void LessonMode::run()
{
    if (m_lesson->phase() == LessonController::Phase::Measuring)
        return;
    m_parts.experiments->commitEdits();
    followPanel();
    m_lesson->run();
}

bool LessonMode::step(bool forward)
{
    if (forward ? m_lesson->next() : m_lesson->previous())
        return true;
    Q_EMIT statusMessage(m_lesson->phase() == LessonController::Phase::Measuring ? tr("Wait for the run to finish, or stop it (Esc)")
                         : forward ? tr("That was the lesson's last step") : tr("This is the lesson's first step"), 4000);
    return false;
}

// The values the step runs with are the panel's while it shows the step's experiment.
void LessonMode::followPanel()
{
    if (m_parts.experiments->currentExperiment() == toQString(m_lesson->step().experiment))
        m_lesson->setParams(m_parts.experiments->params());
}

void LessonMode::startRun(const QString &experiment, const ExperimentParams &params)
{
    if (!m_on)
        return;
    m_parts.tabs->setCurrentIndex(0);
    const QString error = m_parts.runs->start(experiment, params);
    if (!error.isEmpty()) {
        m_lesson->onRefused(error); // the panel says why: lecture mode has no status bar
        Q_EMIT statusMessage(error, 8000);
    }
}

void LessonMode::startSweep()
{
    if (!m_on)
        return;
    // The lesson's sweep, whatever the tab's form holds: a process pool from 1 to 512 workers.
    SweepSpec spec;
    spec.workers = defaultSweepWorkers();
    spec.tasks = m_parts.experiments->params().tasks;
    const QString error = m_parts.scaling->run(spec);
    if (!error.isEmpty())
        return m_lesson->onRefused(error);
    // Here the chart is the point: on a projector it takes the timeline's place, not a pane below it.
    if (m_parts.lecture->isOn()) {
        m_parts.lecture->panes()->show(LecturePanes::Pane::None);
        m_parts.tabs->setCurrentWidget(m_parts.scaling);
    }
}

void LessonMode::updateRunKeys()
{
    QList<QKeySequence> keys{QKeySequence(Qt::Key_F5)};
    if (m_on || m_parts.lecture->isOn())
        keys << QKeySequence(Qt::Key_Space);
    m_parts.run->setShortcuts(keys);
}

void LessonMode::showBlank()
{
    const bool blank = m_on && m_lesson->isBlank();
    if (blank) {
        m_blank->setGeometry(m_parts.window->rect());
        m_blank->raise();
    }
    m_blank->setVisible(blank);
}

bool LessonMode::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_parts.window && event->type() == QEvent::Resize && m_blank->isVisible())
        m_blank->setGeometry(m_parts.window->rect());
    return QObject::eventFilter(watched, event);
}

} // namespace lab
