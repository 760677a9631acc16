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
    // mpz_sizeinbase is exact or one too many for base 10; compare with 10^(d-1) to settle it.
    auto d = std::int64_t(mpz_sizeinbase(value, 10));
    if (d <= 1)
        return 1;
    mpz_t power;
    mpz_init(power);
    mpz_ui_pow_ui(power, 10, static_cast<unsigned long>(d - 1));
    if (mpz_cmp(value, power) < 0)
        --d;
    mpz_clear(power);
    return d;
}

} // namespace

std::int64_t expectedDigits(int n)
{
    if (n <= 1)
        return 1;
    return std::int64_t(std::floor(log10Factorial(n))) + 1;
}

std::int64_t digits(int n)
{
    mpz_t value;
    mpz_init(value);
    mpz_fac_ui(value, static_cast<unsigned long>(std::max(n, 0)));
    // When log10(n!) is not within rounding of an integer, sizeinbase's two
    // candidates are told apart by it; otherwise compare with a power of ten.
    std::int64_t d = std::int64_t(mpz_sizeinbase(value, 10));
    const double l = n > 1 ? log10Factorial(n) : 0.0;
    const double frac = l - std::floor(l);
    if (n > 1 && frac > 1e-6 && frac < 1 - 1e-6)
        d = std::int64_t(std::floor(l)) + 1;
    else
        d = countDigits(value);
    mpz_clear(value);
    return d;
}

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
    auto timeOf = [](int n) {
        const auto t0 = Clock::nowNs();
        (void)digits(n);
        return double(Clock::nowNs() - t0);
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
