#pragma once

#include "LaneLayout.h"
#include "TimeAxis.h"

#include <QRectF>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace lab {

// The bar inside a row: {top, height}, inset so neighbouring lanes stay apart.
std::pair<double, double> barExtent(double rowTop, double laneHeight);

// Where the parts of one picture of the timeline go, and its time and lane mapping.
struct TimelineFrame
{
    QRectF bounds;
    QRectF axisRect;   // tick labels, above the lanes
    QRectF gutterRect; // lane names, left of the lanes
    QRectF lanesRect;  // the bars
    QRectF legendRect; // below the lanes
    TimeAxis axis;
    LaneLayout layout;
    std::int64_t revealUntilNs = -1;             // replay: nothing after this relative time
    std::optional<std::size_t> highlightedWrite; // index into the current run's writes
    bool chunkBrackets = true; // set by layout(): the lanes leave room under their bars for chunk brackets
};

} // namespace lab
