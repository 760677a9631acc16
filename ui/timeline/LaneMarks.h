#pragma once

#include "TimelineFrame.h"
#include "TimelineIndex.h"

#include <QLineF>
#include <QPointF>
#include <QRectF>
#include <QVector>

#include <cstdint>
#include <optional>
#include <vector>

namespace lab::timeline {

// What is drawn over the bars of the visible lanes, in the painter's
// coordinates: lock-held outlines, console ticks, failures and the highlighted
// write; thinned out to what shows at the device pixel ratio.
class LaneMarks
{
public:
    // For relative times up to toNs; console ticks only `withTicks` (the raster path writes its own).
    LaneMarks(const TimelineFrame &f, std::int64_t toNs, double lineWidth, double devicePixelRatio, bool withTicks);

    // The lane on `row`; `highlightHere`: the frame's highlighted write may be one of its writes.
    void addLane(const TimelineIndex::LaneIndex &lane, int row, bool highlightHere);

    QVector<QRectF> outlines;
    QVector<QLineF> ticks;
    std::vector<QPointF> failures; // centres
    std::optional<QLineF> highlighted; // across its lane

private:
    void addLocks(const TimelineIndex::LaneIndex &lane, double top, double height);
    void addWrites(const TimelineIndex::LaneIndex &lane, int row, double top, double height, bool highlightHere);
    void addFailures(const TimelineIndex::LaneIndex &lane, int row);

    const TimelineFrame &m_frame;
    const std::int64_t m_fromNs, m_toNs;
    const double m_lineWidth, m_dpr;
    const bool m_withTicks;
};

} // namespace lab::timeline
