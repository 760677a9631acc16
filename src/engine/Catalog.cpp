#include "Catalog.h"

#include "Sweep.h"

#include "CpuBoundExperiments.h"
#include "IoBoundExperiments.h"

#include <algorithm>
#include <stdexcept>
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
    if (auto error = parseWholeNumber(key, text, allowedRange(), parsed))
        return error;
    if (auto error = check(parsed))
        return error;
    value = int(parsed);
    return std::nullopt;
}

std::optional<std::string> parseWholeNumber(std::string_view key, std::string_view text, const std::string &allowed, long long &value)
{
    const auto *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    const std::string quoted = "--" + std::string(key) + ": '" + std::string(text) + "'";
    if (ec == std::errc::result_out_of_range)
        return quoted + " is out of range; " + allowed;
    if (text.empty() || ec != std::errc() || ptr != end)
        return quoted + " is not a whole number; " + allowed;
    return std::nullopt;
}

const std::vector<ParamSpec> &paramSpecs()
{
    static const std::vector<ParamSpec> specs = {
        {"tasks", "Tasks", "", 1, 512, 5, "How many tasks the experiment runs.", &ExperimentParams::tasks},
        {"sleep-ms", "Sleep", "ms", 1, 10000, 100, "How long each task sleeps (time.sleep).", &ExperimentParams::sleepMs},
        {"write-us", "Output call time (model)", "µs", 0, 100000, 20,
         "A model: how long one output call (a write(2) of the console's text) keeps its thread, with the GIL dropped. "
         "A printed line's write(2) to a pipe or terminal whose reader waits took 5-25 µs here (median to 99th "
         "percentile); with 20 µs the threads cells mangle about as often as python -u does on this machine.",
         &ExperimentParams::writeUs},
        {"stdout", "Output (model)", "", 0, 1, 1,
         "A model of sys.stdout's buffering. line-buffered is a terminal: print() puts its text and line end in the "
         "buffer under the GIL and the line goes out whole in one call, so lines never mangle. unbuffered is python -u, "
         "or a notebook such as the lesson's: the text and the line end are two calls, each drops the GIL, and another "
         "thread may write between them.",
         &ExperimentParams::stdoutMode, {"line-buffered", "unbuffered"},
         {"a terminal (line-buffered)", "unbuffered (python -u, a notebook)"}},
        {"n", "Factorial n", "", 0, 10'000'000, 0,
         "Each task computes n! with GMP (math.factorial); 100000! has 456574 digits. "
         "0: lesson pace, the n for which one task takes about as long as the lesson's factorial(10**5) in CPython "
         "(about 150 ms), measured on this machine on first use and remembered.",
         &ExperimentParams::n, {}, {}, "lesson pace"},
        {"workers", "Workers", "", 0, 512, 0,
         "Pool size. 0: the pool's default (process pool: the core count; thread pool: min(32, cores + 4)).",
         &ExperimentParams::workers, {}, {}, "pool default"},
        {"start-method", "Start method", "", 0, 1, 0,
         "How processes start: fork copies the engine; spawn starts the project's worker program, which first "
         "does an interpreter's start-up (see --interpreter-startup-ms), then takes its tasks.",
         &ExperimentParams::startMethod, {"fork", "spawn"}},
        {"pool-api", "Process pool", "", 0, 1, 0,
         "The process pool, as Python has two: pool is multiprocessing.Pool (workers ForkPoolWorker-N; map cuts the "
         "tasks into chunks of divmod(tasks, 4 * workers), plus one if there is a remainder); executor is "
         "concurrent.futures.ProcessPoolExecutor (workers ForkProcess-N; map sends one task at a time).",
         &ExperimentParams::poolApi, {"pool", "executor"}, {"multiprocessing.Pool", "ProcessPoolExecutor"}},
        {"chunksize", "Chunk size", "", 0, 512, 0,
         "map's chunksize: how many consecutive tasks a worker takes at once and runs back to back. "
         "0: the pool's own rule (Pool: divmod(tasks, 4 * workers), plus one if there is a remainder; executor: 1).",
         &ExperimentParams::chunksize, {}, {}, "the pool's rule"},
        {"interpreter-startup-ms", "Interpreter start-up (model)", "ms", 0, 1000, 40,
         "spawn only, a model: the CPU time a spawned worker spends starting an interpreter and re-importing the main "
         "module before it can take a task (CPython 3.11 took 45-58 ms here). fork copies a running interpreter and "
         "pays none of it.",
         &ExperimentParams::interpreterStartupMs},
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
    using enum WorkerKind;
    static const std::vector<std::string> sleepParams = {"tasks", "sleep-ms", "stdout", "write-us", "gil", "switch-ms"};
    static const std::vector<std::string> inProcess = {"tasks", "n", "gil", "switch-ms", "write-us"};
    static const std::vector<std::string> threadPool = {"tasks", "n", "workers", "gil", "switch-ms", "write-us"};
    static const std::vector<std::string> processes = {"tasks", "n", "start-method", "interpreter-startup-ms", "write-us"};
    static const std::vector<std::string> processPool = {"tasks", "n", "workers", "pool-api", "chunksize", "start-method",
                                                         "interpreter-startup-ms", "write-us"};
    static const std::vector<std::string> poolOrderParams = {"tasks", "workers", "pool-api", "chunksize", "start-method",
                                                             "interpreter-startup-ms", "write-us"};
    static const std::vector<std::pair<std::string, int>> thirtyTasks = {{"tasks", 30}};
    static const std::vector<ExperimentInfo> entries = {
        {"sleep-sequential", ExperimentGroup::IoBound, "Sleeping tasks, one after another",
         "Each task prints, sleeps and prints again, one after another on the main thread.", sleepParams, experiments::sleepSequential,
         None, {}, ExperimentRole::Baseline},
        {"sleep-threads", ExperimentGroup::IoBound, "Sleeping tasks in threads",
         "One thread per task, all started then all joined: the sleeps overlap and the prints mangle.", sleepParams,
         experiments::sleepThreads, ThreadPerTask},
        {"sleep-coarse-lock", ExperimentGroup::IoBound, "Threads under one coarse lock",
         "Threads, with one re-entrant lock held around each whole task: the sleeps no longer overlap.", sleepParams,
         experiments::sleepCoarseLock, ThreadPerTask, {}, ExperimentRole::None, true},
        {"sleep-fine-lock", ExperimentGroup::IoBound, "Threads with a lock around each print",
         "Threads, with the lock held only around each print: sleeps overlap and lines stay intact.", sleepParams,
         experiments::sleepFineLock, ThreadPerTask, {}, ExperimentRole::None, true},
        {"sleeper-run", ExperimentGroup::IoBound, "Thread subclass, run() called directly",
         "A Thread subclass whose run() is called directly: everything runs on the main thread, in turn.", sleepParams,
         experiments::sleeperRun},
        {"sleeper-start", ExperimentGroup::IoBound, "Thread subclass, start() then join()",
         "The same Thread subclass started and joined: the tasks run concurrently.", sleepParams, experiments::sleeperStart,
         ThreadPerTask},
        {"sleeper-lock", ExperimentGroup::IoBound, "Thread subclass with a class-level lock",
         "The Thread subclass with one class-level lock around its prints: concurrent and clean.", sleepParams,
         experiments::sleeperLock, ThreadPerTask, {}, ExperimentRole::None, true},
        {"factorial-sequential", ExperimentGroup::CpuBound, "Factorials in a for loop",
         "n! computed task after task on the main thread: the time every other variant is measured against (T1).",
         inProcess, experiments::factorialSequential, None, thirtyTasks, ExperimentRole::Baseline},
        {"factorial-threads", ExperimentGroup::CpuBound, "Factorials in threads",
         "One thread per task. With the GIL (model) on they take turns and gain nothing; with it off they use every core.",
         inProcess, experiments::factorialThreads, ThreadPerTask, thirtyTasks},
        {"factorial-processes", ExperimentGroup::CpuBound, "Factorials in processes",
         "One OS process per task, all started then all joined: real parallelism, paid for with process start-up.",
         processes, experiments::factorialProcesses, ProcessPerTask, thirtyTasks},
        {"factorial-map", ExperimentGroup::CpuBound, "Factorials with the built-in map",
         "map() is sequential: the same time as the for loop.", inProcess,
         experiments::factorialSequential, None, thirtyTasks}, // the built-in map is lazy: tuple() pulls one result at a time, as the loop does
        {"factorial-thread-pool", ExperimentGroup::CpuBound, "Factorials in a thread pool",
         "A thread pool's map: fewer threads than tasks, reused; under the GIL (model) still no faster than the loop.",
         threadPool, experiments::factorialThreadPool, ThreadPool, thirtyTasks, ExperimentRole::SweepTarget},
        {"factorial-process-pool", ExperimentGroup::CpuBound, "Factorials in a process pool",
         "multiprocessing.Pool's map, one worker per core: the tasks go out in chunks, each run back to back by one "
         "worker; the best time, and the results come back in submission order.",
         processPool, experiments::factorialProcessPool, ProcessPool, thirtyTasks, ExperimentRole::SweepTarget},
        {"pool-order", ExperimentGroup::CpuBound, "Pool result order",
         "The lesson's cell: Pool().map(task, range(71)), where task(id) prints its id (ids below 10) under a lock "
         "the worker processes share. The ids print in the order the chunks ran; the results come back in order.",
         poolOrderParams, experiments::poolOrder, ProcessPool, {{"tasks", 71}}, ExperimentRole::Standalone, true},
        {"worker-sweep", ExperimentGroup::Scaling, "Worker-count sweep",
         "The process pool maps the same factorials with 1, 2, 4, … 512 workers: the time falls until the workers "
         "match the cores, then rises as creating them costs more than they gain. Set it up and see it on the Scaling chart tab.",
         {}, nullptr, ProcessPool, thirtyTasks, ExperimentRole::Sweep},
    };
    return entries;
}

const ExperimentInfo *baselineOf(const ExperimentInfo &info)
{
    if (info.role == ExperimentRole::Standalone || info.role == ExperimentRole::Sweep)
        return nullptr;
    for (const auto &other : catalog())
        if (other.group == info.group && other.role == ExperimentRole::Baseline)
            return &other;
    return nullptr;
}

PoolKind sweepPoolOf(const ExperimentInfo &info)
{
    const bool threads = info.workers == WorkerKind::ThreadPerTask || info.workers == WorkerKind::ThreadPool;
    return threads && info.group == ExperimentGroup::CpuBound ? PoolKind::Thread : PoolKind::Process;
}

const ExperimentInfo &sweepExperiment(PoolKind pool)
{
    const WorkerKind workers = pool == PoolKind::Process ? WorkerKind::ProcessPool : WorkerKind::ThreadPool;
    for (const auto &info : catalog())
        if (info.role == ExperimentRole::SweepTarget && info.workers == workers)
            return info;
    throw std::logic_error("the catalog has no sweep target for this pool kind"); // a catalog without one is a build error in spirit
}

const ExperimentInfo &sweepEntry()
{
    for (const auto &info : catalog())
        if (isSweep(info))
            return info;
    throw std::logic_error("the catalog has no sweep entry");
}

bool isSweep(const ExperimentInfo &info)
{
    return info.role == ExperimentRole::Sweep;
}

bool usesParam(const ExperimentInfo &info, std::string_view key)
{
    return std::find(info.params.begin(), info.params.end(), key) != info.params.end();
}

bool startsProcesses(const ExperimentInfo &info)
{
    return info.workers == WorkerKind::ProcessPerTask || info.workers == WorkerKind::ProcessPool;
}

std::vector<const ExperimentInfo *> experimentsOn(WorkerKind workers)
{
    std::vector<const ExperimentInfo *> found;
    for (const auto &info : catalog())
        if (info.workers == workers)
            found.push_back(&info);
    return found;
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
