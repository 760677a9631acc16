#include "ReplayController.h"

#include <QAction>
#include <QComboBox>

using namespace Qt::StringLiterals;

namespace lab {

ReplayController::ReplayController(QAction *action, QComboBox *speedBox, QObject *parent)
    : QObject(parent), m_action(action), m_speedBox(speedBox)
{
    for (double f : {1.0, 0.5, 0.25, 0.1})
        m_speedBox->addItem(QString::number(f) + u"×"_s, f);
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, &ReplayController::tick);
}

QString ReplayController::speedText() const
{
    return m_speedBox->currentText();
}

int ReplayController::speedIndex() const
{
    return m_speedBox->currentIndex();
}

void ReplayController::setSpeedIndex(int index)
{
    if (index >= 0 && index < m_speedBox->count())
        m_speedBox->setCurrentIndex(index);
}

std::int64_t ReplayController::durationNs() const
{
    return m_run.data ? m_run.data->endNs - m_run.data->originNs : 0;
}

void ReplayController::start(const FinishedRun &run)
{
    if (!run.data) {
        m_action->setChecked(false);
        return;
    }
    m_factor = m_speedBox->currentData().toDouble();
    if (m_factor <= 0)
        m_factor = 1.0;
    m_run = run;
    Q_EMIT started(m_run.data);
    m_positionNs = 0;
    m_clock.start();
    m_action->setChecked(true);
    m_timer.start();
    tick();
    Q_EMIT statusMessage(tr("Replaying %1 at %2").arg(m_run.label, speedText()), 0);
    Q_EMIT stateChanged();
}

void ReplayController::tick()
{
    if (!m_run.data)
        return stop();
    const std::int64_t duration = durationNs();
    m_positionNs = std::int64_t(double(m_clock.nsecsElapsed()) * m_factor);
    if (m_positionNs >= duration)
        return stop();
    Q_EMIT revealUntil(m_positionNs);
    Q_EMIT positionChanged(m_positionNs, duration);
}

void ReplayController::stop()
{
    const bool was = m_timer.isActive();
    m_timer.stop();
    m_positionNs = -1;
    m_action->setChecked(false);
    Q_EMIT revealUntil(-1);
    if (was) {
        if (m_run.data)
            Q_EMIT finished(durationNs());
        Q_EMIT statusMessage(tr("Replay finished"), 4000);
    }
    Q_EMIT stateChanged();
}

} // namespace lab
