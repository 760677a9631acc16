#pragma once

#include "FinishedRun.h"

#include <QObject>

namespace lab {

// The last finished run, and the run pinned above the next ones on the same time
// scale to compare with them.
class CompareController : public QObject
{
    Q_OBJECT

public:
    explicit CompareController(QObject *parent = nullptr);

    const FinishedRun &last() const { return m_last; }
    const FinishedRun &pinned() const { return m_pinned; }
    // A run to pin that is not pinned already.
    bool canPin() const { return m_last.data && m_last.data != m_pinned.data; }

public Q_SLOTS:
    void setLast(const lab::FinishedRun &run);
    void pin(); // the last run; nothing without one
    void unpin();

Q_SIGNALS:
    void pinnedChanged(std::shared_ptr<const lab::TimelineData> pinned, const QString &label); // nullptr: unpinned
    void statusMessage(const QString &text, int timeoutMs);

private:
    FinishedRun m_last;
    FinishedRun m_pinned;
};

} // namespace lab
