#include "Event.h"

namespace lab {

std::string_view toString(SpanState state)
{
    switch (state) {
    case SpanState::Running: return "running";
    case SpanState::Sleeping: return "sleeping";
    case SpanState::Io: return "io";
    case SpanState::LockWait: return "lock-wait";
    case SpanState::Joining: return "join-wait";
    }
    return "unknown";
}

std::string_view toString(EventKind kind)
{
    switch (kind) {
    case EventKind::StateChange: return "state";
    case EventKind::TaskStart: return "task-start";
    case EventKind::TaskEnd: return "task-end";
    case EventKind::LockAcquire: return "lock-acquire";
    case EventKind::LockRelease: return "lock-release";
    case EventKind::ConsoleWrite: return "console-write";
    case EventKind::LaneEnd: return "lane-end";
    }
    return "unknown";
}

std::string_view toString(LaneKind kind)
{
    return kind == LaneKind::Process ? "process" : "thread";
}

} // namespace lab
