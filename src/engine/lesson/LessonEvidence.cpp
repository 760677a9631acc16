#include "LessonEvidence.h"

#include "RunResult.h"
#include "Sweep.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lab {

namespace {

int count(std::string_view text, std::string_view word)
{
    int n = 0;
    for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + word.size()))
        ++n;
    return n;
}

} // namespace

bool consoleMangled(const std::vector<std::string> &console)
{
    // The tasks' lines come first; the cell's timing line follows an empty one.
    std::size_t end = console.size();
    for (std::size_t i = 0; i < console.size(); ++i)
        if (console[i].starts_with("Time spent inside the loop")) {
            end = i > 0 && console[i - 1].empty() ? i - 1 : i;
            break;
        }
    for (std::size_t i = 0; i < end; ++i)
        if (console[i].empty() || count(console[i], "Task ") > 1)
            return true;
    return false;
}

std::vector<int> printedIds(const std::vector<std::string> &console)
{
    std::vector<int> ids;
    for (const std::string &line : console) {
        if (line.starts_with("(")) // the results tuple: the order they came back in, not ran in
            break;
        for (std::size_t i = 0; i < line.size();) {
            if (!std::isdigit(static_cast<unsigned char>(line[i]))) {
                ++i;
                continue;
            }
            // A long digit run (a timing's decimals) is no id: it is skipped, not overflowed.
            long long id = 0;
            std::size_t digits = 0;
            for (; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])); ++i, ++digits)
                if (digits < 9)
                    id = id * 10 + (line[i] - '0');
            if (digits < 9)
                ids.push_back(int(id));
        }
    }
    return ids;
}

LessonEvidence LessonEvidence::of(const RunResult &run, std::int64_t t1Ns)
{
    LessonEvidence e;
    e.wallNs = run.wallNs;
    e.sleepMs = run.params.sleepMs;
    e.tasks = run.params.tasks;
    e.chunksize = run.chunksize;
    e.t1Ns = t1Ns;
    e.cores = run.cpuCount;
    e.gil = run.params.gil != 0;
    e.lineBuffered = run.params.stdoutMode == 0;
    e.mangled = consoleMangled(run.console);
    e.printedIds = lab::printedIds(run.console);
    e.complete = !run.cancelled && run.error.empty() && run.failed.empty();
    return e;
}

LessonEvidence LessonEvidence::of(const SweepResult &sweep)
{
    LessonEvidence e;
    e.cores = sweep.cpuCount;
    e.tasks = sweep.spec.tasks;
    e.t1Ns = sweep.t1Ns;
    e.gil = sweep.spec.gil;
    const auto best = std::min_element(sweep.points.begin(), sweep.points.end(), [](const SweepPoint &a, const SweepPoint &b) {
        return (a.wallNs > 0 ? a.wallNs : INT64_MAX) < (b.wallNs > 0 ? b.wallNs : INT64_MAX);
    });
    if (best != sweep.points.end() && best->wallNs > 0) {
        e.bestWorkers = best->workers;
        e.wallNs = best->wallNs;
    }
    e.complete = !sweep.cancelled && sweep.error.empty() && !sweep.points.empty();
    return e;
}

std::optional<double> LessonEvidence::value(LessonMeasure measure) const
{
    if (!complete)
        return std::nullopt;
    switch (measure) {
    case LessonMeasure::WallOverSleep:
        if (wallNs <= 0 || sleepMs <= 0)
            return std::nullopt;
        return double(wallNs) / (double(sleepMs) * 1e6);
    case LessonMeasure::WallOverT1:
        if (wallNs <= 0 || t1Ns <= 0)
            return std::nullopt;
        return double(wallNs) / double(t1Ns);
    case LessonMeasure::LinesMangled: return mangled ? 1.0 : 0.0;
    case LessonMeasure::IdsInOrder:
        if (printedIds.empty())
            return std::nullopt;
        return std::is_sorted(printedIds.begin(), printedIds.end()) ? 1.0 : 0.0;
    case LessonMeasure::BestWorkers:
        if (bestWorkers <= 0)
            return std::nullopt;
        return bestWorkers;
    }
    return std::nullopt;
}

} // namespace lab
