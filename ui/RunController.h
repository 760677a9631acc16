#pragma once

#include "Catalog.h"
#include "RunResult.h"
#include "TimelineData.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <memory>

namespace lab {

class ExperimentRun;

// Drives one ExperimentRun from the GUI thread without ever blocking it: the run
// works on its own thread, a timer pulls snapshots of what it recorded so far and
// hands them on as TimelineData, and the result is collected once the run says it
// has finished (so wait() returns at once).
class RunController : public QObject
{
    Q_OBJECT

public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override; // cancels and joins a run still going

    // Starts a run; returns an error message (and starts nothing) when the run is
    // refused, e.g. it needs more threads than the process limit leaves room for.
    QString start(const QString &experiment, const ExperimentParams &params);
    void cancel();
    // A run read from a file, shown as if it had just finished (refused while one runs).
    bool showSaved(RunResult saved);
    bool isRunning() const { return m_run != nullptr; }
    bool isCancelling() const { return m_cancelRequested; }
    QString experiment() const { return m_experiment; }
    ExperimentParams params() const { return m_params; }
    std::int64_t elapsedNs() const;

    // The latest timeline: live while running, the whole run once finished.
    std::shared_ptr<const TimelineData> data() const { return m_data; }
    // The last finished run's result; empty before one finished.
    const RunResult *lastResult() const { return m_result ? m_result.get() : nullptr; }

    // How often snapshots are pulled while nothing slows it down.
    static constexpr int tickMs = 30;

Q_SIGNALS:
    void started(const QString &experiment);
    void progress(std::shared_ptr<const lab::TimelineData> data);
    void elapsedChanged(std::int64_t elapsedNs);
    void finished(const lab::RunResult &result, std::shared_ptr<const lab::TimelineData> data);

private:
    void tick();
    void pullSnapshot();
    void collect();

    std::unique_ptr<ExperimentRun> m_run;
    QString m_experiment;
    ExperimentParams m_params;
    bool m_cancelRequested = false;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    std::int64_t m_finalElapsedNs = 0;
    std::shared_ptr<const TimelineData> m_data;
    std::unique_ptr<RunResult> m_result;
};

} // namespace lab
