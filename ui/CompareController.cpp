#include "CompareController.h"

namespace lab {

CompareController::CompareController(QObject *parent) : QObject(parent) {}

void CompareController::setLast(const FinishedRun &run)
{
    m_last = run;
}

void CompareController::pin()
{
    if (!m_last.data)
        return;
    m_pinned = m_last;
    Q_EMIT pinnedChanged(m_pinned.data, m_pinned.label);
    Q_EMIT statusMessage(tr("Pinned %1: the next run is drawn below it on the same time scale").arg(m_pinned.label), 8000);
}

void CompareController::unpin()
{
    m_pinned = {};
    Q_EMIT pinnedChanged(nullptr, QString());
    Q_EMIT statusMessage(tr("Unpinned"), 4000);
}

} // namespace lab
