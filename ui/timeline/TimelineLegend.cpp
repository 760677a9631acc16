#include "TimelineLegend.h"

#include "TextCache.h"
#include "TimelineChunks.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace lab {

using timeline::TextCache;
using Key = TimelineStyle::LegendEntry::Key;
using Shape = TimelineStyle::LegendEntry::Shape;

TimelineLegend::TimelineLegend(const TimelineScene &scene, const TimelineStyle &style, bool chunkBrackets) : m_style(style)
{
    for (const auto &e : m_style.legend()) {
        if (scene.shows(e.key) && (e.key != Key::ChunkBracket || chunkBrackets))
            m_entries.push_back(e);
    }
}

// A projector's legend packs closer, so its one row holds a run's entries beside a lesson's panel.
double TimelineLegend::swatchWidth(const QFontMetricsF &fm) const
{
    return std::round(fm.height() * (m_style.lectureMode ? 1.0 : 1.4));
}

double TimelineLegend::entryWidth(double swatch, double textWidth) const
{
    const double pad = m_style.padding;
    return swatch + pad + textWidth + (m_style.lectureMode ? 1.5 : 2) * pad;
}

double TimelineLegend::heightFor(double width) const
{
    TextCache text(m_style.font());
    const QFontMetricsF &fm = text.metrics();
    const double pad = m_style.padding;
    const double swatch = swatchWidth(fm);
    const double lineHeight = std::ceil(fm.height() + pad);
    double x = pad, rows = 0;
    for (const auto &e : m_entries) {
        const double w = entryWidth(swatch, text.advance(e.label));
        if (rows == 0 || x + w > width - pad) {
            ++rows;
            x = pad;
        }
        x += w;
    }
    return rows > 0 ? rows * lineHeight + pad : 0;
}

void TimelineLegend::paint(QPainter &p, const QRectF &rect) const
{
    p.fillRect(rect, m_style.headerBackground);
    const QFont font = m_style.font();
    TextCache text(font);
    const QFontMetricsF &fm = text.metrics();
    p.setFont(font);
    const double pad = m_style.padding;
    const double swatch = swatchWidth(fm);
    const double lineHeight = std::ceil(fm.height() + pad);
    double x = rect.left() + pad;
    double y = rect.top() + pad / 2;
    bool firstInRow = true;
    for (const auto &e : m_entries) {
        const double textWidth = text.advance(e.label);
        const double width = entryWidth(swatch, textWidth);
        if (!firstInRow && x + width > rect.right() - pad) {
            x = rect.left() + pad;
            y += lineHeight;
        }
        firstInRow = false;
        paintSwatch(p, e, QRectF(x, y + (lineHeight - fm.height() * 0.8) / 2, swatch, std::round(fm.height() * 0.8)));
        p.setPen(m_style.text);
        text.draw(p, QRectF(x + swatch + pad, y, textWidth + 1, lineHeight), Qt::AlignLeft, e.label);
        x += width;
    }
}

void TimelineLegend::paintSwatch(QPainter &p, const Entry &e, const QRectF &sw) const
{
    const double w = m_style.lineWidth;
    p.setPen(Qt::NoPen);
    switch (e.shape) {
    case Shape::Bar:
        p.fillRect(sw, e.colour);
        break;
    case Shape::SplitBar:
        p.fillRect(QRectF(sw.left(), sw.top(), sw.width() / 2, sw.height()), e.colour);
        p.fillRect(QRectF(sw.center().x(), sw.top(), sw.width() / 2, sw.height()), e.second);
        break;
    case Shape::NotOnCpu:
        p.fillRect(sw, e.second);
        p.fillRect(QRectF(sw.left(), sw.center().y(), sw.width(), sw.height() / 2), e.colour);
        break;
    case Shape::GilHolder:
        p.fillRect(QRectF(sw.left(), sw.top(), sw.width() / 2, sw.height()), e.second);
        p.fillRect(QRectF(sw.center().x(), sw.top(), sw.width() / 2, sw.height()), m_style.faded(e.colour, 0.3));
        break;
    case Shape::Outline:
        p.fillRect(sw, m_style.stateColor(SpanState::Running));
        p.setPen(QPen(e.colour, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        p.drawRect(sw.adjusted(w / 2, w / 2, -w / 2, -w / 2));
        break;
    case Shape::Bracket:
        paintChunkBracketSwatch(p, sw, e.second, e.colour, w);
        break;
    case Shape::Tick:
        p.setPen(QPen(e.colour, w, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QLineF(sw.center().x(), sw.top(), sw.center().x(), sw.bottom()));
        break;
    case Shape::Arrow: {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(e.colour, w));
        p.setBrush(e.colour);
        const double head = 4 + 2.5 * w;
        p.drawLine(QLineF(sw.left(), sw.top(), sw.right() - head / 2, sw.bottom() - head / 2));
        const QPointF tip = sw.bottomRight();
        const QPointF tri[3] = {tip, tip - QPointF(head, head * 0.25), tip - QPointF(head * 0.25, head)};
        p.drawPolygon(tri, 3);
        p.setRenderHint(QPainter::Antialiasing, false);
        break;
    }
    case Shape::Failure: {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(e.colour, w * 1.5));
        p.setBrush(m_style.background);
        const double r = sw.height() / 2;
        const QPointF c = sw.center();
        p.drawEllipse(c, r, r);
        const double a = r * 0.55;
        p.drawLine(QPointF(c.x() - a, c.y() - a), QPointF(c.x() + a, c.y() + a));
        p.drawLine(QPointF(c.x() - a, c.y() + a), QPointF(c.x() + a, c.y() - a));
        p.setRenderHint(QPainter::Antialiasing, false);
        break;
    }
    }
}

} // namespace lab
