#pragma once

#include "TimeAxis.h"
#include "TimelineData.h"
#include "TimelineFrame.h"
#include "TimelineIndex.h"
#include "TimelineLayout.h"
#include "TimelineScene.h"
#include "TimelineStyle.h"

#include <QColor>
#include <QRectF>

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

class QPainter;

namespace lab {

// The one painting path of the timeline: the widget, PNG and SVG export all
// call paint(), into a frame TimelineLayout laid out.
class TimelinePainter
{
public:
    TimelinePainter(const TimelineScene &scene, const TimelineStyle &style) : m_scene(scene), m_style(style) { }

    // As TimelineLayout lays frames out, for the painter's scene and style.
    using LayoutOptions = TimelineLayout::Options;
    void layout(TimelineFrame &frame, const QRectF &bounds, const LayoutOptions &options) const
    {
        TimelineLayout(m_scene, m_style).layOut(frame, bounds, options);
    }
    void layout(TimelineFrame &frame, const QRectF &bounds) const { TimelineLayout(m_scene, m_style).layOut(frame, bounds); }
    void fitTime(TimelineFrame &frame) const { TimelineLayout(m_scene, m_style).fitTime(frame); }

    void paint(QPainter &painter, const TimelineFrame &frame) const;
    // Whether the raster path may write the lanes into the painter's own image
    // (the default) rather than through a layer: tests compare the two.
    static void setWritesInPlace(bool allowed);
    // How the raster path draws lanes: by the lane's density (the default), or
    // always bar by bar or column by column; in bands of lanes that idle helper
    // threads share (the default), or in one piece on the painting thread; and
    // in how many bands it cut them last on this thread. Tests compare them.
    enum class LaneDrawing { Auto, Bars, Columns };
    static void setLaneDrawing(LaneDrawing drawing);
    static void setLaneHelpers(bool allowed);
    static int lastLaneBands();

private:
    void paintAroundLanes(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks, bool rasterLanes) const;
    void paintBorders(QPainter &p, const TimelineFrame &f) const;
    void paintRows(QPainter &p, const TimelineFrame &f) const;
    void paintGrid(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks) const;
    void paintSpans(QPainter &p, const TimelineFrame &f) const;
    bool paintLanesRaster(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks,
                          const std::function<void()> &meanwhile) const;
    std::array<QColor, 2 * spanStateCount> barColours() const;
    void paintGil(QPainter &p, const TimelineFrame &f) const;
    void paintMarks(QPainter &p, const TimelineFrame &f, bool withTicks) const;
    void paintHandoffs(QPainter &p, const TimelineFrame &f) const;
    void paintGutter(QPainter &p, const TimelineFrame &f) const;
    void paintSectionHeaders(QPainter &p, const TimelineFrame &f) const;
    void paintAxis(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks) const;
    void paintLegend(QPainter &p, const TimelineFrame &f) const;
    double tickSpacingPx() const;
    std::int64_t visibleEndNs(const TimelineFrame &f) const;

    const TimelineScene &m_scene;
    const TimelineStyle &m_style;
};

} // namespace lab
