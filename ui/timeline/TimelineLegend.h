#pragma once

#include "TimelineScene.h"
#include "TimelineStyle.h"

#include <vector>

class QFontMetricsF;
class QPainter;
class QRectF;

namespace lab {

// The legend under the lanes: the entries that the shown runs need, flowing in
// rows across its width, each a swatch drawn as the lanes draw what it explains.
class TimelineLegend
{
public:
    using Entry = TimelineStyle::LegendEntry;

    // Without the chunk bracket's entry unless the lanes have room for brackets.
    TimelineLegend(const TimelineScene &scene, const TimelineStyle &style, bool chunkBrackets);

    const std::vector<Entry> &entries() const { return m_entries; }
    // The height its rows take across `width`: 0 without entries.
    double heightFor(double width) const;
    void paint(QPainter &p, const QRectF &rect) const;

private:
    double swatchWidth(const QFontMetricsF &fm) const;
    double entryWidth(double swatch, double textWidth) const;
    void paintSwatch(QPainter &p, const Entry &e, const QRectF &sw) const;

    const TimelineStyle &m_style;
    std::vector<Entry> m_entries;
};

} // namespace lab
