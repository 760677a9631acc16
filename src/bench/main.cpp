// lab-bench: figures for the targets the issues name. Prints medians over
// repeats; it asserts nothing -- the figures go next to the targets in notes.
#include "Clock.h"
#include "Recorder.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <malloc.h>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

void benchCpuBound(); // CpuBench.cpp
void benchSweep();    // CpuBench.cpp
void benchTimeline(); // TimelineBench.cpp
void benchOutput();   // OutputBench.cpp

namespace {

constexpr int repeats = 9;
constexpr std::size_t eventsPerRepeat = 1'000'000;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Timing
{
    double median = 0; // over all repeats
    double first = 0;  // the first repeat: fresh memory, cold caches
};

// The slowest thread's nanoseconds per item, with `threads` threads running
// body(thread index, count) at the same time. `setup` runs before each
// repeat, outside the timing.
Timing nsPerItemOnThreads(int threads, const std::function<void(int, std::size_t)> &body,
                          const std::function<void()> &setup = {})
{
    std::vector<double> samples;
    for (int r = 0; r < repeats; ++r) {
        if (setup)
            setup();
        std::vector<double> perThread(std::size_t(threads), 0.0);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                const auto t0 = lab::Clock::nowNs();
                body(t, eventsPerRepeat);
                perThread[std::size_t(t)] = double(lab::Clock::nowNs() - t0) / double(eventsPerRepeat);
            });
        for (auto &w : workers)
            w.join();
        samples.push_back(*std::max_element(perThread.begin(), perThread.end()));
    }
    return {median(samples), samples.front()};
}

// Measured on as many threads as the recording it is compared with: on a
// 2-core machine the two cores may be siblings that slow each other down.
Timing clockReadNs(int threads)
{
    return nsPerItemOnThreads(threads, [](int, std::size_t n) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            sum += lab::Clock::nowNs();
        volatile std::int64_t sink = sum;
        (void)sink;
    });
}

void recordInto(lab::LaneRecorder &lane, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        lane.setState(i & 1 ? lab::SpanState::Sleeping : lab::SpanState::Running, int(i & 7));
}

// Each repeat records into a fresh recorder, so taking new memory is included.
Timing recordNs(int threads)
{
    std::unique_ptr<lab::Recorder> recorder;
    std::vector<lab::LaneRecorder *> lanes;
    auto freshRecorder = [&] {
        lanes.clear();
        recorder = std::make_unique<lab::Recorder>();
        for (int t = 0; t < threads; ++t)
            lanes.push_back(&recorder->addLane("bench", lab::LaneKind::Thread, 0, t));
    };
    return nsPerItemOnThreads(threads, [&](int t, std::size_t n) { recordInto(*lanes[std::size_t(t)], n); }, freshRecorder);
}

// Resident memory, so chunks mapped outside malloc are counted too.
double residentBytes()
{
    long pages = 0, resident = 0;
    if (std::FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE));
}

double bytesPerEvent()
{
    constexpr std::size_t events = 4 * eventsPerRepeat;
    std::vector<double> samples;
    for (int r = 0; r < 3; ++r) {
        malloc_trim(0);
        const double before = residentBytes();
        auto recorder = std::make_unique<lab::Recorder>();
        recordInto(recorder->addLane("bench", lab::LaneKind::Thread, 0, 0), events);
        samples.push_back((residentBytes() - before) / double(events));
    }
    return median(samples);
}

void row(const char *figure, const char *value, const char *target = "", const char *met = "")
{
    std::printf("%-40s %12s %10s %5s\n", figure, value, target, met);
}

void benchRecorder()
{
    std::printf("-- recorder: medians over %d repeats of %zu events\n", repeats, eventsPerRepeat);
    char value[64];
    for (int threads : {1, 2}) {
        const Timing clock = clockReadNs(threads);
        const Timing record = recordNs(threads);
        const double ratio = record.median / clock.median;
        std::printf("-- %d thread%s, each on its own lane\n", threads, threads > 1 ? "s" : "");
        std::snprintf(value, sizeof value, "%.1f ns", clock.median);
        row("  clock read (CLOCK_MONOTONIC)", value);
        std::snprintf(value, sizeof value, "%.1f ns", record.median);
        row("  record one event", value);
        std::snprintf(value, sizeof value, "%.2f", ratio);
        row("  = clock reads per recorded event", value, "<= 1.50", ratio <= 1.5 ? "yes" : "NO");
        std::snprintf(value, sizeof value, "%.2f", record.first / clock.median);
        row("    first repeat only (fresh memory)", value);
    }
    const double bytes = bytesPerEvent();
    std::snprintf(value, sizeof value, "%.1f", bytes);
    row("bytes of memory per event (resident)", value, "<= 40", bytes <= 40 ? "yes" : "NO");
}

} // namespace

// lab-bench [recorder|cpu|sweep|output|timeline ...]: the named sections, or all of them.
int main(int argc, char **argv)
{
    const std::vector<std::pair<std::string, std::function<void()>>> sections = {
        {"recorder", benchRecorder}, {"cpu", benchCpuBound}, {"sweep", benchSweep}, {"output", benchOutput}, {"timeline", benchTimeline}};
    std::vector<std::string> wanted(argv + 1, argv + argc);
    for (const auto &name : wanted) {
        if (std::none_of(sections.begin(), sections.end(), [&](const auto &s) { return s.first == name; })) {
            std::fprintf(stderr, "lab-bench: unknown section \"%s\"; the sections are recorder, cpu, sweep, output and timeline\n", name.c_str());
            return 2;
        }
    }
    std::printf("lab-bench\n");
    row("figure", "value", "target", "met");
    for (const auto &[name, run] : sections) {
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), name) != wanted.end())
            run();
    }
    return 0;
}
