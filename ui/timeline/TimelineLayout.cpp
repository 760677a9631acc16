#include "TimelineLayout.h"

#include "TextCache.h"
#include "TimelineChunks.h"
#include "TimelineLegend.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lab {

using timeline::TextCache;
using Key = TimelineStyle::LegendEntry::Key;

void TimelineLayout::layOut(TimelineFrame &f, const QRectF &bounds, const Options &options) const
{
    f.chunkBrackets = true;
    layOutOnce(f, bounds, options);
    // The lanes turned out too thin for chunk brackets: without them in the legend, the lanes
    // may grow a little, but stay without them, as the legend says.
    if (m_scene.shows(Key::ChunkBracket) && !ChunkBracket::fitsLane(f.layout.laneHeight(), m_style.lineWidth)) {
        f.chunkBrackets = false;
        layOutOnce(f, bounds, options);
    }
}

void TimelineLayout::layOutOnce(TimelineFrame &f, const QRectF &bounds, const Options &options) const
{
    TextCache text(m_style.font()), boldText(m_style.font(true));
    const QFontMetricsF &fm = text.metrics(), &bold = boldText.metrics();
    const double pad = m_style.padding;
    f.bounds = bounds;

    const double legendHeight = TimelineLegend(m_scene, m_style, f.chunkBrackets).heightFor(bounds.width());
    const double axisHeight = std::ceil(fm.height() + 2 * pad + 4 * m_style.lineWidth);

    double nameWidth = text.advance(u"time"_s);
    for (const auto &row : m_scene.rows()) {
        if (const TimelineData *d = m_scene.data(row.dataset))
            nameWidth = std::max(nameWidth, text.advance(TimelineScene::laneName(*d, row.lane)));
    }
    for (TimelineScene::Dataset d : {TimelineScene::Pinned, TimelineScene::Current}) {
        if (m_scene.comparing())
            nameWidth = std::max(nameWidth, std::min(boldText.advance(m_scene.label(d)), bounds.width() * 0.25));
    }
    const double gutter = std::clamp(std::ceil(nameWidth + 3 * pad), 4.0 * fm.height(), std::max(4.0 * fm.height(), bounds.width() * 0.3));

    f.axisRect = QRectF(bounds.left() + gutter, bounds.top(), bounds.width() - gutter, axisHeight);
    f.legendRect = QRectF(bounds.left(), bounds.bottom() - legendHeight, bounds.width(), legendHeight);
    const double lanesTop = f.axisRect.bottom();
    const double lanesHeight = std::max(0.0, f.legendRect.top() - lanesTop);
    f.gutterRect = QRectF(bounds.left(), lanesTop, gutter, lanesHeight);
    f.lanesRect = QRectF(bounds.left() + gutter, lanesTop, bounds.width() - gutter, lanesHeight);

    f.axis.setPixelSpan(f.lanesRect.left(), f.lanesRect.width());
    f.layout.setViewport(lanesTop, lanesHeight);
    f.layout.setLaneHeightLimits(options.minLaneHeight > 0 ? options.minLaneHeight : m_style.minLaneHeight,
                                 options.maxLaneHeight > 0 ? options.maxLaneHeight : m_style.maxLaneHeight);
    f.layout.setRowCount(int(m_scene.rows().size()));
    f.layout.setSections(m_scene.sectionStarts(), std::ceil(bold.height() + pad));
    updateTimeLimits(f);
}

void TimelineLayout::updateTimeLimits(TimelineFrame &f) const
{
    const double duration = double(std::max<std::int64_t>(m_scene.durationNs(), 1'000'000));
    // Zoomed out, the run still takes a tenth of the width; zoomed in, 1 ns takes 20 px.
    f.axis.setZoomLimits(0.05, std::max(0.05, 10 * duration / f.axis.width()));
    f.axis.setContentRange(0, duration);
}

void TimelineLayout::fitTime(TimelineFrame &f) const
{
    updateTimeLimits(f);
    f.axis.fitTo(0, double(std::max<std::int64_t>(m_scene.durationNs(), 1'000'000)), fitMarginPx());
}

} // namespace lab
