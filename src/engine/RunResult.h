#pragma once

#include "Catalog.h"
#include "Machine.h"
#include "Recorder.h"
#include "TaskResults.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lab {

struct TaskTiming
{
    int id = 0;
    std::uint32_t lane = 0;
    std::int64_t startNs = -1; // relative to the run's origin; -1: never started
    std::int64_t endNs = -1;   // -1: never finished (cancelled)
    int chunk = -1;            // the index of the map's chunk it ran in; -1: not in a map
};

// What one run produced, as plain values: safe to copy to another thread.
struct RunResult
{
    std::string experiment;
    ExperimentParams params;
    int cpuCount = 0;
    MachineInfo machine; // where it was recorded (a saved run may come from another machine)
    std::string openedFrom; // the saved run's file when it was read from one (RunFile::read), else empty
    std::int64_t wallNs = 0;
    bool cancelled = false;
    std::string error; // why the run stopped early, e.g. the OS refused a thread; empty if none
    std::vector<TaskTiming> tasks; // by task id
    std::vector<int> startOrder;   // task ids by start time
    std::vector<int> finishOrder;  // task ids by end time
    std::vector<std::string> console;
    std::vector<std::int64_t> results; // by task id: what the task returned (a factorial's digits); -1: nothing
    std::vector<std::uint64_t> checks; // by task id: n! mod Factorial::checkPrime, read from the computed number; 0: none
    std::vector<int> completionOrder;  // task ids in the order their results arrived (a chunk's results arrive together)
    int chunksize = 0;                 // how a pool's map chunked the tasks; 0: no map ran
    struct Gil
    {
        bool enabled = false;
        int switchIntervalMs = 0;
        std::uint64_t handoffs = 0;
    } gil;
    std::string startMethod;           // "fork" or "spawn" for runs that start processes; else empty
    std::vector<FailedWorker> failed;  // worker processes that died
    Snapshot recording;

    double wallSeconds() const { return double(wallNs) / 1e9; }
    // Fills tasks, startOrder and finishOrder from the recorded task events.
    void deriveTasks(int taskCount);
};

} // namespace lab
