#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lab {

// The values a run is configured with. Every field is described by a ParamSpec,
// so the command line and the GUI build their inputs and checks from one table.
struct ExperimentParams
{
    int tasks = 5;
    int sleepMs = 100;
    int writeUs = 20;      // one output call's time (the model)
    int stdoutMode = 1;    // index into the stdout choices: line-buffered, unbuffered
    int n = 0;             // factorial argument of each CPU-bound task; 0: lesson pace (LessonPace)
    int workers = 0;       // pool size; 0: the pool's own default
    int startMethod = 0;   // index into the start-method choices: fork, spawn
    int poolApi = 0;       // index into the pool-API choices: pool (multiprocessing.Pool), executor
    int chunksize = 0;     // map's chunk size; 0: the API's own rule
    int interpreterStartupMs = 40; // spawn: a new interpreter's start-up, as CPU work (a model)
    int gil = 1;           // index into the GIL choices: off, on
    int switchMs = 5;      // the GIL's switch interval (sys.setswitchinterval)
};

// Digits only, with an optional '-' (no spaces, no '+'), as every whole-number
// option takes them; `allowed` ends the message ("allowed 1–99").
std::optional<std::string> parseWholeNumber(std::string_view key, std::string_view text, const std::string &allowed, long long &value);

struct ParamSpec
{
    std::string key;   // command-line option name, e.g. "sleep-ms"
    std::string label; // human label, e.g. "Sleep"
    std::string unit;  // e.g. "ms"; empty when unitless
    int minimum = 0;
    int maximum = 0;
    int defaultValue = 0;
    std::string help;
    int ExperimentParams::*field = nullptr;
    // Non-empty for a choice: the value is an index into these names
    // (e.g. start method "fork" | "spawn"); the command line takes the name.
    std::vector<std::string> choices = {};
    // A choice's name in the GUI, e.g. "multiprocessing.Pool" for "pool"; empty: the names above.
    std::vector<std::string> choiceLabels = {};
    // What 0 stands for, when it is not a plain number (e.g. "lesson pace"); empty: nothing special.
    std::string zeroMeans = {};

    // A message naming the field and the allowed range, or nothing when valid.
    std::optional<std::string> check(long long value) const;
    std::optional<std::string> parse(std::string_view text, int &value) const;
    std::string allowedRange() const; // e.g. "allowed 1–10000 ms" or "allowed fork | spawn"
    // The value as the command line writes it: a choice's name, or the number.
    std::string format(int value) const;
};

enum class ExperimentGroup { IoBound, CpuBound, Scaling };

// Which workers an experiment runs its tasks on, besides the thread playing MainThread.
enum class WorkerKind {
    None,        // the main thread does the work
    ThreadPerTask,
    ProcessPerTask,
    ThreadPool,  // ThreadPoolExecutor
    ProcessPool, // multiprocessing.Pool or ProcessPoolExecutor (the pool-api parameter)
};

// What part an experiment plays for the others.
enum class ExperimentRole {
    None,
    Baseline,    // its group's sequential run: the time T1 the group's speedups divide
    SweepTarget, // the map a worker-count sweep of its pool kind runs
    Standalone,  // its tasks are not its group's workload: no baseline, no speedup (pool-order)
    Sweep,       // the worker-count sweep itself: no body, it runs the sweep targets (SweepRun)
};

enum class PoolKind; // Sweep.h

struct RunContext;
using ExperimentBody = void (*)(RunContext &);

struct ExperimentInfo
{
    std::string id;
    ExperimentGroup group = ExperimentGroup::IoBound;
    std::string title;
    std::string description; // one line
    std::vector<std::string> params; // keys into paramSpecs()
    ExperimentBody body = nullptr;   // runs on the thread playing MainThread; none for the sweep
    WorkerKind workers = WorkerKind::None;
    // Defaults that differ from the ParamSpec's, e.g. 30 tasks for the CPU-bound experiments.
    std::vector<std::pair<std::string, int>> defaultOverrides = {};
    ExperimentRole role = ExperimentRole::None;
    bool printsUnderLock = false; // every print holds a lock: its lines never mangle
};

// The experiment's starting values: every spec's default, with its overrides applied.
ExperimentParams defaultParams(const ExperimentInfo &info);

const std::vector<ParamSpec> &paramSpecs();
const ParamSpec *findParam(std::string_view key);
const std::vector<ExperimentInfo> &catalog();
const ExperimentInfo *findExperiment(std::string_view id);
bool usesParam(const ExperimentInfo &info, std::string_view key);
bool startsProcesses(const ExperimentInfo &info);
// The experiments whose tasks run on `workers`, in catalog order.
std::vector<const ExperimentInfo *> experimentsOn(WorkerKind workers);
// The experiment whose time the speedups of `info`'s group are measured against, if any.
const ExperimentInfo *baselineOf(const ExperimentInfo &info);
// The pool a sweep "of this experiment" uses: threads for the CPU-bound thread experiments, else processes.
PoolKind sweepPoolOf(const ExperimentInfo &info);
// The experiment a sweep of `pool` runs at each worker count.
const ExperimentInfo &sweepExperiment(PoolKind pool);
// The catalog's entry for the worker-count sweep (role Sweep).
const ExperimentInfo &sweepEntry();
bool isSweep(const ExperimentInfo &info);
std::string experimentIds(std::string_view separator = ", ");
std::string_view toString(ExperimentGroup group);

} // namespace lab
