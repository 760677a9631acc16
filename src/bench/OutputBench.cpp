// lab-bench, output part: what a real write(2) of a printed line costs here,
// and how often the threads cells mangle their lines under each stdout model,
// against the targets of the issue on output and the GIL.
#include "Catalog.h"
#include "Clock.h"
#include "ExperimentRun.h"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace {

void line(const char *figure, const char *value, const char *target = "", const char *met = "")
{
    std::printf("%-52s %14s %12s %5s\n", figure, value, target, met);
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::size_t(p * double(v.size() - 1))];
}

// A print's line, written to a pipe whose reader (another process, as a terminal
// is) waits in read() each time: prints in the lesson's cells are that sparse.
std::vector<double> sparseWriteUs(int writes)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t reader = fork();
    if (reader == 0) {
        close(fds[1]);
        char buffer[4096];
        while (read(fds[0], buffer, sizeof buffer) > 0) { }
        _exit(0);
    }
    close(fds[0]);
    std::vector<double> us;
    const std::string text = "Task 0: starting. ";
    for (int i = 0; i < writes && reader > 0; ++i) {
        usleep(2000);
        const auto t0 = lab::Clock::nowNs();
        if (write(fds[1], text.data(), text.size()) < 0)
            break;
        us.push_back(double(lab::Clock::nowNs() - t0) / 1000.0);
    }
    close(fds[1]);
    if (reader > 0)
        waitpid(reader, nullptr, 0);
    return us;
}

struct Mangling
{
    int mangledRuns = 0;
    int worstMessages = 0;    // the most messages on one line
    int runsOverFour = 0;     // runs with more than four messages on one line
};

Mangling mangling(const std::string &id, int stdoutMode, int runs)
{
    static const std::regex message(R"(Task \d+: (starting|finishing)\. )");
    lab::ExperimentParams params = lab::defaultParams(*lab::findExperiment(id));
    params.stdoutMode = stdoutMode;
    Mangling m;
    for (int r = 0; r < runs; ++r) {
        bool mangled = false;
        int worst = 0;
        for (const std::string &text : lab::ExperimentRun::runToEnd(id, params).console) {
            if (text.empty() || text.rfind("Time spent", 0) == 0)
                continue;
            const auto count = int(std::distance(std::sregex_iterator(text.begin(), text.end(), message), std::sregex_iterator()));
            worst = std::max(worst, count);
            mangled |= count != 1 || !std::regex_match(text, message);
        }
        m.mangledRuns += mangled;
        m.worstMessages = std::max(m.worstMessages, worst);
        m.runsOverFour += worst > 4;
    }
    return m;
}

} // namespace

void benchOutput()
{
    char value[64];
    const auto us = sparseWriteUs(400);
    std::printf("-- a printed line's write(2) to a pipe, its reader waiting (400 writes, 2 ms apart)\n");
    if (!us.empty()) {
        std::snprintf(value, sizeof value, "%.1f µs", percentile(us, 0.5));
        line("  median", value);
        std::snprintf(value, sizeof value, "%.1f µs", percentile(us, 0.9));
        line("  90th percentile", value);
        std::snprintf(value, sizeof value, "%.0f µs", percentile(us, 0.99));
        line("  99th percentile (the writer lost its CPU)", value);
    }
    constexpr int runs = 40;
    // The lesson's unsynchronised printers: I/O-bound threads whose prints take no lock.
    for (const lab::ExperimentInfo *info : lab::experimentsOn(lab::WorkerKind::ThreadPerTask)) {
        if (info->group != lab::ExperimentGroup::IoBound || info->printsUnderLock)
            continue;
        const std::string &id = info->id;
        const lab::ExperimentParams defaults = lab::defaultParams(*info);
        std::printf("-- %s, %d runs, defaults (output call %d µs)\n", id.c_str(), runs, defaults.writeUs);
        const Mangling unbuffered = mangling(id, 1, runs);
        std::snprintf(value, sizeof value, "%d / %d", unbuffered.mangledRuns, runs);
        const bool rateMet = unbuffered.mangledRuns >= runs / 2 && unbuffered.mangledRuns <= runs * 97 / 100;
        line("  unbuffered: runs with a mangled line", value, "50-97 %", rateMet ? "yes" : "NO");
        std::snprintf(value, sizeof value, "%d", unbuffered.runsOverFour);
        line("  unbuffered: runs with > 4 messages on a line", value, "<= 2", unbuffered.runsOverFour <= 2 ? "yes" : "NO");
        std::snprintf(value, sizeof value, "%d", unbuffered.worstMessages);
        line("  unbuffered: most messages on one line", value);
        const Mangling buffered = mangling(id, 0, runs);
        std::snprintf(value, sizeof value, "%d / %d", buffered.mangledRuns, runs);
        line("  line-buffered: runs with a mangled line", value, "0", buffered.mangledRuns == 0 ? "yes" : "NO");
    }
}
