#include "ResourceCheck.h"

#include "Machine.h"
#include "CpuBoundExperiments.h"
#include "Factorial.h"
#include "LessonPace.h"

#include <algorithm>
#include <filesystem>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lab {

namespace {

// How many factorials may be computed at the same moment, each needing its own memory.
int concurrentComputations(const ExperimentInfo &info, const ExperimentParams &params)
{
    if (!usesParam(info, "n"))
        return 0;
    const int workers = experiments::workersFor(info, params, cpuCount());
    if (info.workers == WorkerKind::ThreadPerTask)
        return params.gil ? 1 : params.tasks;
    if (workers > 0)
        return std::min(workers, params.tasks);
    return 1;
}

} // namespace

int ResourceCheck::threadsNeeded(const std::string &experiment, const ExperimentParams &params)
{
    const ExperimentInfo *info = findExperiment(experiment);
    if (!info)
        return 0;
    const int workers = experiments::workersFor(*info, params, cpuCount());
    if (info->workers == WorkerKind::ThreadPool)
        return std::min(workers, params.tasks);
    return workers;
}

std::optional<std::string> ResourceCheck::taskLimit(int needed, const std::string &what)
{
    rlimit limit{};
    if (getuid() == 0 || getrlimit(RLIMIT_NPROC, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return std::nullopt; // root is not held to RLIMIT_NPROC
    const long available = long(limit.rlim_cur) - userTaskCount();
    if (needed <= available)
        return std::nullopt;
    return what + " needs " + std::to_string(needed) + " threads and processes, but the process limit (ulimit -u "
        + std::to_string(limit.rlim_cur) + ") leaves room for " + std::to_string(std::max(0L, available));
}

int ResourceCheck::userTaskCount()
{
    namespace fs = std::filesystem;
    const uid_t me = getuid();
    int count = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        struct stat info{};
        if (stat(entry.path().c_str(), &info) != 0 || info.st_uid != me)
            continue;
        std::error_code taskError;
        for (auto it = fs::directory_iterator(entry.path() / "task", taskError); !taskError && it != fs::directory_iterator();
             it.increment(taskError))
            ++count;
    }
    return count;
}

std::optional<std::string> ResourceCheck::forRun(const std::string &experiment, const ExperimentParams &params)
{
    const ExperimentInfo *info = findExperiment(experiment);
    if (!info)
        return "unknown experiment: " + experiment;
    const bool pool = info->workers == WorkerKind::ThreadPool || info->workers == WorkerKind::ProcessPool;
    const std::string field = pool ? "--workers: " + std::to_string(experiments::workersFor(*info, params, cpuCount()))
                                   : "--tasks: " + std::to_string(params.tasks);
    // + 1: the thread playing MainThread
    if (auto refusal = taskLimit(threadsNeeded(experiment, params) + 1, field))
        return *refusal + "; lower " + (pool ? "--workers" : "--tasks") + " or raise the limit";
    // Every task thread computes in this process (with the GIL, one at a time).
    const int threads = startsProcesses(*info) ? 0 : std::max(1, threadsNeeded(experiment, params));
    if (const int concurrent = concurrentComputations(*info, params); concurrent > 0)
        return Factorial::checkMemory(LessonPace::nForChecks(params.n), concurrent, threads);
    return std::nullopt;
}

std::optional<std::string> ResourceCheck::forSweep(const SweepSpec &spec)
{
    for (const int workers : spec.workers) {
        const std::string what = std::string("--workers: a ") + (spec.pool == PoolKind::Process ? "process" : "thread")
            + " pool of " + std::to_string(workers);
        // + 2: the thread running the sweep, and the one playing MainThread in each pool run.
        const int needed = (spec.pool == PoolKind::Process ? workers : std::min(workers, spec.tasks)) + 2;
        if (auto refusal = taskLimit(needed, what))
            return *refusal + "; leave out the larger worker counts or raise the limit";
        const int concurrent = spec.pool == PoolKind::Thread && spec.gil ? 1 : std::min(workers, spec.tasks);
        const int threads = spec.pool == PoolKind::Process ? 0 : std::min(workers, spec.tasks);
        if (auto refusal = Factorial::checkMemory(LessonPace::nForChecks(spec.n), concurrent, threads))
            return refusal;
    }
    return std::nullopt;
}

} // namespace lab
