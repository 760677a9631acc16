// lab-bench, CPU-bound part: process-pool scaling, process start-up cost per
// start method, chunk dispatch, the GIL model's hand-off interval, and the
// default sweep against CPython's.
#include "CancelToken.h"
#include "Clock.h"
#include "ExperimentRun.h"
#include "Factorial.h"
#include "Machine.h"
#include "GilModel.h"
#include "Recorder.h"
#include "SweepRun.h"
#include "TimelineData.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

double medianOf(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void line(const char *figure, const char *value, const char *target = "", const char *met = "")
{
    std::printf("%-52s %14s %12s %5s\n", figure, value, target, met);
}

double wallSeconds(const std::string &id, lab::ExperimentParams params)
{
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r)
        runs.push_back(lab::ExperimentRun::runToEnd(id, params).wallSeconds());
    return medianOf(runs);
}

void poolScaling(int cores, int n)
{
    const int tasks = 8 * cores;
    lab::ExperimentParams params = lab::defaultParams(lab::sweepExperiment(lab::PoolKind::Process));
    params.tasks = tasks;
    params.n = n;
    params.writeUs = 0;
    params.workers = 1;
    const double t1 = wallSeconds(lab::sweepExperiment(lab::PoolKind::Process).id, params);
    params.workers = cores;
    const double tc = wallSeconds(lab::sweepExperiment(lab::PoolKind::Process).id, params);
    const double speedup = t1 / tc;
    const double efficiency = speedup / cores;
    char value[64];
    std::printf("-- process pool, %d tasks of %d! (~150 ms each), median of 5 runs\n", tasks, n);
    std::snprintf(value, sizeof value, "%.3f s", t1);
    line("  1 worker (T1)", value);
    std::snprintf(value, sizeof value, "%.3f s", tc);
    std::string label = "  " + std::to_string(cores) + " workers (= cores)";
    line(label.c_str(), value);
    std::snprintf(value, sizeof value, "%.2fx", speedup);
    line("  speedup", value);
    std::snprintf(value, sizeof value, "%.3f", efficiency);
    line("  efficiency (speedup / cores)", value, ">= 0.95", efficiency >= 0.95 ? "yes" : "NO");
}

// The median start-up span of `processes` processes started together, in ms: from the request to the
// worker's first instruction (spawn includes the interpreter start-up model).
double startupCost(const char *method, int startMethod, int processes)
{
    const lab::ExperimentInfo &perTask = *lab::experimentsOn(lab::WorkerKind::ProcessPerTask).at(0);
    lab::ExperimentParams params = lab::defaultParams(perTask);
    params.tasks = processes;
    params.n = 10;
    params.writeUs = 0;
    params.startMethod = startMethod;
    std::vector<double> startups;
    for (int r = 0; r < 5; ++r) {
        const lab::RunResult result = lab::ExperimentRun::runToEnd(perTask.id, params);
        const lab::TimelineData timeline = lab::TimelineData::fromSnapshot(result.recording);
        for (const lab::StateSpan &span : timeline.spans)
            if (span.state == lab::SpanState::Startup)
                startups.push_back(double(span.durationNs()) / 1e6);
    }
    char value[64];
    std::snprintf(value, sizeof value, "%.2f ms", medianOf(startups));
    const std::string label = "  " + std::to_string(processes) + " processes, " + method + ": start-up (median of " + std::to_string(startups.size()) + ")";
    line(label.c_str(), value);
    return medianOf(startups);
}

// What one chunk costs the pool: 512 trivial tasks mapped one task a
// chunk against two chunks, on 2 workers; the difference per extra chunk.
void chunkDispatch()
{
    lab::ExperimentParams params = lab::defaultParams(lab::sweepExperiment(lab::PoolKind::Process));
    params.tasks = 512;
    params.n = 1;
    params.writeUs = 0;
    params.workers = 2;
    params.chunksize = 1;
    const double many = wallSeconds(lab::sweepExperiment(lab::PoolKind::Process).id, params);
    params.chunksize = 256;
    const double two = wallSeconds(lab::sweepExperiment(lab::PoolKind::Process).id, params);
    char value[64];
    std::snprintf(value, sizeof value, "%.1f us", (many - two) / (512 - 2) * 1e6);
    line("  dispatching one chunk (queue to a free worker, results back)", value);
}

// The default sweep (multiprocessing.Pool, 30 tasks at lesson pace, 1..512
// workers) as ratios to its 1-worker time, beside CPython's Pool on this
// project's 2-core VM (issue 9's measurement).
void defaultSweep()
{
    lab::SweepSpec spec;
    spec.workers = lab::defaultSweepWorkers();
    lab::CancelToken cancel;
    const lab::SweepResult result = lab::runSweep(spec, cancel);
    static const double cpython[] = {1.0, 0.52, 0.51, 0.51, 0.50, 0.54, 0.55, 0.58, 0.65, 0.80};
    std::printf("-- default sweep: Pool, %d tasks of %d! (lesson pace), wall / T1 (T1 = %.3f s); CPython 3.11, 2 cores\n", spec.tasks,
                result.spec.n, double(result.t1Ns) / 1e9);
    double worst = 0;
    for (std::size_t i = 0; i < result.points.size(); ++i) {
        const double ratio = double(result.points[i].wallNs) / double(result.t1Ns);
        const double theirs = i < std::size(cpython) ? cpython[i] : 0;
        worst = std::max(worst, std::abs(ratio - theirs));
        char label[64], value[64], target[32];
        std::snprintf(label, sizeof label, "  %3d workers: wall / T1 (CPython)", result.points[i].workers);
        std::snprintf(value, sizeof value, "%.2f", ratio);
        std::snprintf(target, sizeof target, "%.2f", theirs);
        line(label, value, target, std::abs(ratio - theirs) <= 0.15 ? "yes" : "NO");
    }
    char value[64];
    std::snprintf(value, sizeof value, "%.2f", worst);
    line("  largest difference from CPython", value, "<= 0.15", worst <= 0.15 ? "yes" : "NO");
}

// Two threads running Python-level code (a check every ~20 µs): the GIL
// should change hands about once per switch interval.
void gilHandoffs(int switchMs)
{
    lab::Recorder recorder;
    lab::CancelToken cancel;
    const auto &gilLane = recorder.addLane("GIL (model)", lab::LaneKind::Gil, 1, 0);
    lab::GilModel gil(gilLane.id(), std::int64_t(switchMs) * 1'000'000, cancel);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
            auto &lane = recorder.addCurrentThreadLane("Thread-" + std::to_string(i + 1));
            if (!gil.take(lane, -1))
                return;
            const auto until = lab::Clock::nowNs() + 1'000'000'000;
            while (lab::Clock::nowNs() < until) {
                const auto step = lab::Clock::nowNs() + 20'000;
                while (lab::Clock::nowNs() < step) { }
                gil.checkpoint(lane, -1);
            }
            gil.drop(lane, -1);
        });
    for (auto &t : threads)
        t.join();
    const lab::TimelineData timeline = lab::TimelineData::fromSnapshot(recorder.snapshot());
    std::vector<double> holds;
    // Whole holds only: the first and last are cut by the threads' start and end.
    for (std::size_t i = 1; i + 1 < timeline.gil.size(); ++i)
        holds.push_back(double(timeline.gil[i].endNs - timeline.gil[i].startNs) / 1e6);
    const double median = medianOf(holds);
    const double ratio = median / switchMs;
    char value[64];
    std::snprintf(value, sizeof value, "%.2f ms", median);
    const std::string label = "  hand-off interval, switch interval " + std::to_string(switchMs) + " ms (" + std::to_string(holds.size()) + " holds)";
    line(label.c_str(), value);
    std::snprintf(value, sizeof value, "%.2f", ratio);
    line("  = interval / switch interval", value, "0.9-1.2", ratio >= 0.9 && ratio <= 1.2 ? "yes" : "NO");
}

} // namespace

void benchSweep()
{
    std::printf("\nlab-bench: the default sweep\n\n");
    line("figure", "value", "target", "met");
    defaultSweep();
}

void benchCpuBound()
{
    const int cores = lab::cpuCount();
    std::printf("\nlab-bench: CPU-bound work on %d core%s\n\n", cores, cores == 1 ? "" : "s");
    line("figure", "value", "target", "met");
    poolScaling(cores, lab::Factorial::calibrate(150).value_or(100000));
    std::printf("-- process start-up: from the request to the worker's first instruction\n");
    for (int processes : {2, 32}) {
        const double fork = startupCost("fork", 0, processes);
        const double spawn = startupCost("spawn", 1, processes);
        char value[64];
        std::snprintf(value, sizeof value, "%.1f", spawn / fork);
        line("  = spawn / fork (CPython here: 30-40)", value, ">= 10", spawn / fork >= 10 ? "yes" : "NO");
    }
    std::printf("-- process pool dispatch\n");
    chunkDispatch();
    std::printf("-- GIL model: two threads running Python-level code\n");
    gilHandoffs(5);
}
