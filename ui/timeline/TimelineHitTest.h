#pragma once

#include "TimelineFrame.h"
#include "TimelineScene.h"

#include <QPointF>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace lab {

// What is under a point of a frame, and the tooltip that tells it: the frame's
// mapping read backwards, over the index the painter draws from.
class TimelineHitTest
{
public:
    explicit TimelineHitTest(const TimelineScene &scene) : m_scene(scene) { }

    struct Hit
    {
        TimelineScene::Dataset dataset = TimelineScene::Current;
        std::uint32_t lane = 0;
        std::int64_t timeNs = 0;
        std::optional<std::size_t> span;   // index into the run's spans
        std::optional<std::size_t> write;  // index into the run's writes (within a few pixels)
        std::optional<std::size_t> gil;    // GIL lanes: the holder's interval
        std::optional<std::size_t> lock;   // a lock-held interval around the time
        std::optional<std::size_t> failure;
        std::optional<std::size_t> chunk;  // a chunk of more than one task around the time
    };
    // Nothing outside the lanes.
    std::optional<Hit> at(const TimelineFrame &frame, QPointF pos) const;
    // Plain text for a tooltip, empty where there is nothing to tell.
    QString toolTip(const TimelineFrame &frame, QPointF pos) const;

private:
    const TimelineScene &m_scene;
};

} // namespace lab
