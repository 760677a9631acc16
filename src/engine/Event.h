#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lab {

enum class LaneKind : std::uint8_t {
    Thread,
    Process,
    Gil, // the modelled GIL of one process (its pid): who holds it over time
};

// One timeline lane: a thread or a process, named as Python would name it.
struct Lane
{
    std::uint32_t id = 0;
    std::string name;
    LaneKind kind = LaneKind::Thread;
    int pid = 0;
    int tid = 0;
};

// What a lane is doing between two state changes. A lane's states are recorded
// back to back: each one lasts until the next state change or the lane's end.
enum class SpanState : std::uint8_t {
    Running,  // executing task code
    Sleeping, // in time.sleep()
    Io,       // blocked in a console write
    LockWait, // blocked acquiring a lock
    Joining,  // blocked until another thread does something: join() (it ends), start() (it runs), a pool's results
    GilWait,  // runnable, but waiting for its process's GIL (the GIL model)
    Startup,  // a process starting: from the request to its first instruction of work
    Idle,     // a pool worker with no task to do
};
inline constexpr int spanStateCount = 8;

enum class EventKind : std::uint8_t {
    StateChange,  // state: the lane's new state
    TaskStart,
    TaskEnd,
    LockAcquire,  // arg: lock id; recorded once the lock is held (outermost level only)
    LockRelease,  // arg: lock id; recorded just before the lock is released
    ConsoleWrite, // arg: index of the text in the lane's text list
    LaneEnd,      // the thread or process has exited
    GilAcquire,   // arg: the GIL lane's id; the recording thread now holds that GIL
    GilRelease,   // arg: the GIL lane's id; recorded just before the GIL is dropped
    CpuUsage,     // arg: CPU time (µs) the thread got in its current span; cpu: the CPU it started on
    TaskFailed,   // the task did not complete: arg is the signal that killed its worker, 0 for other failures
    ChunkStart,   // a pool worker starts a chunk of a map: arg is the chunk's index, task its first task
    ChunkEnd,     // ... and has run it: arg is the chunk's index, task its last task
};

// Kept small on purpose: a run of 512 threads may record millions of these.
struct Event
{
    std::int64_t timeNs = 0;   // Clock::nowNs()
    std::int32_t task = -1;    // -1: not part of a task
    std::uint32_t arg = 0;
    std::uint32_t lane = 0;
    EventKind kind = EventKind::StateChange;
    SpanState state = SpanState::Running;
    std::uint16_t cpu = noCpu; // CpuUsage only: the CPU the span started on
    static constexpr std::uint16_t noCpu = 0xFFFF;
};
static_assert(sizeof(Event) == 24);

std::string_view toString(SpanState state);
std::string_view toString(EventKind kind);
std::string_view toString(LaneKind kind);

} // namespace lab
