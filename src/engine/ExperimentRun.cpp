#include "ExperimentRun.h"

#include "RunContext.h"

#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace lab {

ExperimentRun::ExperimentRun(std::string id, ExperimentParams params)
    : m_info(findExperiment(id)), m_params(params), m_console(std::int64_t(params.writeUs) * 1000)
{
    if (!m_info)
        throw std::invalid_argument("unknown experiment: " + id);
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
    try {
        m_thread = std::thread([this] { runOnThisThread(); });
    } catch (const std::system_error &e) {
        finish(Clock::nowNs(), Clock::nowNs(), std::string("the OS refused to start the run's thread: ") + e.what());
    }
}

const RunResult &ExperimentRun::wait()
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
    std::string error;
    LaneRecorder *mainLane = nullptr;
    try {
        mainLane = &m_recorder.addCurrentThreadLane("MainThread");
        mainLane->setState(SpanState::Running, -1, t0);
        RunContext ctx{m_recorder, m_console, m_cancel, m_params, *mainLane};
        m_info->body(ctx);
    } catch (const std::exception &e) {
        error = e.what();
    } catch (...) {
        error = "an unknown exception ended the run";
    }
    const auto t1 = Clock::nowNs();
    if (mainLane)
        mainLane->end(t1);
    finish(t0, t1, std::move(error));
}

void ExperimentRun::finish(std::int64_t t0, std::int64_t t1, std::string error)
{
    m_result.experiment = m_info->id;
    m_result.params = m_params;
    m_result.cpuCount = int(sysconf(_SC_NPROCESSORS_ONLN));
    m_result.wallNs = t1 - t0;
    m_result.error = std::move(error);
    // A run stopped by an error was cancelled by the engine, not by the user.
    m_result.cancelled = m_cancel.isCancelled() && m_result.error.empty();
    m_result.console = m_console.lines();
    m_result.recording = m_recorder.snapshot();
    m_result.deriveTasks(m_params.tasks);
    m_finished.store(true, std::memory_order_release);
}

} // namespace lab
