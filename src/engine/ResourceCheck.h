#pragma once

#include "Catalog.h"

#include <optional>
#include <string>

namespace lab {

// Checks, before any work starts, that a run can get the threads it needs, so
// a run that cannot finish is refused with a message instead of failing half-way.
struct ResourceCheck
{
    // OS threads the experiment starts besides the one playing MainThread.
    static int threadsNeeded(const std::string &experiment, const ExperimentParams &params);
    // A message naming the limit, or nothing when the run fits.
    static std::optional<std::string> forRun(const std::string &experiment, const ExperimentParams &params);
    // Threads and processes the current user runs now (what RLIMIT_NPROC counts).
    static int userTaskCount();
};

} // namespace lab
