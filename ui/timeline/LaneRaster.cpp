#include "LaneRaster.h"

#include "LaneBars.h"
#include "RasterTarget.h"

#include <QTransform>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lab::timeline {
namespace {

// std::floor is a library call without SSE4.1; device x stays far inside int.
inline double floorOf(double x)
{
    const int i = int(x);
    return double(i - (x < double(i)));
}

// Rounds half away from zero like std::lround, without the library call.
inline int roundAway(double x)
{
    const double a = std::abs(x);
    double r = floorOf(a);
    if (a - r >= 0.5)
        r += 1;
    return int(x < 0 ? -r : r);
}

// Writes n pixels of one colour: std::fill is not vectorised at -O2. Most bars
// are a few pixels wide: no loop for those, and one overlapping store for the
// last 1 … 4 pixels of a wider one.
inline void fillPixels(QRgb *dst, int n, QRgb colour)
{
#if defined(__SSE2__)
    const __m128i v = _mm_set1_epi32(int(colour));
    if (n >= 4) {
        for (; n > 4; n -= 4, dst += 4)
            _mm_storeu_si128(reinterpret_cast<__m128i *>(dst), v);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + n - 4), v);
        return;
    }
    if (n & 2) {
        _mm_storel_epi64(reinterpret_cast<__m128i *>(dst), v);
        dst += 2;
    }
    if (n & 1)
        *dst = colour;
#else
    for (; n > 0; --n)
        *dst++ = colour;
#endif
}

// Copies n pixels with stores that bypass the cache: the frame is written once
// and not read again by this thread. finishStreaming() orders them before
// anything later.
inline void streamPixels(QRgb *dst, const QRgb *src, int n)
{
#if defined(__SSE2__)
    for (; n > 0 && (reinterpret_cast<std::uintptr_t>(dst) & 15); --n)
        *dst++ = *src++;
    for (; n >= 4; n -= 4, dst += 4, src += 4)
        _mm_stream_si128(reinterpret_cast<__m128i *>(dst), _mm_loadu_si128(reinterpret_cast<const __m128i *>(src)));
    for (; n > 0; --n)
        *dst++ = *src++;
#else
    std::memcpy(dst, src, std::size_t(n) * sizeof(QRgb));
#endif
}

inline void finishStreaming()
{
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

// A bar of a lane drawn bar by bar, in the target's device pixels.
struct Bar
{
    int x0, x1;   // clipped to the target
    int colour;   // index into colours: the pale one follows
    int fullFrom; // the first row of the lower, on-CPU part
};

// A column of a dense lane, and the row its on-CPU part starts.
struct SolidFrom
{
    int x, y;
    QRgb colour;
};

// What a thread composes a lane's rows from, kept from lane to lane and frame to frame.
struct Scratch
{
    std::vector<Bar> bars;
    std::vector<std::pair<int, int>> consoleTicks; // x0, x1
    std::vector<std::uint8_t> lowerPartStarts;     // per row from y0: a bar or column turns solid
    std::vector<SolidFrom> solidLater;
    std::vector<QRgb> composedRow;
};

Scratch &scratch(int width)
{
    thread_local Scratch s;
    s.composedRow.resize(std::size_t(width));
    return s;
}

} // namespace

// Writes one band's device rows, lane by lane: a lane's rows composed from the
// template rows, its bars or columns and its console ticks; the rows between
// lanes straight from the templates.
class LaneRaster::BandWriter
{
public:
    BandWriter(const LaneRaster &raster, int yFrom, int yTo);
    void writeLane(int row);
    void finish();

private:
    bool drawsColumns(std::ptrdiff_t spans) const;
    void collectColumns(const TimelineIndex::Span *begin, const TimelineIndex::Span *end);
    void collectBars(const TimelineIndex::Span *begin, const TimelineIndex::Span *end);
    void collectTicks(const TimelineIndex::Interval *begin, const TimelineIndex::Interval *end);
    void writeTemplateRowsUntil(int y);
    void markLowerPartStarts(int y0, int y1);
    void writeLaneRows(int y0, int y1);
    void composeRow(int y, int y0, int y1, bool inBar, bool inTicks);
    void composeColumns(int y, int y0, int y1);
    void turnSolid(int y, bool inTicks);
    void fillTicks();

    const LaneRaster &m_raster;
    const int m_yTo;
    int m_rowsDone;
    LaneBars m_laneBars;
    Scratch &m_scratch;
    QRgb *const m_composed;
    const QRgb *const m_templateRow[2];
    std::array<int, 256> m_onCpu{}; // by CPU share, for bars m_onCpuFor rows tall
    int m_onCpuFor = -1;

    // The lane being written, in device rows.
    int m_barY0 = 0, m_barY1 = 0, m_tickY0 = 0, m_tickY1 = 0;
    ColumnBuilder::Columns m_columns;
    int m_columnFrom = 0, m_columnTo = -1; // of m_columns, those inside the target
    bool m_hasBars = false, m_hasTicks = false;
};

LaneRaster::BandWriter::BandWriter(const LaneRaster &raster, int yFrom, int yTo)
    : m_raster(raster),
      m_yTo(yTo),
      m_rowsDone(yFrom),
      m_laneBars(raster.f, raster.toNs, raster.sx, raster.ox),
      m_scratch(scratch(raster.w)),
      m_composed(m_scratch.composedRow.data()),
      m_templateRow{raster.templates.data(), raster.templates.data() + raster.w}
{
}

void LaneRaster::BandWriter::writeLane(int row)
{
    const LaneRaster &r = m_raster;
    const auto lane = r.scene.rows()[std::size_t(row)];
    const TimelineIndex &index = r.scene.index(lane.dataset);
    const auto [begin, end] = index.spansIn(lane.lane, r.fromNs, r.toNs);
    const auto [wb, we] = TimelineIndex::overlapping(index.lane(lane.lane).writes, 0, r.fromNs, r.toNs + 1);
    if (begin == end && wb == we)
        return;
    const double rowTop = r.f.layout.rowTop(row);
    const auto [top, height] = barExtent(rowTop, r.f.layout.laneHeight());
    m_barY0 = int(std::round(top * r.sy + r.oy));
    m_barY1 = std::max(m_barY0 + 1, int(std::round((top + height) * r.sy + r.oy)));
    // Console writes: ticks from the top of the lane to the middle of its bar.
    m_tickY0 = int(std::round(rowTop * r.sy + r.oy));
    m_tickY1 = std::max(m_tickY0 + 1, int(std::round((top + height * 0.5) * r.sy + r.oy)));
    m_columns = {};
    m_columnFrom = 0;
    m_columnTo = -1;
    m_scratch.bars.clear();
    m_scratch.solidLater.clear();
    if (drawsColumns(end - begin))
        collectColumns(begin, end);
    else if (begin != end)
        collectBars(begin, end);
    collectTicks(wb, we);
    m_hasBars = !m_scratch.bars.empty() || m_columnTo >= m_columnFrom;
    m_hasTicks = !m_scratch.consoleTicks.empty();
    const bool hasBars = m_hasBars, hasTicks = m_hasTicks;
    if (!hasBars && !hasTicks)
        return;
    const int y0 = std::max(m_rowsDone, hasTicks ? std::min(m_tickY0, hasBars ? m_barY0 : m_tickY0) : m_barY0);
    const int y1 = std::min(m_yTo, std::max(hasBars ? m_barY1 : 0, hasTicks ? m_tickY1 : 0));
    if (y1 <= y0)
        return;
    writeTemplateRowsUntil(y0);
    markLowerPartStarts(y0, y1);
    writeLaneRows(y0, y1);
    m_rowsDone = y1;
}

void LaneRaster::BandWriter::finish()
{
    writeTemplateRowsUntil(m_yTo);
    finishStreaming();
}

// A lane with about as many spans as pixels is drawn column by column, else bar by bar.
bool LaneRaster::BandWriter::drawsColumns(std::ptrdiff_t spans) const
{
    const TimelinePainter::LaneDrawing drawing = m_raster.drawing;
    return drawing == TimelinePainter::LaneDrawing::Auto ? spans * 4 >= m_raster.w : drawing == TimelinePainter::LaneDrawing::Columns;
}

void LaneRaster::BandWriter::collectColumns(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
{
    m_columns = m_laneBars.columns(begin, end);
    m_columnFrom = std::max(m_columns.first, -m_laneBars.leftColumn());
    m_columnTo = std::min(m_columns.last, m_raster.w - 1 - m_laneBars.leftColumn());
    if (m_onCpuFor != m_barY1 - m_barY0) {
        m_onCpuFor = m_barY1 - m_barY0;
        for (std::size_t share = 0; share < m_onCpu.size(); ++share)
            m_onCpu[share] = onCpuRows(m_onCpuFor, int(share));
    }
}

void LaneRaster::BandWriter::collectBars(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
{
    for (const DeviceBar &b : m_laneBars.of(begin, end)) {
        const int x0 = std::max(b.x0, 0), x1 = std::min(b.x1, m_raster.w);
        if (x1 > x0)
            m_scratch.bars.push_back({x0, x1, 2 * int(b.code & 0xff), m_barY1 - onCpuRows(m_barY1 - m_barY0, b.code >> 8)});
    }
}

void LaneRaster::BandWriter::collectTicks(const TimelineIndex::Interval *begin, const TimelineIndex::Interval *end)
{
    const int tickWidth = m_raster.tickWidth;
    auto &ticks = m_scratch.consoleTicks;
    ticks.clear();
    for (const auto *m = begin; m != end; ++m) {
        if (m->startNs > m_raster.toNs)
            continue;
        const int x = roundAway(m_laneBars.xAt(m->startNs) - (tickWidth - 1) / 2.0);
        const int x0 = std::max(x, 0), x1 = std::min(x + tickWidth, m_raster.w);
        if (x1 > x0 && (ticks.empty() || ticks.back() != std::pair(x0, x1)))
            ticks.emplace_back(x0, x1);
    }
}

void LaneRaster::BandWriter::writeTemplateRowsUntil(int y)
{
    const LaneRaster &r = m_raster;
    for (y = std::min(y, m_yTo); m_rowsDone < y; ++m_rowsDone)
        streamPixels(r.bits + m_rowsDone * r.stride, m_templateRow[r.zebraRows[std::size_t(m_rowsDone)]], r.w);
}

void LaneRaster::BandWriter::markLowerPartStarts(int y0, int y1)
{
    m_scratch.lowerPartStarts.assign(std::size_t(y1 - y0), 0);
    for (const Bar &b : m_scratch.bars) {
        if (b.fullFrom > std::max(y0, m_barY0) && b.fullFrom < y1)
            m_scratch.lowerPartStarts[std::size_t(b.fullFrom - y0)] = 1;
    }
}

// Rows that look like the one before are written again as they are; where the
// lower part of some bars starts, those turn solid.
void LaneRaster::BandWriter::writeLaneRows(int y0, int y1)
{
    const LaneRaster &r = m_raster;
    int composedAs = -1;
    for (int y = y0; y < y1; ++y) {
        const bool inBar = m_hasBars && y >= m_barY0 && y < m_barY1, inTicks = m_hasTicks && y >= m_tickY0 && y < m_tickY1;
        const int as = r.zebraRows[std::size_t(y)] | int(inBar) << 1 | int(inTicks) << 2;
        const bool lowerStartsHere = inBar && m_scratch.lowerPartStarts[std::size_t(y - y0)];
        if (as != composedAs) {
            composeRow(y, y0, y1, inBar, inTicks);
            composedAs = as;
        } else if (lowerStartsHere) {
            turnSolid(y, inTicks);
        }
        streamPixels(r.bits + y * r.stride, m_composed, r.w);
    }
}

void LaneRaster::BandWriter::composeRow(int y, int y0, int y1, bool inBar, bool inTicks)
{
    const LaneRaster &r = m_raster;
    std::memcpy(m_composed, m_templateRow[r.zebraRows[std::size_t(y)]], std::size_t(r.w) * sizeof(QRgb));
    if (inBar) {
        for (const Bar &b : m_scratch.bars)
            fillPixels(m_composed + b.x0, b.x1 - b.x0, r.colours[std::size_t(b.colour + (y < b.fullFrom))]);
        composeColumns(y, y0, y1);
    }
    if (inTicks)
        fillTicks();
}

// The pale part is the rows above the on-CPU ones: y < barY1 - onCpu.
// A column pale here that turns solid lower down is noted, to be patched there.
void LaneRaster::BandWriter::composeColumns(int y, int y0, int y1)
{
    const auto &colours = m_raster.colours;
    const std::uint16_t *const codes = m_columns.codes;
    const int barY1 = m_barY1, fromBottom = barY1 - y, columnTo = m_columnTo, leftColumn = m_laneBars.leftColumn();
    QRgb *out = m_composed + leftColumn;
    m_scratch.solidLater.clear();
    for (int c = m_columnFrom; c <= columnTo; ++c) {
        const unsigned code = codes[c];
        if (code == ColumnBuilder::empty)
            continue;
        const int onCpuHere = m_onCpu[code >> 8];
        const unsigned full = 2 * (code & 0xff);
        out[c] = colours[full + unsigned(onCpuHere < fromBottom)];
        // (Not below the rows written: the lane may be cut off at the bottom.)
        if (onCpuHere > 0 && onCpuHere < fromBottom && barY1 - onCpuHere < y1) [[unlikely]] {
            m_scratch.solidLater.push_back({c + leftColumn, barY1 - onCpuHere, colours[full]});
            m_scratch.lowerPartStarts[std::size_t(barY1 - onCpuHere - y0)] = 1;
        }
    }
}

// Bars whose on-CPU part starts at row y turn solid; the ticks stay on top.
void LaneRaster::BandWriter::turnSolid(int y, bool inTicks)
{
    for (const Bar &b : m_scratch.bars) {
        if (b.fullFrom == y)
            fillPixels(m_composed + b.x0, b.x1 - b.x0, m_raster.colours[std::size_t(b.colour)]);
    }
    for (const SolidFrom &column : m_scratch.solidLater) {
        if (column.y == y)
            m_composed[column.x] = column.colour;
    }
    if (inTicks)
        fillTicks();
}

void LaneRaster::BandWriter::fillTicks()
{
    for (const auto &[x0, x1] : m_scratch.consoleTicks)
        fillPixels(m_composed + x0, x1 - x0, m_raster.tickColour);
}

LaneRaster::LaneRaster(const TimelineScene &scene, const TimelineFrame &frame, const QTransform &device, const RasterTarget &target)
    : scene(scene), f(frame)
{
    sx = device.m11();
    sy = device.m22();
    ox = device.dx() - target.rect().left();
    oy = device.dy() - target.rect().top();
    stride = target.stride();
    bits = target.bits();
    w = target.rect().width();
    h = target.rect().height();
}

void LaneRaster::prepareRows(QRgb background, QRgb zebra, QRgb major, QRgb minor, const std::vector<TimeAxis::Tick> &ticks)
{
    const LaneLayout &l = f.layout;
    const double laneHeight = l.laneHeight();
    const auto [first, last] = l.visibleRows();
    zebraRows.assign(std::size_t(h), 0);
    if (laneHeight >= 6) {
        int filledTo = 0;
        for (int row = first | 1; row < last; row += 2) {
            const double top = l.rowTop(row);
            const int y0 = std::max(filledTo, int(std::round(top * sy + oy)));
            const int y1 = int(std::round((top + laneHeight) * sy + oy));
            for (int y = std::max(y0, 0); y < std::min(y1, h); ++y)
                zebraRows[std::size_t(y)] = 1;
            filledTo = std::max(filledTo, y1);
        }
    }
    templates.resize(2 * std::size_t(w));
    fillPixels(templates.data(), w, background);
    fillPixels(templates.data() + w, w, zebra);
    for (const auto &t : ticks) {
        const int x = int(std::floor(t.x * sx + ox));
        if (x >= 0 && x < w)
            templates[std::size_t(x)] = templates[std::size_t(w + x)] = t.major ? major : minor;
    }
}

std::vector<int> LaneRaster::bandsOfEqualWork(bool several) const
{
    // For this thread and idle helpers: a span costs about as much as 16 pixels written.
    const auto [first, last] = f.layout.visibleRows();
    const double rowPixels = f.layout.laneHeight() * sy * w / 16;
    std::vector<double> work;
    work.reserve(std::size_t(std::max(0, last - first)));
    double total = 0;
    for (int row = first; row < last; ++row) {
        const auto [begin, end] = spansOf(row);
        work.push_back(double(end - begin) + rowPixels);
        total += work.back();
    }
    constexpr double workPerBand = 20'000;
    const int bands = several ? int(std::clamp(total / workPerBand, 1.0, std::max(1.0, double(last - first)))) : 1;
    std::vector<int> bandRows{first};
    double counted = 0;
    for (int row = first; row < last && int(bandRows.size()) < bands; ++row) {
        counted += work[std::size_t(row - first)];
        if (counted * bands >= total * double(bandRows.size()))
            bandRows.push_back(row + 1);
    }
    bandRows.push_back(last);
    return bandRows;
}

void LaneRaster::writeBand(const std::vector<int> &bandRows, int b) const
{
    const bool firstBand = b == 0, lastBand = b + 2 == int(bandRows.size());
    band(bandRows[std::size_t(b)], bandRows[std::size_t(b) + 1], firstBand ? 0 : rowStartY(bandRows[std::size_t(b)]),
         lastBand ? h : rowStartY(bandRows[std::size_t(b) + 1]));
}

std::pair<const TimelineIndex::Span *, const TimelineIndex::Span *> LaneRaster::spansOf(int row) const
{
    const auto r = scene.rows()[std::size_t(row)];
    return scene.index(r.dataset).spansIn(r.lane, fromNs, toNs);
}

int LaneRaster::rowStartY(int row) const
{
    return std::clamp(int(std::round(f.layout.rowTop(row) * sy + oy)), 0, h);
}

void LaneRaster::band(int rowFrom, int rowTo, int yFrom, int yTo) const
{
    BandWriter writer(*this, yFrom, yTo);
    for (int row = rowFrom; row < rowTo; ++row)
        writer.writeLane(row);
    writer.finish();
}

} // namespace lab::timeline
