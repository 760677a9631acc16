#include "TimelineIndex.h"

#include <algorithm>

namespace lab {

TimelineIndex::TimelineIndex(std::shared_ptr<const TimelineData> data) : m_data(std::move(data))
{
    if (!m_data)
        return;
    const TimelineData &d = *m_data;
    m_lanes.resize(d.lanes.size());
    {
        std::vector<std::size_t> counts(m_lanes.size());
        for (const StateSpan &s : d.spans) {
            if (s.lane < counts.size())
                ++counts[s.lane];
        }
        for (std::size_t lane = 0; lane < counts.size(); ++lane)
            m_lanes[lane].spans.reserve(counts[lane]);
    }
    addSpans(0);
    addIntervals(0, 0, 0);
}

namespace {

// Leading intervals (ordered by end) that had ended before the snapshot was taken.
template <class T>
std::size_t settledPrefix(const std::vector<T> &v, std::int64_t takenNs)
{
    std::size_t n = 0;
    while (n < v.size() && v[n].endNs < takenNs)
        ++n;
    return n;
}

bool sameSpan(const StateSpan &a, const StateSpan &b)
{
    return a.lane == b.lane && a.state == b.state && a.task == b.task && a.startNs == b.startNs && a.endNs == b.endNs
        && a.cpuNs == b.cpuNs;
}

template <class T, class Same>
bool keepsPrefix(const std::vector<T> &before, const std::vector<T> &now, std::size_t n, Same &&same)
{
    return now.size() >= n && (n == 0 || (same(before[0], now[0]) && same(before[n - 1], now[n - 1])));
}

} // namespace

// Spans [from, end) of the data, appended to their lanes (a lane's spans stay in start order).
void TimelineIndex::addSpans(std::size_t from)
{
    const TimelineData &d = *m_data;
    const std::int64_t origin = d.originNs;
    m_settledSpans = d.spans.size();
    for (std::size_t i = from; i < d.spans.size(); ++i) {
        const StateSpan &s = d.spans[i];
        if (s.endNs >= d.endNs && i < m_settledSpans)
            m_settledSpans = i;
        if (s.lane >= m_lanes.size())
            continue;
        std::uint8_t share = Span::noCpu;
        if (s.cpuNs >= 0 && s.durationNs() > 0) {
            share = std::uint8_t(std::min<std::int64_t>(250, (250 * s.cpuNs + s.durationNs() / 2) / s.durationNs()));
            ++m_cpuSpans;
        }
        m_lanes[s.lane].spans.push_back({s.startNs - origin, s.endNs - origin, std::uint32_t(i), s.state, share});
        ++m_stateSpans[std::size_t(s.state)];
    }
    m_states = 0;
    for (int st = 0; st < spanStateCount; ++st)
        m_states |= m_stateSpans[std::size_t(st)] ? 1u << unsigned(st) : 0u;
    m_hasCpu = m_cpuSpans > 0;
}

// Locks, GIL intervals and writes from the given positions on; failures and hand-offs all over.
void TimelineIndex::addIntervals(std::size_t locksFrom, std::size_t gilFrom, std::size_t writesFrom)
{
    const TimelineData &d = *m_data;
    const std::int64_t origin = d.originNs;
    auto byStart = [](const Interval &a, const Interval &b) { return a.startNs < b.startNs; };
    // Appends new intervals to a lane's list kept in start order (new ones mostly start last).
    auto append = [&](std::vector<Interval> &v, std::int64_t &longest, Interval i, bool stable) {
        longest = std::max(longest, i.endNs - i.startNs);
        const bool inOrder = v.empty() || v.back().startNs <= i.startNs;
        v.push_back(i);
        if (!inOrder) {
            if (stable)
                std::stable_sort(v.begin(), v.end(), byStart);
            else
                std::sort(v.begin(), v.end(), byStart);
        }
    };
    for (std::size_t i = locksFrom; i < d.locks.size(); ++i) {
        const LockInterval &l = d.locks[i];
        if (l.lane < m_lanes.size())
            append(m_lanes[l.lane].locks, m_lanes[l.lane].longestLockNs, {l.startNs - origin, l.endNs - origin, std::uint32_t(i)}, false);
    }
    for (std::size_t i = gilFrom; i < d.gil.size(); ++i) {
        const GilInterval &g = d.gil[i];
        if (g.gilLane < m_lanes.size())
            append(m_lanes[g.gilLane].gil, m_lanes[g.gilLane].longestGilNs, {g.startNs - origin, g.endNs - origin, std::uint32_t(i)}, false);
    }
    for (std::size_t i = writesFrom; i < d.writes.size(); ++i) {
        const ConsoleMark &w = d.writes[i];
        std::int64_t unused = 0;
        if (w.lane < m_lanes.size())
            append(m_lanes[w.lane].writes, unused, {w.timeNs - origin, w.timeNs - origin, std::uint32_t(i)}, true);
    }
    for (LaneIndex &lane : m_lanes)
        lane.failures.clear();
    for (std::size_t i = 0; i < d.failures.size(); ++i) {
        const TaskFailure &f = d.failures[i];
        if (f.lane < m_lanes.size())
            m_lanes[f.lane].failures.push_back({f.timeNs - origin, f.timeNs - origin, std::uint32_t(i)});
    }
    for (LaneIndex &lane : m_lanes)
        std::sort(lane.failures.begin(), lane.failures.end(), byStart);
    m_longestHandoffNs = 0;
    for (const Handoff &h : d.handoffs)
        m_longestHandoffNs = std::max(m_longestHandoffNs, h.acquireNs - h.releaseNs);
    m_settledLocks = settledPrefix(d.locks, d.endNs);
    m_settledGil = settledPrefix(d.gil, d.endNs);
    addChunks();
}

// All chunks afresh: a live run's open chunks grow, and a map has a few hundred at most.
void TimelineIndex::addChunks()
{
    const TimelineData &d = *m_data;
    for (LaneIndex &lane : m_lanes) {
        lane.chunks.clear();
        lane.longestChunkNs = 0;
    }
    m_hasChunkBrackets = false;
    for (std::size_t i = 0; i < d.chunks.size(); ++i) {
        const ChunkInterval &c = d.chunks[i];
        if (c.lane >= m_lanes.size() || c.lastTask <= c.firstTask)
            continue; // a chunk of one task is just its task
        LaneIndex &lane = m_lanes[c.lane];
        lane.chunks.push_back({c.startNs - d.originNs, c.endNs - d.originNs, std::uint32_t(i)});
        lane.longestChunkNs = std::max(lane.longestChunkNs, c.endNs - c.startNs);
        m_hasChunkBrackets = true;
    }
}

bool TimelineIndex::update(std::shared_ptr<const TimelineData> data)
{
    if (data == m_data)
        return true;
    if (data && m_data && extend(data))
        return true;
    *this = TimelineIndex(std::move(data));
    return false;
}

bool TimelineIndex::extend(std::shared_ptr<const TimelineData> data)
{
    const TimelineData &before = *m_data, &now = *data;
    auto sameLock = [](const LockInterval &a, const LockInterval &b) {
        return a.lane == b.lane && a.lock == b.lock && a.startNs == b.startNs && a.endNs == b.endNs;
    };
    auto sameGil = [](const GilInterval &a, const GilInterval &b) {
        return a.gilLane == b.gilLane && a.holder == b.holder && a.startNs == b.startNs && a.endNs == b.endNs;
    };
    auto sameWrite = [](const ConsoleMark &a, const ConsoleMark &b) { return a.lane == b.lane && a.timeNs == b.timeNs; };
    if (now.originNs != before.originNs || now.endNs < before.endNs || now.lanes.size() < before.lanes.size()
        || !keepsPrefix(before.spans, now.spans, m_settledSpans, sameSpan)
        || !keepsPrefix(before.locks, now.locks, m_settledLocks, sameLock)
        || !keepsPrefix(before.gil, now.gil, m_settledGil, sameGil)
        || !keepsPrefix(before.writes, now.writes, before.writes.size(), sameWrite))
        return false;
    // Drop what was still open (a lane's spans past the settled ones are its last few), then add what is new.
    for (LaneIndex &lane : m_lanes) {
        while (!lane.spans.empty() && lane.spans.back().index >= m_settledSpans) {
            const Span &s = lane.spans.back();
            --m_stateSpans[std::size_t(s.state)];
            if (s.cpuShare != Span::noCpu)
                --m_cpuSpans;
            lane.spans.pop_back();
        }
        auto open = [](std::size_t settled) { return [settled](const Interval &i) { return i.index >= settled; }; };
        std::erase_if(lane.locks, open(m_settledLocks));
        std::erase_if(lane.gil, open(m_settledGil));
    }
    const std::size_t writes = before.writes.size();
    m_data = std::move(data);
    m_lanes.resize(m_data->lanes.size());
    addSpans(m_settledSpans);
    addIntervals(m_settledLocks, m_settledGil, writes);
    return true;
}

std::pair<const TimelineIndex::Span *, const TimelineIndex::Span *>
TimelineIndex::spansIn(std::uint32_t lane, std::int64_t fromNs, std::int64_t toNs) const
{
    if (lane >= m_lanes.size())
        return {nullptr, nullptr};
    const std::vector<Span> &v = m_lanes[lane].spans;
    // A lane's spans are back to back, so their ends are sorted too.
    const auto begin = std::upper_bound(v.begin(), v.end(), fromNs, [](std::int64_t t, const Span &s) { return t < s.endNs; });
    const auto end = std::lower_bound(begin, v.end(), toNs, [](const Span &s, std::int64_t t) { return s.startNs < t; });
    return {v.data() + (begin - v.begin()), v.data() + (end - v.begin())};
}

const TimelineIndex::Span *TimelineIndex::spanAt(std::uint32_t lane, std::int64_t timeNs) const
{
    const auto [begin, end] = spansIn(lane, timeNs, timeNs + 1);
    return begin != end && begin->startNs <= timeNs ? begin : nullptr;
}

std::pair<const TimelineIndex::Interval *, const TimelineIndex::Interval *>
TimelineIndex::chunksIn(std::uint32_t lane, std::int64_t fromNs, std::int64_t toNs) const
{
    if (lane >= m_lanes.size())
        return {nullptr, nullptr};
    return overlapping(m_lanes[lane].chunks, m_lanes[lane].longestChunkNs, fromNs, toNs);
}

const TimelineIndex::Interval *TimelineIndex::chunkAt(std::uint32_t lane, std::int64_t timeNs) const
{
    const auto [begin, end] = chunksIn(lane, timeNs, timeNs + 1);
    for (const auto *c = begin; c != end; ++c) {
        if (c->startNs <= timeNs && timeNs < c->endNs)
            return c;
    }
    return nullptr;
}

} // namespace lab
