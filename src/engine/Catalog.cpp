#include "Catalog.h"

#include "CpuBoundExperiments.h"
#include "IoBoundExperiments.h"

#include <charconv>

namespace lab {

std::string ParamSpec::allowedRange() const
{
    if (!choices.empty()) {
        std::string names;
        for (const auto &choice : choices)
            names += (names.empty() ? "" : " | ") + choice;
        return "allowed " + names;
    }
    return "allowed " + std::to_string(minimum) + "–" + std::to_string(maximum) + (unit.empty() ? "" : " " + unit);
}

std::string ParamSpec::format(int value) const
{
    if (!choices.empty() && value >= 0 && std::size_t(value) < choices.size())
        return choices[std::size_t(value)];
    return std::to_string(value);
}

std::optional<std::string> ParamSpec::check(long long value) const
{
    if (value >= minimum && value <= maximum)
        return std::nullopt;
    return "--" + key + ": " + std::to_string(value) + " is out of range; " + allowedRange();
}

std::optional<std::string> ParamSpec::parse(std::string_view text, int &value) const
{
    if (!choices.empty()) {
        for (std::size_t i = 0; i < choices.size(); ++i)
            if (choices[i] == text) {
                value = int(i);
                return std::nullopt;
            }
        return "--" + key + ": '" + std::string(text) + "' is not a choice; " + allowedRange();
    }
    long long parsed = 0;
    const auto *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
    if (ec == std::errc::result_out_of_range)
        return "--" + key + ": '" + std::string(text) + "' is out of range; " + allowedRange();
    if (text.empty() || ec != std::errc() || ptr != end)
        return "--" + key + ": '" + std::string(text) + "' is not a whole number; " + allowedRange();
    if (auto error = check(parsed))
        return error;
    value = int(parsed);
    return std::nullopt;
}

const std::vector<ParamSpec> &paramSpecs()
{
    static const std::vector<ParamSpec> specs = {
        {"tasks", "Tasks", "", 1, 512, 5, "How many tasks the experiment runs.", &ExperimentParams::tasks},
        {"sleep-ms", "Sleep", "ms", 1, 10000, 100, "How long each task sleeps (time.sleep).", &ExperimentParams::sleepMs},
        {"write-us", "Terminal write time (model)", "µs", 0, 100000, 300,
         "Terminal write time, a model: how long one console output call keeps its thread blocked; "
         "a print is two calls (text, then line end).",
         &ExperimentParams::writeUs},
        {"n", "Factorial n", "", 1, 10'000'000, 100'000,
         "Each task computes n! with GMP (math.factorial); 100000! has 456574 digits.", &ExperimentParams::n},
        {"workers", "Workers", "", 0, 512, 0,
         "Pool size. 0: the pool's default (process pool: the core count; thread pool: min(32, cores + 4)).",
         &ExperimentParams::workers},
        {"start-method", "Start method", "", 0, 1, 0,
         "How processes start: fork copies the engine; spawn starts the project's worker program and hands it its tasks.",
         &ExperimentParams::startMethod, {"fork", "spawn"}},
        {"gil", "GIL (model)", "", 0, 1, 1,
         "Python's global interpreter lock, modelled: on is CPython's default; off is free-threaded Python (3.13t).",
         &ExperimentParams::gil, {"off", "on"}},
        {"switch-ms", "GIL switch interval (model)", "ms", 1, 1000, 5,
         "How long a thread waits for the GIL before asking its holder to drop it (sys.setswitchinterval).",
         &ExperimentParams::switchMs},
    };
    return specs;
}

const ParamSpec *findParam(std::string_view key)
{
    for (const auto &spec : paramSpecs())
        if (spec.key == key)
            return &spec;
    return nullptr;
}

const std::vector<ExperimentInfo> &catalog()
{
    static const std::vector<std::string> sleepParams = {"tasks", "sleep-ms", "write-us", "gil", "switch-ms"};
    static const std::vector<std::string> inProcess = {"tasks", "n", "gil", "switch-ms", "write-us"};
    static const std::vector<std::string> threadPool = {"tasks", "n", "workers", "gil", "switch-ms", "write-us"};
    static const std::vector<std::string> processes = {"tasks", "n", "start-method", "write-us"};
    static const std::vector<std::string> processPool = {"tasks", "n", "workers", "start-method", "write-us"};
    static const std::vector<std::pair<std::string, int>> thirtyTasks = {{"tasks", 30}};
    static const std::vector<ExperimentInfo> entries = {
        {"sleep-sequential", ExperimentGroup::IoBound, "Sleeping tasks, one after another",
         "Each task prints, sleeps and prints again, one after another on the main thread.", sleepParams, experiments::sleepSequential, false},
        {"sleep-threads", ExperimentGroup::IoBound, "Sleeping tasks in threads",
         "One thread per task, all started then all joined: the sleeps overlap and the prints mangle.", sleepParams, experiments::sleepThreads, true},
        {"sleep-coarse-lock", ExperimentGroup::IoBound, "Threads under one coarse lock",
         "Threads, with one re-entrant lock held around each whole task: the sleeps no longer overlap.", sleepParams, experiments::sleepCoarseLock, true},
        {"sleep-fine-lock", ExperimentGroup::IoBound, "Threads with a lock around each print",
         "Threads, with the lock held only around each print: sleeps overlap and lines stay intact.", sleepParams, experiments::sleepFineLock, true},
        {"sleeper-run", ExperimentGroup::IoBound, "Thread subclass, run() called directly",
         "A Thread subclass whose run() is called directly: everything runs on the main thread, in turn.", sleepParams, experiments::sleeperRun, false},
        {"sleeper-start", ExperimentGroup::IoBound, "Thread subclass, start() then join()",
         "The same Thread subclass started and joined: the tasks run concurrently.", sleepParams, experiments::sleeperStart, true},
        {"sleeper-lock", ExperimentGroup::IoBound, "Thread subclass with a class-level lock",
         "The Thread subclass with one class-level lock around its prints: concurrent and clean.", sleepParams, experiments::sleeperLock, true},
        {"factorial-sequential", ExperimentGroup::CpuBound, "Factorials in a for loop",
         "n! computed task after task on the main thread: the time every other variant is measured against (T1).",
         inProcess, experiments::factorialSequential, false, false, thirtyTasks},
        {"factorial-threads", ExperimentGroup::CpuBound, "Factorials in threads",
         "One thread per task. With the GIL (model) on they take turns and gain nothing; with it off they use every core.",
         inProcess, experiments::factorialThreads, true, false, thirtyTasks},
        {"factorial-processes", ExperimentGroup::CpuBound, "Factorials in processes",
         "One OS process per task, all started then all joined: real parallelism, paid for with process start-up.",
         processes, experiments::factorialProcesses, false, true, thirtyTasks},
        {"factorial-map", ExperimentGroup::CpuBound, "Factorials with the built-in map",
         "map() is sequential: the same time as the for loop.", inProcess, experiments::factorialMap, false, false, thirtyTasks},
        {"factorial-thread-pool", ExperimentGroup::CpuBound, "Factorials in a thread pool",
         "A thread pool's map: fewer threads than tasks, reused; under the GIL (model) still no faster than the loop.",
         threadPool, experiments::factorialThreadPool, false, false, thirtyTasks},
        {"factorial-process-pool", ExperimentGroup::CpuBound, "Factorials in a process pool",
         "A process pool's map with one worker per core: the best time; results return in submission order.",
         processPool, experiments::factorialProcessPool, false, true, thirtyTasks},
        {"pool-order", ExperimentGroup::Scaling, "Pool result order",
         "A process pool maps tasks 0..70 of varying size: they finish out of order, yet results come back in order.",
         processPool, experiments::poolOrder, false, true, {{"tasks", 71}, {"n", 20000}}},
    };
    return entries;
}

ExperimentParams defaultParams(const ExperimentInfo &info)
{
    ExperimentParams params;
    for (const auto &spec : paramSpecs())
        params.*spec.field = spec.defaultValue;
    for (const auto &[key, value] : info.defaultOverrides)
        if (const ParamSpec *spec = findParam(key))
            params.*spec->field = value;
    return params;
}

const ExperimentInfo *findExperiment(std::string_view id)
{
    for (const auto &info : catalog())
        if (info.id == id)
            return &info;
    return nullptr;
}

std::string experimentIds(std::string_view separator)
{
    std::string out;
    for (const auto &info : catalog()) {
        if (!out.empty())
            out += separator;
        out += info.id;
    }
    return out;
}

std::string_view toString(ExperimentGroup group)
{
    switch (group) {
    case ExperimentGroup::IoBound: return "I/O-bound";
    case ExperimentGroup::CpuBound: return "CPU-bound";
    case ExperimentGroup::Scaling: return "Scaling";
    }
    return "";
}

} // namespace lab
