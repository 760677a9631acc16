#pragma once

#include "TimelineData.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

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
    // Of intervals sorted by start that may overlap, none longer than `longest`: those overlapping [from, to).
    static std::pair<const Interval *, const Interval *> overlapping(const std::vector<Interval> &v, std::int64_t longest,
                                                                    std::int64_t from, std::int64_t to);
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

inline std::pair<const TimelineIndex::Interval *, const TimelineIndex::Interval *>
TimelineIndex::overlapping(const std::vector<Interval> &v, std::int64_t longest, std::int64_t from, std::int64_t to)
{
    const auto begin = std::lower_bound(v.begin(), v.end(), from - longest,
                                        [](const Interval &a, std::int64_t t) { return a.startNs < t; });
    const auto end = std::lower_bound(begin, v.end(), to, [](const Interval &a, std::int64_t t) { return a.startNs < t; });
    return {v.data() + (begin - v.begin()), v.data() + (end - v.begin())};
}

} // namespace lab
