#pragma once

#include "Catalog.h"

#include <QObject>

#include <vector>

class QAction;
class QBoxLayout;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace lab {

class ConsolePane;
class ExperimentPanel;
class LectureBar;
class LectureMode;
class LessonController;
class LessonPanel;
class RunController;
class ScalingTab;
class SweepController;
class TimelineView;

// The lesson in the window: its panel beside the timeline, the keys a presenter's
// remote sends (1–4 pick, B or . blanks the screen), and the runs and sweeps its
// steps ask for, started the way the window starts its own. The window routes Run,
// PageDown/PageUp and Esc here while it is on.
class LessonMode : public QObject
{
    Q_OBJECT

public:
    struct Parts
    {
        QMainWindow *window = nullptr;
        QBoxLayout *host = nullptr; // the panel is added here, beside the timeline
        ExperimentPanel *experiments = nullptr;
        RunController *runs = nullptr;
        SweepController *sweeps = nullptr;
        ScalingTab *scaling = nullptr;
        QTabWidget *tabs = nullptr;
        LectureMode *lecture = nullptr;
        QAction *run = nullptr; // Space joins F5 while the lesson is on
        // Cleared for each new step, so its question is not asked over the last step's run.
        TimelineView *timeline = nullptr;
        ConsolePane *console = nullptr;
        LectureBar *bar = nullptr;
    };

    explicit LessonMode(const Parts &parts, QObject *parent = nullptr);

    bool isOn() const { return m_on; }
    QAction *toggleAction() const { return m_toggle; }
    LessonController *controller() const { return m_lesson; }
    LessonPanel *panel() const { return m_panel; }
    QWidget *blankScreen() const { return m_blank; }

public Q_SLOTS:
    void setOn(bool on);
    void run(); // the current step, with the experiment panel's values
    // PageDown / PageUp: the next or previous step; false, and the panel says why, when it cannot.
    bool step(bool forward);

Q_SIGNALS:
    void toggled(bool on);
    void statusMessage(const QString &text, int timeoutMs);

private:
    void createActions();
    void startRun(const QString &experiment, const ExperimentParams &params);
    void followPanel();
    void startSweep();
    void showBlank();
    void updateRunKeys();
    bool eventFilter(QObject *watched, QEvent *event) override;

    Parts m_parts;
    bool m_on = false;
    LessonController *m_lesson = nullptr;
    LessonPanel *m_panel = nullptr;
    QWidget *m_blank = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_blankAction = nullptr;
    std::vector<QAction *> m_picks;
};

} // namespace lab
