#include "WorkerProtocol.h"

#include "Clock.h"
#include "Factorial.h"

#include <cerrno>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lab {
namespace {

bool sendAll(int fd, const WorkerMessage &message)
{
    for (;;) {
        const auto n = ::send(fd, &message, sizeof message, MSG_NOSIGNAL);
        if (n == ssize_t(sizeof message))
            return true;
        if (n < 0 && errno == EINTR)
            continue;
        return false;
    }
}

bool sendEvent(int fd, EventKind kind, SpanState state, int task, std::int64_t t, std::uint32_t arg = 0,
               std::uint16_t cpu = Event::noCpu)
{
    WorkerMessage m;
    m.kind = WorkerMessage::Event;
    m.task = task;
    m.event = Event{t, task, arg, 0, kind, state};
    m.event.cpu = cpu;
    return sendAll(fd, m);
}

} // namespace

int runWorker(int fd)
{
    // The first instruction of work: this ends the process's start-up span.
    if (!sendEvent(fd, EventKind::StateChange, SpanState::Idle, -1, Clock::nowNs()))
        return 3;
    for (;;) {
        WorkerCommand command;
        const auto got = ::recv(fd, &command, sizeof command, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != ssize_t(sizeof command) || command.kind == WorkerCommand::Quit)
            return 0; // told to quit, or the engine has gone
        const int task = command.task;
        const auto t0 = Clock::nowNs();
        const auto cpu0 = Clock::threadCpuNs();
        const int cpu = sched_getcpu();
        sendEvent(fd, EventKind::TaskStart, SpanState::Running, task, t0);
        sendEvent(fd, EventKind::StateChange, SpanState::Running, task, t0);
        const std::int64_t digits = Factorial::digits(command.n);
        const auto t1 = Clock::nowNs();
        const auto cpuUs = (Clock::threadCpuNs() - cpu0) / 1000;
        sendEvent(fd, EventKind::CpuUsage, SpanState::Running, task, t1, std::uint32_t(cpuUs),
                  cpu < 0 ? Event::noCpu : std::uint16_t(cpu));
        sendEvent(fd, EventKind::TaskEnd, SpanState::Running, task, t1);
        WorkerMessage result;
        result.kind = WorkerMessage::Result;
        result.task = task;
        result.value = digits;
        if (!sendAll(fd, result))
            return 0;
        sendEvent(fd, EventKind::StateChange, SpanState::Idle, -1, t1);
    }
}

} // namespace lab
