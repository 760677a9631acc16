#include "LaneMarks.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace lab::timeline {

LaneMarks::LaneMarks(const TimelineFrame &f, std::int64_t toNs, double lineWidth, double devicePixelRatio, bool withTicks)
    : m_frame(f),
      m_fromNs(std::int64_t(std::floor(f.axis.startNs()))),
      m_toNs(toNs),
      m_lineWidth(lineWidth),
      m_dpr(devicePixelRatio),
      m_withTicks(withTicks)
{
}

void LaneMarks::addLane(const TimelineIndex::LaneIndex &lane, int row, bool highlightHere)
{
    const auto [top, height] = barExtent(m_frame.layout.rowTop(row), m_frame.layout.laneHeight());
    addLocks(lane, top, height);
    addWrites(lane, row, top, height, highlightHere);
    addFailures(lane, row);
}

// Lock-held intervals: an outline around the bars; one per pixel at most.
void LaneMarks::addLocks(const TimelineIndex::LaneIndex &lane, double top, double height)
{
    const TimelineFrame &f = m_frame;
    const double w = m_lineWidth;
    const auto [lb, le] = TimelineIndex::overlapping(lane.locks, lane.longestLockNs, m_fromNs, m_toNs);
    double lastRight = -1e300;
    for (const auto *k = lb; k != le; ++k) {
        if (k->startNs >= m_toNs)
            continue;
        const double x0 = std::max(f.lanesRect.left() - w, f.axis.xAt(double(k->startNs)));
        const double x1 = std::min(f.lanesRect.right() + w, f.axis.xAt(double(std::min(k->endNs, m_toNs))));
        if (x1 - lastRight < 1.0 / m_dpr && x1 >= lastRight)
            continue;
        lastRight = x1;
        outlines.append(QRectF(x0 + w / 2, top + w / 2, std::max(0.0, x1 - x0 - w), std::max(0.0, height - w)));
    }
}

// Console writes: ticks from the top of the lane, one per device pixel.
void LaneMarks::addWrites(const TimelineIndex::LaneIndex &lane, int row, double top, double height, bool highlightHere)
{
    const TimelineFrame &f = m_frame;
    const double rowTop = f.layout.rowTop(row);
    // The raster path drew the ticks: only a highlighted write is left to find.
    const auto [wb, we] = m_withTicks || highlightHere ? TimelineIndex::overlapping(lane.writes, 0, m_fromNs, m_toNs + 1)
                                                       : std::pair<const TimelineIndex::Interval *, const TimelineIndex::Interval *>{};
    double lastX = -1e300;
    for (const auto *m = wb; m != we; ++m) {
        if (m->startNs > m_toNs)
            continue;
        const double x = std::round(f.axis.xAt(double(m->startNs)) * m_dpr) / m_dpr;
        if (highlightHere && m->index == *f.highlightedWrite)
            highlighted = QLineF(x, rowTop, x, rowTop + f.layout.laneHeight());
        if (x == lastX || !m_withTicks)
            continue;
        lastX = x;
        ticks.append(QLineF(x, rowTop, x, top + height * 0.5));
    }
}

void LaneMarks::addFailures(const TimelineIndex::LaneIndex &lane, int row)
{
    for (const auto &fail : lane.failures) {
        if (fail.startNs <= m_toNs)
            failures.emplace_back(m_frame.axis.xAt(double(fail.startNs)), m_frame.layout.rowCenter(row));
    }
}

} // namespace lab::timeline
