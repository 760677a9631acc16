#include "WorkerSignals.h"

namespace lab {
namespace {

constexpr int sentToGroups[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP};
constexpr int alsoDefault[] = {SIGPIPE, SIGCHLD};

} // namespace

sigset_t groupSignals()
{
    sigset_t set;
    sigemptyset(&set);
    for (int signal : sentToGroups)
        sigaddset(&set, signal);
    return set;
}

sigset_t defaultedSignals()
{
    sigset_t set = groupSignals();
    for (int signal : alsoDefault)
        sigaddset(&set, signal);
    return set;
}

void settleWorkerSignals()
{
    for (int signal : sentToGroups) {
        ::signal(signal, SIG_IGN); // discards one that is pending, blocked as it is
        ::signal(signal, SIG_DFL);
    }
    for (int signal : alsoDefault)
        ::signal(signal, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

} // namespace lab
