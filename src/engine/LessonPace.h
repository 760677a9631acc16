#pragma once

#include <functional>
#include <optional>
#include <string>

namespace lab {

// The lesson's pace: GMP computes 100000! about twenty times faster than
// CPython's math.factorial, and at a few milliseconds a task process start-up
// swamps the work. So n = 0 stands for the n that makes one task take about
// as long as the lesson's factorial(10**5) did in CPython (about 150 ms),
// measured on this machine on first use and remembered in the user's cache,
// keyed by the machine (a new CPU, core count or GMP measures again).
namespace LessonPace {

inline constexpr int targetMs = 150;

// What a calibration holds for: CPU model, online cores, GMP version.
std::string machineKey();
// $XDG_CACHE_HOME/concurrency-lab/lesson-pace.json, else ~/.cache/concurrency-lab/lesson-pace.json.
std::string cacheFile();
// The n remembered for this machine, if any.
std::optional<int> cachedN();
// n itself, or for 0 the lesson-pace n: remembered, else calibrated now (a
// second or two) and remembered. Nothing if `stop` says so meanwhile.
std::optional<int> resolve(int n, const std::function<bool()> &stop = {});
// For the checks made before a run (memory): n, or for 0 the remembered n,
// or else a generous estimate of it.
int nForChecks(int n);

} // namespace LessonPace
} // namespace lab
