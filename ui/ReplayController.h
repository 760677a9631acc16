#pragma once

#include "FinishedRun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstdint>

class QAction;
class QComboBox;

namespace lab {

// Replays a finished run at a chosen speed: a timer moves the position on the run's
// own clock, and everything recorded before it is revealed, step by step.
class ReplayController : public QObject
{
    Q_OBJECT

public:
    // `action` is the checkable Replay action, checked while a replay goes; the speeds
    // (1×, 0.5×, 0.25×, 0.1×) are put into `speedBox`.
    ReplayController(QAction *action, QComboBox *speedBox, QObject *parent = nullptr);

    bool isReplaying() const { return m_timer.isActive(); }
    std::int64_t positionNs() const { return m_positionNs; } // -1 when not replaying
    QString speedText() const;
    int speedIndex() const;
    void setSpeedIndex(int index); // one out of range is ignored

    static constexpr int tickMs = 16;

public Q_SLOTS:
    void start(const lab::FinishedRun &run); // without a run it only unchecks the action
    void stop();

Q_SIGNALS:
    void started(std::shared_ptr<const lab::TimelineData> data);      // to be shown whole, then revealed
    void revealUntil(std::int64_t relativeNs);                         // -1: everything
    void positionChanged(std::int64_t positionNs, std::int64_t durationNs);
    void finished(std::int64_t durationNs); // a replay that was going has ended or was stopped
    void statusMessage(const QString &text, int timeoutMs);
    void stateChanged();

private:
    void tick();
    std::int64_t durationNs() const;

    QAction *m_action = nullptr;
    QComboBox *m_speedBox = nullptr;
    FinishedRun m_run;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::int64_t m_positionNs = -1;
    double m_factor = 1.0;
};

} // namespace lab
