#pragma once

#include "Sweep.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSettings;
class QSpinBox;

namespace lab {

class ScalingChart;
class SweepController;

// The scaling chart's tab: the sweep's form (the pool, how many workers at most, the
// workload, a process pool's API and start method), Run and Stop, a status line, and
// the chart each sweep adds a curve to.
class ScalingTab : public QWidget
{
    Q_OBJECT

public:
    explicit ScalingTab(SweepController *sweeps, QWidget *parent = nullptr);

    ScalingChart *chart() const { return m_chart; }
    // The sweep the form describes.
    SweepSpec spec() const;
    void setRunEnabled(bool enabled); // one measurement at a time: the window decides

    // The form's values, in the current group of `settings`; values out of range are dropped.
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    // The form set to `spec` (its largest worker count, if the form offers it).
    void setSpec(const SweepSpec &spec);
    // Runs `spec` rather than the form's (the lesson's sweep), shown in the form; the error when it did not start.
    QString run(const SweepSpec &spec);

public Q_SLOTS:
    void run();
    void stop();

Q_SIGNALS:
    void sweepStarted();
    void stateChanged(); // a sweep started or finished
    void statusMessage(const QString &text, int timeoutMs);

private:
    void createPoolChoices();
    void createWorkload();
    void createProcessChoices();
    void createButtons();
    QHBoxLayout *createBar();
    void onFinished(const SweepResult &result);

    SweepController *m_sweeps = nullptr;
    int m_sweepId = -1;
    QComboBox *m_pool = nullptr;
    QComboBox *m_maxWorkers = nullptr;
    QSpinBox *m_tasks = nullptr;
    QSpinBox *m_n = nullptr;
    QSpinBox *m_repeat = nullptr;
    QComboBox *m_startMethod = nullptr;
    QComboBox *m_poolApi = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_status = nullptr;
    ScalingChart *m_chart = nullptr;
};

} // namespace lab
