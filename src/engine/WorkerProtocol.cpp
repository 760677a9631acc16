#include "WorkerProtocol.h"

#include "Clock.h"
#include "Factorial.h"
#include "ProcessSharedLock.h"

#include <gmp.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <sched.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace lab {
namespace {

// The id of the shared lock in the recorded events (one lock per pool).
constexpr std::uint32_t sharedLockId = 1;

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

// The worker's end of the conversation: every event it records goes to the engine at once.
class Channel
{
public:
    Channel(int fd, int stdoutFd) : m_fd(fd), m_stdout(stdoutFd) { }

    bool event(EventKind kind, SpanState state, int task, std::int64_t t, std::uint32_t arg = 0, std::uint16_t cpu = Event::noCpu)
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Event;
        m.task = task;
        m.event = Event{t, task, arg, 0, kind, state};
        m.event.cpu = cpu;
        return sendAll(m_fd, m);
    }
    bool state(SpanState state, int task, std::int64_t t = Clock::nowNs()) { return event(EventKind::StateChange, state, task, t); }
    bool result(int task, std::int64_t value, std::uint64_t check)
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Result;
        m.task = task;
        m.value = value;
        m.check = check;
        return sendAll(m_fd, m);
    }
    bool ready()
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Ready;
        return sendAll(m_fd, m);
    }
    // A write(2) to the standard output the workers share, and its record.
    void write(std::string_view text, int task, SpanState state)
    {
        const auto t = Clock::nowNs();
        if (m_stdout >= 0)
            (void)::send(m_stdout, text.data(), text.size(), MSG_NOSIGNAL);
        WorkerMessage m;
        m.kind = WorkerMessage::Event;
        m.task = task;
        m.event = Event{t, task, 0, 0, EventKind::ConsoleWrite, state};
        m.textLength = std::uint32_t(std::min(text.size(), sizeof m.text));
        std::memcpy(m.text, text.data(), m.textLength);
        sendAll(m_fd, m);
    }

private:
    int m_fd;
    int m_stdout;
};

struct Settings
{
    std::int64_t writeTimeNs = 0;
    ProcessSharedLock *lock = nullptr;
};

// What a new interpreter does before it runs a task (start-up, re-importing
// the main module), as real CPU work of the given length: small factorials
// until the thread has had that much CPU time.
void interpreterStartup(int cpuMs)
{
    const std::int64_t until = Clock::threadCpuNs() + std::int64_t(cpuMs) * 1'000'000;
    mpz_t scratch;
    mpz_init(scratch);
    while (Clock::threadCpuNs() < until)
        mpz_fac_ui(scratch, 2000);
    mpz_clear(scratch);
}

void sleepNs(std::int64_t ns)
{
    timespec left{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
    while (::nanosleep(&left, &left) != 0 && errno == EINTR) { }
}

struct TaskValue
{
    std::int64_t value = 0;
    std::uint64_t check = 0;
};

TaskValue factorialTask(Channel &channel, int task, int n)
{
    const auto t0 = Clock::nowNs();
    const auto cpu0 = Clock::threadCpuNs();
    const int cpu = sched_getcpu();
    channel.event(EventKind::TaskStart, SpanState::Running, task, t0);
    channel.state(SpanState::Running, task, t0);
    const Factorial::Result result = Factorial::compute(n);
    const auto t1 = Clock::nowNs();
    const auto cpuUs = (Clock::threadCpuNs() - cpu0) / 1000;
    channel.event(EventKind::CpuUsage, SpanState::Running, task, t1, std::uint32_t(cpuUs), cpu < 0 ? Event::noCpu : std::uint16_t(cpu));
    channel.event(EventKind::TaskEnd, SpanState::Running, task, t1);
    channel.state(SpanState::Running, -1, t1); // between tasks: the worker's own code
    return {result.digits, result.residue};
}

// The lesson's pool-order task: `with rlock: if id < 10: print(id, end=', ')`, then `return id`.
TaskValue printIdTask(Channel &channel, const Settings &settings, int task)
{
    const auto t0 = Clock::nowNs();
    channel.event(EventKind::TaskStart, SpanState::Running, task, t0);
    channel.state(SpanState::Running, task, t0);
    if (settings.lock) {
        if (!settings.lock->tryLock()) {
            channel.state(SpanState::LockWait, task);
            settings.lock->lock();
        }
        const auto held = Clock::nowNs();
        channel.event(EventKind::LockAcquire, SpanState::Running, task, held, sharedLockId);
        channel.state(SpanState::Running, task, held);
    }
    if (task < 10) {
        channel.state(SpanState::Io, task);
        channel.write(std::to_string(task) + ", ", task, SpanState::Io);
        sleepNs(settings.writeTimeNs);
        channel.state(SpanState::Running, task);
    }
    if (settings.lock) {
        channel.event(EventKind::LockRelease, SpanState::Running, task, Clock::nowNs(), sharedLockId);
        settings.lock->unlock();
    }
    const auto t1 = Clock::nowNs();
    channel.event(EventKind::TaskEnd, SpanState::Running, task, t1);
    channel.state(SpanState::Running, -1, t1);
    return {task, 0};
}

// One chunk: its tasks back to back, then their results together, as
// multiprocessing's worker sends a chunk's list of results in one message.
bool runChunk(Channel &channel, const Settings &settings, const WorkerCommand &command)
{
    const int last = command.firstTask + std::max(command.count, 1) - 1;
    if (command.chunk >= 0)
        channel.event(EventKind::ChunkStart, SpanState::Running, command.firstTask, Clock::nowNs(), std::uint32_t(command.chunk));
    std::vector<TaskValue> values;
    for (int task = command.firstTask; task <= last; ++task)
        values.push_back(command.task == WorkerTask::PrintId ? printIdTask(channel, settings, task)
                                                             : factorialTask(channel, task, command.n));
    const auto t = Clock::nowNs();
    if (command.chunk >= 0)
        channel.event(EventKind::ChunkEnd, SpanState::Running, last, t, std::uint32_t(command.chunk));
    for (int task = command.firstTask; task <= last; ++task)
        if (!channel.result(task, values[std::size_t(task - command.firstTask)].value, values[std::size_t(task - command.firstTask)].check))
            return false;
    channel.state(SpanState::Idle, -1, t);
    return channel.ready();
}

bool receive(int fd, WorkerCommand &command)
{
    for (;;) {
        const auto got = ::recv(fd, &command, sizeof command, 0);
        if (got < 0 && errno == EINTR)
            continue;
        return got == ssize_t(sizeof command);
    }
}

} // namespace

int runWorker(int fd, int stdoutFd, ProcessSharedLock *inheritedLock)
{
    Channel channel(fd, stdoutFd);
    WorkerCommand command;
    if (!receive(fd, command) || command.kind != WorkerCommand::Setup)
        return 3;
    Settings settings;
    settings.writeTimeNs = command.writeTimeNs;
    settings.lock = inheritedLock;
    std::unique_ptr<ProcessSharedLock> mapped;
    if (!settings.lock && command.lockName[0] != '\0') {
        command.lockName[sizeof command.lockName - 1] = '\0';
        mapped = ProcessSharedLock::open(command.lockName);
        if (!mapped)
            return 4;
        settings.lock = mapped.get();
    }
    if (command.startupCpuMs > 0)
        interpreterStartup(command.startupCpuMs);
    // The first instruction of work: this ends the process's start-up span.
    if (!channel.state(SpanState::Idle, -1) || !channel.ready())
        return 3;
    for (;;) {
        if (!receive(fd, command) || command.kind == WorkerCommand::Quit)
            return 0; // told to quit, or the engine has gone
        if (command.kind == WorkerCommand::Run && !runChunk(channel, settings, command))
            return 0;
    }
}

} // namespace lab
