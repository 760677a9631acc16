#pragma once

#include "TimeAxis.h"
#include "TimelineFrame.h"
#include "TimelinePainter.h"
#include "TimelineScene.h"

#include <QRgb>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

class QTransform;

namespace lab::timeline {

class RasterTarget;

// The lanes of one frame as pixel rows, for a band of lanes at a time. Each row
// is composed in a buffer that stays in cache and then written out once, with
// stores that do not read the old pixels first: a 1080p frame does not stay in
// cache from one frame to the next, and a lane's rows mostly repeat, so most
// rows are composed once and written many times.
struct LaneRaster
{
    // Into the target's pixels (prepared), for the painter's device transform.
    LaneRaster(const TimelineScene &scene, const TimelineFrame &frame, const QTransform &device, const RasterTarget &target);

    const TimelineScene &scene;
    const TimelineFrame &f;
    double sx = 1, sy = 1, ox = 0, oy = 0; // device pixel of a logical one: x·sx + ox
    QRgb *bits = nullptr;                  // the target's first pixel
    qsizetype stride = 0;                  // in pixels
    int w = 0, h = 0;
    std::int64_t fromNs = 0, toNs = 0;
    std::array<QRgb, 2 * spanStateCount> colours{}; // per state: full, then pale
    QRgb tickColour = 0;
    int tickWidth = 1;
    TimelinePainter::LaneDrawing drawing = TimelinePainter::LaneDrawing::Auto;

    // Lane backgrounds, with zebra stripes while lanes are tall enough to need
    // them, and the grid: the two template rows every row starts from.
    void prepareRows(QRgb background, QRgb zebra, QRgb major, QRgb minor, const std::vector<TimeAxis::Tick> &ticks);

    // The visible rows cut into bands of about equal work, as the first row of
    // each and the end of the last; in one band unless `several`.
    std::vector<int> bandsOfEqualWork(bool several) const;
    // Writes band b of those, and the device rows between its lanes and the next band's.
    void writeBand(const std::vector<int> &bandRows, int b) const;

private:
    class BandWriter;

    std::pair<const TimelineIndex::Span *, const TimelineIndex::Span *> spansOf(int row) const;
    // The first device row a lane may write.
    int rowStartY(int row) const;
    // Writes device rows yFrom … yTo - 1, which hold the lanes of rows rowFrom … rowTo - 1.
    void band(int rowFrom, int rowTo, int yFrom, int yTo) const;

    std::vector<std::uint8_t> zebraRows; // per device row: 1 on a zebra stripe
    std::vector<QRgb> templates;         // background row, then zebra row
};

} // namespace lab::timeline
