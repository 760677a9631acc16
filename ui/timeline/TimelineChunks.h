#pragma once

#include "TimelineData.h"
#include "TimelineFrame.h"
#include "TimelineScene.h"
#include "TimelineStyle.h"

#include <QColor>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <optional>

class QPainter;

namespace lab {

// A pool map's chunk of several tasks, drawn as a bracket in the gap a lane
// keeps under its bars: a line under the tasks whose ends turn up to the bars.
// The geometry of one, in the painter's coordinates, snapped to device pixels.
struct ChunkBracket
{
    QRectF base;     // the line under the bars
    QRectF leftEnd;  // the ends, from the bars down to the line
    QRectF rightEnd; // empty while the chunk goes on (a live run, replay)

    // For a chunk drawn from x0 to x1 on a lane whose bars end at barBottom and whose
    // row ends at rowBottom; nothing where the lane has no gap under its bars (thin
    // lanes) or the chunk is too narrow to tell apart from its neighbours.
    static std::optional<ChunkBracket> place(double x0, double x1, double barBottom, double rowBottom, double lineWidth,
                                             double devicePixelRatio, bool goesOn = false);
    static bool fits(double barBottom, double rowBottom, double lineWidth, double devicePixelRatio);
    // Whether lanes of this height have room for brackets (at a device pixel ratio of 1, the least room).
    static bool fitsLane(double laneHeight, double lineWidth);
};

// The brackets of the visible chunks (of more than one task) of every visible lane,
// for relative times up to toNs; none where the frame has no room for them.
void paintChunkBrackets(QPainter &p, const TimelineFrame &f, const TimelineScene &scene, const TimelineStyle &style,
                        std::int64_t toNs);
// The legend's swatch: a bar in `bar` with a bracket under it.
void paintChunkBracketSwatch(QPainter &p, const QRectF &swatch, const QColor &bar, const QColor &bracket, double lineWidth);

// "chunk 2: tasks 8–11 (run back to back by ForkPoolWorker-1)", for a tooltip.
QString chunkDescription(const ChunkInterval &chunk, const QString &worker);

} // namespace lab
