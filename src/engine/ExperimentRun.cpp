#include "ExperimentRun.h"

#include "Machine.h"
#include "LessonPace.h"
#include "RunContext.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace lab {

ExperimentRun::ExperimentRun(std::string id, ExperimentParams params)
    : m_info(findExperiment(id)), m_params(params), m_console(std::int64_t(params.writeUs) * 1000, params.stdoutMode == 0 ? StdoutMode::LineBuffered : StdoutMode::Unbuffered)
{
    if (!m_info)
        throw std::invalid_argument("unknown experiment: " + id);
    if (!m_info->body) // the sweep: many runs of its targets, which SweepRun makes
        throw std::invalid_argument(id + " is a sweep of many runs, not one: SweepRun runs it");
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
    // n = 0 is the lesson's pace: measured here on first use, before the run's clock starts.
    if (usesParam(*m_info, "n") && m_params.n == 0) {
        const auto n = LessonPace::resolve(0, [this] { return m_cancel.isCancelled(); });
        if (!n) {
            finish(Clock::nowNs(), Clock::nowNs(), {});
            return;
        }
        m_params.n = *n;
    }
    const auto t0 = Clock::nowNs();
    m_recorder.setOriginNs(t0);
    std::string error;
    LaneRecorder *mainLane = nullptr;
    try {
        mainLane = &m_recorder.addCurrentThreadLane("MainThread");
        mainLane->setState(SpanState::Running, -1, t0);
        // The GIL model, when on: the main thread holds its process's GIL while it runs Python code.
        std::optional<GilModel> gil;
        if (m_params.gil) {
            m_gilLane = &m_recorder.addLane("GIL (model)", LaneKind::Gil, int(getpid()), 0);
            gil.emplace(m_gilLane->id(), std::int64_t(m_params.switchMs) * 1'000'000, m_cancel);
            m_gil = &*gil;
        }
        const GilModel::ThreadBinding binding(m_gil, *mainLane);
        if (m_gil)
            m_gil->take(*mainLane, -1);
        RunContext ctx{m_recorder, m_console, m_cancel, m_params, *mainLane, m_results, m_gil, m_info};
        try {
            m_info->body(ctx);
            m_console.flush(*mainLane, m_cancel); // what is left in the buffer goes out at exit
        } catch (...) {
            finishGil(*mainLane);
            throw;
        }
        finishGil(*mainLane);
    } catch (const std::exception &e) {
        error = e.what();
    } catch (...) {
        error = "an unknown exception ended the run";
    }
    const auto t1 = Clock::nowNs();
    if (mainLane)
        mainLane->end(t1);
    if (m_gilLane) // only this thread ever writes to the GIL's lane
        m_gilLane->end(t1);
    finish(t0, t1, std::move(error));
}

void ExperimentRun::finishGil(LaneRecorder &mainLane)
{
    if (!m_gil)
        return;
    m_gil->release(mainLane, -1);
    m_result.gil.handoffs = m_gil->handoffs();
    m_gil = nullptr;
}

void ExperimentRun::finish(std::int64_t t0, std::int64_t t1, std::string error)
{
    m_result.experiment = m_info->id;
    m_result.params = m_params;
    m_result.machine = MachineInfo::current();
    m_result.cpuCount = m_result.machine.cores;
    m_result.wallNs = t1 - t0;
    m_result.error = std::move(error);
    // A run stopped by an error was cancelled by the engine, not by the user.
    m_result.cancelled = m_cancel.isCancelled() && m_result.error.empty();
    m_result.console = m_console.lines();
    m_result.results = m_results.values();
    m_result.results.resize(std::size_t(std::max(m_params.tasks, 0)), -1);
    m_result.completionOrder = m_results.completionOrder();
    m_result.failed = m_results.failed();
    m_result.gil.enabled = m_params.gil != 0;
    m_result.gil.switchIntervalMs = m_params.switchMs;
    m_result.chunksize = m_results.chunksize();
    m_result.checks = m_results.checks();
    m_result.checks.resize(m_result.results.size(), 0);
    if (startsProcesses(*m_info))
        m_result.startMethod = findParam("start-method")->format(m_params.startMethod);
    m_result.recording = m_recorder.snapshot();
    m_result.deriveTasks(m_params.tasks);
    m_finished.store(true, std::memory_order_release);
}

} // namespace lab
