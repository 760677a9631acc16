#include "TimelinePainter.h"

#include "QtStrings.h"
#include "TimelineChunks.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QRunnable>
#include <QStaticText>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <semaphore>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
// QThreadPool hands a runnable over under its own lock, in Qt code that
// ThreadSanitizer does not see: tell it that the hand-over orders memory.
#define LAB_HANDED_OVER(object) __tsan_release(object)
#define LAB_TAKEN_OVER(object) __tsan_acquire(object)
#else
#define LAB_HANDED_OVER(object) ((void)(object))
#define LAB_TAKEN_OVER(object) ((void)(object))
#endif

using namespace Qt::StringLiterals;

namespace lab {
namespace {

using Key = TimelineStyle::LegendEntry::Key;
using Shape = TimelineStyle::LegendEntry::Shape;

constexpr int maxArrowsInView = 400;

// std::floor is a library call without SSE4.1; device x stays far inside int.
inline double floorOf(double x)
{
    const int i = int(x);
    return double(i - (x < double(i)));
}

// Turns one lane's spans into bars of whole device pixels: a span covering
// several pixels becomes one bar; spans sharing a pixel column become one
// column in the colour of the state that covers most of it (the first state
// with the largest cover). Neighbouring bars of one state merge.
//
// A million spans make add() the hot loop of a frame, at about one span per
// column, so it has almost no branches: device x is fixed point (1/16384 px,
// the scale folded exactly into the one multiply-add per end), the current
// column's covers per state are eight int16 in one register, every span
// writes its column's code (state, CPU share) and, speculatively, its own code
// into the next columns; later spans overwrite those, in column order.
class ColumnBuilder
{
public:
    static constexpr int shift = 14;
    static constexpr std::int64_t one = std::int64_t(1) << shift;
    static constexpr std::uint16_t empty = 0xffff;
    static constexpr int ahead = 8; // columns written speculatively past a span's first

    // Columns 0 … lastColumn (of x relative to the left edge, in 1/2^shift px).
    void reset(int lastColumn)
    {
        m_codes.resize(std::size_t(lastColumn) + 2 + ahead);
        m_first = -1;
        m_column = -1;
        clearCovers();
    }

    // d0 < d1, both in 0 … (lastColumn + 1) · one, spans in order and not overlapping.
    Q_ALWAYS_INLINE void add(std::int64_t d0, std::int64_t d1, SpanState state, int cpuShare)
    {
        const int c0 = int(d0 >> shift), c1 = int(d1 >> shift);
        if (c0 != m_column) [[unlikely]]
            startAt(c0);
        const auto s = unsigned(state);
        const std::uint16_t code = std::uint16_t(s | unsigned(cpuShare) << 8);
        addCover(s, int(std::min(d1, std::int64_t(c0 + 1) << shift) - d0));
        const bool crossed = c1 > c0;
        // A span from the column's left edge into the next one owns the column as part of its bar.
        const bool ownsFirst = crossed & ((d0 & (one - 1)) == 0);
        std::uint16_t *out = m_codes.data();
        const std::uint16_t column = dominant();
        out[c0] = std::uint16_t(column ^ ((column ^ code) & -unsigned(ownsFirst)));
        fillAhead(out + c0 + 1, code);
        if (c1 - c0 - 1 > ahead) [[unlikely]]
            std::fill(out + c0 + 1 + ahead, out + c1, code);
        // The tail of the span opens the next column: a blend, not a branch.
        restartCoversIf(crossed, s, int(d1 & (one - 1)));
        m_column = c1;
    }

    // The code of every column from first to last (empty where no span is); none when last < first.
    struct Columns
    {
        int first = 0, last = -1;
        const std::uint16_t *codes = nullptr;
    };
    Columns close()
    {
        if (m_first < 0)
            return {};
        m_codes[std::size_t(m_column)] = dominant();
        return {m_first, m_column, m_codes.data()};
    }

    // Calls bar(x0, x1, code) for runs of equal codes, x relative to the left edge.
    template <class Bar>
    void finish(Bar &&bar)
    {
        const auto [first, last, out] = close();
        for (int c = first; c <= last;) {
            const std::uint16_t code = out[c];
            int e = c + 1;
            while (e <= last && out[e] == code)
                ++e;
            if (code != empty)
                bar(c, e, code);
            c = e;
        }
    }

private:
    void startAt(int c0)
    {
        if (m_first < 0) {
            m_first = c0;
        } else {
            m_codes[std::size_t(m_column)] = dominant();
            if (c0 > m_column + 1) // a gap: columns of no span, some written ahead
                std::fill(m_codes.begin() + m_column + 1, m_codes.begin() + c0, empty);
        }
        m_column = c0;
        clearCovers();
    }

#if defined(__SSE2__)
    static const __m128i &stateMask(unsigned s)
    {
        // Row s: all ones in lane s.
        alignas(16) static constexpr std::int16_t masks[8][8] = {
            {-1, 0, 0, 0, 0, 0, 0, 0}, {0, -1, 0, 0, 0, 0, 0, 0}, {0, 0, -1, 0, 0, 0, 0, 0}, {0, 0, 0, -1, 0, 0, 0, 0},
            {0, 0, 0, 0, -1, 0, 0, 0}, {0, 0, 0, 0, 0, -1, 0, 0}, {0, 0, 0, 0, 0, 0, -1, 0}, {0, 0, 0, 0, 0, 0, 0, -1}};
        return *reinterpret_cast<const __m128i *>(masks[s]);
    }
    void clearCovers() { m_covers = _mm_setzero_si128(); }
    Q_ALWAYS_INLINE void addCover(unsigned s, int cover)
    {
        m_covers = _mm_adds_epi16(m_covers, _mm_and_si128(_mm_set1_epi16(std::int16_t(cover)), stateMask(s)));
    }
    Q_ALWAYS_INLINE void restartCoversIf(bool restart, unsigned s, int cover)
    {
        const __m128i keep = _mm_set1_epi16(std::int16_t(restart - 1)); // all ones unless restarting
        m_covers = _mm_or_si128(_mm_and_si128(m_covers, keep),
                                _mm_andnot_si128(keep, _mm_and_si128(_mm_set1_epi16(std::int16_t(cover)), stateMask(s))));
    }
    Q_ALWAYS_INLINE std::uint16_t dominant() const
    {
        __m128i m = _mm_max_epi16(m_covers, _mm_shuffle_epi32(m_covers, 0x4e));
        m = _mm_max_epi16(m, _mm_shuffle_epi32(m, 0xb1));
        m = _mm_max_epi16(m, _mm_shufflelo_epi16(_mm_shufflehi_epi16(m, 0xb1), 0xb1));
        const unsigned first = unsigned(std::countr_zero(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi16(m_covers, m))) | 0x10000u)) / 2;
        return _mm_cvtsi128_si32(m) > 0 ? std::uint16_t(first | unsigned(TimelineIndex::Span::noCpu) << 8) : empty;
    }
    static Q_ALWAYS_INLINE void fillAhead(std::uint16_t *out, std::uint16_t code)
    {
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_set1_epi16(std::int16_t(code)));
    }
    __m128i m_covers = _mm_setzero_si128();
#else
    void clearCovers() { m_covers.fill(0); }
    Q_ALWAYS_INLINE void addCover(unsigned s, int cover) { m_covers[s] += cover; }
    Q_ALWAYS_INLINE void restartCoversIf(bool restart, unsigned s, int cover)
    {
        if (restart) {
            m_covers.fill(0);
            m_covers[s] = cover;
        }
    }
    Q_ALWAYS_INLINE std::uint16_t dominant() const
    {
        unsigned best = 0;
        for (unsigned s = 1; s < 8; ++s)
            best = m_covers[s] > m_covers[best] ? s : best;
        return m_covers[best] > 0 ? std::uint16_t(best | unsigned(TimelineIndex::Span::noCpu) << 8) : empty;
    }
    static Q_ALWAYS_INLINE void fillAhead(std::uint16_t *out, std::uint16_t code) { std::fill(out, out + ahead, code); }
    std::array<int, 8> m_covers{};
#endif
    static_assert(spanStateCount <= 8, "covers are eight lanes of one register");

    std::vector<std::uint16_t> m_codes; // per column: state | CPU share << 8, or empty
    int m_first = -1;                   // the lane's first column
    int m_column = -1;                  // the column the covers are of
};

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

// Of a bar `rows` tall, the rows of its lower part: the share of the span the
// thread was on a CPU. The upper part (pale) is the time it was runnable without one.
inline int onCpuRows(int rows, int cpuShare)
{
    if (cpuShare == TimelineIndex::Span::noCpu || cpuShare >= 245)
        return rows;
    return int(std::lround(rows * cpuShare / 250.0));
}

// A run of columns of one code in a lane, in device pixels (x1 exclusive).
struct DeviceBar
{
    int x0, x1;
    std::uint16_t code; // state | CPU share << 8
};

// A lane's spans as bars of whole device pixels, for the device mapping x·sx + ox.
class LaneBars
{
public:
    LaneBars(const TimelineFrame &f, std::int64_t toNs, double sx, double ox) : m_toNs(toNs)
    {
        const double left = std::floor(f.lanesRect.left() * sx + ox) - 1, right = std::ceil(f.lanesRect.right() * sx + ox) + 1;
        // Device x of a time: one multiply and one add per span end.
        m_perNs = sx / f.axis.nsPerPixel();
        m_x0Ns = (f.axis.left() - f.axis.startNs() / f.axis.nsPerPixel()) * sx + ox;
        // The same in fixed point: scaling by a power of two is exact, so columns come out as floor() of the above.
        m_perNsFixed = m_perNs * double(ColumnBuilder::one);
        m_x0NsFixed = m_x0Ns * double(ColumnBuilder::one);
        m_leftFixed = std::int64_t(left) * ColumnBuilder::one;
        m_widthFixed = std::int64_t(right - left) * ColumnBuilder::one;
        m_leftColumn = int(left);
    }

    double xAt(std::int64_t ns) const { return double(ns) * m_perNs + m_x0Ns; }

    // Spans of one lane in start order; the bars are valid until the next call.
    const std::vector<DeviceBar> &of(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
    {
        m_bars.clear();
        build(begin, end);
        m_builder.finish([&](int c0, int c1, std::uint16_t code) { m_bars.push_back({c0 + m_leftColumn, c1 + m_leftColumn, code}); });
        return m_bars;
    }

    // The same as the code of every device column: column c is x = c + leftColumn(). Valid until the next call.
    ColumnBuilder::Columns columns(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
    {
        build(begin, end);
        return m_builder.close();
    }
    int leftColumn() const { return m_leftColumn; }

private:
    void build(const TimelineIndex::Span *begin, const TimelineIndex::Span *end)
    {
        m_builder.reset(int(m_widthFixed >> ColumnBuilder::shift));
        for (const auto *s = begin; s != end; ++s) {
            const std::int64_t d0 = std::max<std::int64_t>(0, std::int64_t(double(s->startNs) * m_perNsFixed + m_x0NsFixed) - m_leftFixed);
            const std::int64_t d1 =
                std::min(m_widthFixed, std::int64_t(double(std::min(s->endNs, m_toNs)) * m_perNsFixed + m_x0NsFixed) - m_leftFixed);
            if (d1 <= d0) [[unlikely]]
                continue;
            // Running and Startup show their CPU share: a mask, not a branch, for these mix at random.
            static_assert(int(SpanState::Running) == 0 && int(SpanState::Startup) == 6);
            const unsigned cpu = 0u - ((0x41u >> unsigned(s->state)) & 1u);
            m_builder.add(d0, d1, s->state, int((s->cpuShare & cpu) | (TimelineIndex::Span::noCpu & ~cpu)));
        }
    }

    std::int64_t m_toNs;
    double m_perNs, m_x0Ns, m_perNsFixed, m_x0NsFixed;
    std::int64_t m_leftFixed, m_widthFixed;
    int m_leftColumn;
    ColumnBuilder m_builder;
    std::vector<DeviceBar> m_bars;
};

// The raster engine with a transform that keeps rectangles rectangles.
bool rasterPainter(const QPainter &p)
{
    if (!p.paintEngine() || p.paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const QTransform device = p.deviceTransform();
    return device.type() <= QTransform::TxScale && device.m11() > 0 && device.m22() > 0;
}

// The device pixels the raster engine fills for a rectangle, and clips to: it rounds the mapped edges.
QRect devicePixels(const QRectF &rect, const QTransform &device)
{
    const QRectF r = device.mapRect(rect);
    const int x0 = qRound(r.left()), y0 = qRound(r.top()), x1 = qRound(r.right()), y1 = qRound(r.bottom());
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

bool writesInPlace = true;
TimelinePainter::LaneDrawing laneDrawing = TimelinePainter::LaneDrawing::Auto;
bool laneHelpers = true;
thread_local int bandsOfLastFrame = 0;

// The painter's own 32-bit image, when opaque pixels written into it show as a blit would show them.
QImage *directImage(QPainter &p)
{
    QPaintDevice *device = p.paintEngine()->paintDevice();
    if (!writesInPlace || !device || device->devType() != QInternal::Image || p.opacity() < 1
        || p.compositionMode() != QPainter::CompositionMode_SourceOver)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    switch (image->format()) {
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return image->isDetached() ? image : nullptr;
    default:
        return nullptr;
    }
}

double devicePixelRatio(const QPainter &p)
{
    return p.device() ? std::max(1.0, p.device()->devicePixelRatioF()) : 1.0;
}

// Runs work(band) for bands 0 … n - 1: on idle helper threads from the
// start, and on this thread from finish(), which returns when all have run.
// Bands are taken in turn, so a helper that starts late takes fewer; one that
// has not started when this thread runs out of bands is taken back from the queue.
// The hand-over is in std::atomic and std::counting_semaphore, whose ordering
// the C++ memory model (and ThreadSanitizer) sees, not in the pool's internals.
class BandRunner
{
public:
    BandRunner(int n, bool withHelpers, std::function<void(int)> work) : m_n(n), m_work(std::move(work))
    {
        m_next.store(0, std::memory_order_release); // what this thread wrote so far, for the helpers
        QThreadPool &pool = helpers();
        for (int i = 0; withHelpers && i < std::min(n, pool.maxThreadCount()); ++i) {
            m_queued.emplace_back(QRunnable::create([this] {
                LAB_TAKEN_OVER(this);
                takeBands();
                m_finished.release();
            }));
            m_queued.back()->setAutoDelete(false);
            LAB_HANDED_OVER(this);
            pool.start(m_queued.back().get());
        }
    }
    BandRunner(const BandRunner &) = delete;
    BandRunner &operator=(const BandRunner &) = delete;
    ~BandRunner() { finish(); }

    void finish()
    {
        takeBands();
        int started = 0;
        for (const auto &helper : m_queued)
            started += helpers().tryTake(helper.get()) ? 0 : 1;
        for (; started > 0; --started)
            m_finished.acquire();
        m_queued.clear(); // a started runnable is not touched by the pool after run()
    }

private:
    static QThreadPool &helpers()
    {
        // Its own pool: a long job in the global one must not hold up a frame.
        static QThreadPool pool;
        static const bool configured = [] {
            pool.setMaxThreadCount(std::max(0, QThread::idealThreadCount() - 1));
            pool.setObjectName(u"TimelinePainter helpers"_s);
            return true;
        }();
        Q_UNUSED(configured);
        return pool;
    }

    void takeBands()
    {
        for (int b; (b = m_next.fetch_add(1, std::memory_order_acq_rel)) < m_n;)
            m_work(b);
    }

    const int m_n;
    const std::function<void(int)> m_work;
    std::atomic<int> m_next{0};
    std::counting_semaphore<> m_finished{0};
    std::vector<std::unique_ptr<QRunnable>> m_queued;
};

// The lanes of one frame as pixel rows, for a band of lanes at a time. Each row
// is composed in a buffer that stays in cache and then written out once, with
// stores that do not read the old pixels first: a 1080p frame does not stay in
// cache from one frame to the next, and a lane's rows mostly repeat, so most
// rows are composed once and written many times.
struct LaneRaster
{
    LaneRaster(const TimelineScene &scene, const TimelineFrame &frame) : scene(scene), f(frame) { }

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

    // Lane backgrounds, with zebra stripes while lanes are tall enough to need
    // them, and the grid: the two template rows every row starts from.
    void prepareRows(QRgb background, QRgb zebra, QRgb major, QRgb minor, const std::vector<TimeAxis::Tick> &ticks)
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

    std::pair<const TimelineIndex::Span *, const TimelineIndex::Span *> spansOf(int row) const
    {
        const auto r = scene.rows()[std::size_t(row)];
        return scene.index(r.dataset).spansIn(r.lane, fromNs, toNs);
    }

    // The first device row a lane may write.
    int rowStartY(int row) const { return std::clamp(int(std::round(f.layout.rowTop(row) * sy + oy)), 0, h); }

    // Writes device rows yFrom … yTo - 1, which hold the lanes of rows rowFrom … rowTo - 1.
    void band(int rowFrom, int rowTo, int yFrom, int yTo) const
    {
        struct Bar
        {
            int x0, x1;   // clipped to the target
            int colour;   // index into colours: the pale one follows
            int fullFrom; // the first row of the lower, on-CPU part
        };
        thread_local std::vector<Bar> bars;
        thread_local std::vector<std::pair<int, int>> consoleTicks; // x0, x1
        thread_local std::vector<std::uint8_t> lowerPartStarts; // per row from y0: a bar or column turns solid
        struct SolidFrom
        {
            int x, y; // a column of a dense lane, and the row its on-CPU part starts
            QRgb colour;
        };
        thread_local std::vector<SolidFrom> solidLater;
        thread_local std::vector<QRgb> composedRow;
        composedRow.resize(std::size_t(w));
        QRgb *const composed = composedRow.data();
        const QRgb *const templateRow[2] = {templates.data(), templates.data() + w};
        std::array<int, 256> onCpu{}; // by CPU share, for bars onCpuFor rows tall
        int onCpuFor = -1;
        const LaneLayout &l = f.layout;
        const double laneHeight = l.laneHeight();
        LaneBars laneBars(f, toNs, sx, ox);
        int rowsDone = yFrom;
        auto templateRowsUntil = [&](int y) {
            for (y = std::min(y, yTo); rowsDone < y; ++rowsDone)
                streamPixels(bits + rowsDone * stride, templateRow[zebraRows[std::size_t(rowsDone)]], w);
        };
        for (int row = rowFrom; row < rowTo; ++row) {
            const auto r = scene.rows()[std::size_t(row)];
            const TimelineIndex &index = scene.index(r.dataset);
            const auto [begin, end] = index.spansIn(r.lane, fromNs, toNs);
            const auto [wb, we] = TimelineIndex::overlapping(index.lane(r.lane).writes, 0, fromNs, toNs + 1);
            if (begin == end && wb == we)
                continue;
            const double rowTop = l.rowTop(row);
            const auto [top, height] = barExtent(rowTop, laneHeight);
            const int barY0 = int(std::round(top * sy + oy));
            const int barY1 = std::max(barY0 + 1, int(std::round((top + height) * sy + oy)));
            // A lane with about as many spans as pixels is drawn column by column, else bar by bar.
            const bool dense = laneDrawing == TimelinePainter::LaneDrawing::Auto ? (end - begin) * 4 >= w
                                                                                 : laneDrawing == TimelinePainter::LaneDrawing::Columns;
            ColumnBuilder::Columns columns;
            int columnFrom = 0, columnTo = -1; // of columns, those inside the target
            bars.clear();
            solidLater.clear();
            if (dense) {
                columns = laneBars.columns(begin, end);
                columnFrom = std::max(columns.first, -laneBars.leftColumn());
                columnTo = std::min(columns.last, w - 1 - laneBars.leftColumn());
                if (onCpuFor != barY1 - barY0) {
                    onCpuFor = barY1 - barY0;
                    for (std::size_t share = 0; share < onCpu.size(); ++share)
                        onCpu[share] = onCpuRows(onCpuFor, int(share));
                }
            } else if (begin != end) {
                for (const DeviceBar &b : laneBars.of(begin, end)) {
                    const int x0 = std::max(b.x0, 0), x1 = std::min(b.x1, w);
                    if (x1 > x0)
                        bars.push_back({x0, x1, 2 * int(b.code & 0xff), barY1 - onCpuRows(barY1 - barY0, b.code >> 8)});
                }
            }
            // Console writes: ticks from the top of the lane to the middle of its bar.
            consoleTicks.clear();
            const int tickY0 = int(std::round(rowTop * sy + oy));
            const int tickY1 = std::max(tickY0 + 1, int(std::round((top + height * 0.5) * sy + oy)));
            for (const auto *m = wb; m != we; ++m) {
                if (m->startNs > toNs)
                    continue;
                const int x = roundAway(laneBars.xAt(m->startNs) - (tickWidth - 1) / 2.0);
                const int x0 = std::max(x, 0), x1 = std::min(x + tickWidth, w);
                if (x1 > x0 && (consoleTicks.empty() || consoleTicks.back() != std::pair(x0, x1)))
                    consoleTicks.emplace_back(x0, x1);
            }
            const bool hasBars = !bars.empty() || columnTo >= columnFrom, hasTicks = !consoleTicks.empty();
            if (!hasBars && !hasTicks)
                continue;
            const int y0 = std::max(rowsDone, hasTicks ? std::min(tickY0, hasBars ? barY0 : tickY0) : barY0);
            const int y1 = std::min(yTo, std::max(hasBars ? barY1 : 0, hasTicks ? tickY1 : 0));
            if (y1 <= y0)
                continue;
            templateRowsUntil(y0);
            lowerPartStarts.assign(std::size_t(y1 - y0), 0);
            for (const Bar &b : bars) {
                if (b.fullFrom > std::max(y0, barY0) && b.fullFrom < y1)
                    lowerPartStarts[std::size_t(b.fullFrom - y0)] = 1;
            }
            auto compose = [&](int y, bool inBar, bool inTicks) {
                std::memcpy(composed, templateRow[zebraRows[std::size_t(y)]], std::size_t(w) * sizeof(QRgb));
                if (inBar) {
                    for (const Bar &b : bars)
                        fillPixels(composed + b.x0, b.x1 - b.x0, colours[std::size_t(b.colour + (y < b.fullFrom))]);
                    // The pale part is the rows above the on-CPU ones: y < barY1 - onCpu.
                    // A column pale here that turns solid lower down is noted, to be patched there.
                    const int fromBottom = barY1 - y;
                    QRgb *out = composed + laneBars.leftColumn();
                    solidLater.clear();
                    for (int c = columnFrom; c <= columnTo; ++c) {
                        const unsigned code = columns.codes[c];
                        if (code == ColumnBuilder::empty)
                            continue;
                        const int onCpuHere = onCpu[code >> 8];
                        const unsigned full = 2 * (code & 0xff);
                        out[c] = colours[full + unsigned(onCpuHere < fromBottom)];
                        // (Not below the rows written: the lane may be cut off at the bottom.)
                        if (onCpuHere > 0 && onCpuHere < fromBottom && barY1 - onCpuHere < y1) [[unlikely]] {
                            solidLater.push_back({c + laneBars.leftColumn(), barY1 - onCpuHere, colours[full]});
                            lowerPartStarts[std::size_t(barY1 - onCpuHere - y0)] = 1;
                        }
                    }
                }
                if (inTicks) {
                    for (const auto &[x0, x1] : consoleTicks)
                        fillPixels(composed + x0, x1 - x0, tickColour);
                }
            };
            int composedAs = -1;
            for (int y = y0; y < y1; ++y) {
                const bool inBar = hasBars && y >= barY0 && y < barY1, inTicks = hasTicks && y >= tickY0 && y < tickY1;
                const int as = zebraRows[std::size_t(y)] | int(inBar) << 1 | int(inTicks) << 2;
                const bool lowerStartsHere = inBar && lowerPartStarts[std::size_t(y - y0)];
                if (as != composedAs) {
                    compose(y, inBar, inTicks);
                    composedAs = as;
                } else if (lowerStartsHere) {
                    // Bars whose on-CPU part starts here turn solid; the ticks stay on top.
                    for (const Bar &b : bars) {
                        if (b.fullFrom == y)
                            fillPixels(composed + b.x0, b.x1 - b.x0, colours[std::size_t(b.colour)]);
                    }
                    for (const SolidFrom &column : solidLater) {
                        if (column.y == y)
                            composed[column.x] = column.colour;
                    }
                    if (inTicks) {
                        for (const auto &[x0, x1] : consoleTicks)
                            fillPixels(composed + x0, x1 - x0, tickColour);
                    }
                }
                streamPixels(bits + y * stride, composed, w);
            }
            rowsDone = y1;
        }
        templateRowsUntil(yTo);
        finishStreaming();
    }

private:
    std::vector<std::uint8_t> zebraRows; // per device row: 1 on a zebra stripe
    std::vector<QRgb> templates;         // background row, then zebra row
};

// Text shaped once per thread and font, then drawn from its glyphs
// (QStaticText): shaping every name and label again each frame took a third
// of a 10 000-span frame. A painter lives for one frame; the cache outlives it.
class TextCache
{
public:
    explicit TextCache(const QFont &font) : m_font(font), m_metrics(font)
    {
        thread_local QHash<QString, std::shared_ptr<Entries>> fonts;
        if (fonts.size() > 32)
            fonts.clear();
        auto &entries = fonts[font.key()];
        if (!entries || entries->size() > 4096)
            entries = std::make_shared<Entries>();
        m_entries = entries; // kept alive by this object even if the table is cleared meanwhile
    }

    const QFontMetricsF &metrics() const { return m_metrics; }
    double advance(const QString &text) { return entry(text).advance; }

    // p.drawText(rect, Qt::AlignVCenter | horizontal, text) for text on one line
    // that fits, in the painter's font and pen, which must be this font.
    void draw(QPainter &p, const QRectF &rect, Qt::Alignment horizontal, const QString &text)
    {
        if (!rasterPainter(p)) {
            p.drawText(rect, int(Qt::AlignVCenter | horizontal), text);
            return;
        }
        Entry &e = entry(text);
        if (!e.prepared) {
            e.text.setText(text);
            e.text.setTextFormat(Qt::PlainText);
            QTransform scale = p.combinedTransform();
            scale.setMatrix(scale.m11(), scale.m12(), scale.m13(), scale.m21(), scale.m22(), scale.m23(), 0, 0, scale.m33());
            e.text.prepare(scale, m_font);
            e.prepared = true;
        }
        double x = rect.left();
        if (horizontal & Qt::AlignHCenter)
            x += (rect.width() - e.advance) / 2;
        else if (horizontal & Qt::AlignRight)
            x = rect.right() - e.advance;
        p.drawStaticText(QPointF(x, rect.top() + (rect.height() - m_metrics.height()) / 2), e.text);
    }

    // fm.elidedText(text, mode, width), remembered per width.
    QString elided(const QString &text, Qt::TextElideMode mode, double width)
    {
        Entry &e = entry(text);
        if (e.elidedWidth != width || e.elideMode != mode) {
            e.elided = m_metrics.elidedText(text, mode, width);
            e.elidedWidth = width;
            e.elideMode = mode;
        }
        return e.elided;
    }

private:
    struct Entry
    {
        double advance = 0;
        QStaticText text;
        bool prepared = false;
        QString elided;
        double elidedWidth = -1;
        Qt::TextElideMode elideMode = Qt::ElideNone;
    };
    using Entries = QHash<QString, Entry>;

    Entry &entry(const QString &text)
    {
        auto it = m_entries->find(text);
        if (it == m_entries->end()) {
            it = m_entries->insert(text, Entry{});
            it->advance = m_metrics.horizontalAdvance(text);
        }
        return *it;
    }

    QFont m_font;
    QFontMetricsF m_metrics;
    std::shared_ptr<Entries> m_entries;
};

QColor readableOn(const QColor &background, const TimelineStyle &s)
{
    return TimelineStyle::contrastRatio(s.text, background) >= TimelineStyle::contrastRatio(s.background, background)
        ? s.text
        : s.background;
}

QString percent(double share)
{
    return QString::number(std::lround(share * 100)) + u" %"_s;
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

// -------------------------------------------------------------- TimelinePainter

std::vector<TimelineStyle::LegendEntry> TimelinePainter::legendEntries(const TimelineFrame &f) const
{
    std::vector<TimelineStyle::LegendEntry> out;
    for (const auto &e : m_style.legend()) {
        if (m_scene.shows(e.key) && (e.key != Key::ChunkBracket || f.chunkBrackets))
            out.push_back(e);
    }
    return out;
}

double TimelinePainter::tickSpacingPx() const
{
    return TextCache(m_style.font()).advance(u"000.00 ms"_s) + 3 * m_style.padding;
}

void TimelinePainter::layout(TimelineFrame &f, const QRectF &bounds, const LayoutOptions &options) const
{
    f.chunkBrackets = true;
    layOut(f, bounds, options);
    // The lanes turned out too thin for chunk brackets: without them in the legend, the lanes
    // may grow a little, but stay without them, as the legend says.
    if (m_scene.shows(Key::ChunkBracket) && !ChunkBracket::fitsLane(f.layout.laneHeight(), m_style.lineWidth)) {
        f.chunkBrackets = false;
        layOut(f, bounds, options);
    }
}

void TimelinePainter::layOut(TimelineFrame &f, const QRectF &bounds, const LayoutOptions &options) const
{
    TextCache text(m_style.font()), boldText(m_style.font(true));
    const QFontMetricsF &fm = text.metrics(), &bold = boldText.metrics();
    const double pad = m_style.padding;
    f.bounds = bounds;

    // Legend: entries flow in rows across the width.
    const double swatch = std::round(fm.height() * 1.4);
    const double lineHeight = std::ceil(fm.height() + pad);
    double x = pad, rows = 0;
    const auto entries = legendEntries(f);
    for (const auto &e : entries) {
        const double w = swatch + pad + text.advance(e.label) + 2 * pad;
        if (rows == 0 || x + w > bounds.width() - pad) {
            ++rows;
            x = pad;
        }
        x += w;
    }
    const double legendHeight = rows > 0 ? rows * lineHeight + pad : 0;
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

void TimelinePainter::updateTimeLimits(TimelineFrame &f) const
{
    const double duration = double(std::max<std::int64_t>(m_scene.durationNs(), 1'000'000));
    // Zoomed out, the run still takes a tenth of the width; zoomed in, 1 ns takes 20 px.
    f.axis.setZoomLimits(0.05, std::max(0.05, 10 * duration / f.axis.width()));
    f.axis.setContentRange(0, duration);
}

void TimelinePainter::fitTime(TimelineFrame &f) const
{
    updateTimeLimits(f);
    f.axis.fitTo(0, double(std::max<std::int64_t>(m_scene.durationNs(), 1'000'000)), fitMarginPx());
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
    const bool rasterLanes = rasterPainter(p);
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

    // The borders of the gutter, the axis and the legend may fall on the lanes'
    // first column, first row and (at fractional scales) last row: after the lanes.
    p.setPen(QPen(m_style.grid, 0));
    p.drawLine(QLineF(f.gutterRect.right(), f.gutterRect.top(), f.gutterRect.right(), f.gutterRect.bottom()));
    paintSectionHeaders(p, f);
    p.setPen(QPen(m_style.grid, 0));
    p.drawLine(QLineF(f.bounds.left(), f.axisRect.bottom(), f.bounds.right(), f.axisRect.bottom()));
    if (f.legendRect.height() > 0)
        p.drawLine(QLineF(f.legendRect.topLeft(), f.legendRect.topRight()));

    if (!m_scene.data(TimelineScene::Current) && !m_scene.comparing()) {
        p.setPen(m_style.mutedText);
        p.setFont(m_style.font());
        p.drawText(f.lanesRect, Qt::AlignCenter, u"No run yet"_s);
    }
    p.restore();
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
            const int fullFrom = y1 - onCpuRows(y1 - y0, b.code >> 8);
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
    if (!rasterPainter(p))
        return false;
    const QTransform device = p.deviceTransform();
    QImage *direct = directImage(p);
    QRect target; // device pixels
    if (direct) {
        // Exactly the pixels that the clip to lanesRect would let a blit write.
        target = devicePixels(f.lanesRect, device) & direct->rect();
        const QRegion system = p.paintEngine()->systemClip();
        if (system.rectCount() == 1)
            target &= system.boundingRect();
        else if (!system.isEmpty())
            direct = nullptr;
    }
    if (!direct)
        target = device.mapRect(f.lanesRect).toAlignedRect();
    if (target.isEmpty())
        return true;
    thread_local QImage layer;
    if (!direct && layer.size() != target.size())
        layer = QImage(target.size(), QImage::Format_RGB32);
    if (!direct && layer.isNull())
        return false;
    QImage &pixels = direct ? *direct : layer;

    LaneRaster raster(m_scene, f);
    raster.sx = device.m11();
    raster.sy = device.m22();
    raster.ox = device.dx() - target.left();
    raster.oy = device.dy() - target.top();
    raster.stride = pixels.bytesPerLine() / qsizetype(sizeof(QRgb));
    raster.bits = reinterpret_cast<QRgb *>(pixels.bits());
    if (direct)
        raster.bits += target.top() * raster.stride + target.left();
    raster.w = target.width();
    raster.h = target.height();
    raster.fromNs = std::int64_t(std::floor(f.axis.startNs()));
    raster.toNs = visibleEndNs(f);
    const auto barColour = barColours();
    for (std::size_t c = 0; c < raster.colours.size(); ++c)
        raster.colours[c] = barColour[c].rgb();
    raster.tickColour = m_style.consoleTick.rgb();
    raster.tickWidth = std::max(1, int(std::lround(m_style.lineWidth * raster.sx)));
    raster.prepareRows(m_style.background.rgb(), m_style.alternateLane.rgb(), m_style.grid.rgb(),
                       m_style.faded(m_style.grid, 0.5).rgb(), ticks);

    // Bands of lanes with about equal work, for this thread and idle helpers:
    // a span costs about as much as 16 pixels written.
    const auto [first, last] = f.layout.visibleRows();
    const double rowPixels = f.layout.laneHeight() * raster.sy * raster.w / 16;
    std::vector<double> work;
    work.reserve(std::size_t(std::max(0, last - first)));
    double total = 0;
    for (int row = first; row < last; ++row) {
        const auto [begin, end] = raster.spansOf(row);
        work.push_back(double(end - begin) + rowPixels);
        total += work.back();
    }
    constexpr double workPerBand = 20'000;
    const int bands = laneHelpers ? int(std::clamp(total / workPerBand, 1.0, std::max(1.0, double(last - first)))) : 1;
    std::vector<int> bandRows{first};
    double counted = 0;
    for (int row = first; row < last && int(bandRows.size()) < bands; ++row) {
        counted += work[std::size_t(row - first)];
        if (counted * bands >= total * double(bandRows.size()))
            bandRows.push_back(row + 1);
    }
    bandRows.push_back(last);
    bandsOfLastFrame = int(bandRows.size()) - 1;
    // A frame of one band is not worth waking a helper for.
    BandRunner bandRunner(bandsOfLastFrame, bandsOfLastFrame > 1, [&](int b) {
        const bool firstBand = b == 0, lastBand = b + 2 == int(bandRows.size());
        raster.band(bandRows[std::size_t(b)], bandRows[std::size_t(b) + 1], firstBand ? 0 : raster.rowStartY(bandRows[std::size_t(b)]),
                    lastBand ? raster.h : raster.rowStartY(bandRows[std::size_t(b) + 1]));
    });
    meanwhile();
    bandRunner.finish();

    if (direct)
        return true;
    // Blit at the layer's own pixels: the world transform undoes the device scale.
    p.save();
    p.setWorldTransform(QTransform());
    const QTransform undo = p.deviceTransform().inverted();
    p.setWorldTransform(undo);
    p.drawImage(target.topLeft(), layer);
    p.restore();
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
    const double dpr = devicePixelRatio(p);
    const LaneLayout &l = f.layout;
    const double h = l.laneHeight();
    const auto [first, last] = l.visibleRows();
    const auto from = std::int64_t(std::floor(f.axis.startNs()));
    const std::int64_t to = visibleEndNs(f);
    const double w = m_style.lineWidth;
    QVector<QRectF> outlines;
    QVector<QLineF> ticks;
    std::vector<QPointF> failures;
    std::optional<QLineF> highlighted;
    for (int row = first; row < last; ++row) {
        const auto r = m_scene.rows()[std::size_t(row)];
        const auto &lane = m_scene.index(r.dataset).lane(r.lane);
        const auto [top, height] = barExtent(l.rowTop(row), h);
        // Lock-held intervals: an outline around the bars; one per pixel at most.
        const auto [lb, le] = TimelineIndex::overlapping(lane.locks, lane.longestLockNs, from, to);
        double lastRight = -1e300;
        for (const auto *k = lb; k != le; ++k) {
            if (k->startNs >= to)
                continue;
            const double x0 = std::max(f.lanesRect.left() - w, f.axis.xAt(double(k->startNs)));
            const double x1 = std::min(f.lanesRect.right() + w, f.axis.xAt(double(std::min(k->endNs, to))));
            if (x1 - lastRight < 1.0 / dpr && x1 >= lastRight)
                continue;
            lastRight = x1;
            outlines.append(QRectF(x0 + w / 2, top + w / 2, std::max(0.0, x1 - x0 - w), std::max(0.0, height - w)));
        }
        // Console writes: ticks from the top of the lane, one per device pixel.
        const bool highlightHere = f.highlightedWrite && r.dataset == TimelineScene::Current;
        // The raster path drew the ticks: only a highlighted write is left to find.
        const auto [wb, we] = withTicks || highlightHere ? TimelineIndex::overlapping(lane.writes, 0, from, to + 1)
                                                         : std::pair<const TimelineIndex::Interval *, const TimelineIndex::Interval *>{};
        double lastX = -1e300;
        for (const auto *m = wb; m != we; ++m) {
            if (m->startNs > to)
                continue;
            const double x = std::round(f.axis.xAt(double(m->startNs)) * dpr) / dpr;
            if (highlightHere && m->index == *f.highlightedWrite)
                highlighted = QLineF(x, l.rowTop(row), x, l.rowTop(row) + h);
            if (x == lastX || !withTicks)
                continue;
            lastX = x;
            ticks.append(QLineF(x, l.rowTop(row), x, top + height * 0.5));
        }
        for (const auto &fail : lane.failures) {
            if (fail.startNs <= to)
                failures.emplace_back(f.axis.xAt(double(fail.startNs)), l.rowCenter(row));
        }
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(m_style.lockOutline, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.drawRects(outlines);
    p.setPen(QPen(m_style.consoleTick, w, Qt::SolidLine, Qt::FlatCap));
    p.drawLines(ticks);

    p.setRenderHint(QPainter::Antialiasing, true);
    const double radius = std::clamp(h * 0.35, 3.0, 3.0 * w + 6);
    for (const QPointF &c : failures) {
        p.setPen(QPen(m_style.failure, w * 1.5));
        p.setBrush(m_style.background);
        p.drawEllipse(c, radius, radius);
        const double a = radius * 0.55;
        p.drawLine(QPointF(c.x() - a, c.y() - a), QPointF(c.x() + a, c.y() + a));
        p.drawLine(QPointF(c.x() - a, c.y() + a), QPointF(c.x() + a, c.y() - a));
    }
    if (highlighted) {
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
    // Thin lanes: name every k-th lane, so the names stay readable.
    const int every = h >= fm.height() * 0.9 ? 1 : int(std::ceil(fm.height() * 1.1 / h));
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
    if (f.legendRect.height() <= 0)
        return;
    p.fillRect(f.legendRect, m_style.headerBackground);
    const QFont font = m_style.font();
    TextCache text(font);
    const QFontMetricsF &fm = text.metrics();
    p.setFont(font);
    const double pad = m_style.padding;
    const double swatch = std::round(fm.height() * 1.4);
    const double lineHeight = std::ceil(fm.height() + pad);
    const double w = m_style.lineWidth;
    double x = f.legendRect.left() + pad;
    double y = f.legendRect.top() + pad / 2;
    bool firstInRow = true;
    for (const auto &e : legendEntries(f)) {
        const double textWidth = text.advance(e.label);
        const double entryWidth = swatch + pad + textWidth + 2 * pad;
        if (!firstInRow && x + entryWidth > f.legendRect.right() - pad) {
            x = f.legendRect.left() + pad;
            y += lineHeight;
        }
        firstInRow = false;
        const QRectF sw(x, y + (lineHeight - fm.height() * 0.8) / 2, swatch, std::round(fm.height() * 0.8));
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
        p.setPen(m_style.text);
        text.draw(p, QRectF(x + swatch + pad, y, textWidth + 1, lineHeight), Qt::AlignLeft, e.label);
        x += entryWidth;
    }
}

// ------------------------------------------------------------------ hit testing

std::optional<TimelinePainter::Hit> TimelinePainter::hitTest(const TimelineFrame &f, QPointF pos) const
{
    if (!f.lanesRect.contains(pos))
        return std::nullopt;
    const auto row = f.layout.rowAt(pos.y());
    if (!row || std::size_t(*row) >= m_scene.rows().size())
        return std::nullopt;
    const auto r = m_scene.rows()[std::size_t(*row)];
    const TimelineIndex &index = m_scene.index(r.dataset);
    Hit hit;
    hit.dataset = r.dataset;
    hit.lane = r.lane;
    hit.timeNs = std::int64_t(std::llround(f.axis.timeAt(pos.x())));
    if (f.revealUntilNs >= 0 && hit.timeNs > f.revealUntilNs)
        return hit;
    const auto &lane = index.lane(r.lane);
    const auto near = std::int64_t(std::ceil(4 * f.axis.nsPerPixel())); // a few pixels
    auto closest = [&](const std::vector<TimelineIndex::Interval> &v) -> std::optional<std::size_t> {
        const auto [b, e] = TimelineIndex::overlapping(v, 0, hit.timeNs - near, hit.timeNs + near + 1);
        const TimelineIndex::Interval *best = nullptr;
        for (const auto *i = b; i != e; ++i) {
            if (!best || std::abs(i->startNs - hit.timeNs) < std::abs(best->startNs - hit.timeNs))
                best = i;
        }
        return best ? std::optional<std::size_t>(best->index) : std::nullopt;
    };
    hit.write = closest(lane.writes);
    hit.failure = closest(lane.failures);
    if (const auto *s = index.spanAt(r.lane, hit.timeNs))
        hit.span = s->index;
    const auto [gb, ge] = TimelineIndex::overlapping(lane.gil, lane.longestGilNs, hit.timeNs, hit.timeNs + 1);
    for (const auto *g = gb; g != ge; ++g) {
        if (g->startNs <= hit.timeNs && hit.timeNs < g->endNs)
            hit.gil = g->index;
    }
    const auto [lb, le] = TimelineIndex::overlapping(lane.locks, lane.longestLockNs, hit.timeNs, hit.timeNs + 1);
    for (const auto *k = lb; k != le; ++k) {
        if (k->startNs <= hit.timeNs && hit.timeNs < k->endNs)
            hit.lock = k->index;
    }
    if (const auto *c = index.chunkAt(r.lane, hit.timeNs))
        hit.chunk = c->index;
    return hit;
}

QString TimelinePainter::toolTip(const TimelineFrame &f, QPointF pos) const
{
    const auto hit = hitTest(f, pos);
    if (!hit)
        return {};
    const TimelineData *d = m_scene.data(hit->dataset);
    if (!d)
        return {};
    const auto origin = double(d->originNs);
    QStringList lines;
    QString title = TimelineScene::laneName(*d, hit->lane);
    if (m_scene.comparing())
        title += u"  ("_s + (hit->dataset == TimelineScene::Pinned ? u"pinned: "_s + m_scene.label(TimelineScene::Pinned)
                                                                    : m_scene.label(TimelineScene::Current)) + u')';
    lines << title;
    auto taskText = [](int task) { return task >= 0 ? u"task "_s + QString::number(task) : u"no task"_s; };
    if (hit->write) {
        const ConsoleMark &w = d->writes[*hit->write];
        QString text = toQString(w.text);
        text.replace(u'\n', u"\\n"_s);
        lines << u"console write at "_s + TimeAxis::formatDuration(double(w.timeNs) - origin) + u": \""_s + text + u'"';
    }
    if (hit->failure) {
        const TaskFailure &fail = d->failures[*hit->failure];
        lines << taskText(fail.task) + u" failed at "_s + TimeAxis::formatDuration(double(fail.timeNs) - origin)
                + (fail.signal ? u" (signal "_s + QString::number(fail.signal) + u')' : QString());
    }
    if (hit->gil) {
        const GilInterval &g = d->gil[*hit->gil];
        lines << u"GIL held by "_s + TimelineScene::laneName(*d, g.holder) + u", "_s + taskText(g.task);
        lines << u"from "_s + TimeAxis::formatDuration(double(g.startNs) - origin) + u" for "_s
                + TimeAxis::formatDuration(double(g.endNs - g.startNs));
    }
    if (hit->span) {
        const StateSpan &s = d->spans[*hit->span];
        lines << taskText(s.task) + u", "_s + TimelineStyle::stateName(s.state);
        lines << u"start "_s + TimeAxis::formatDuration(double(s.startNs) - origin) + u", duration "_s
                + TimeAxis::formatDuration(double(s.durationNs()));
        if (s.cpuNs >= 0) {
            const double share = s.durationNs() > 0 ? double(s.cpuNs) / double(s.durationNs()) : 0;
            lines << u"CPU time "_s + TimeAxis::formatDuration(double(s.cpuNs)) + u" ("_s + percent(share) + u" of the span)"_s
                    + (s.cpu >= 0 ? u", CPU "_s + QString::number(s.cpu) : QString());
        } else {
            lines << u"CPU time not measured"_s;
        }
    }
    if (hit->chunk)
        lines << chunkDescription(d->chunks[*hit->chunk], TimelineScene::laneName(*d, d->chunks[*hit->chunk].lane));
    if (hit->lock) {
        const LockInterval &k = d->locks[*hit->lock];
        lines << u"holding lock "_s + QString::number(k.lock) + u" for "_s + TimeAxis::formatDuration(double(k.endNs - k.startNs));
    }
    if (lines.size() == 1)
        return {};
    return lines.join(u'\n');
}

} // namespace lab
