#include "CommandOptions.h"

#include "CommandLine.h"

#include "ExperimentRun.h"
#include "Factorial.h"
#include "LessonPace.h"
#include "QtStrings.h"

#include <QCommandLineParser>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

using namespace Qt::StringLiterals;

namespace lab::cli {
namespace {

// Set by SIGINT, SIGTERM or SIGHUP, which may arrive on any thread of the run.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
extern "C" void onInterrupt(int) { g_interrupted.store(true); }

} // namespace

void print(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

int badInput(const QString &message)
{
    print(stderr, u"concurrency-lab: "_s + message + u"\nTry 'concurrency-lab --help' for more information.\n"_s);
    return ExitBadInput;
}

// The experiment's options, e.g. "--tasks, --sleep-ms"; with defaults: "--tasks 5, --sleep-ms 100".
QString optionList(const ExperimentInfo &info, bool withDefaults)
{
    const ExperimentParams defaults = defaultParams(info);
    QStringList options;
    for (const std::string &key : info.params) {
        const ParamSpec *spec = findParam(key);
        QString option = u"--"_s + toQString(key);
        if (withDefaults && spec)
            option += u' ' + toQString(spec->format(defaults.*spec->field));
        options << option;
    }
    return options.join(u", "_s);
}

bool interrupted() { return g_interrupted.load(); }

bool applies(const ExperimentInfo &info, const std::string &key)
{
    return std::find(info.params.begin(), info.params.end(), key) != info.params.end();
}

// A whole-number option outside the catalog's parameters, parsed as they are.
std::optional<QString> wholeNumberOption(const QCommandLineParser &parser, const QString &option, int minimum, int maximum,
                                         const QString &unit, int &value)
{
    const QString allowed = u"allowed %1–%2"_s.arg(minimum).arg(maximum) + (unit.isEmpty() ? QString() : u' ' + unit);
    long long parsed = 0;
    if (auto error = parseWholeNumber(option.toStdString(), parser.value(option).toStdString(), allowed.toStdString(), parsed))
        return toQString(*error);
    if (parsed < minimum || parsed > maximum)
        return u"--%1: %2 is out of range; %3"_s.arg(option).arg(parsed).arg(allowed);
    value = int(parsed);
    return std::nullopt;
}

// Chooses n: --calibrate-ms T gives the n for which one task takes about T ms
// here; else n = 0 (the default) is the lesson's pace, remembered or measured
// now. An error for bad input; nothing (n untouched) when interrupted.
std::optional<QString> chooseN(const QCommandLineParser &parser, int &n, std::FILE *text, bool quiet)
{
    if (!parser.isSet(u"calibrate-ms"_s)) {
        if (n != 0)
            return std::nullopt;
        if (!LessonPace::cachedN() && !quiet)
            print(text, u"measuring the lesson's pace on this machine (once; remembered in %1)\n"_s.arg(toQString(LessonPace::cacheFile())));
        const auto paced = LessonPace::resolve(0, [] { return interrupted(); });
        if (!paced)
            return std::nullopt;
        n = *paced;
        if (!quiet)
            print(text, u"n = %1: lesson pace, about %2 ms a task here (GMP is about 20x faster than CPython's math.factorial)\n"_s
                            .arg(groupedDigits(n, u' '))
                            .arg(LessonPace::targetMs));
        return std::nullopt;
    }
    if (parser.isSet(u"n"_s))
        return u"--calibrate-ms and --n both choose n; give only one"_s;
    int ms = 0;
    if (auto error = wholeNumberOption(parser, u"calibrate-ms"_s, 1, 60000, u"ms"_s, ms))
        return error;
    const auto calibrated = Factorial::calibrate(ms, [] { return interrupted(); });
    if (!calibrated)
        return std::nullopt; // interrupted: the caller sees g_interrupted and stops
    n = *calibrated;
    print(text, u"calibrated: n = %1 (one factorial takes about %2 ms on this machine)\n"_s.arg(n).arg(ms));
    return std::nullopt;
}

QString runDescription(const RunResult &result)
{
    const ExperimentInfo *info = findExperiment(result.experiment);
    if (!info || info->group == ExperimentGroup::IoBound)
        return u"%1 tasks, sleep %2 ms"_s.arg(result.params.tasks).arg(result.params.sleepMs);
    QString text = u"%1 tasks"_s.arg(result.params.tasks);
    if (usesParam(*info, "n"))
        text += u", n = %1"_s.arg(result.params.n);
    if (usesParam(*info, "pool-api"))
        text += u", "_s + toQString(findParam("pool-api")->choiceLabels[std::size_t(result.params.poolApi)])
            + u", chunksize %1"_s.arg(result.chunksize);
    if (!result.startMethod.empty())
        text += u", "_s + toQString(result.startMethod);
    if (usesParam(*info, "gil"))
        text += result.gil.enabled ? u", GIL on (model): %1 hand-offs"_s.arg(result.gil.handoffs) : u", GIL off"_s;
    return text;
}

// "sleep-threads: wall time 0.1043 s (5 tasks, sleep 100 ms)", the line a run ends with.
QString resultLine(const RunResult &result)
{
    return u"%1: wall time %2 s (%3)%4\n"_s.arg(toQString(result.experiment))
        .arg(result.wallSeconds(), 0, 'f', 4)
        .arg(runDescription(result))
        .arg(result.cancelled ? u" -- cancelled"_s : QString());
}

// Waits for a started run, cancelling it on Ctrl+C; calls tick() every 10 ms meanwhile.
const RunResult &waitForRun(ExperimentRun &run, const std::function<void()> &tick)
{
    while (!run.isFinished()) {
        if (interrupted())
            run.cancel();
        if (tick)
            tick();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return run.wait();
}

// The experiment's options from the command line; an error names the option and what is allowed.
std::optional<QString> parseRunParams(const QCommandLineParser &parser, const ExperimentInfo &info, ExperimentParams &params)
{
    for (const ParamSpec &spec : paramSpecs()) {
        const QString key = toQString(spec.key);
        if (!parser.isSet(key))
            continue;
        if (!applies(info, spec.key))
            return u"--%1 does not apply to %2; its options are %3"_s.arg(key, toQString(info.id), optionList(info));
        if (auto error = spec.parse(parser.value(key).toStdString(), params.*spec.field))
            return toQString(*error);
    }
    return std::nullopt;
}

// The experiment a command names: an error when it is missing or unknown.
std::optional<QString> experimentArgument(const QString &command, const QStringList &positional, const ExperimentInfo *&info)
{
    if (positional.size() < 2)
        return u"%1: no experiment given; known experiments: %2"_s.arg(command, toQString(experimentIds()));
    if (positional.size() > 2)
        return u"%1: unexpected argument '%2'"_s.arg(command, positional.at(2));
    info = findExperiment(positional.at(1).toStdString());
    if (!info)
        return u"%1: unknown experiment '%2'; known experiments: %3"_s.arg(command, positional.at(1), toQString(experimentIds()));
    if (isSweep(*info))
        return u"%1: %2 is the worker-count sweep, many runs rather than one: run it with 'concurrency-lab sweep', "
               u"or draw its chart with 'concurrency-lab export EXPERIMENT --chart FILE'"_s.arg(command, positional.at(1));
    return std::nullopt;
}

// "1,2,4" → {1, 2, 4}: each 1–512, no repeats.
std::optional<QString> parseWorkerList(const QString &text, std::vector<int> &out, const QString &option)
{
    out.clear();
    for (const QString &part : text.split(u',')) {
        bool ok = false;
        const int w = part.trimmed().toInt(&ok);
        if (!ok || w < 1 || w > 512)
            return u"--%1: '%2' is not a worker count; give a comma-separated list of counts, each allowed 1–512"_s.arg(option, part);
        if (std::find(out.begin(), out.end(), w) != out.end())
            return u"--%1: %2 is listed twice"_s.arg(option).arg(w);
        out.push_back(w);
    }
    return std::nullopt;
}

void applyPoolParams(const ExperimentParams &params, SweepSpec &spec)
{
    spec.gil = params.gil != 0;
    spec.switchMs = params.switchMs;
    spec.startMethod = params.startMethod == 1 ? StartMethod::Spawn : StartMethod::Fork;
    spec.poolApi = params.poolApi;
    spec.chunksize = params.chunksize;
    spec.interpreterStartupMs = params.interpreterStartupMs;
}

void installInterruptHandlers()
{
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        std::signal(signal, onInterrupt);
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout is an error to report, not death
}

} // namespace lab::cli
