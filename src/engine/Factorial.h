#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace lab {

class CancelToken;

// The lesson's CPU-bound work: n! computed with GMP (Python's math.factorial).
namespace Factorial {

inline constexpr int maxN = 10'000'000;

// The prime the results' check values are taken modulo: 2^61 - 1.
inline constexpr std::uint64_t checkPrime = (std::uint64_t(1) << 61) - 1;

// What one computation of n! yields, read from the computed number itself.
struct Result
{
    std::int64_t digits = 0;  // decimal digits (100000! has 456574)
    std::uint64_t residue = 0; // n! mod checkPrime: a skipped or wrong computation shows here
};

// Computes n! with GMP (mpz_fac_ui) and measures the number it got.
Result compute(int n);
// compute(n).digits
std::int64_t digits(int n);

// Decimal digits of n!, from the log-gamma function, without computing n!
// (an independent check of compute(); exact but for near-ties).
std::int64_t expectedDigits(int n);

// Bytes one computation of n! needs at its peak (result and GMP's scratch), an upper estimate.
std::int64_t peakBytes(int n);

// Bytes of memory the machine can still give (MemAvailable), or nothing if unknown.
std::optional<std::int64_t> availableBytes();

// Bytes this process may still map under its limits (ulimit -v, RLIMIT_DATA),
// or nothing when it has none.
std::optional<std::int64_t> addressSpaceRoom();

// A message if `concurrent` simultaneous computations of n! would not fit in
// available memory or in the address-space limit (naming `field`), else nothing.
// `threads` computing threads share this process's limit; with none, each
// computation runs in a worker process with a limit of its own.
std::optional<std::string> checkMemory(int n, int concurrent, int threads = 1, const std::string &field = "--n");

// The n for which one computation takes about targetMs on this machine;
// nothing if `stop` says so between measurements (one measurement can take seconds).
std::optional<int> calibrate(int targetMs, const std::function<bool()> &stop = {});

} // namespace Factorial
} // namespace lab
