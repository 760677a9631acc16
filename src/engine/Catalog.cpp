#include "Catalog.h"

#include "IoBoundExperiments.h"

#include <charconv>

namespace lab {

std::string ParamSpec::allowedRange() const
{
    return "allowed " + std::to_string(minimum) + "–" + std::to_string(maximum) + (unit.empty() ? "" : " " + unit);
}

std::optional<std::string> ParamSpec::check(long long value) const
{
    if (value >= minimum && value <= maximum)
        return std::nullopt;
    return "--" + key + ": " + std::to_string(value) + " is out of range; " + allowedRange();
}

std::optional<std::string> ParamSpec::parse(std::string_view text, int &value) const
{
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
    static const std::vector<std::string> sleepParams = {"tasks", "sleep-ms", "write-us"};
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
