#include "SweepRun.h"

#include "Machine.h"
#include "CancelToken.h"
#include "ExperimentRun.h"
#include "LessonPace.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <unistd.h>

namespace lab {
namespace {

// One pool run; its wall time, or nothing when cancelled or failed (error set).
std::optional<std::int64_t> timePool(const SweepSpec &spec, int workers, CancelToken &cancel, std::string &error)
{
    const std::string id = sweepExperiment(spec.pool).id;
    ExperimentParams params = defaultParams(*findExperiment(id));
    params.tasks = spec.tasks;
    params.n = spec.n;
    params.workers = workers;
    params.writeUs = 0;
    params.gil = spec.gil ? 1 : 0;
    params.switchMs = spec.switchMs;
    params.startMethod = spec.startMethod == StartMethod::Spawn ? 1 : 0;
    params.poolApi = spec.poolApi;
    params.chunksize = spec.chunksize;
    params.interpreterStartupMs = spec.interpreterStartupMs;
    ExperimentRun run(id, params);
    run.start();
    while (!run.isFinished()) {
        if (cancel.isCancelled())
            run.cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const RunResult &result = run.wait();
    if (!result.error.empty()) {
        error = "a pool of " + std::to_string(workers) + " failed: " + result.error;
        return std::nullopt;
    }
    if (result.cancelled)
        return std::nullopt;
    return result.wallNs;
}

std::optional<SweepPoint> measure(const SweepSpec &spec, int workers, CancelToken &cancel, std::string &error)
{
    SweepPoint point;
    point.workers = workers;
    for (int r = 0; r < std::max(1, spec.repeat); ++r) {
        const auto wall = timePool(spec, workers, cancel, error);
        if (!wall)
            return std::nullopt;
        point.repeatsNs.push_back(*wall);
    }
    auto sorted = point.repeatsNs;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t mid = sorted.size() / 2;
    point.wallNs = sorted.size() % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return point;
}

} // namespace

std::vector<int> defaultSweepWorkers()
{
    std::vector<int> out;
    for (int w = 1; w <= 512; w *= 2)
        out.push_back(w);
    return out;
}

void computeSweepFigures(SweepResult &result)
{
    for (SweepPoint &point : result.points) {
        const int useful = std::max(1, std::min(point.workers, result.cpuCount));
        point.idealNs = double(result.t1Ns) / useful;
        point.speedup = point.wallNs > 0 ? double(result.t1Ns) / double(point.wallNs) : 0.0;
        point.efficiency = point.speedup / useful;
    }
}

SweepResult runSweep(const SweepSpec &spec, CancelToken &cancel, const std::function<void(const SweepResult &)> &progress)
{
    SweepResult result;
    result.spec = spec;
    // n = 0: the lesson's pace, resolved once so that every point computes the same n.
    if (const auto n = LessonPace::resolve(spec.n, [&cancel] { return cancel.isCancelled(); }))
        result.spec.n = *n;
    else {
        result.cancelled = true;
        return result;
    }
    const SweepSpec &resolved = result.spec;
    result.cpuCount = cpuCount();
    // T1 is the one-worker time: measured first, as the first point when 1 is in the list.
    const bool oneInList = std::find(spec.workers.begin(), spec.workers.end(), 1) != spec.workers.end();
    if (!oneInList) {
        const auto t1 = measure(resolved, 1, cancel, result.error);
        if (!t1) {
            result.cancelled = cancel.isCancelled();
            return result;
        }
        result.t1Ns = t1->wallNs;
    }
    std::vector<int> order = spec.workers;
    if (oneInList) // 1 first, so every later point has its T1
        std::stable_partition(order.begin(), order.end(), [](int w) { return w == 1; });
    for (const int workers : order) {
        const auto point = measure(resolved, workers, cancel, result.error);
        if (!point) {
            result.cancelled = cancel.isCancelled();
            break;
        }
        if (workers == 1 && result.t1Ns == 0)
            result.t1Ns = point->wallNs;
        result.points.push_back(*point);
        computeSweepFigures(result);
        if (progress)
            progress(result);
    }
    // Report in the order asked for.
    std::stable_sort(result.points.begin(), result.points.end(), [&](const SweepPoint &a, const SweepPoint &b) {
        return std::find(spec.workers.begin(), spec.workers.end(), a.workers) < std::find(spec.workers.begin(), spec.workers.end(), b.workers);
    });
    return result;
}

} // namespace lab
