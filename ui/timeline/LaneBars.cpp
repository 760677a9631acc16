#include "LaneBars.h"

#include <algorithm>

namespace lab::timeline {

LaneBars::LaneBars(const TimelineFrame &f, std::int64_t toNs, double sx, double ox) : m_toNs(toNs)
{
    const double left = std::floor(f.lanesRect.left() * sx + ox) - 1, right = std::ceil(f.lanesRect.right() * sx + ox) + 1;
    // Device x of a time: one multiply and one add per span end.
    m_perNs = sx / f.axis.nsPerPixel();
    m_x0Ns = (f.axis.left() - f.axis.startNs() / f.axis.nsPerPixel()) * sx + ox;
    // The same in fixed point: scaling by a power of two is exact, so columns come out as floor() of the above.
    m_perNsFixed = m_perNs * double(ColumnBuilder::one);
    m_x0NsFixed = m_x0Ns * double(ColumnBuilder::one);
    m_leftFixed = std::int64_t(left) * ColumnBuilder::one;
    m_widthFixed = std::int64_t(right - left) * ColumnBuilder::one;
    m_leftColumn = int(left);
}

const std::vector<DeviceBar> &LaneBars::of(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
{
    m_bars.clear();
    build(begin, end);
    m_builder.finish([&](int c0, int c1, std::uint16_t code) { m_bars.push_back({c0 + m_leftColumn, c1 + m_leftColumn, code}); });
    return m_bars;
}

ColumnBuilder::Columns LaneBars::columns(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
{
    build(begin, end);
    return m_builder.close();
}

void LaneBars::build(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
{
    m_builder.reset(int(m_widthFixed >> ColumnBuilder::shift));
    for (const auto *s = begin; s != end; ++s) {
        const std::int64_t d0 = std::max<std::int64_t>(0, std::int64_t(double(s->startNs) * m_perNsFixed + m_x0NsFixed) - m_leftFixed);
        const std::int64_t d1 =
            std::min(m_widthFixed, std::int64_t(double(std::min(s->endNs, m_toNs)) * m_perNsFixed + m_x0NsFixed) - m_leftFixed);
        if (d1 <= d0) [[unlikely]]
            continue;
        // Running and Startup show their CPU share: a mask, not a branch, for these mix at random.
        static_assert(int(SpanState::Running) == 0 && int(SpanState::Startup) == 6);
        const unsigned cpu = 0u - ((0x41u >> unsigned(s->state)) & 1u);
        m_builder.add(d0, d1, s->state, int((s->cpuShare & cpu) | (TimelineIndex::Span::noCpu & ~cpu)));
    }
}

} // namespace lab::timeline
