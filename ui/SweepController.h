#pragma once

#include "Sweep.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace lab {

class CancelToken;

// Runs a worker-count sweep (lab::runSweep) on its own thread and reports each
// new point on the GUI thread, pulled by a timer like RunController's snapshots.
class SweepController : public QObject
{
    Q_OBJECT

public:
    explicit SweepController(QObject *parent = nullptr);
    ~SweepController() override; // cancels and joins a sweep still going

    // An error message (and nothing started) when the sweep is refused.
    QString start(const SweepSpec &spec);
    void cancel();
    bool isRunning() const { return m_thread.joinable(); }

Q_SIGNALS:
    void started(const lab::SweepResult &empty);
    void progress(const lab::SweepResult &partial);
    void finished(const lab::SweepResult &result);

private:
    void poll();

    std::unique_ptr<CancelToken> m_cancel;
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::mutex m_mutex;
    std::optional<SweepResult> m_partial; // the newest progress, not yet handed on
    SweepResult m_result;
    QTimer m_timer;
};

} // namespace lab
