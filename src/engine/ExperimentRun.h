#pragma once

#include "CancelToken.h"
#include "Catalog.h"
#include "Console.h"
#include "GilModel.h"
#include "TaskResults.h"
#include "Recorder.h"
#include "RunResult.h"

#include <atomic>
#include <string>
#include <thread>

namespace lab {

// One run of one experiment on a background thread, which plays the part of
// Python's MainThread. Readers may snapshot the recorder and read the console
// while it runs; cancel() stops it early, keeping every event so far.
class ExperimentRun
{
public:
    // `id` must name a catalog experiment and `params` must be valid (checked by the caller).
    ExperimentRun(std::string id, ExperimentParams params);
    ~ExperimentRun(); // cancels and joins a run still going
    ExperimentRun(const ExperimentRun &) = delete;
    ExperimentRun &operator=(const ExperimentRun &) = delete;

    void start();
    void cancel() { m_cancel.cancel(); }
    bool isFinished() const { return m_finished.load(std::memory_order_acquire); }
    // Joins the run and returns what it produced; valid while this object lives.
    const RunResult &wait();

    const Recorder &recorder() const { return m_recorder; }
    const Console &console() const { return m_console; }

    // Convenience: start, wait, return.
    static RunResult runToEnd(const std::string &id, const ExperimentParams &params);

private:
    void runOnThisThread();
    void finish(std::int64_t t0, std::int64_t t1, std::string error);
    void finishGil(LaneRecorder &mainLane);

    const ExperimentInfo *m_info;
    ExperimentParams m_params;
    Recorder m_recorder;
    Console m_console;
    CancelToken m_cancel;
    RunResult m_result;
    TaskResults m_results;
    GilModel *m_gil = nullptr; // lives on the run's thread while the experiment runs
    LaneRecorder *m_gilLane = nullptr;
    std::thread m_thread;
    std::atomic<bool> m_finished{false};
};

} // namespace lab
