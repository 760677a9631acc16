#pragma once

#include "Recorder.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lab {

struct StateSpan
{
    std::uint32_t lane = 0;
    SpanState state = SpanState::Running;
    int task = -1;
    std::int64_t startNs = 0; // absolute, Clock::nowNs()
    std::int64_t endNs = 0;
    std::int64_t cpuNs = -1; // CPU time the thread got during the span; -1: not measured
    int cpu = -1;            // the CPU the span started on; -1: not measured
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

// Who held a process's modelled GIL, and when.
struct GilInterval
{
    std::uint32_t gilLane = 0; // the lane of kind LaneKind::Gil
    std::uint32_t holder = 0;  // the thread lane holding it
    int task = -1;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// A release that let a waiting lane go on: drawn as an arrow from the releasing
// lane at releaseNs to the acquiring lane at acquireNs.
struct Handoff
{
    enum class Kind : std::uint8_t { Lock, Gil };
    Kind kind = Kind::Lock;
    std::uint32_t object = 0; // the lock id, or the GIL lane's id
    std::uint32_t fromLane = 0;
    std::uint32_t toLane = 0;
    std::int64_t releaseNs = 0;
    std::int64_t acquireNs = 0;
};

// One console write (a print is two: its text, then "\n").
struct ConsoleMark
{
    std::uint32_t lane = 0;
    int task = -1;
    std::int64_t timeNs = 0;
    std::string text;
};

// A task whose worker died or failed; signal is 0 when no signal killed it.
struct TaskFailure
{
    std::uint32_t lane = 0;
    int task = -1;
    int signal = 0;
    std::int64_t timeNs = 0;
};

// A chunk of a pool's map as one worker ran it: tasks firstTask .. lastTask back to back.
struct ChunkInterval
{
    std::uint32_t lane = 0;
    int chunk = 0;      // its index in the map
    int firstTask = 0;
    int lastTask = 0;   // the last task it has started so far
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// The spans and intervals a snapshot's events describe. A state span is split
// where a lock is acquired or released on its lane, so lock-held intervals
// enclose whole spans. Spans still open when the snapshot was taken end at the
// snapshot's time; zero-length spans (two changes at one instant) are dropped.
struct TimelineData
{
    std::int64_t originNs = 0;        // the run's time zero (absolute)
    std::int64_t endNs = 0;           // when the snapshot was taken (absolute)
    std::vector<Lane> lanes;          // indexed by Lane::id
    std::vector<StateSpan> spans;     // ordered by start time
    std::vector<LockInterval> locks;  // ordered by end time
    std::vector<GilInterval> gil;     // ordered by end time
    std::vector<Handoff> handoffs;    // ordered by acquire time
    std::vector<ConsoleMark> writes;  // ordered by time
    std::vector<TaskFailure> failures;
    std::vector<ChunkInterval> chunks; // ordered by start time

    static TimelineData fromSnapshot(const Snapshot &snapshot);
};

} // namespace lab
