#pragma once

#include "Catalog.h"
#include "Sweep.h"

#include <optional>
#include <string>

namespace lab {

// Checks, before any work starts, that a run can get the threads it needs, so
// a run that cannot finish is refused with a message instead of failing half-way.
struct ResourceCheck
{
    // OS threads and processes the experiment starts besides the thread playing MainThread.
    static int threadsNeeded(const std::string &experiment, const ExperimentParams &params);
    // A message naming the limit, or nothing when the run fits.
    static std::optional<std::string> forRun(const std::string &experiment, const ExperimentParams &params);
    // Every point of a sweep: processes against RLIMIT_NPROC, memory for the factorials.
    static std::optional<std::string> forSweep(const SweepSpec &spec);
    // "<what> needs N threads and processes, but …" when `needed` more would exceed RLIMIT_NPROC.
    static std::optional<std::string> taskLimit(int needed, const std::string &what);
    // Threads and processes the current user runs now (what RLIMIT_NPROC counts).
    static int userTaskCount();
};

} // namespace lab
