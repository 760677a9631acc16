#include "WorkerProcesses.h"

#include "ProcessSharedLock.h"
#include "RunContext.h"
#include "WorkerProtocol.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace lab {
namespace {

std::string errnoText(int error) { return std::strerror(error); }

std::string describeSignal(int signal)
{
    const char *name = sigdescr_np(signal);
    return "signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : std::string());
}

// Lifts each source above the targets first, so no dup2 lands on a source not yet moved.
// `cloexec`: the lifted copies close on exec (posix_spawn's dup2 clears that on the targets).
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

template <class Moves>
bool liftAbove(Moves &moves, int highest, bool cloexec)
{
    for (auto &move : moves) {
        if (move.from < 0 || move.from > highest)
            continue;
        move.from = ::fcntl(move.from, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, highest + 1);
        if (move.from < 0)
            return false;
    }
    return true;
}

} // namespace

std::vector<WorkerProcesses::FdMove> WorkerProcesses::fdMoves(int childFd) const
{
    return {{childFd, workerSocketFd}, {m_stdoutWrite, workerStdoutFd}, {m_queueRead, workerQueueFd}};
}

WorkerProcesses::WorkerProcesses(RunContext &ctx, StartMethod method, WorkerSettings settings)
    : m_ctx(ctx), m_method(method), m_settings(settings)
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        throw std::runtime_error("the OS refused a socket for the workers' standard output: " + errnoText(errno));
    m_stdoutRead = sv[0];
    m_stdoutWrite = sv[1];
    if (m_settings.sharedQueue) {
        if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
            throw std::runtime_error("the OS refused a socket for the pool's task queue: " + errnoText(errno));
        m_queueRead = sv[0];
        m_queueWrite = sv[1];
        ::shutdown(m_queueRead, SHUT_WR); // the workers only read it
        m_queueLock = std::make_unique<ProcessSharedLock>(m_method == StartMethod::Spawn);
    }
}

WorkerProcesses::~WorkerProcesses()
{
    killAll();
    for (int fd : {m_stdoutRead, m_stdoutWrite, m_queueRead, m_queueWrite})
        if (fd >= 0)
            ::close(fd);
}

std::optional<std::string> WorkerProcesses::workerProgram()
{
    namespace fs = std::filesystem;
    if (const char *env = std::getenv("LAB_WORKER"); env && *env)
        return std::string(env);
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path beside = self.parent_path() / "concurrency-lab-worker";
        if (fs::exists(beside, error))
            return beside.string();
    }
#ifdef LAB_WORKER_BUILD_PATH
    if (fs::exists(LAB_WORKER_BUILD_PATH, error))
        return std::string(LAB_WORKER_BUILD_PATH);
#endif
    return std::nullopt;
}

pid_t WorkerProcesses::forkWorker(int childFd)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The child: a copy of the engine, of which only this thread exists.
        // It keeps its socket as fd 3 and the shared standard output as fd 4,
        // nothing else of the parent's, so every other worker sees EOF when
        // its own peer exits.
        std::vector<FdMove> moves = fdMoves(childFd);
        if (!liftAbove(moves, workerQueueFd, false))
            ::_exit(127);
        for (const FdMove &move : moves)
            if (move.from >= 0 && ::dup2(move.from, move.to) < 0)
                ::_exit(127);
        const int keep = m_queueRead >= 0 ? workerQueueFd : workerStdoutFd;
        if (::close_range(unsigned(keep + 1), ~0U, 0) != 0) {
            const long last = ::sysconf(_SC_OPEN_MAX);
            for (int fd = keep + 1; fd < (last > 0 ? last : 1024); ++fd)
                ::close(fd);
        }
        // Its own process group: a terminal's Ctrl+C goes to the engine, which
        // cancels the run and ends its workers itself.
        ::setpgid(0, 0);
        // What exec would give a spawned worker: default dispositions, no blocked
        // signals, so `kill` ends a forked worker too rather than the engine's handler.
        for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD})
            ::signal(signal, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::_exit(runWorker(workerSocketFd, workerStdoutFd, workerQueueFd, InheritedLocks{m_settings.lock, m_queueLock.get()}));
    }
    return pid;
}

pid_t WorkerProcesses::spawnWorker(int childFd)
{
    const auto program = workerProgram();
    if (!program)
        throw std::runtime_error("spawn: the worker program concurrency-lab-worker was not found next to this program; "
                                 "set LAB_WORKER to its path");
    // dup2 onto itself would keep close-on-exec set: move every source off fds 3-5 first.
    const std::vector<FdMove> original = fdMoves(childFd);
    std::vector<FdMove> moves = original;
    const bool lifted = liftAbove(moves, workerQueueFd, true);
    auto closeLifted = [&] {
        for (std::size_t i = 0; i < moves.size(); ++i)
            if (moves[i].from != original[i].from && moves[i].from >= 0)
                ::close(moves[i].from);
    };
    if (!lifted) {
        const int error = errno;
        closeLifted();
        errno = error;
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (const FdMove &move : moves)
        if (move.from >= 0)
            posix_spawn_file_actions_adddup2(&actions, move.from, move.to);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    // Its own process group, as with fork: Ctrl+C is the engine's to handle.
    posix_spawnattr_setpgroup(&attr, 0);
    // Default dispositions, as a forked worker gets them: an ignored SIGPIPE would otherwise survive the exec.
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD})
        sigaddset(&defaults, signal);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    std::string path = *program;
    char *argv[] = {path.data(), nullptr};
    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    closeLifted();
    if (error != 0) {
        errno = error;
        return -1;
    }
    return pid;
}

std::size_t WorkerProcesses::start(const std::string &name)
{
    const auto requested = Clock::nowNs();
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        throw std::runtime_error("the OS refused a socket for " + name + ": " + errnoText(errno));
    pid_t pid = -1;
    try {
        pid = m_method == StartMethod::Fork ? forkWorker(sv[1]) : spawnWorker(sv[1]);
    } catch (...) {
        ::close(sv[0]);
        ::close(sv[1]);
        throw;
    }
    const int error = errno;
    ::close(sv[1]);
    if (pid < 0) {
        ::close(sv[0]);
        throw std::runtime_error("the OS refused to start " + name + ": " + errnoText(error));
    }
    Child child;
    child.name = name;
    child.pid = pid;
    child.fd = sv[0];
    child.lane = &m_ctx.recorder.addLane(name, LaneKind::Process, int(pid), int(pid));
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
    // Queued in the socket: the worker reads it first thing.
    (void)::send(child.fd, &setup, sizeof setup, MSG_NOSIGNAL);
    m_children.push_back(std::move(child));
    return m_children.size() - 1;
}

bool WorkerProcesses::run(std::size_t worker, const WorkerJob &job)
{
    Child &child = m_children.at(worker);
    if (child.fd < 0)
        return false;
    const WorkerCommand command = runCommand(job);
    if (::send(child.fd, &command, sizeof command, MSG_NOSIGNAL) != ssize_t(sizeof command))
        return false;
    for (int task = job.firstTask; task < job.firstTask + job.count; ++task)
        child.pending.insert(task);
    return true;
}

void WorkerProcesses::quit(std::size_t worker)
{
    Child &child = m_children.at(worker);
    if (child.fd < 0)
        return;
    WorkerCommand command;
    command.kind = WorkerCommand::Quit;
    (void)::send(child.fd, &command, sizeof command, MSG_NOSIGNAL);
}

void WorkerProcesses::enqueue(const WorkerJob &job)
{
    m_backlog.push_back(runCommand(job));
    flushQueue();
}

void WorkerProcesses::quitAll()
{
    if (m_queueWrite < 0) {
        for (std::size_t w = 0; w < m_children.size(); ++w)
            quit(w);
        return;
    }
    WorkerCommand command;
    command.kind = WorkerCommand::Quit;
    m_backlog.insert(m_backlog.end(), m_children.size(), command);
    flushQueue();
}

void WorkerProcesses::flushQueue()
{
    while (!m_backlog.empty()) {
        const auto sent = ::send(m_queueWrite, &m_backlog.front(), sizeof(WorkerCommand), MSG_DONTWAIT | MSG_NOSIGNAL);
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
        const auto got = ::recv(child.fd, &message, sizeof message, MSG_DONTWAIT);
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
        const auto got = ::recv(m_stdoutRead, buffer, sizeof buffer, MSG_DONTWAIT);
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
    if (child.fd >= 0) {
        ::close(child.fd);
        child.fd = -1;
    }
    int status = 0;
    pid_t waited = -1;
    while ((waited = ::waitpid(child.pid, &status, 0)) < 0 && errno == EINTR) { }
    child.reaped = true;
    const auto t = Clock::nowNs();
    // No status (SIGCHLD ignored by someone): unknown, so only unfinished work counts as failure.
    const int signal = waited > 0 && WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    const int exitCode = waited > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    // After a cancel, every worker is being ended on purpose.
    killed = killed || m_ctx.cancel.isCancelled();
    if (!killed && (signal != 0 || exitCode != 0 || !child.pending.empty())) {
        FailedWorker failed{child.name, child.pid, signal, exitCode, {child.pending.begin(), child.pending.end()}};
        for (int task : child.pending)
            child.lane->taskFailed(task, signal, t);
        if (m_failure.empty()) {
            m_failure = child.name + " (pid " + std::to_string(child.pid) + ") "
                + (signal ? "was killed by " + describeSignal(signal) : "exited with code " + std::to_string(exitCode));
            if (!child.pending.empty())
                m_failure += " before returning the result of task" + std::string(child.pending.size() > 1 ? "s " : " ")
                    + std::to_string(*child.pending.begin())
                    + (child.pending.size() > 1 ? "–" + std::to_string(*child.pending.rbegin()) : std::string());
        }
        m_ctx.results.recordFailure(std::move(failed));
    }
    child.pending.clear();
    child.lane->end(t);
}

bool WorkerProcesses::pump(int timeoutMs)
{
    std::vector<pollfd> fds{pollfd{m_stdoutRead, POLLIN, 0}};
    std::vector<std::size_t> owners{0};
    for (std::size_t i = 0; i < m_children.size(); ++i)
        if (m_children[i].fd >= 0) {
            fds.push_back(pollfd{m_children[i].fd, POLLIN, 0});
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
