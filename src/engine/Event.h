#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lab {

enum class LaneKind : std::uint8_t { Thread, Process };

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
    Joining,  // blocked in Thread.join() until another thread ends
};
inline constexpr int spanStateCount = 5;

enum class EventKind : std::uint8_t {
    StateChange,  // state: the lane's new state
    TaskStart,
    TaskEnd,
    LockAcquire,  // arg: lock id; recorded once the lock is held (outermost level only)
    LockRelease,  // arg: lock id; recorded just before the lock is released
    ConsoleWrite, // arg: index of the text in the lane's text list
    LaneEnd,      // the thread or process has exited
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
};

std::string_view toString(SpanState state);
std::string_view toString(EventKind kind);
std::string_view toString(LaneKind kind);

} // namespace lab
