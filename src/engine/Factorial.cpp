#include "Factorial.h"

#include "Clock.h"

#include <gmp.h>

#include <algorithm>
#include <cmath>
#include <math.h>
#include <fstream>
#include <sstream>

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

std::optional<std::string> checkMemory(int n, int concurrent, const std::string &field)
{
    const auto available = availableBytes();
    if (!available)
        return std::nullopt;
    const std::int64_t need = peakBytes(n) * std::max(concurrent, 1);
    if (need <= *available)
        return std::nullopt;
    std::ostringstream out;
    out << field << ": " << concurrent << " computation" << (concurrent == 1 ? "" : "s") << " of " << n << "! at once need about "
        << need / (1 << 20) << " MiB, but only " << *available / (1 << 20) << " MiB of memory is available; use a smaller n or fewer workers";
    return out.str();
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
