#include "Factorial.h"

#include "Clock.h"

#include <gmp.h>

#include <algorithm>
#include <cmath>
#include <math.h>
#include <fstream>
#include <string>
#include <utility>

#include <sys/resource.h>

namespace lab::Factorial {
namespace {

// ln(n!). lgamma_r, not lgamma: lgamma writes the global signgam, a data race between threads.
double lnFactorial(int n)
{
    int sign = 0;
    return ::lgamma_r(double(n) + 1.0, &sign);
}

// log10(n!)
double log10Factorial(int n) { return lnFactorial(n) / std::log(10.0); }

std::int64_t countDigits(const mpz_t value)
{
    // mpz_sizeinbase(…, 10) is exact or one too many. The number's own top 53
    // bits give log10 to about 1e-9 even for 10^7!, which settles it unless
    // the number is within that of a power of ten; then only the exact
    // comparison with 10^(d-1) can (building that power costs a third of the
    // factorial, so it is kept for the near-ties).
    const auto d = std::int64_t(mpz_sizeinbase(value, 10));
    if (d <= 1)
        return 1;
    signed long exponent = 0;
    const double mantissa = mpz_get_d_2exp(&exponent, value); // value = mantissa * 2^exponent, mantissa in [0.5, 1)
    const double log10Value = std::log10(mantissa) + double(exponent) * std::log10(2.0);
    const double fraction = log10Value - std::floor(log10Value);
    if (fraction > 1e-6 && fraction < 1 - 1e-6)
        return std::int64_t(std::floor(log10Value)) + 1;
    mpz_t power;
    mpz_init(power);
    mpz_ui_pow_ui(power, 10, static_cast<unsigned long>(d - 1));
    const bool below = mpz_cmp(value, power) < 0;
    mpz_clear(power);
    return below ? d - 1 : d;
}

} // namespace

std::int64_t expectedDigits(int n)
{
    if (n <= 1)
        return 1;
    return std::int64_t(std::floor(log10Factorial(n))) + 1;
}

Result compute(int n)
{
    mpz_t value;
    mpz_init(value);
    mpz_fac_ui(value, static_cast<unsigned long>(std::max(n, 0)));
    static_assert(sizeof(unsigned long) >= sizeof(checkPrime));
    const Result result{countDigits(value), std::uint64_t(mpz_fdiv_ui(value, static_cast<unsigned long>(checkPrime)))};
    mpz_clear(value);
    return result;
}

std::int64_t digits(int n) { return compute(n).digits; }

std::int64_t peakBytes(int n)
{
    const double bits = n > 1 ? lnFactorial(n) / std::log(2.0) : 1.0;
    // GMP's factorial keeps the result and about twice its size in partial products.
    return std::int64_t(bits / 8.0 * 3.0) + (1 << 20);
}

std::optional<std::int64_t> availableBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:")
            return kib * 1024;
    return std::nullopt;
}

namespace {

// "VmSize:" or "VmData:" of /proc/self/status, in bytes.
std::optional<std::int64_t> statusBytes(const std::string &key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(key, 0) == 0)
            return std::int64_t(std::stoll(line.substr(key.size()))) * 1024;
    return std::nullopt;
}

std::string mib(std::int64_t bytes) { return std::to_string(bytes / (1 << 20)) + " MiB"; }

} // namespace

std::optional<std::int64_t> addressSpaceRoom()
{
    std::optional<std::int64_t> room;
    for (const auto &[resource, key] : {std::pair{RLIMIT_AS, "VmSize:"}, std::pair{RLIMIT_DATA, "VmData:"}}) {
        rlimit limit{};
        if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
            continue;
        const std::int64_t left = std::int64_t(limit.rlim_cur) - statusBytes(key).value_or(0);
        room = std::min(room.value_or(left), left);
    }
    return room;
}

std::optional<std::string> checkMemory(int n, int concurrent, int threads, const std::string &field)
{
    concurrent = std::max(concurrent, 1);
    const std::string what = field + ": " + std::to_string(concurrent) + " computation" + (concurrent == 1 ? "" : "s") + " of "
        + std::to_string(n) + "! at once need about ";
    const std::int64_t need = peakBytes(n) * concurrent;
    if (const auto available = availableBytes(); available && need > *available)
        return what + mib(need) + ", but only " + mib(*available) + " of memory is available; use a smaller n or fewer workers";
    // A worker process has a limit of its own. Threads share this one, and each maps
    // its stack (8 MiB) and, once it allocates, a malloc arena (64 MiB on 64-bit glibc).
    constexpr std::int64_t threadBytes = std::int64_t(8 + 64) << 20;
    const std::int64_t perLimit = threads > 0 ? need + threads * threadBytes : peakBytes(n);
    const auto room = addressSpaceRoom();
    if (!room || perLimit <= *room)
        return std::nullopt;
    const std::string who = threads > 0 ? std::to_string(threads) + (threads == 1 ? " thread" : " threads") + " computing "
                                        : "each worker process computing ";
    const std::string how = threads > 0 ? " (" + std::to_string(concurrent) + " at once, and each thread's stack and malloc arena)" : "";
    return field + ": " + who + std::to_string(n) + "! need" + (threads == 1 || threads == 0 ? "s" : "") + " about " + mib(perLimit)
        + " of address space" + how + ", but the process's limit (ulimit -v or -d) leaves " + mib(std::max<std::int64_t>(*room, 0))
        + "; use a smaller n, fewer tasks or workers, or raise the limit";
}

std::optional<int> calibrate(int targetMs, const std::function<bool()> &stop)
{
    auto stopped = [&stop] { return stop && stop(); };
    const double target = std::max(targetMs, 1) * 1e6;
    // CPU time, not wall time: on a busy machine a wall clock would pick too small an n,
    // and the lesson's pace is remembered. The best of two runs drops a cold start.
    auto timeOf = [](int n) {
        double best = 0;
        for (int run = 0; run < 2; ++run) {
            const auto t0 = Clock::threadCpuNs();
            (void)digits(n);
            const double t = double(Clock::threadCpuNs() - t0);
            best = run == 0 ? t : std::min(best, t);
        }
        return best;
    };
    int n = 1000;
    double t = timeOf(n);
    // Grow until a measurement is long enough to scale from.
    while (t < target / 8 && n < maxN) {
        if (stopped())
            return std::nullopt;
        n = std::min(maxN, n * 4);
        t = timeOf(n);
    }
    // Then a few power-law steps: GMP's factorial costs a little more than linear in n.
    for (int i = 0; i < 4 && n < maxN; ++i) {
        if (std::abs(t - target) < target * 0.05)
            break;
        if (stopped())
            return std::nullopt;
        const double next = double(n) * std::pow(target / std::max(t, 1.0), 1.0 / 1.15);
        n = int(std::clamp(next, 1.0, double(maxN)));
        t = timeOf(n);
    }
    return std::clamp(n, 1, maxN);
}

} // namespace lab::Factorial
