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
#include <sys/uio.h>
#include <unistd.h>
#include <vector>

namespace lab {
namespace {

// The id of the shared lock in the recorded events (one lock per pool).
constexpr std::uint32_t sharedLockId = 1;

// The worker's end of the conversation. Events are stamped when they happen
// and sent in batches (one sendmmsg), at the latest before the worker blocks
// or starts long work, so recording costs a task little more than the clock
// read -- as cheap next to the work as CPython's own bookkeeping is.
class Channel
{
public:
    Channel(int fd, int stdoutFd) : m_fd(fd), m_stdout(stdoutFd) { }

    void event(EventKind kind, SpanState state, int task, std::int64_t t, std::uint32_t arg = 0, std::uint16_t cpu = Event::noCpu)
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Event;
        m.task = task;
        m.event = Event{t, task, arg, 0, kind, state};
        m.event.cpu = cpu;
        post(m);
    }
    void state(SpanState state, int task, std::int64_t t = Clock::nowNs()) { event(EventKind::StateChange, state, task, t); }
    void result(int task, std::int64_t value, std::uint64_t check)
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Result;
        m.task = task;
        m.value = value;
        m.check = check;
        post(m);
    }
    bool took(const WorkerCommand &command)
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Took;
        m.task = command.firstTask;
        m.value = command.count;
        post(m);
        return flush();
    }
    bool ready()
    {
        WorkerMessage m;
        m.kind = WorkerMessage::Ready;
        post(m);
        return flush();
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
        post(m);
    }
    // Sends what is waiting; false when the engine has gone.
    bool flush()
    {
        std::size_t sent = 0;
        while (sent < m_outbox.size()) {
            std::vector<iovec> parts(m_outbox.size() - sent);
            std::vector<mmsghdr> headers(parts.size());
            for (std::size_t i = 0; i < parts.size(); ++i) {
                parts[i] = iovec{&m_outbox[sent + i], sizeof(WorkerMessage)};
                headers[i] = mmsghdr{};
                headers[i].msg_hdr.msg_iov = &parts[i];
                headers[i].msg_hdr.msg_iovlen = 1;
            }
            const int n = ::sendmmsg(m_fd, headers.data(), unsigned(headers.size()), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                m_outbox.clear();
                return false;
            }
            sent += std::size_t(n);
        }
        m_outbox.clear();
        return true;
    }

private:
    static constexpr std::size_t batch = 64;
    void post(const WorkerMessage &m)
    {
        m_outbox.push_back(m);
        if (m_outbox.size() >= batch)
            flush();
    }

    int m_fd;
    int m_stdout;
    std::vector<WorkerMessage> m_outbox;
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
    channel.flush(); // the engine shows the task running while it runs
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
            channel.flush();
            settings.lock->lock();
        }
        const auto held = Clock::nowNs();
        channel.event(EventKind::LockAcquire, SpanState::Running, task, held, sharedLockId);
        channel.state(SpanState::Running, task, held);
    }
    if (task < 10) {
        channel.state(SpanState::Io, task);
        channel.write(std::to_string(task) + ", ", task, SpanState::Io);
        if (settings.writeTimeNs > Clock::spinAtMostNs) // the modelled time the call blocks, as the Console's
            sleepNs(settings.writeTimeNs);
        else
            Clock::spinFor(settings.writeTimeNs);
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
        channel.result(task, values[std::size_t(task - command.firstTask)].value, values[std::size_t(task - command.firstTask)].check);
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

// Multiprocessing's SimpleQueue.get(): one reader at a time (the queue's read
// lock), which tells the engine what it took before it lets the next one read.
bool takeFromQueue(int queueFd, ProcessSharedLock &queueLock, Channel &channel, WorkerCommand &command)
{
    channel.flush();
    queueLock.lock();
    const bool got = receive(queueFd, command) && (command.kind != WorkerCommand::Run || channel.took(command));
    queueLock.unlock();
    return got;
}

// A lock named in the setup, or the one inherited; nullptr with `mapped` empty when there is none.
ProcessSharedLock *lockFor(ProcessSharedLock *inherited, char *name, std::size_t size, std::unique_ptr<ProcessSharedLock> &mapped)
{
    if (inherited || name[0] == '\0')
        return inherited;
    name[size - 1] = '\0';
    mapped = ProcessSharedLock::open(name);
    return mapped.get();
}

} // namespace

int runWorker(int fd, int stdoutFd, int queueFd, InheritedLocks inherited)
{
    Channel channel(fd, stdoutFd);
    WorkerCommand command;
    if (!receive(fd, command) || command.kind != WorkerCommand::Setup)
        return 3;
    Settings settings;
    settings.writeTimeNs = command.writeTimeNs;
    std::unique_ptr<ProcessSharedLock> mappedTask, mappedQueue;
    settings.lock = lockFor(inherited.task, command.lockName, sizeof command.lockName, mappedTask);
    ProcessSharedLock *queueLock = lockFor(inherited.queue, command.queueLockName, sizeof command.queueLockName, mappedQueue);
    const bool shared = command.sharedQueue != 0;
    if ((command.lockName[0] && !settings.lock) || (shared && !queueLock))
        return 4;
    if (command.startupCpuMs > 0)
        interpreterStartup(command.startupCpuMs);
    // The first instruction of work: this ends the process's start-up span.
    channel.state(SpanState::Idle, -1);
    if (!channel.ready())
        return 3;
    for (;;) {
        channel.flush();
        const bool got = shared ? takeFromQueue(queueFd, *queueLock, channel, command) : receive(fd, command);
        if (!got || command.kind == WorkerCommand::Quit)
            return 0; // told to quit, or the engine has gone
        if (command.kind == WorkerCommand::Run && !runChunk(channel, settings, command))
            return 0;
    }
}

} // namespace lab
