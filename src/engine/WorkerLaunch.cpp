#include "WorkerLaunch.h"

#include "UniqueFd.h"
#include "WorkerSignals.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

extern char **environ;

namespace lab {
namespace {

int highestTarget(const std::vector<FdMove> &moves)
{
    int highest = -1;
    for (const FdMove &move : moves)
        if (move.from >= 0)
            highest = std::max(highest, move.to);
    return highest;
}

// Copies every source at or below `highest` above it, so that no dup2 lands
// on a source not yet moved (and none is a dup2 onto itself, which would keep
// close-on-exec set). `lifted` owns the copies and must have room for them
// (no allocation: the forked child calls this). False, errno set, when the OS refuses one.
bool liftAbove(std::vector<FdMove> &moves, int highest, bool cloexec, std::vector<UniqueFd> &lifted)
{
    for (FdMove &move : moves) {
        if (move.from < 0 || move.from > highest)
            continue;
        const int copy = ::fcntl(move.from, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, highest + 1);
        if (copy < 0)
            return false;
        lifted.emplace_back(copy);
        move.from = copy;
    }
    return true;
}

// The forked child's set-up before its work: its own group, only its own descriptors, and what exec would give it.
[[noreturn]] void becomeWorker(std::vector<FdMove> &moves, std::vector<UniqueFd> &lifted, const std::function<int()> &work)
{
    ::setpgid(0, 0);
    const int highest = highestTarget(moves);
    if (!liftAbove(moves, highest, false, lifted))
        ::_exit(127);
    for (const FdMove &move : moves)
        if (move.from >= 0 && ::dup2(move.from, move.to) < 0)
            ::_exit(127);
    // Nothing else of the engine's, so every other worker sees EOF when its own peer exits.
    if (::close_range(unsigned(highest + 1), ~0U, 0) != 0) {
        const long last = ::sysconf(_SC_OPEN_MAX);
        for (int fd = highest + 1; fd < (last > 0 ? last : 1024); ++fd)
            ::close(fd);
    }
    settleWorkerSignals();
    ::_exit(work());
}

// posix_spawn's file actions and attributes, destroyed however spawnWorker returns.
struct SpawnActions
{
    posix_spawn_file_actions_t actions;
    int error = posix_spawn_file_actions_init(&actions);
    SpawnActions() = default;
    SpawnActions(const SpawnActions &) = delete;
    SpawnActions &operator=(const SpawnActions &) = delete;
    ~SpawnActions()
    {
        if (error == 0)
            posix_spawn_file_actions_destroy(&actions);
    }
};

struct SpawnAttributes
{
    posix_spawnattr_t attr;
    int error = posix_spawnattr_init(&attr);
    SpawnAttributes() = default;
    SpawnAttributes(const SpawnAttributes &) = delete;
    SpawnAttributes &operator=(const SpawnAttributes &) = delete;
    ~SpawnAttributes()
    {
        if (error == 0)
            posix_spawnattr_destroy(&attr);
    }
};

// What a posix_spawn* call returned, as errno: true when it succeeded.
bool succeeded(int error)
{
    if (error != 0)
        errno = error;
    return error == 0;
}

// Its own group, entered before the exec; the group signals stay blocked through the exec, and the
// worker program settles them (settleWorkerSignals), as a forked worker does.
bool setSignals(posix_spawnattr_t &attr)
{
    const sigset_t blocked = groupSignals();
    const sigset_t defaults = defaultedSignals();
    return succeeded(posix_spawnattr_setsigmask(&attr, &blocked)) && succeeded(posix_spawnattr_setpgroup(&attr, 0))
        && succeeded(posix_spawnattr_setsigdefault(&attr, &defaults))
        && succeeded(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF));
}

} // namespace

pid_t forkWorker(std::vector<FdMove> moves, const std::function<int()> &work)
{
    std::vector<UniqueFd> lifted;
    lifted.reserve(moves.size());
    const sigset_t group = groupSignals();
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &group, &previous); // the child starts with them blocked
    const pid_t pid = ::fork();
    if (pid == 0)
        becomeWorker(moves, lifted, work); // the child: a copy of the engine, of which only this thread exists
    const int error = errno;
    if (pid > 0)
        ::setpgid(pid, pid); // from this side too: out of the group as soon as either has run
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    errno = error;
    return pid;
}

pid_t spawnWorker(const std::string &program, std::vector<FdMove> moves)
{
    std::vector<UniqueFd> lifted; // closed once the worker has its own copies
    lifted.reserve(moves.size());
    if (!liftAbove(moves, highestTarget(moves), true, lifted))
        return -1;
    SpawnActions actions;
    if (!succeeded(actions.error))
        return -1;
    for (const FdMove &move : moves)
        if (move.from >= 0 && !succeeded(posix_spawn_file_actions_adddup2(&actions.actions, move.from, move.to)))
            return -1;
    SpawnAttributes attributes;
    if (!succeeded(attributes.error) || !setSignals(attributes.attr))
        return -1;
    std::string path = program;
    char *argv[] = {path.data(), nullptr};
    pid_t pid = -1;
    if (!succeeded(::posix_spawn(&pid, path.c_str(), &actions.actions, &attributes.attr, argv, environ)))
        return -1;
    return pid;
}

} // namespace lab
