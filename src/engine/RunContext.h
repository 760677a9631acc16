#pragma once

#include "CancelToken.h"
#include "Catalog.h"
#include "Console.h"
#include "GilModel.h"
#include "TaskResults.h"
#include "Recorder.h"

#include <string>

namespace lab {

// What an experiment's code works with: the recorder, the shared console, the
// cancel flag, its parameters and the lane of the thread playing MainThread.
struct RunContext
{
    Recorder &recorder;
    Console &console;
    CancelToken &cancel;
    const ExperimentParams &params;
    LaneRecorder &mainLane;
    TaskResults &results;
    GilModel *gil = nullptr;     // this process's GIL; nullptr with the GIL off
    const ExperimentInfo *info = nullptr; // the experiment being run
    int threadsCreated = 0;

    // Python numbers threads as they are created: Thread-1, Thread-2, ...
    std::string nextThreadName() { return "Thread-" + std::to_string(++threadsCreated); }

    // time.sleep(): a real sleep that cancel() cuts short. False when cancelled.
    bool sleep(LaneRecorder &lane, int task, std::int64_t ns)
    {
        const ReleasedGil released(lane, task); // time.sleep drops the GIL
        lane.setState(SpanState::Sleeping, task);
        const bool completed = cancel.sleepFor(ns);
        lane.setState(SpanState::Running, task);
        return completed;
    }
};

} // namespace lab
