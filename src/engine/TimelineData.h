#pragma once

#include "Recorder.h"

#include <cstdint>
#include <vector>

namespace lab {

struct StateSpan
{
    std::uint32_t lane = 0;
    SpanState state = SpanState::Running;
    int task = -1;
    std::int64_t startNs = 0; // absolute, Clock::nowNs()
    std::int64_t endNs = 0;
    std::int64_t durationNs() const { return endNs - startNs; }
};

struct LockInterval
{
    std::uint32_t lane = 0;
    std::uint32_t lock = 0;
    int task = -1;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// The spans and intervals a snapshot's events describe. A state span is split
// where a lock is acquired or released on its lane, so lock-held intervals
// enclose whole spans. Spans still open when the snapshot was taken end at the
// snapshot's time; zero-length spans (two changes at one instant) are dropped.
struct TimelineData
{
    std::vector<StateSpan> spans;     // ordered by start time
    std::vector<LockInterval> locks;  // ordered by end time

    static TimelineData fromSnapshot(const Snapshot &snapshot);
};

} // namespace lab
