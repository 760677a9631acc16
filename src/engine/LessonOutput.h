#pragma once

#include <cstdint>
#include <string>

namespace lab {

struct RunContext;

// A float as Python's repr() writes it, e.g. 4.535982041000002.
std::string pythonFloat(double value);

// The line every timed cell of the lesson ends with, on the main thread:
// print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
void printTimeSpent(RunContext &ctx, std::int64_t startNs);

} // namespace lab
