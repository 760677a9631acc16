#pragma once

// The timeline tests' known run: a few lanes whose spans, locks, GIL hand-offs,
// writes and failures sit at known times.
#include "TimelineData.h"

#include <cstdint>

namespace lab::testdata {

inline constexpr std::int64_t ms = 1'000'000;
inline constexpr std::int64_t origin = 5'000 * ms;

// A 100 ms run with known spans:
//   lane 0 MainThread  running 0–10, join-wait 10–100
//   lane 1 Thread-1    sleeping 5–60, I/O 60–61, running 61–80 (half of it on a CPU), sleeping 80–100
//   lane 2 Thread-2    lock-wait 5–40, running 40–50 (lock held), sleeping 50–90, failed at 95
//   lane 3 GIL (model) held by Thread-1 61–80
inline TimelineData knownRun(std::int64_t originNs = origin)
{
    TimelineData d;
    d.originNs = originNs;
    d.endNs = originNs + 100 * ms;
    d.lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "Thread-1", LaneKind::Thread, 1, 2},
               {2, "Thread-2", LaneKind::Thread, 1, 3}, {3, "GIL (model)", LaneKind::Gil, 1, 0}};
    auto span = [&](std::uint32_t lane, SpanState state, std::int64_t a, std::int64_t b, std::int64_t cpu = -1) {
        d.spans.push_back({lane, state, int(lane), originNs + a * ms, originNs + b * ms, cpu, cpu >= 0 ? 0 : -1});
    };
    span(0, SpanState::Running, 0, 10);
    span(1, SpanState::Sleeping, 5, 60);
    span(2, SpanState::LockWait, 5, 40);
    span(0, SpanState::Joining, 10, 100);
    span(2, SpanState::Running, 40, 50);
    span(2, SpanState::Sleeping, 50, 90);
    span(1, SpanState::Io, 60, 61);
    span(1, SpanState::Running, 61, 80, 19 * ms / 2);
    span(1, SpanState::Sleeping, 80, 100);
    d.locks.push_back({2, 1, 2, originNs + 40 * ms, originNs + 50 * ms});
    d.gil.push_back({3, 1, 1, originNs + 61 * ms, originNs + 80 * ms});
    d.writes.push_back({1, 1, originNs + 60 * ms, "hello"});
    d.failures.push_back({2, 2, 9, originNs + 95 * ms});
    return d;
}

} // namespace lab::testdata
