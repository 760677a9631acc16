#pragma once

#include "TimelineFrame.h"
#include "TimelineScene.h"
#include "TimelineStyle.h"

#include <QRectF>

namespace lab {

// Where the parts of one picture of the timeline go: the time axis above the
// lanes, their names left of them, the legend below, each as large as what
// TimelinePainter draws in it needs; and the time range the frame may show.
class TimelineLayout
{
public:
    TimelineLayout(const TimelineScene &scene, const TimelineStyle &style) : m_scene(scene), m_style(style) { }

    struct Options
    {
        double minLaneHeight = -1; // -1: the style's; an export passes 1 to fit every lane
        double maxLaneHeight = -1;
    };
    // Lays out the rectangles for `bounds` and sets the axis' pixel span and the
    // layout's viewport and rows. Keeps the frame's time range and scroll offset.
    // Lanes too thin for chunk brackets get none, and the legend does not list them.
    void layOut(TimelineFrame &frame, const QRectF &bounds, const Options &options) const;
    void layOut(TimelineFrame &frame, const QRectF &bounds) const { layOut(frame, bounds, Options{}); }
    // Sets the zoom limits and content range for the scene, and shows all of it.
    void fitTime(TimelineFrame &frame) const;
    void updateTimeLimits(TimelineFrame &frame) const;
    double fitMarginPx() const { return 2.0 * m_style.padding; }

private:
    void layOutOnce(TimelineFrame &frame, const QRectF &bounds, const Options &options) const;

    const TimelineScene &m_scene;
    const TimelineStyle &m_style;
};

} // namespace lab
