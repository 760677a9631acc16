#include "WorkerProcesses.h"

#include "ProcessSharedLock.h"
#include "RunContext.h"
#include "WorkerLaunch.h"
#include "WorkerProtocol.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <filesystem>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lab {
namespace {

std::string errnoText(int error) { return std::strerror(error); }

struct SocketPair
{
    UniqueFd first, second;
};

// A connected pair of packet sockets, closed on exec; throws, saying what it was `for`, when the OS refuses.
SocketPair socketPair(const std::string &what)
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        throw std::runtime_error("the OS refused a socket for " + what + ": " + errnoText(errno));
    return {UniqueFd(sv[0]), UniqueFd(sv[1])};
}

// The signals the command line cancels a run on. A worker dies of one when it was sent it along with
// the engine (`pkill -INT concurrency-lab`, a service manager stopping the lot): that death is part
// of the cancel the same signal brings the engine, whose handler may take a moment to pass it on.
bool isCancelSignal(int signal) { return signal == SIGINT || signal == SIGTERM || signal == SIGHUP; }
constexpr std::int64_t cancelGraceNs = 500'000'000;

std::string describeSignal(int signal)
{
    const char *name = sigdescr_np(signal);
    return "signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : std::string());
}

// "task 3", or "tasks 3–5" for the first and last of several.
std::string taskList(const std::set<int> &tasks)
{
    if (tasks.size() == 1)
        return "task " + std::to_string(*tasks.begin());
    return "tasks " + std::to_string(*tasks.begin()) + "–" + std::to_string(*tasks.rbegin());
}

WorkerCommand runCommand(const WorkerJob &job)
{
    WorkerCommand command;
    command.kind = WorkerCommand::Run;
    command.chunk = job.chunk;
    command.firstTask = job.firstTask;
    command.count = job.count;
    command.n = job.n;
    command.task = job.task;
    return command;
}

} // namespace

WorkerProcesses::WorkerProcesses(RunContext &ctx, StartMethod method, WorkerSettings settings)
    : m_ctx(ctx), m_method(method), m_settings(settings)
{
    SocketPair output = socketPair("the workers' standard output");
    m_stdoutRead = std::move(output.first);
    m_stdoutWrite = std::move(output.second);
    if (m_settings.sharedQueue) {
        SocketPair queue = socketPair("the pool's task queue");
        m_queueRead = std::move(queue.first);
        m_queueWrite = std::move(queue.second);
        ::shutdown(m_queueRead.get(), SHUT_WR); // the workers only read it
        m_queueLock = std::make_unique<ProcessSharedLock>(m_method == StartMethod::Spawn);
    }
}

WorkerProcesses::~WorkerProcesses() { killAll(); }

// LAB_WORKER, else beside this program (the build tree), else where an
// installed copy keeps it (PREFIX/libexec/concurrency-lab/). Never a path
// compiled in: an installed copy must not use a build tree's worker.
std::optional<std::string> WorkerProcesses::workerProgram()
{
    namespace fs = std::filesystem;
    if (const char *env = std::getenv("LAB_WORKER"); env && *env)
        return std::string(env);
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error)
        return std::nullopt;
    for (const fs::path &candidate : {self.parent_path() / "concurrency-lab-worker",
                                      self.parent_path().parent_path() / "libexec" / "concurrency-lab" / "concurrency-lab-worker"})
        if (fs::exists(candidate, error))
            return candidate.string();
    return std::nullopt;
}

pid_t WorkerProcesses::launch(int workerEnd)
{
    const std::vector<FdMove> moves{
        {workerEnd, workerSocketFd}, {m_stdoutWrite.get(), workerStdoutFd}, {m_queueRead.get(), workerQueueFd}};
    if (m_method == StartMethod::Fork) {
        const InheritedLocks locks{m_settings.lock, m_queueLock.get()};
        return forkWorker(moves, [locks] { return runWorker(workerSocketFd, workerStdoutFd, workerQueueFd, locks); });
    }
    const auto program = workerProgram();
    if (!program)
        throw std::runtime_error("spawn: the worker program concurrency-lab-worker was found neither beside this program "
                                 "nor in ../libexec/concurrency-lab/; set LAB_WORKER to its path");
    return spawnWorker(*program, moves);
}

std::size_t WorkerProcesses::start(const std::string &name)
{
    const auto requested = Clock::nowNs();
    SocketPair socket = socketPair(name);
    if (m_children.size() == m_children.capacity()) // nothing between the start and the child's record may throw
        m_children.reserve(std::max<std::size_t>(8, 2 * m_children.size()));
    const pid_t pid = launch(socket.second.get());
    if (pid < 0)
        throw std::runtime_error("the OS refused to start " + name + ": " + errnoText(errno));
    socket.second.reset(); // the worker's end is the worker's alone
    Child child;
    child.name = name;
    child.pid = pid;
    child.fd = std::move(socket.first);
    try {
        child.lane = &m_ctx.recorder.addLane(name, LaneKind::Process, int(pid), int(pid));
    } catch (...) {
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) { }
        throw;
    }
    child.lane->setState(SpanState::Startup, -1, requested);
    WorkerCommand setup;
    setup.kind = WorkerCommand::Setup;
    setup.startupCpuMs = m_method == StartMethod::Spawn ? m_settings.interpreterStartupMs : 0; // fork copies a running interpreter
    setup.writeTimeNs = m_settings.writeTimeNs;
    if (m_settings.lock && m_method == StartMethod::Spawn)
        std::snprintf(setup.lockName, sizeof setup.lockName, "%s", m_settings.lock->name().c_str());
    setup.sharedQueue = m_queueLock ? 1 : 0;
    if (m_queueLock && m_method == StartMethod::Spawn)
        std::snprintf(setup.queueLockName, sizeof setup.queueLockName, "%s", m_queueLock->name().c_str());
    // Queued in the socket: the worker reads it first thing. If it cannot be, the worker ends
    // without answering it, and that is its failure.
    (void)send(child, setup);
    m_children.push_back(std::move(child));
    return m_children.size() - 1;
}

bool WorkerProcesses::send(Child &child, const WorkerCommand &command)
{
    ssize_t sent = -1;
    while ((sent = ::send(child.fd.get(), &command, sizeof command, MSG_NOSIGNAL)) < 0 && errno == EINTR) { }
    if (sent == ssize_t(sizeof command))
        return true;
    // A worker that cannot be told what to do would wait for ever: it sees EOF and exits.
    ::shutdown(child.fd.get(), SHUT_RDWR);
    return false;
}

bool WorkerProcesses::run(std::size_t worker, const WorkerJob &job)
{
    Child &child = m_children.at(worker);
    std::set<int> tasks;
    for (int task = job.firstTask; task < job.firstTask + job.count; ++task)
        tasks.insert(task);
    if (!child.fd.valid()) { // reaped already: the tasks are lost with it
        const auto t = Clock::nowNs();
        for (int task : tasks)
            child.lane->taskFailed(task, 0, t);
        recordFailure(child, tasks, "had exited before it was given " + taskList(tasks));
        return false;
    }
    // Its tasks from now on, handed over or not: a task whose hand-off fails is lost with the worker.
    child.pending.insert(tasks.begin(), tasks.end());
    return send(child, runCommand(job));
}

void WorkerProcesses::quit(std::size_t worker)
{
    Child &child = m_children.at(worker);
    child.toldToQuit = true;
    if (!child.fd.valid())
        return;
    WorkerCommand command;
    command.kind = WorkerCommand::Quit;
    (void)send(child, command);
}

void WorkerProcesses::enqueue(const WorkerJob &job)
{
    m_backlog.push_back(runCommand(job));
    flushQueue();
}

void WorkerProcesses::quitAll()
{
    if (!m_queueWrite.valid()) {
        for (std::size_t w = 0; w < m_children.size(); ++w)
            quit(w);
        return;
    }
    for (Child &child : m_children)
        child.toldToQuit = true;
    WorkerCommand command;
    command.kind = WorkerCommand::Quit;
    m_backlog.insert(m_backlog.end(), m_children.size(), command);
    flushQueue();
}

void WorkerProcesses::flushQueue()
{
    while (!m_backlog.empty()) {
        const auto sent = ::send(m_queueWrite.get(), &m_backlog.front(), sizeof(WorkerCommand), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent != ssize_t(sizeof(WorkerCommand)))
            return; // full: the rest goes as the workers take from it (pump)
        m_backlog.pop_front();
    }
}

void WorkerProcesses::drain(Child &child)
{
    const auto index = std::size_t(&child - m_children.data());
    for (;;) {
        WorkerMessage message;
        const auto got = ::recv(child.fd.get(), &message, sizeof message, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return; // nothing more for now
        if (got == 0) {
            reap(child, false); // the worker has exited
            return;
        }
        if (got != ssize_t(sizeof message))
            continue;
        if (message.kind == WorkerMessage::Event) {
            Event e = message.event;
            e.lane = child.lane->id();
            if (e.kind == EventKind::ConsoleWrite)
                child.lane->consoleWrite(std::string_view(message.text, std::min<std::size_t>(message.textLength, sizeof message.text)),
                                         e.task, e.timeNs);
            else
                child.lane->record(e);
        } else if (message.kind == WorkerMessage::Result) {
            const bool again = std::any_of(child.unreported.begin(), child.unreported.end(),
                                           [&](const WorkerMessage &r) { return r.task == message.task; });
            if (child.pending.count(message.task) && !again) // not a task it was never given, nor one twice
                child.unreported.push_back(message);
        } else if (message.kind == WorkerMessage::Took) {
            for (std::int64_t task = message.task; task < message.task + message.value; ++task)
                child.pending.insert(int(task));
        } else if (message.kind == WorkerMessage::Ready) {
            child.answered = true;
            // A chunk's results travel as one unit, as CPython pickles them into one
            // message: they count once all of them are here, with the Ready after them.
            for (const WorkerMessage &result : child.unreported) {
                child.pending.erase(result.task);
                m_ctx.results.record(result.task, result.value, result.check);
                m_notices.push_back(Notice{Notice::Result, index});
            }
            child.unreported.clear();
            m_notices.push_back(Notice{Notice::Ready, index});
        }
    }
}

void WorkerProcesses::drainStdout()
{
    char buffer[4096];
    for (;;) {
        const auto got = ::recv(m_stdoutRead.get(), buffer, sizeof buffer, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        m_ctx.console.appendOutput(std::string_view(buffer, std::size_t(got)));
    }
}

void WorkerProcesses::reap(Child &child, bool killed)
{
    if (child.reaped)
        return;
    child.fd.reset();
    int status = 0;
    pid_t waited = -1;
    while ((waited = ::waitpid(child.pid, &status, 0)) < 0 && errno == EINTR) { }
    child.reaped = true;
    const auto t = Clock::nowNs();
    // No status (SIGCHLD ignored by someone): unknown, so only what it left undone counts as failure.
    child.signal = waited > 0 && WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    child.exitCode = waited > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    // After a cancel, every worker is being ended on purpose.
    killed = killed || m_ctx.cancel.isCancelled();
    if (!killed && isCancelSignal(child.signal))
        killed = !m_ctx.cancel.sleepFor(cancelGraceNs); // false: the cancel came
    if (!killed)
        if (auto why = failureOf(child)) {
            for (int task : child.pending)
                child.lane->taskFailed(task, child.signal, t);
            recordFailure(child, child.pending, *why);
        }
    child.pending.clear();
    child.lane->end(t);
}

std::optional<std::string> WorkerProcesses::failureOf(const Child &child)
{
    const std::string ended =
        child.signal ? "was killed by " + describeSignal(child.signal) : "exited with code " + std::to_string(child.exitCode);
    // Every worker answers its set-up first; one that did not is not a worker that works.
    if (!child.answered)
        return ended + " before it answered its set-up"
            + (child.pending.empty() ? "" : ", without the result of " + taskList(child.pending));
    if (!child.pending.empty())
        return ended + " before returning the result of " + taskList(child.pending);
    if (!child.toldToQuit)
        return ended + " before it was told to quit";
    if (child.signal != 0 || child.exitCode != 0)
        return ended;
    return std::nullopt;
}

void WorkerProcesses::recordFailure(const Child &child, const std::set<int> &tasks, const std::string &why)
{
    if (m_failure.empty())
        m_failure = child.name + " (pid " + std::to_string(child.pid) + ") " + why;
    m_ctx.results.recordFailure(FailedWorker{child.name, child.pid, child.signal, child.exitCode, {tasks.begin(), tasks.end()}, why});
}

bool WorkerProcesses::pump(int timeoutMs)
{
    std::vector<pollfd> fds{pollfd{m_stdoutRead.get(), POLLIN, 0}};
    std::vector<std::size_t> owners{0};
    for (std::size_t i = 0; i < m_children.size(); ++i)
        if (m_children[i].fd.valid()) {
            fds.push_back(pollfd{m_children[i].fd.get(), POLLIN, 0});
            owners.push_back(i);
        }
    if (fds.size() == 1) {
        drainStdout();
        return false;
    }
    const int ready = ::poll(fds.data(), fds.size(), timeoutMs);
    if (ready <= 0)
        return true;
    for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents != 0)
            drain(m_children[owners[i]]);
    // Last: whatever a worker printed before the messages just read is there by now.
    drainStdout();
    flushQueue();
    return true;
}

void WorkerProcesses::poll() { pump(0); }

std::optional<WorkerProcesses::Notice> WorkerProcesses::next()
{
    constexpr int cancelPollMs = 10;
    while (m_notices.empty()) {
        if (m_ctx.cancel.isCancelled() || !m_failure.empty())
            return std::nullopt;
        if (!pump(cancelPollMs))
            return std::nullopt;
    }
    const Notice notice = m_notices.front();
    m_notices.pop_front();
    return notice;
}

void WorkerProcesses::waitAllExited()
{
    while (!m_ctx.cancel.isCancelled() && pump(10)) { }
    if (m_ctx.cancel.isCancelled())
        killAll();
}

void WorkerProcesses::killAll()
{
    for (Child &child : m_children)
        if (!child.reaped)
            ::kill(child.pid, SIGKILL);
    for (Child &child : m_children)
        reap(child, true);
}

} // namespace lab
