#pragma once

#include <cstdint>
#include <ctime>

namespace lab {

// CLOCK_MONOTONIC is one clock for the whole machine, so timestamps taken in
// different processes of the same run can be merged on one time axis.
struct Clock
{
    static std::int64_t nowNs() noexcept
    {
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }
    // CPU time the calling thread has been given so far.
    static std::int64_t threadCpuNs() noexcept
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }
    // Holds the CPU for ns, exactly: what a short system call does (a sleep that short would last
    // the timer slack, about 50 µs, instead).
    static void spinFor(std::int64_t ns) noexcept
    {
        const auto until = nowNs() + ns;
        while (nowNs() < until) { }
    }
    static constexpr std::int64_t spinAtMostNs = 50'000;
};

} // namespace lab
