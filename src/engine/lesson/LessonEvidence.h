#pragma once

#include "LessonPlan.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace lab {

struct RunResult;
struct SweepResult;

// The figures of a finished run that a lesson question can be decided by, as plain
// values: tests build them directly, the app takes them from a run or a sweep.
struct LessonEvidence
{
    std::int64_t wallNs = 0;
    int sleepMs = 0;
    int tasks = 0;
    std::int64_t t1Ns = 0;     // the loop's wall time on the same workload; 0: not measured
    int cores = 0;
    bool gil = true;           // the GIL model was on
    bool lineBuffered = false; // stdout was line-buffered
    bool mangled = false;
    std::vector<int> printedIds; // pool-order: the ids in the order they were printed
    int bestWorkers = 0;         // the sweep: the fastest pool's size
    int chunksize = 0;           // a pool's map: how many consecutive tasks a chunk held
    bool complete = true;        // false: cancelled or failed, nothing to decide

    LessonScale scale() const { return {cores, tasks, sleepMs}; }

    static LessonEvidence of(const RunResult &run, std::int64_t t1Ns);
    static LessonEvidence of(const SweepResult &sweep);

    // The measure's value; nothing when the run does not tell (no T1 yet, no ids printed).
    std::optional<double> value(LessonMeasure measure) const;
};

// Two messages on one line, or an empty line among the tasks' lines: what
// unsynchronised prints produce. `console` as a run recorded it.
bool consoleMangled(const std::vector<std::string> &console);
// The whole numbers printed before the results line, in order ("0, 3, 6, " → 0, 3, 6).
std::vector<int> printedIds(const std::vector<std::string> &console);

} // namespace lab
