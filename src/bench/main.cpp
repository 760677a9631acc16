// lab-bench: figures for the targets the issues name. Prints medians over
// repeats; it asserts nothing -- the figures go next to the targets in notes.
#include "Clock.h"
#include "Recorder.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <malloc.h>
#include <memory>
#include <thread>
#include <vector>

namespace {

constexpr int repeats = 9;
constexpr std::size_t eventsPerRepeat = 1'000'000;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Median over repeats of the nanoseconds one call of `body(count)` spends per item.
double nsPerItem(const std::function<void(std::size_t)> &body, std::size_t count)
{
    std::vector<double> samples;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = lab::Clock::nowNs();
        body(count);
        samples.push_back(double(lab::Clock::nowNs() - t0) / double(count));
    }
    return median(samples);
}

double clockReadNs()
{
    volatile std::int64_t sink = 0;
    return nsPerItem([&](std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            sink = sink + lab::Clock::nowNs();
    }, eventsPerRepeat);
}

void recordInto(lab::LaneRecorder &lane, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        lane.setState(i & 1 ? lab::SpanState::Sleeping : lab::SpanState::Running, int(i & 7));
}

double recordNs(int threads)
{
    std::vector<double> samples;
    for (int r = 0; r < repeats; ++r) {
        lab::Recorder recorder;
        std::vector<lab::LaneRecorder *> lanes;
        for (int t = 0; t < threads; ++t)
            lanes.push_back(&recorder.addLane("bench", lab::LaneKind::Thread, 0, t));
        std::vector<double> perThread(std::size_t(threads), 0.0);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                const auto t0 = lab::Clock::nowNs();
                recordInto(*lanes[std::size_t(t)], eventsPerRepeat);
                perThread[std::size_t(t)] = double(lab::Clock::nowNs() - t0) / double(eventsPerRepeat);
            });
        for (auto &w : workers)
            w.join();
        samples.push_back(*std::max_element(perThread.begin(), perThread.end()));
    }
    return median(samples);
}

double bytesPerEvent()
{
    std::vector<double> samples;
    for (int r = 0; r < 3; ++r) {
        const auto before = mallinfo2().uordblks;
        {
            auto recorder = std::make_unique<lab::Recorder>();
            auto &lane = recorder->addLane("bench", lab::LaneKind::Thread, 0, 0);
            recordInto(lane, eventsPerRepeat);
            samples.push_back(double(mallinfo2().uordblks - before) / double(eventsPerRepeat));
        }
    }
    return median(samples);
}

} // namespace

int main()
{
    std::printf("lab-bench: medians over %d repeats of %zu events\n\n", repeats, eventsPerRepeat);
    const double clock = clockReadNs();
    const double one = recordNs(1);
    const double two = recordNs(2);
    const double bytes = bytesPerEvent();
    std::printf("%-36s %10s %14s %10s\n", "figure", "value", "target", "met");
    std::printf("%-36s %7.1f ns %14s %10s\n", "clock read (CLOCK_MONOTONIC)", clock, "", "");
    std::printf("%-36s %7.1f ns %11.2f clk  %10s\n", "record one event, 1 thread", one, 1.5, "");
    std::printf("%-36s %10.2f %14s %10s\n", "  = clock reads per event", one / clock, "<= 1.50", one / clock <= 1.5 ? "yes" : "NO");
    std::printf("%-36s %7.1f ns %14s %10s\n", "record one event, 2 threads", two, "", "");
    std::printf("%-36s %10.2f %14s %10s\n", "  = clock reads per event", two / clock, "<= 1.50", two / clock <= 1.5 ? "yes" : "NO");
    std::printf("%-36s %10.1f %14s %10s\n", "bytes of memory per event", bytes, "<= 40", bytes <= 40 ? "yes" : "NO");
    return 0;
}
