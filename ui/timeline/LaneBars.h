#pragma once

#include "ColumnBuilder.h"
#include "TimelineFrame.h"
#include "TimelineIndex.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace lab::timeline {

// Of a bar `rows` tall, the rows of its lower part: the share of the span the
// thread was on a CPU. The upper part (pale) is the time it was runnable without one.
inline int onCpuRows(int rows, int cpuShare)
{
    if (cpuShare == TimelineIndex::Span::noCpu || cpuShare >= 245)
        return rows;
    return int(std::lround(rows * cpuShare / 250.0));
}

// A run of columns of one code in a lane, in device pixels (x1 exclusive).
struct DeviceBar
{
    int x0, x1;
    std::uint16_t code; // state | CPU share << 8
};

// A lane's spans as bars of whole device pixels, for the device mapping x·sx + ox.
class LaneBars
{
public:
    LaneBars(const TimelineFrame &f, std::int64_t toNs, double sx, double ox);

    double xAt(std::int64_t ns) const { return double(ns) * m_perNs + m_x0Ns; }

    // Spans of one lane in start order; the bars are valid until the next call.
    const std::vector<DeviceBar> &of(const TimelineIndex::Span *begin, const TimelineIndex::Span *end);

    // The same as the code of every device column: column c is x = c + leftColumn(). Valid until the next call.
    ColumnBuilder::Columns columns(const TimelineIndex::Span *begin, const TimelineIndex::Span *end);
    int leftColumn() const { return m_leftColumn; }

private:
    void build(const TimelineIndex::Span *begin, const TimelineIndex::Span *end);

    std::int64_t m_toNs;
    double m_perNs, m_x0Ns, m_perNsFixed, m_x0NsFixed;
    std::int64_t m_leftFixed, m_widthFixed;
    int m_leftColumn;
    ColumnBuilder m_builder;
    std::vector<DeviceBar> m_bars;
};

} // namespace lab::timeline
