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
    case SpanState::GilWait: return "gil-wait";
    case SpanState::Startup: return "startup";
    case SpanState::Idle: return "idle";
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
    case EventKind::GilAcquire: return "gil-acquire";
    case EventKind::GilRelease: return "gil-release";
    case EventKind::CpuUsage: return "cpu-usage";
    case EventKind::TaskFailed: return "task-failed";
    case EventKind::ChunkStart: return "chunk-start";
    case EventKind::ChunkEnd: return "chunk-end";
    }
    return "unknown";
}

std::string_view toString(LaneKind kind)
{
    switch (kind) {
    case LaneKind::Thread: return "thread";
    case LaneKind::Process: return "process";
    case LaneKind::Gil: return "gil";
    }
    return "unknown";
}

} // namespace lab
