#include "TimelinePainter.h"

#include "BandRunner.h"
#include "LaneBars.h"
#include "LaneMarks.h"
#include "LaneRaster.h"
#include "RasterTarget.h"
#include "TextCache.h"
#include "TimelineChunks.h"
#include "TimelineLegend.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace lab {

using timeline::DeviceBar;
using timeline::LaneBars;
using timeline::LaneMarks;
using timeline::LaneRaster;
using timeline::RasterTarget;
using timeline::TextCache;

namespace {

constexpr int maxArrowsInView = 400;

bool writesInPlace = true;
TimelinePainter::LaneDrawing laneDrawing = TimelinePainter::LaneDrawing::Auto;
bool laneHelpers = true;
thread_local int bandsOfLastFrame = 0;

double devicePixelRatio(const QPainter &p)
{
    return p.device() ? std::max(1.0, p.device()->devicePixelRatioF()) : 1.0;
}

QColor readableOn(const QColor &background, const TimelineStyle &s)
{
    return TimelineStyle::contrastRatio(s.text, background) >= TimelineStyle::contrastRatio(s.background, background)
        ? s.text
        : s.background;
}

} // namespace

void TimelinePainter::setWritesInPlace(bool allowed)
{
    writesInPlace = allowed;
}

void TimelinePainter::setLaneDrawing(LaneDrawing drawing)
{
    laneDrawing = drawing;
}

void TimelinePainter::setLaneHelpers(bool allowed)
{
    laneHelpers = allowed;
}

int TimelinePainter::lastLaneBands()
{
    return bandsOfLastFrame;
}

double TimelinePainter::tickSpacingPx() const
{
    return TextCache(m_style.font()).advance(u"000.00 ms"_s) + 3 * m_style.padding;
}

std::int64_t TimelinePainter::visibleEndNs(const TimelineFrame &f) const
{
    const auto end = std::int64_t(std::ceil(f.axis.endNs())) + 1;
    return f.revealUntilNs >= 0 ? std::min(end, f.revealUntilNs) : end;
}

void TimelinePainter::paint(QPainter &p, const TimelineFrame &f) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const bool rasterLanes = RasterTarget::usable(p);
    if (!rasterLanes)
        p.fillRect(f.bounds, m_style.background);
    const auto ticks = f.axis.ticks(tickSpacingPx());

    // Around the lanes: the raster path has it painted while helpers write the lanes,
    // under the clip the caller set (the lanes' clip is on by then).
    const bool clipped = p.hasClipping();
    const QRegion clip = clipped ? p.clipRegion() : QRegion();
    bool aroundPainted = false;
    auto paintAround = [&] {
        p.save();
        if (clipped)
            p.setClipRegion(clip);
        else
            p.setClipping(false);
        paintAroundLanes(p, f, ticks, rasterLanes);
        p.restore();
        aroundPainted = true;
    };
    p.save();
    p.setClipRect(f.lanesRect);
    const bool raster = paintLanesRaster(p, f, ticks, paintAround);
    if (!raster) {
        if (rasterLanes)
            p.fillRect(f.lanesRect, m_style.background);
        paintRows(p, f);
        paintGrid(p, f, ticks);
        paintSpans(p, f);
    }
    paintGil(p, f);
    paintChunkBrackets(p, f, m_scene, m_style, visibleEndNs(f));
    paintMarks(p, f, !raster);
    paintHandoffs(p, f);
    p.restore();
    if (!aroundPainted)
        paintAround();
    paintBorders(p, f);

    if (!m_scene.data(TimelineScene::Current) && !m_scene.comparing()) {
        p.setPen(m_style.mutedText);
        p.setFont(m_style.font());
        p.drawText(f.lanesRect, Qt::AlignCenter, u"No run yet"_s);
    }
    p.restore();
}

// The gutter, the axis and the legend, and the background between them.
void TimelinePainter::paintAroundLanes(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks,
                                       bool rasterLanes) const
{
    if (rasterLanes) {
        // The raster path writes every pixel of the lanes: the background goes around them.
        const QRectF &b = f.bounds, &l = f.lanesRect;
        p.fillRect(QRectF(b.left(), b.top(), b.width(), l.top() - b.top()), m_style.background);
        p.fillRect(QRectF(b.left(), l.bottom(), b.width(), b.bottom() - l.bottom()), m_style.background);
        p.fillRect(QRectF(l.right(), l.top(), b.right() - l.right(), l.height()), m_style.background);
        if (m_style.gutterBackground.alpha() < 255)
            p.fillRect(f.gutterRect, m_style.background);
    }
    p.fillRect(f.gutterRect, m_style.gutterBackground);
    paintGutter(p, f);
    paintAxis(p, f, ticks);
    paintLegend(p, f);
}

// The borders of the gutter, the axis and the legend may fall on the lanes'
// first column, first row and (at fractional scales) last row: after the lanes.
void TimelinePainter::paintBorders(QPainter &p, const TimelineFrame &f) const
{
    p.setPen(QPen(m_style.grid, 0));
    p.drawLine(QLineF(f.gutterRect.right(), f.gutterRect.top(), f.gutterRect.right(), f.gutterRect.bottom()));
    paintSectionHeaders(p, f);
    p.setPen(QPen(m_style.grid, 0));
    p.drawLine(QLineF(f.bounds.left(), f.axisRect.bottom(), f.bounds.right(), f.axisRect.bottom()));
    if (f.legendRect.height() > 0)
        p.drawLine(QLineF(f.legendRect.topLeft(), f.legendRect.topRight()));
}

void TimelinePainter::paintRows(QPainter &p, const TimelineFrame &f) const
{
    const LaneLayout &l = f.layout;
    const auto [first, last] = l.visibleRows();
    const double h = l.laneHeight();
    // Zebra stripes only while a lane is tall enough for them to help.
    if (h >= 6) {
        for (int row = first; row < last; ++row) {
            if (row % 2 == 1)
                p.fillRect(QRectF(f.lanesRect.left(), l.rowTop(row), f.lanesRect.width(), h), m_style.alternateLane);
        }
    }
}

void TimelinePainter::paintSectionHeaders(QPainter &p, const TimelineFrame &f) const
{
    const LaneLayout &l = f.layout;
    const QRectF all = f.gutterRect.united(f.lanesRect);
    const QFont bold = m_style.font(true);
    TextCache texts(bold);
    p.save();
    p.setClipRect(all);
    for (int s = 0; s < l.sectionCount(); ++s) {
        const double top = l.sectionHeaderTop(s);
        if (top + l.headerHeight() < all.top() || top > all.bottom())
            continue;
        const QRectF band(all.left(), top, all.width(), l.headerHeight());
        p.fillRect(band, m_style.headerBackground);
        const auto dataset = s == 0 ? TimelineScene::Pinned : TimelineScene::Current;
        QString text = m_scene.label(dataset);
        if (dataset == TimelineScene::Pinned)
            text = u"pinned: "_s + text;
        p.setFont(bold);
        p.setPen(m_style.text);
        texts.draw(p, band.adjusted(m_style.padding, 0, -m_style.padding, 0), Qt::AlignLeft,
                   texts.elided(text, Qt::ElideRight, band.width() - 2 * m_style.padding));
    }
    p.restore();
}

void TimelinePainter::paintGrid(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks) const
{
    QVector<QLineF> major, minor;
    for (const auto &t : ticks)
        (t.major ? major : minor).append(QLineF(t.x, f.lanesRect.top(), t.x, f.lanesRect.bottom()));
    p.setPen(QPen(m_style.faded(m_style.grid, 0.5), 0));
    p.drawLines(minor);
    p.setPen(QPen(m_style.grid, 0));
    p.drawLines(major);
}

std::array<QColor, 2 * spanStateCount> TimelinePainter::barColours() const
{
    std::array<QColor, 2 * spanStateCount> out;
    for (int s = 0; s < spanStateCount; ++s) {
        out[std::size_t(2 * s)] = m_style.states[std::size_t(s)];
        out[std::size_t(2 * s + 1)] = m_style.faded(m_style.states[std::size_t(s)], m_style.notOnCpuAlpha);
    }
    return out;
}

// Vector path (SVG, printers, rotated painters): rectangles, batched per colour.
void TimelinePainter::paintSpans(QPainter &p, const TimelineFrame &f) const
{
    std::array<std::vector<QRectF>, 2 * spanStateCount> rects;
    const LaneLayout &l = f.layout;
    const auto [first, last] = l.visibleRows();
    const auto from = std::int64_t(std::floor(f.axis.startNs()));
    const std::int64_t to = visibleEndNs(f);
    LaneBars laneBars(f, to, 1, 0);
    for (int row = first; row < last; ++row) {
        const auto r = m_scene.rows()[std::size_t(row)];
        const auto [begin, end] = m_scene.index(r.dataset).spansIn(r.lane, from, to);
        if (begin == end)
            continue;
        const auto [top, height] = barExtent(l.rowTop(row), l.laneHeight());
        const int y0 = int(std::round(top)), y1 = std::max(y0 + 1, int(std::round(top + height)));
        for (const DeviceBar &b : laneBars.of(begin, end)) {
            const int colour = 2 * int(b.code & 0xff);
            const int fullFrom = y1 - timeline::onCpuRows(y1 - y0, b.code >> 8);
            if (fullFrom > y0)
                rects[std::size_t(colour + 1)].emplace_back(QPointF(b.x0, y0), QPointF(b.x1, fullFrom));
            if (y1 > fullFrom)
                rects[std::size_t(colour)].emplace_back(QPointF(b.x0, fullFrom), QPointF(b.x1, y1));
        }
    }
    const auto colours = barColours();
    p.setPen(Qt::NoPen);
    for (std::size_t c = 0; c < rects.size(); ++c) {
        if (rects[c].empty())
            continue;
        p.setBrush(colours[c]);
        p.drawRects(rects[c].data(), int(rects[c].size()));
    }
}

// Raster path: lane backgrounds, grid, bars and console ticks written straight
// into pixels, those of the painter's own image where it has one (an export,
// the widget's backing store), else those of one opaque layer drawn with a
// single blit. QPainter costs some hundred nanoseconds per rectangle; a million
// spans need a few per span. Helper threads write bands of lanes while this
// thread calls meanwhile(), which must not touch the lanes' pixels.
bool TimelinePainter::paintLanesRaster(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks,
                                       const std::function<void()> &meanwhile) const
{
    if (!RasterTarget::usable(p))
        return false;
    RasterTarget target(p, f.lanesRect, writesInPlace);
    if (target.rect().isEmpty())
        return true;
    if (!target.prepare())
        return false;

    LaneRaster raster(m_scene, f, p.deviceTransform(), target);
    raster.fromNs = std::int64_t(std::floor(f.axis.startNs()));
    raster.toNs = visibleEndNs(f);
    const auto barColour = barColours();
    for (std::size_t c = 0; c < raster.colours.size(); ++c)
        raster.colours[c] = barColour[c].rgb();
    raster.tickColour = m_style.consoleTick.rgb();
    raster.tickWidth = std::max(1, int(std::lround(m_style.lineWidth * raster.sx)));
    raster.drawing = laneDrawing;
    raster.prepareRows(m_style.background.rgb(), m_style.alternateLane.rgb(), m_style.grid.rgb(),
                       m_style.faded(m_style.grid, 0.5).rgb(), ticks);

    const std::vector<int> bandRows = raster.bandsOfEqualWork(laneHelpers);
    bandsOfLastFrame = int(bandRows.size()) - 1;
    // A frame of one band is not worth waking a helper for.
    timeline::BandRunner bandRunner(bandsOfLastFrame, bandsOfLastFrame > 1, [&](int b) { raster.writeBand(bandRows, b); });
    meanwhile();
    bandRunner.finish();
    target.finish(p);
    return true;
}

void TimelinePainter::paintGil(QPainter &p, const TimelineFrame &f) const
{
    const LaneLayout &l = f.layout;
    const double h = l.laneHeight();
    const auto [first, last] = l.visibleRows();
    const auto from = std::int64_t(std::floor(f.axis.startNs()));
    const std::int64_t to = visibleEndNs(f);
    const QColor running = m_style.stateColor(SpanState::Running);
    const QColor shades[2] = {m_style.faded(running, m_style.theme == TimelineStyle::Theme::Light ? 0.55 : 0.5),
                              m_style.faded(running, 0.3)};
    const QFont font = m_style.font();
    TextCache text(font);
    const QFontMetricsF &fm = text.metrics();
    p.setFont(font);
    for (int row = first; row < last; ++row) {
        const auto r = m_scene.rows()[std::size_t(row)];
        const TimelineData *d = m_scene.data(r.dataset);
        const auto &lane = m_scene.index(r.dataset).lane(r.lane);
        if (lane.gil.empty() || !d)
            continue;
        const auto [top, height] = barExtent(l.rowTop(row), h);
        const auto [begin, end] = TimelineIndex::overlapping(lane.gil, lane.longestGilNs, from, to);
        double lastRight = -1e300;
        for (const auto *g = begin; g != end; ++g) {
            const double x0 = std::max(f.lanesRect.left() - 1, f.axis.xAt(double(g->startNs)));
            const double x1 = std::min(f.lanesRect.right() + 1, f.axis.xAt(double(std::min(g->endNs, to))));
            if (x1 <= x0 || x1 <= lastRight)
                continue;
            const QRectF bar(std::max(x0, lastRight), top, x1 - std::max(x0, lastRight), height);
            const QColor shade = shades[(g - lane.gil.data()) % 2];
            p.fillRect(bar, shade);
            lastRight = std::ceil(x1);
            const GilInterval &gi = d->gil[g->index];
            const QString name = TimelineScene::laneName(*d, gi.holder);
            if (bar.width() > text.advance(name) + 2 * m_style.padding && height >= fm.height()) {
                p.setPen(readableOn(shade, m_style));
                text.draw(p, bar, Qt::AlignHCenter, name);
            }
        }
    }
}

void TimelinePainter::paintMarks(QPainter &p, const TimelineFrame &f, bool withTicks) const
{
    const double h = f.layout.laneHeight();
    const double w = m_style.lineWidth;
    LaneMarks marks(f, visibleEndNs(f), w, devicePixelRatio(p), withTicks);
    const auto [first, last] = f.layout.visibleRows();
    for (int row = first; row < last; ++row) {
        const auto r = m_scene.rows()[std::size_t(row)];
        marks.addLane(m_scene.index(r.dataset).lane(r.lane), row, f.highlightedWrite && r.dataset == TimelineScene::Current);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(m_style.lockOutline, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.drawRects(marks.outlines);
    p.setPen(QPen(m_style.consoleTick, w, Qt::SolidLine, Qt::FlatCap));
    p.drawLines(marks.ticks);

    p.setRenderHint(QPainter::Antialiasing, true);
    const double radius = std::clamp(h * 0.35, 3.0, 3.0 * w + 6);
    for (const QPointF &c : marks.failures) {
        p.setPen(QPen(m_style.failure, w * 1.5));
        p.setBrush(m_style.background);
        p.drawEllipse(c, radius, radius);
        const double a = radius * 0.55;
        p.drawLine(QPointF(c.x() - a, c.y() - a), QPointF(c.x() + a, c.y() + a));
        p.drawLine(QPointF(c.x() - a, c.y() + a), QPointF(c.x() + a, c.y() - a));
    }
    if (const auto &highlighted = marks.highlighted) {
        // The highlighted write: a full-height dashed line and a marker on its lane.
        p.setPen(QPen(m_style.highlight, w, Qt::DashLine));
        p.drawLine(QLineF(highlighted->x1(), f.lanesRect.top(), highlighted->x1(), f.lanesRect.bottom()));
        p.setPen(QPen(m_style.highlight, 2 * w));
        p.setBrush(Qt::NoBrush);
        const double r = std::max(4.0, std::min(h * 0.45, 12.0));
        p.drawEllipse(QPointF(highlighted->x1(), highlighted->center().y()), r, r);
    }
    if (f.revealUntilNs >= 0) {
        const double x = f.axis.xAt(double(f.revealUntilNs));
        p.setPen(QPen(m_style.highlight, 2 * w));
        p.drawLine(QLineF(x, f.lanesRect.top(), x, f.lanesRect.bottom()));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void TimelinePainter::paintHandoffs(QPainter &p, const TimelineFrame &f) const
{
    const LaneLayout &l = f.layout;
    const auto [first, last] = l.visibleRows();
    const double from = f.axis.startNs();
    struct Arrow
    {
        QPointF a, b;
    };
    std::vector<Arrow> arrows;
    for (auto ds : {TimelineScene::Pinned, TimelineScene::Current}) {
        const TimelineData *d = m_scene.data(ds);
        if (!d)
            continue;
        const std::int64_t origin = d->originNs;
        const std::int64_t longest = m_scene.index(ds).longestHandoffNs();
        const double viewEnd = f.axis.endNs();
        // Sorted by acquire: an arrow ends in view, or starts in view and ends after it.
        const double lastAcquire = f.revealUntilNs >= 0 ? double(f.revealUntilNs) : viewEnd + double(longest);
        const auto begin = std::lower_bound(d->handoffs.begin(), d->handoffs.end(), std::int64_t(from) + origin,
                                            [](const Handoff &h, std::int64_t t) { return h.acquireNs < t; });
        for (auto it = begin; it != d->handoffs.end() && double(it->acquireNs - origin) <= lastAcquire; ++it) {
            if (double(it->releaseNs - origin) > viewEnd)
                continue;
            const int fromRow = m_scene.rowOf(ds, it->fromLane), toRow = m_scene.rowOf(ds, it->toLane);
            if (fromRow < 0 || toRow < 0 || std::max(fromRow, toRow) < first || std::min(fromRow, toRow) >= last)
                continue;
            arrows.push_back({{f.axis.xAt(double(it->releaseNs - origin)), l.rowCenter(fromRow)},
                              {f.axis.xAt(double(it->acquireNs - origin)), l.rowCenter(toRow)}});
            if (arrows.size() > std::size_t(maxArrowsInView))
                return; // too dense to read: the bars say it better
        }
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    const double w = m_style.lineWidth;
    const double head = 4 + 2.5 * w;
    p.setPen(QPen(m_style.handoff, w));
    p.setBrush(m_style.handoff);
    for (const Arrow &a : arrows) {
        p.drawLine(a.a, a.b);
        const QLineF line(a.b, a.a);
        if (line.length() < 1)
            continue;
        const QPointF u = (line.p2() - line.p1()) / line.length();
        const QPointF n(-u.y(), u.x());
        const QPointF base = a.b + u * head;
        const QPointF tri[3] = {a.b, base + n * head * 0.5, base - n * head * 0.5};
        p.drawPolygon(tri, 3);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void TimelinePainter::paintGutter(QPainter &p, const TimelineFrame &f) const
{
    const LaneLayout &l = f.layout;
    const auto [first, last] = l.visibleRows();
    const double h = l.laneHeight();
    const QFont font = m_style.font();
    TextCache text(font);
    const QFontMetricsF &fm = text.metrics();
    p.save();
    p.setClipRect(f.gutterRect);
    p.setFont(font);
    p.setPen(m_style.text);
    // Thin lanes: name every k-th lane, so the names stay readable. A projector's lanes
    // (at least the type's size) name every lane: 32 lanes fill 1080 px, each named.
    const double fits = m_style.lectureMode ? font.pixelSize() : fm.height() * 0.9;
    const int every = h >= fits ? 1 : int(std::ceil(fm.height() * 1.1 / h));
    const double width = f.gutterRect.width() - 2 * m_style.padding;
    for (int row = first; row < last; ++row) {
        const auto r = m_scene.rows()[std::size_t(row)];
        if (int(r.lane) % every != 0)
            continue;
        const TimelineData *d = m_scene.data(r.dataset);
        if (!d)
            continue;
        const QString name = text.elided(TimelineScene::laneName(*d, r.lane), Qt::ElideMiddle, width);
        // A sampled name starts at its lane's top and covers the lanes it stands for.
        const double top = every == 1 ? l.rowCenter(row) - fm.height() / 2 : std::max(l.rowTop(row), f.gutterRect.top());
        if (every > 1 && top + fm.height() > f.gutterRect.bottom())
            continue;
        text.draw(p, QRectF(f.gutterRect.left() + m_style.padding, top, width, fm.height()), Qt::AlignLeft, name);
    }
    p.restore();
}

void TimelinePainter::paintAxis(QPainter &p, const TimelineFrame &f, const std::vector<TimeAxis::Tick> &ticks) const
{
    const QRectF band(f.bounds.left(), f.axisRect.top(), f.bounds.width(), f.axisRect.height());
    p.fillRect(band, m_style.headerBackground);
    const QFont font = m_style.font();
    TextCache text(font);
    p.setFont(font);
    p.setPen(m_style.mutedText);
    text.draw(p, QRectF(band.left() + m_style.padding, band.top(), f.axisRect.left() - band.left() - 2 * m_style.padding, band.height()),
              Qt::AlignLeft, u"time"_s);
    const double tickLength = 3 * m_style.lineWidth + 2;
    QVector<QLineF> lines;
    p.save();
    p.setClipRect(f.axisRect);
    p.setPen(m_style.text);
    for (const auto &t : ticks) {
        const double len = t.major ? tickLength : tickLength / 2;
        lines.append(QLineF(t.x, f.axisRect.bottom() - len, t.x, f.axisRect.bottom()));
        if (!t.major)
            continue;
        const double w = text.advance(t.label);
        // Centred on the tick, kept inside the axis.
        const double x = std::clamp(t.x - w / 2, f.axisRect.left() + 2, f.axisRect.right() - w - 2);
        text.draw(p, QRectF(x, f.axisRect.top(), w + 1, f.axisRect.height() - tickLength), Qt::AlignLeft, t.label);
    }
    p.setPen(QPen(m_style.text, m_style.lineWidth));
    p.drawLines(lines);
    if (f.revealUntilNs >= 0) {
        const double x = f.axis.xAt(double(f.revealUntilNs));
        const double s = tickLength + 3;
        const QPointF tri[3] = {{x, f.axisRect.bottom()}, {x - s, f.axisRect.bottom() - s}, {x + s, f.axisRect.bottom() - s}};
        p.setBrush(m_style.highlight);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.drawPolygon(tri, 3);
        p.setRenderHint(QPainter::Antialiasing, false);
    }
    p.restore();
}

void TimelinePainter::paintLegend(QPainter &p, const TimelineFrame &f) const
{
    if (f.legendRect.height() > 0)
        TimelineLegend(m_scene, m_style, f.chunkBrackets).paint(p, f.legendRect);
}

} // namespace lab
