#include "RunController.h"

#include "ExperimentRun.h"
#include "QtStrings.h"
#include "ResourceCheck.h"

#include <algorithm>
#include <stdexcept>

namespace lab {

RunController::RunController(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunController::tick);
}

RunController::~RunController()
{
    if (m_run)
        m_run->cancel();
    // ExperimentRun's destructor joins; the experiments poll their cancel token
    // while they sleep, so this takes a few milliseconds at most.
    m_run.reset();
}

QString RunController::start(const QString &experiment, const ExperimentParams &params)
{
    if (m_run)
        return tr("A run is still going; stop it first.");
    const std::string id = experiment.toStdString();
    const ExperimentInfo *info = findExperiment(id);
    if (!info)
        return tr("Unknown experiment: %1").arg(experiment);
    for (const auto &key : info->params) {
        if (const ParamSpec *spec = findParam(key))
            if (auto error = spec->check(params.*spec->field))
                return toQString(*error);
    }
    if (auto error = ResourceCheck::forRun(id, params))
        return toQString(*error);

    try {
        m_run = std::make_unique<ExperimentRun>(id, params);
    } catch (const std::exception &e) {
        return toQString(e.what());
    }
    m_experiment = experiment;
    m_params = params;
    m_cancelRequested = false;
    m_data.reset();
    m_elapsed.start();
    m_run->start();
    Q_EMIT started(experiment);
    m_timer.start(tickMs);
    return {};
}

void RunController::cancel()
{
    if (!m_run || m_cancelRequested)
        return;
    m_cancelRequested = true;
    m_run->cancel();
}

std::int64_t RunController::elapsedNs() const
{
    return m_run ? m_elapsed.nsecsElapsed() : m_finalElapsedNs;
}

void RunController::tick()
{
    if (!m_run)
        return;
    if (m_run->isFinished()) {
        collect();
        return;
    }
    QElapsedTimer cost;
    cost.start();
    pullSnapshot();
    Q_EMIT elapsedChanged(elapsedNs());
    // Throttle: a run with millions of events makes a snapshot expensive; never
    // spend more than about a third of the GUI thread's time on it.
    const auto spentMs = int(cost.elapsed());
    m_timer.start(std::max(tickMs, 2 * spentMs));
}

void RunController::pullSnapshot()
{
    m_data = std::make_shared<const TimelineData>(TimelineData::fromSnapshot(m_run->recorder().snapshot()));
    Q_EMIT progress(m_data);
}

bool RunController::showSaved(RunResult saved)
{
    if (m_run)
        return false;
    m_experiment = toQString(saved.experiment);
    m_params = saved.params;
    m_finalElapsedNs = saved.wallNs;
    m_data = std::make_shared<const TimelineData>(TimelineData::fromSnapshot(saved.recording));
    m_result = std::make_unique<RunResult>(std::move(saved));
    Q_EMIT elapsedChanged(m_finalElapsedNs);
    Q_EMIT finished(*m_result, m_data);
    return true;
}

void RunController::collect()
{
    // Finished: wait() only joins a thread that has already returned.
    auto result = std::make_unique<RunResult>(m_run->wait());
    m_finalElapsedNs = m_elapsed.nsecsElapsed();
    m_data = std::make_shared<const TimelineData>(TimelineData::fromSnapshot(result->recording));
    m_run.reset();
    m_result = std::move(result);
    Q_EMIT elapsedChanged(m_finalElapsedNs);
    Q_EMIT finished(*m_result, m_data);
}

} // namespace lab
