#include "TimelineChunks.h"

#include <QPaintDevice>
#include <QPainter>
#include <QVector>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lab {

bool ChunkBracket::fits(double barBottom, double rowBottom, double lineWidth, double devicePixelRatio)
{
    const double dpr = std::max(1.0, devicePixelRatio);
    const double thickness = std::max(1.0, std::round(lineWidth * dpr)) / dpr;
    return std::round(rowBottom * dpr) / dpr - std::round(barBottom * dpr) / dpr >= thickness + 1 / dpr;
}

bool ChunkBracket::fitsLane(double laneHeight, double lineWidth)
{
    const auto [top, height] = barExtent(0, laneHeight);
    return fits(top + height, laneHeight, lineWidth, 1);
}

std::optional<ChunkBracket> ChunkBracket::place(double x0, double x1, double barBottom, double rowBottom, double lineWidth,
                                                double devicePixelRatio, bool goesOn)
{
    const double dpr = std::max(1.0, devicePixelRatio), px = 1 / dpr;
    auto snap = [dpr](double v) { return std::round(v * dpr) / dpr; };
    const double thickness = std::max(1.0, std::round(lineWidth * dpr)) / dpr;
    if (!fits(barBottom, rowBottom, lineWidth, dpr))
        return std::nullopt; // thin lanes keep no gap under their bars
    const double bottom = snap(barBottom);
    const double gap = snap(rowBottom) - bottom;
    // The ends stand a line width inside the chunk: brackets of chunks back to back stay apart.
    const double left = snap(x0 + lineWidth), right = snap(x1 - lineWidth);
    if (right - left < 3 * thickness)
        return std::nullopt;
    // The line nearer the next lane than the bars, a pixel clear of both where there is room.
    const double baseTop = bottom + std::max(px, snap((gap - thickness) * 0.6));
    const double endsTop = baseTop - bottom >= 3 * px ? bottom + px : bottom;
    ChunkBracket b;
    b.base = QRectF(left, baseTop, right - left, thickness);
    b.leftEnd = QRectF(left, endsTop, thickness, baseTop - endsTop);
    if (!goesOn)
        b.rightEnd = QRectF(right - thickness, endsTop, thickness, baseTop - endsTop);
    return b;
}

namespace {

double devicePixelRatioOf(const QPainter &p)
{
    return p.device() ? std::max(1.0, p.device()->devicePixelRatioF()) : 1.0;
}

void append(QVector<QRectF> &rects, const ChunkBracket &b)
{
    for (const QRectF &r : {b.base, b.leftEnd, b.rightEnd}) {
        if (!r.isEmpty())
            rects.append(r);
    }
}

void fill(QPainter &p, const QVector<QRectF> &rects, const QColor &colour)
{
    if (rects.isEmpty())
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRects(rects);
    p.restore();
}

} // namespace

void paintChunkBrackets(QPainter &p, const TimelineFrame &f, const TimelineScene &scene, const TimelineStyle &style,
                        std::int64_t toNs)
{
    if (!f.chunkBrackets)
        return;
    const LaneLayout &l = f.layout;
    const auto [first, last] = l.visibleRows();
    const auto fromNs = std::int64_t(std::floor(f.axis.startNs()));
    const double dpr = devicePixelRatioOf(p), w = style.lineWidth;
    // Ends beyond the view's edges stay out of sight (and far-off times out of the painter's range).
    const double left = f.lanesRect.left() - 4 * w, right = f.lanesRect.right() + 4 * w;
    QVector<QRectF> rects;
    for (int row = first; row < last; ++row) {
        const auto r = scene.rows()[std::size_t(row)];
        const TimelineIndex &index = scene.index(r.dataset);
        const auto [begin, end] = index.chunksIn(r.lane, fromNs, toNs);
        if (begin == end)
            continue;
        const auto [top, height] = barExtent(l.rowTop(row), l.laneHeight());
        const double rowBottom = l.rowTop(row) + l.laneHeight();
        for (const auto *c = begin; c != end; ++c) {
            if (c->endNs <= fromNs || c->startNs >= toNs)
                continue;
            // Still running when the snapshot was taken, or past the replay's time: no right end yet.
            const bool goesOn = c->endNs > toNs || c->endNs >= index.durationNs();
            const double x0 = std::max(left, f.axis.xAt(double(c->startNs)));
            const double x1 = std::min(right, f.axis.xAt(double(std::min(c->endNs, toNs))));
            if (const auto bracket = ChunkBracket::place(x0, x1, top + height, rowBottom, w, dpr, goesOn))
                append(rects, *bracket);
        }
    }
    fill(p, rects, style.chunkBracket);
}

void paintChunkBracketSwatch(QPainter &p, const QRectF &swatch, const QColor &bar, const QColor &bracket, double lineWidth)
{
    const double barBottom = swatch.top() + std::round(swatch.height() * 0.55);
    p.fillRect(QRectF(swatch.left(), swatch.top(), swatch.width(), barBottom - swatch.top()), bar);
    QVector<QRectF> rects;
    if (const auto b = ChunkBracket::place(swatch.left() - lineWidth, swatch.right() + lineWidth, barBottom, swatch.bottom(),
                                           lineWidth, devicePixelRatioOf(p)))
        append(rects, *b);
    fill(p, rects, bracket);
}

QString chunkDescription(const ChunkInterval &chunk, const QString &worker)
{
    if (chunk.lastTask <= chunk.firstTask)
        return u"chunk %1: task %2 (run by %3)"_s.arg(chunk.chunk).arg(chunk.firstTask).arg(worker);
    return u"chunk %1: tasks %2–%3 (run back to back by %4)"_s.arg(chunk.chunk).arg(chunk.firstTask).arg(chunk.lastTask).arg(worker);
}

} // namespace lab
