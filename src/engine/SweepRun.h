#pragma once

#include "Sweep.h"

#include <functional>

namespace lab {

class CancelToken;

// Runs a worker-count sweep: for each worker count, the pool experiment
// (factorial-process-pool, or factorial-thread-pool with the GIL model on or
// off) is run `repeat` times; a point's time covers pool creation, the map and
// shutdown, and is the median of its repeats. Checked by the caller
// (ResourceCheck::forSweep) before it starts.
// `progress` is called after every point with the result so far.
SweepResult runSweep(const SweepSpec &spec, CancelToken &cancel,
                     const std::function<void(const SweepResult &)> &progress = {});

// The default worker counts: 1, 2, 4, … 512.
std::vector<int> defaultSweepWorkers();

// Fills T1-relative figures (ideal, speedup, efficiency) of every point.
void computeSweepFigures(SweepResult &result);

} // namespace lab
