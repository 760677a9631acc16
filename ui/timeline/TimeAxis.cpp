#include "TimeAxis.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

struct Unit
{
    double ns;
    QString name;
};

Unit unitFor(double magnitudeNs)
{
    if (magnitudeNs >= 1e9)
        return {1e9, u"s"_s};
    if (magnitudeNs >= 1e6)
        return {1e6, u"ms"_s};
    if (magnitudeNs >= 1e3)
        return {1e3, u"µs"_s};
    return {1, u"ns"_s};
}

QString withoutTrailingZeros(QString number)
{
    if (number.contains(u'.')) {
        while (number.endsWith(u'0'))
            number.chop(1);
        if (number.endsWith(u'.'))
            number.chop(1);
    }
    return number;
}

// Decimals needed to tell multiples of `step` apart in `unit`.
int decimalsFor(double step, double unit)
{
    return std::max(0, int(std::ceil(-std::log10(step / unit) - 1e-9)));
}

} // namespace

TimeAxis::TimeAxis(double left, double width, double startNs, double endNs)
{
    setPixelSpan(left, width);
    setVisibleRange(startNs, endNs);
}

void TimeAxis::setPixelSpan(double left, double width)
{
    m_left = left;
    m_width = std::max(1.0, width);
    clamp();
}

void TimeAxis::setVisibleRange(double startNs, double endNs)
{
    if (!(endNs > startNs))
        endNs = startNs + 1;
    m_startNs = startNs;
    m_nsPerPixel = (endNs - startNs) / m_width;
    clamp();
}

void TimeAxis::zoomAt(double anchorX, double factor)
{
    if (!(factor > 0))
        return;
    const double anchorNs = timeAt(anchorX);
    m_nsPerPixel = std::clamp(m_nsPerPixel / factor, m_minNsPerPixel, m_maxNsPerPixel);
    m_startNs = anchorNs - (anchorX - m_left) * m_nsPerPixel;
    clamp();
}

void TimeAxis::panBy(double dx)
{
    m_startNs -= dx * m_nsPerPixel;
    clamp();
}

void TimeAxis::fitTo(double startNs, double endNs, double marginPx)
{
    if (!(endNs > startNs))
        endNs = startNs + 1e6;
    marginPx = std::clamp(marginPx, 0.0, m_width / 4);
    m_nsPerPixel = (endNs - startNs) / (m_width - 2 * marginPx);
    m_nsPerPixel = std::clamp(m_nsPerPixel, m_minNsPerPixel, m_maxNsPerPixel);
    // Centred when a zoom limit kept the range from filling the pixels exactly.
    m_startNs = (startNs + endNs) / 2 - m_width * m_nsPerPixel / 2;
    clamp();
}

void TimeAxis::setZoomLimits(double minNsPerPixel, double maxNsPerPixel)
{
    m_minNsPerPixel = std::max(1e-6, minNsPerPixel);
    m_maxNsPerPixel = std::max(m_minNsPerPixel, maxNsPerPixel);
    clamp();
}

void TimeAxis::setContentRange(double startNs, double endNs)
{
    m_contentStartNs = startNs;
    m_contentEndNs = endNs;
    clamp();
}

void TimeAxis::clamp()
{
    m_nsPerPixel = std::clamp(m_nsPerPixel, m_minNsPerPixel, m_maxNsPerPixel);
    if (!(m_contentEndNs > m_contentStartNs))
        return;
    const double visible = durationNs();
    const double margin = 0.1 * visible;
    const double lo = m_contentStartNs - margin;
    const double hi = m_contentEndNs + margin - visible;
    // Content narrower than the view: it starts near the left edge.
    m_startNs = hi < lo ? lo : std::clamp(m_startNs, lo, hi);
}

double TimeAxis::niceStep(double minStepNs)
{
    if (!(minStepNs > 1))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(minStepNs)));
    for (double mantissa : {1.0, 2.0, 5.0, 10.0}) {
        // The tolerance keeps 1000 from becoming 2000 through rounding.
        if (mantissa * power >= minStepNs * (1 - 1e-12))
            return mantissa * power;
    }
    return 10 * power;
}

QString TimeAxis::formatTick(double timeNs, double stepNs, double magnitudeNs)
{
    if (std::abs(timeNs) < stepNs * 1e-6)
        return u"0"_s;
    Unit unit = unitFor(magnitudeNs);
    int decimals = decimalsFor(stepNs, unit.ns);
    while (decimals > 3 && unit.ns > 1) {
        unit = unitFor(unit.ns / 1000);
        decimals = decimalsFor(stepNs, unit.ns);
    }
    return withoutTrailingZeros(QString::number(timeNs / unit.ns, 'f', decimals)) + u' ' + unit.name;
}

QString TimeAxis::formatDuration(double ns)
{
    const Unit unit = unitFor(std::abs(ns));
    const double value = ns / unit.ns;
    const double size = std::abs(value);
    const int decimals = size >= 99.95 ? 0 : size >= 9.995 ? 1 : 2;
    return withoutTrailingZeros(QString::number(value, 'f', decimals)) + u' ' + unit.name;
}

std::vector<TimeAxis::Tick> TimeAxis::ticks(double minLabelSpacingPx) const
{
    std::vector<Tick> out;
    const double step = niceStep(std::max(1.0, minLabelSpacingPx) * m_nsPerPixel);
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double minorStep = std::round(mantissa) == 2 ? step / 2 : step / 5;
    const bool withMinor = minorStep >= 1 && minorStep / m_nsPerPixel >= 4;
    const double start = m_startNs;
    const double end = endNs();
    const double magnitude = std::max(std::abs(start), std::abs(end));
    const double fine = withMinor ? minorStep : step;
    // Nothing happens before a run's time zero: no ticks there (a margin or a pan can show it).
    const auto first = std::max<std::int64_t>(0, std::int64_t(std::ceil(start / fine)));
    const auto last = std::int64_t(std::floor(end / fine));
    if (last - first > 100000) // cannot happen with sane spacing; guards the loop
        return out;
    const int perMajor = int(std::llround(step / fine));
    for (std::int64_t i = first; i <= last; ++i) {
        const double t = double(i) * fine;
        const bool major = i % perMajor == 0;
        out.push_back({t, xAt(t), major ? formatTick(t, step, magnitude) : QString(), major});
    }
    return out;
}

} // namespace lab
