// lab-bench figures for the timeline: the time to paint one 1920×1080 frame of
// a synthetic run, the whole run in view (the worst case: every span visible).
// Frames alternate a 1 % zoom in and out, so none repeats the one before, as
// while a user zooms; the painter keeps nothing of a frame's lanes for the next.
#include "TimelineExport.h"
#include "TimelinePainter.h"

#include "Clock.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <time.h>

namespace {

constexpr int frames = 31;

double cpuMs(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// This thread's CPU time: indexing runs on it alone.
double threadCpuMs()
{
    return cpuMs(CLOCK_THREAD_CPUTIME_ID);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// A run as the CPU-bound experiments record it, roughly: short running spans
// (on a CPU part of the time), sleeps, console I/O, lock and GIL waits, idle workers.
lab::TimelineData syntheticRun(int lanes, int spans)
{
    lab::TimelineData d;
    d.originNs = 1'000'000'000;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    for (int l = 0; l < lanes; ++l)
        d.lanes.push_back({std::uint32_t(l), l == 0 ? "MainThread" : "Thread-" + std::to_string(l), lab::LaneKind::Thread, 1, l});
    d.spans.reserve(std::size_t(spans));
    const int perLane = spans / lanes;
    std::int64_t end = d.originNs;
    for (int l = 0; l < lanes; ++l) {
        auto t = d.originNs + std::int64_t(u(rng) * 1e6);
        for (int i = 0; i < perLane; ++i) {
            const double r = u(rng);
            lab::StateSpan s{std::uint32_t(l), lab::SpanState::Running, i / 8, t, t};
            double ns = 0;
            if (r < 0.4) {
                ns = 2e4 + u(rng) * 5e5;
                s.cpuNs = std::int64_t(ns * (0.3 + 0.7 * u(rng)));
            } else if (r < 0.6) {
                s.state = lab::SpanState::Sleeping;
                ns = 1e5 + u(rng) * 2e6;
            } else if (r < 0.7) {
                s.state = lab::SpanState::Io;
                ns = 3e5;
                d.writes.push_back({std::uint32_t(l), s.task, t, "x"});
            } else if (r < 0.8) {
                s.state = lab::SpanState::LockWait;
                ns = 1e4 + u(rng) * 1e6;
            } else if (r < 0.95) {
                s.state = lab::SpanState::GilWait;
                ns = 1e4 + u(rng) * 5e6;
            } else {
                s.state = lab::SpanState::Idle;
                ns = 1e5 * u(rng);
            }
            s.endNs = t + std::int64_t(ns) + 1;
            t = s.endNs;
            d.spans.push_back(s);
        }
        end = std::max(end, t);
    }
    d.endNs = end;
    std::stable_sort(d.spans.begin(), d.spans.end(), [](const auto &a, const auto &b) { return a.startNs < b.startNs; });
    std::stable_sort(d.writes.begin(), d.writes.end(), [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; });
    return d;
}

// The run as a live snapshot taken at takenNs showed it: later spans not yet
// there, the ones then running ending at takenNs.
lab::TimelineData takenAt(const lab::TimelineData &run, std::int64_t takenNs)
{
    lab::TimelineData d;
    d.originNs = run.originNs;
    d.endNs = takenNs;
    d.lanes = run.lanes;
    for (lab::StateSpan s : run.spans) {
        if (s.startNs >= takenNs)
            break;
        s.endNs = std::min(s.endNs, takenNs);
        d.spans.push_back(s);
    }
    for (const auto &w : run.writes) {
        if (w.timeNs < takenNs)
            d.writes.push_back(w);
    }
    return d;
}

void row(const char *figure, const char *value, const char *target = "", const char *met = "")
{
    std::printf("%-40s %12s %10s %5s\n", figure, value, target, met);
}

} // namespace

void benchTimeline()
{
    // Painting text needs a QGuiApplication; lab-bench has no display.
    std::unique_ptr<QGuiApplication> app;
    if (!QCoreApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "lab-bench";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    std::printf("\n-- timeline: one 1920x1080 frame, whole run in view, zooming 1 %% in and out, median of %d\n", frames);
    struct Case
    {
        int spans, lanes;
        double target; // ms, 0: none
    };
    char figure[64], value[64], target[32];
    for (const Case c : {Case{10'000, 64, 2}, Case{100'000, 256, 0}, Case{1'000'000, 512, 16}}) {
        auto data = std::make_shared<lab::TimelineData>(syntheticRun(c.lanes, c.spans));
        // A live run: setData ~30×/s, each snapshot a little longer than the one before.
        const auto before = std::make_shared<lab::TimelineData>(takenAt(*data, data->endNs - (data->endNs - data->originNs) / 300));
        lab::TimelineScene live;
        live.setCurrent(before);
        double cpu0 = threadCpuMs();
        live.setCurrent(data);
        const double updateMs = threadCpuMs() - cpu0;
        cpu0 = threadCpuMs();
        lab::TimelineScene scene;
        scene.setCurrent(data);
        const double indexMs = threadCpuMs() - cpu0;
        const lab::TimelineStyle style = lab::TimelineStyle::light();
        lab::TimelineFrame frame = lab::exportFrame(scene, QRectF(0, 0, 1920, 1080), style);
        const lab::TimelinePainter painter(scene, style);
        QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
        std::vector<double> samples, cpuSamples, bands;
        for (int i = 0; i < frames; ++i) {
            const double centre = frame.axis.left() + frame.axis.width() / 2;
            frame.axis.zoomAt(centre, i % 2 ? 1 / 1.01 : 1.01);
            const auto start = lab::Clock::nowNs();
            const double cpuStart = cpuMs(CLOCK_PROCESS_CPUTIME_ID);
            QPainter p(&image);
            painter.paint(p, frame);
            p.end();
            cpuSamples.push_back(cpuMs(CLOCK_PROCESS_CPUTIME_ID) - cpuStart);
            samples.push_back(double(lab::Clock::nowNs() - start) / 1e6);
            bands.push_back(lab::TimelinePainter::lastLaneBands());
        }
        // The frame time is the wall time: the lanes are written by idle helper threads too.
        const double ms = median(samples);
        std::snprintf(figure, sizeof figure, "  frame, %d spans on %d lanes", c.spans, c.lanes);
        std::snprintf(value, sizeof value, "%.2f ms", ms);
        if (c.target > 0) {
            std::snprintf(target, sizeof target, "<= %.0f ms", c.target);
            row(figure, value, target, ms <= c.target ? "yes" : "NO");
        } else {
            row(figure, value);
        }
        std::snprintf(value, sizeof value, "%.2f ms", median(cpuSamples));
        row("    CPU time, all threads", value);
        std::snprintf(value, sizeof value, "%.0f", median(bands));
        row("    bands of lanes", value);
        std::snprintf(value, sizeof value, "%.2f ms", indexMs);
        row("    index the whole run (CPU)", value);
        std::snprintf(value, sizeof value, "%.2f ms", updateMs);
        row("    live update: index what is new (CPU)", value);
    }
}
