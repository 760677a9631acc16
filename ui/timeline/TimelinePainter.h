#pragma once

#include "LaneLayout.h"
#include "TimeAxis.h"
#include "TimelineData.h"
#include "TimelineStyle.h"

#include <QRectF>
#include <QString>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QPainter;

namespace lab {

// One run's timeline sorted per lane, in times relative to the run's origin,
// so painting and hit testing only look at what is in view.
class TimelineIndex
{
public:
    struct Span
    {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        std::uint32_t index = 0; // into TimelineData::spans
        SpanState state = SpanState::Running;
        std::uint8_t cpuShare = noCpu; // CPU time / duration in 1/250ths
        static constexpr std::uint8_t noCpu = 255;
    };
    struct Interval
    {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        std::uint32_t index = 0; // into the TimelineData vector it comes from
    };
    struct LaneIndex
    {
        std::vector<Span> spans;       // back to back: sorted by start and by end
        std::vector<Interval> locks;   // by start; may nest
        std::int64_t longestLockNs = 0;
        std::vector<Interval> gil;     // GIL lanes: who holds it, by start
        std::int64_t longestGilNs = 0;
        std::vector<Interval> writes;  // console writes (start == end), by time
        std::vector<Interval> failures;
        std::vector<Interval> chunks;  // a pool map's chunks of more than one task, by start
        std::int64_t longestChunkNs = 0;
    };

    TimelineIndex() = default;
    explicit TimelineIndex(std::shared_ptr<const TimelineData> data);
    // Shows `data`. When it is the data shown so far grown by a live run (the
    // same origin, the spans that had ended still in front, unchanged), only
    // what follows them is indexed: setData() runs ~30×/s with a million spans.
    // Returns whether it could extend the index rather than rebuild it.
    bool update(std::shared_ptr<const TimelineData> data);

    const std::shared_ptr<const TimelineData> &data() const { return m_data; }
    std::int64_t durationNs() const { return m_data ? m_data->endNs - m_data->originNs : 0; }
    std::size_t laneCount() const { return m_lanes.size(); }
    const LaneIndex &lane(std::uint32_t id) const { return m_lanes[id]; }
    // Spans of the lane overlapping [fromNs, toNs).
    std::pair<const Span *, const Span *> spansIn(std::uint32_t lane, std::int64_t fromNs, std::int64_t toNs) const;
    const Span *spanAt(std::uint32_t lane, std::int64_t timeNs) const;
    // Chunks (of more than one task) of the lane overlapping [fromNs, toNs), and the one around a time.
    std::pair<const Interval *, const Interval *> chunksIn(std::uint32_t lane, std::int64_t fromNs, std::int64_t toNs) const;
    const Interval *chunkAt(std::uint32_t lane, std::int64_t timeNs) const;
    std::int64_t longestHandoffNs() const { return m_longestHandoffNs; }

    bool hasState(SpanState state) const { return m_states & (1u << unsigned(state)); }
    bool hasCpu() const { return m_hasCpu; }
    bool hasChunkBrackets() const { return m_hasChunkBrackets; }

private:
    bool extend(std::shared_ptr<const TimelineData> data);
    void addSpans(std::size_t from);
    void addIntervals(std::size_t locksFrom, std::size_t gilFrom, std::size_t writesFrom);
    void addChunks();

    std::shared_ptr<const TimelineData> m_data;
    std::vector<LaneIndex> m_lanes;
    std::int64_t m_longestHandoffNs = 0;
    unsigned m_states = 0;
    bool m_hasCpu = false;
    bool m_hasChunkBrackets = false;
    // What a later snapshot of the same run keeps: the leading spans, locks and
    // GIL intervals that had ended when this one was taken.
    std::size_t m_settledSpans = 0;
    std::size_t m_settledLocks = 0;
    std::size_t m_settledGil = 0;
    std::array<std::size_t, spanStateCount> m_stateSpans{}; // spans per state
    std::size_t m_cpuSpans = 0;                              // spans with a CPU time
};

// What a timeline shows: the current run and, in compare mode, a pinned run
// above it, as rows of (run, lane).
class TimelineScene
{
public:
    enum Dataset { Current = 0, Pinned = 1 };
    struct Row
    {
        Dataset dataset = Current;
        std::uint32_t lane = 0;
    };

    void setCurrent(std::shared_ptr<const TimelineData> data);
    void setPinned(std::shared_ptr<const TimelineData> data, QString label);
    void setCurrentLabel(QString label) { m_currentLabel = std::move(label); }

    const TimelineIndex &index(Dataset d) const { return m_index[d]; }
    const TimelineData *data(Dataset d) const { return m_index[d].data().get(); }
    bool comparing() const { return m_index[Pinned].data() != nullptr; }
    QString label(Dataset d) const { return d == Pinned ? m_pinnedLabel : m_currentLabel; }

    const std::vector<Row> &rows() const { return m_rows; }
    // The first row of each run in compare mode, else none.
    std::vector<int> sectionStarts() const;
    int rowOf(Dataset d, std::uint32_t lane) const;
    // The longer of the runs, each measured from its own origin.
    std::int64_t durationNs() const;
    // Legend entries that the shown runs need.
    bool shows(TimelineStyle::LegendEntry::Key key) const;

private:
    void rebuildRows();

    TimelineIndex m_index[2];
    QString m_pinnedLabel;
    QString m_currentLabel = QStringLiteral("this run");
    std::vector<Row> m_rows;
};

// The bar inside a row: {top, height}, inset so neighbouring lanes stay apart.
std::pair<double, double> barExtent(double rowTop, double laneHeight);

// Where the parts of one picture of the timeline go, and its time and lane mapping.
struct TimelineFrame
{
    QRectF bounds;
    QRectF axisRect;   // tick labels, above the lanes
    QRectF gutterRect; // lane names, left of the lanes
    QRectF lanesRect;  // the bars
    QRectF legendRect; // below the lanes
    TimeAxis axis;
    LaneLayout layout;
    std::int64_t revealUntilNs = -1;             // replay: nothing after this relative time
    std::optional<std::size_t> highlightedWrite; // index into the current run's writes
    bool chunkBrackets = true; // set by layout(): the lanes leave room under their bars for chunk brackets
};

// The one painting path of the timeline: the widget, PNG and SVG export all
// call paint(). Layout and hit testing live here too, so they agree with it.
class TimelinePainter
{
public:
    TimelinePainter(const TimelineScene &scene, const TimelineStyle &style) : m_scene(scene), m_style(style) { }

    struct LayoutOptions
    {
        double minLaneHeight = -1; // -1: the style's; an export passes 1 to fit every lane
        double maxLaneHeight = -1;
    };
    // Lays out the rectangles for `bounds` and sets the axis' pixel span and the
    // layout's viewport and rows. Keeps the frame's time range and scroll offset.
    // Lanes too thin for chunk brackets get none, and the legend does not list them.
    void layout(TimelineFrame &frame, const QRectF &bounds, const LayoutOptions &options) const;
    void layout(TimelineFrame &frame, const QRectF &bounds) const { layout(frame, bounds, LayoutOptions{}); }
    // Sets the zoom limits and content range for the scene, and shows all of it.
    void fitTime(TimelineFrame &frame) const;
    void updateTimeLimits(TimelineFrame &frame) const;
    double fitMarginPx() const { return 2.0 * m_style.padding; }

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
    std::optional<Hit> hitTest(const TimelineFrame &frame, QPointF pos) const;
    // Plain text for a tooltip, empty where there is nothing to tell.
    QString toolTip(const TimelineFrame &frame, QPointF pos) const;

private:
    void layOut(TimelineFrame &frame, const QRectF &bounds, const LayoutOptions &options) const;
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
    std::vector<TimelineStyle::LegendEntry> legendEntries(const TimelineFrame &f) const;
    double tickSpacingPx() const;
    std::int64_t visibleEndNs(const TimelineFrame &f) const;

    const TimelineScene &m_scene;
    const TimelineStyle &m_style;
};

} // namespace lab
