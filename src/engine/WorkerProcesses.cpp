#include "WorkerProcesses.h"

#include "RunContext.h"
#include "WorkerProtocol.h"

#include <cerrno>
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

} // namespace

WorkerProcesses::WorkerProcesses(RunContext &ctx, StartMethod method) : m_ctx(ctx), m_method(method) { }

WorkerProcesses::~WorkerProcesses() { killAll(); }

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
        // It keeps its socket as fd 3 and nothing else of the parent's, so
        // every other worker sees EOF when its own peer exits.
        if (childFd != workerSocketFd && ::dup2(childFd, workerSocketFd) < 0)
            ::_exit(127);
        if (::close_range(workerSocketFd + 1, ~0U, 0) != 0) {
            const long last = ::sysconf(_SC_OPEN_MAX);
            for (int fd = workerSocketFd + 1; fd < (last > 0 ? last : 1024); ++fd)
                ::close(fd);
        }
        // Its own process group: a terminal's Ctrl+C goes to the engine, which
        // cancels the run and ends its workers itself.
        ::setpgid(0, 0);
        ::_exit(runWorker(workerSocketFd));
    }
    return pid;
}

pid_t WorkerProcesses::spawnWorker(int childFd)
{
    const auto program = workerProgram();
    if (!program)
        throw std::runtime_error("spawn: the worker program concurrency-lab-worker was not found next to this program; "
                                 "set LAB_WORKER to its path");
    // dup2 onto itself would keep close-on-exec set; keep the socket off fd 3 first.
    int fd = childFd;
    if (fd == workerSocketFd)
        fd = ::fcntl(childFd, F_DUPFD_CLOEXEC, workerSocketFd + 1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fd, workerSocketFd);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    // Its own process group, as with fork: Ctrl+C is the engine's to handle.
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    std::string path = *program;
    char *argv[] = {path.data(), nullptr};
    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (fd != childFd)
        ::close(fd);
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
    const pid_t pid = m_method == StartMethod::Fork ? forkWorker(sv[1]) : spawnWorker(sv[1]);
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
    m_children.push_back(std::move(child));
    return m_children.size() - 1;
}

bool WorkerProcesses::assign(std::size_t worker, int task, int n)
{
    Child &child = m_children.at(worker);
    if (child.fd < 0)
        return false;
    const WorkerCommand command{WorkerCommand::Compute, task, n, 0};
    if (::send(child.fd, &command, sizeof command, MSG_NOSIGNAL) != ssize_t(sizeof command))
        return false;
    child.pending.insert(task);
    return true;
}

void WorkerProcesses::quit(std::size_t worker)
{
    Child &child = m_children.at(worker);
    if (child.fd < 0)
        return;
    const WorkerCommand command{WorkerCommand::Quit, -1, 0, 0};
    (void)::send(child.fd, &command, sizeof command, MSG_NOSIGNAL);
}

void WorkerProcesses::drain(Child &child, std::vector<Result> *results)
{
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
            child.lane->record(e);
        } else if (message.kind == WorkerMessage::Result) {
            child.pending.erase(message.task);
            m_ctx.results.record(message.task, message.value);
            const auto index = std::size_t(&child - m_children.data());
            if (results)
                results->push_back(Result{index, message.task, message.value});
        }
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
                m_failure += " before finishing task " + std::to_string(*child.pending.begin());
        }
        m_ctx.results.recordFailure(std::move(failed));
    }
    child.pending.clear();
    child.lane->end(t);
}

bool WorkerProcesses::pump(int timeoutMs, std::vector<Result> *results)
{
    std::vector<pollfd> fds;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < m_children.size(); ++i)
        if (m_children[i].fd >= 0) {
            fds.push_back(pollfd{m_children[i].fd, POLLIN, 0});
            owners.push_back(i);
        }
    if (fds.empty())
        return false;
    const int ready = ::poll(fds.data(), fds.size(), timeoutMs);
    if (ready <= 0)
        return true;
    for (std::size_t i = 0; i < fds.size(); ++i)
        if (fds[i].revents != 0)
            drain(m_children[owners[i]], results);
    return true;
}

void WorkerProcesses::poll() { pump(0, &m_ready); }

std::optional<WorkerProcesses::Result> WorkerProcesses::nextResult()
{
    constexpr int cancelPollMs = 10;
    while (m_ready.empty()) {
        if (m_ctx.cancel.isCancelled() || !m_failure.empty())
            return std::nullopt;
        if (!pump(cancelPollMs, &m_ready))
            return std::nullopt;
    }
    const Result next = m_ready.front();
    m_ready.erase(m_ready.begin());
    return next;
}

void WorkerProcesses::waitAllExited()
{
    while (!m_ctx.cancel.isCancelled() && pump(10, &m_ready)) { }
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
