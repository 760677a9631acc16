#include "ResourceCheck.h"

#include <filesystem>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lab {

int ResourceCheck::threadsNeeded(const std::string &experiment, const ExperimentParams &params)
{
    const ExperimentInfo *info = findExperiment(experiment);
    return info && info->threadPerTask ? params.tasks : 0;
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
    const int needed = threadsNeeded(experiment, params) + 1; // + the thread playing MainThread
    rlimit limit{};
    if (getuid() == 0 || getrlimit(RLIMIT_NPROC, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return std::nullopt; // root is not held to RLIMIT_NPROC
    const long available = long(limit.rlim_cur) - userTaskCount();
    if (needed <= available)
        return std::nullopt;
    return "--tasks: " + std::to_string(params.tasks) + " needs " + std::to_string(needed)
        + " threads, but the process limit (ulimit -u " + std::to_string(limit.rlim_cur) + ") leaves room for "
        + std::to_string(std::max(0L, available)) + "; lower --tasks or raise the limit";
}

} // namespace lab
