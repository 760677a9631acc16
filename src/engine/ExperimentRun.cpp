#include "ExperimentRun.h"

#include "RunContext.h"

#include <stdexcept>

#include <unistd.h>

namespace lab {

ExperimentRun::ExperimentRun(std::string id, ExperimentParams params)
    : m_id(std::move(id)), m_params(params), m_console(std::int64_t(params.writeUs) * 1000)
{
    if (!ioBoundExperiment(m_id))
        throw std::invalid_argument("unknown experiment: " + m_id);
}

ExperimentRun::~ExperimentRun()
{
    if (m_thread.joinable()) {
        m_cancel.cancel();
        m_thread.join();
    }
}

void ExperimentRun::start()
{
    m_thread = std::thread([this] { runOnThisThread(); });
}

RunResult ExperimentRun::wait()
{
    if (m_thread.joinable())
        m_thread.join();
    return m_result;
}

RunResult ExperimentRun::runToEnd(const std::string &id, const ExperimentParams &params)
{
    ExperimentRun run(id, params);
    run.start();
    return run.wait();
}

void ExperimentRun::runOnThisThread()
{
    const auto t0 = Clock::nowNs();
    m_recorder.setOriginNs(t0);
    LaneRecorder &mainLane = m_recorder.addCurrentThreadLane("MainThread");
    mainLane.setState(SpanState::Running, -1, t0);
    RunContext ctx{m_recorder, m_console, m_cancel, m_params, mainLane};
    try {
        ioBoundExperiment(m_id)(ctx);
    } catch (const std::exception &e) {
        m_result.error = e.what();
    }
    const auto t1 = Clock::nowNs();
    mainLane.end(t1);

    m_result.experiment = m_id;
    m_result.params = m_params;
    m_result.cpuCount = int(sysconf(_SC_NPROCESSORS_ONLN));
    m_result.wallNs = t1 - t0;
    m_result.cancelled = m_cancel.isCancelled() && m_result.error.empty();
    m_result.console = m_console.lines();
    m_result.recording = m_recorder.snapshot();
    m_result.deriveTasks(m_params.tasks);
    m_finished.store(true, std::memory_order_release);
}

} // namespace lab
