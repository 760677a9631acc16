#include "CommandLine.h"

#include "ChromeTrace.h"
#include "ExperimentRun.h"
#include "ExportImages.h"
#include "Factorial.h"
#include "LessonPace.h"
#include "OutputFile.h"
#include "SweepReport.h"
#include "SweepRun.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "RunSummary.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

// Set by SIGINT, SIGTERM or SIGHUP, which may arrive on any thread of the run.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
extern "C" void onInterrupt(int) { g_interrupted.store(true); }

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
QString optionList(const ExperimentInfo &info, bool withDefaults = false)
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

QString catalogText()
{
    QString out;
    ExperimentGroup group{};
    bool first = true;
    for (const ExperimentInfo &info : catalog()) {
        if (first || info.group != group)
            out += (first ? u""_s : u"\n"_s) + toQString(toString(info.group)) + u":\n"_s;
        first = false;
        group = info.group;
        out += u"  %1 %2\n"_s.arg(toQString(info.id), -22).arg(toQString(info.description));
        out += u"  %1 options: %2\n"_s.arg(QString(), -22).arg(optionList(info, true));
    }
    return out;
}

// An output option's file: checked before the run, so a path that cannot be
// written is refused before any work, and written after it whole or not at
// all (OutputFile). The reason on failure is the OS's.
struct OutputOption
{
    QString option;
    QString path;
    bool toStdout() const { return path == u"-"_s; }
    QString failure(const std::string &why) const { return u"--%1: cannot write '%2': %3"_s.arg(option, path, toQString(why)); }
};

bool interrupted() { return g_interrupted.load(); }

std::optional<QString> checkWritable(const OutputOption &out)
{
    if (out.path.isEmpty())
        return u"--%1: the file name is empty"_s.arg(out.option);
    if (auto why = OutputFile(QFile::encodeName(out.path).toStdString()).check())
        return out.failure(*why);
    return std::nullopt;
}

// Writes every output, or -- when one fails -- as few as possible: regular
// files are all staged as temporary files first and renamed only once all
// staged well; standard output gets a line end after its document.
std::optional<QString> writeOutputs(const std::vector<std::pair<OutputOption, QByteArray>> &outputs)
{
    std::vector<std::unique_ptr<OutputFile>> files;
    for (const auto &[out, bytes] : outputs) {
        files.push_back(std::make_unique<OutputFile>(QFile::encodeName(out.path).toStdString(), interrupted));
        const QByteArray text = out.toStdout() ? bytes + '\n' : bytes;
        if (auto why = files.back()->stage(std::string_view(text.constData(), std::size_t(text.size()))))
            return out.failure(*why);
    }
    std::fflush(stdout); // what was printed before goes first
    for (std::size_t i = 0; i < files.size(); ++i)
        if (auto why = files[i]->commit())
            return outputs[i].first.failure(*why);
    return std::nullopt;
}

// A file that could not be written; interrupted while waiting on a reader is a cancel.
int outputFailed(const QString &error)
{
    print(stderr, u"concurrency-lab: "_s + error + u"\n"_s);
    return g_interrupted.load() ? ExitInterrupted : ExitBadInput;
}

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
std::optional<QString> chooseN(const QCommandLineParser &parser, int &n, std::FILE *text, bool quiet = false)
{
    if (!parser.isSet(u"calibrate-ms"_s)) {
        if (n != 0)
            return std::nullopt;
        if (!LessonPace::cachedN() && !quiet)
            print(text, u"measuring the lesson's pace on this machine (once; remembered in %1)\n"_s.arg(toQString(LessonPace::cacheFile())));
        const auto paced = LessonPace::resolve(0, [] { return g_interrupted.load(); });
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
    const auto calibrated = Factorial::calibrate(ms, [] { return g_interrupted.load(); });
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
const RunResult &waitForRun(ExperimentRun &run, const std::function<void()> &tick = {})
{
    while (!run.isFinished()) {
        if (g_interrupted.load())
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
    return std::nullopt;
}

int runExperiment(const QCommandLineParser &parser, const QStringList &positional)
{
    const ExperimentInfo *info = nullptr;
    if (auto error = experimentArgument(u"run"_s, positional, info))
        return badInput(*error);
    const std::string id = info->id;
    for (const QString &option : {u"pool"_s, u"repeat"_s, u"csv"_s, u"json"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 belongs to the sweep command, not to run"_s.arg(option));
    for (const QString &option : {u"png"_s, u"chart"_s, u"size"_s, u"scale"_s, u"lecture"_s, u"sweep-workers"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 belongs to the export command, not to run"_s.arg(option));

    ExperimentParams params = defaultParams(*info);
    if (auto error = parseRunParams(parser, *info, params))
        return badInput(*error);
    if (parser.isSet(u"calibrate-ms"_s) && !applies(*info, "n"))
        return badInput(u"--calibrate-ms does not apply to %1: it computes no factorials"_s.arg(toQString(id)));

    const OutputOption trace{u"trace"_s, parser.value(u"trace"_s)};
    const OutputOption summary{u"summary"_s, parser.value(u"summary"_s)};
    const bool wantTrace = parser.isSet(u"trace"_s);
    const bool wantSummary = parser.isSet(u"summary"_s);
    if (wantTrace && trace.toStdout())
        return badInput(u"--trace: writing the trace to standard output is not supported; give a file name"_s);
    if (wantTrace && wantSummary && QFileInfo(trace.path).absoluteFilePath() == QFileInfo(summary.path).absoluteFilePath())
        return badInput(u"--trace and --summary name the same file '%1'"_s.arg(trace.path));
    if (wantTrace)
        if (auto error = checkWritable(trace))
            return badInput(*error);
    if (wantSummary)
        if (auto error = checkWritable(summary))
            return badInput(*error);

    // With the summary on standard output, everything else goes to standard error.
    std::FILE *text = wantSummary && summary.toStdout() ? stderr : stdout;
    const bool quiet = parser.isSet(u"quiet"_s);
    if (applies(*info, "n"))
        if (auto error = chooseN(parser, params.n, text, quiet))
            return badInput(*error);
    if (g_interrupted.load())
        return ExitInterrupted;
    if (auto error = ResourceCheck::forRun(id, params))
        return badInput(toQString(*error));

    ExperimentRun run(id, params);
    run.start();
    std::size_t shown = 0;
    bool textLost = false; // the reader of our output went away: stop, as Python would on a broken pipe
    auto showConsole = [&] {
        std::string fresh;
        run.console().readSince(shown, fresh);
        if (quiet || fresh.empty() || textLost)
            return;
        if (std::fwrite(fresh.data(), 1, fresh.size(), text) != fresh.size() || std::fflush(text) != 0) {
            textLost = true;
            run.cancel();
        }
    };
    const RunResult &result = waitForRun(run, showConsole);
    showConsole();

    if (!textLost) {
        print(text, u"\n"_s + resultLine(result));
        textLost = std::fflush(text) != 0 || std::ferror(text);
    }
    if (textLost)
        print(stderr, u"concurrency-lab: the console output could not be written (its reader has gone); the run was stopped\n"_s);
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the run stopped early: %1\n"_s.arg(toQString(result.error)));
    for (const FailedWorker &worker : result.failed)
        print(stderr, u"concurrency-lab: worker %1 (pid %2) %3\n"_s.arg(toQString(worker.name)).arg(worker.pid)
                          .arg(worker.signal ? u"was killed by signal %1"_s.arg(worker.signal) : u"exited with code %1"_s.arg(worker.exitCode)));

    std::vector<std::pair<OutputOption, QByteArray>> outputs;
    if (wantTrace)
        outputs.emplace_back(trace, ChromeTrace::toJson(result));
    if (wantSummary)
        outputs.emplace_back(summary, QJsonDocument(RunSummary::toJson(result)).toJson(QJsonDocument::Indented));
    if (auto error = writeOutputs(outputs))
        return outputFailed(*error);
    if (!result.error.empty() || !result.failed.empty() || textLost)
        return ExitFailure;
    return result.cancelled ? ExitInterrupted : ExitOk;
}

// "1,2,4" → {1, 2, 4}: each 1–512, no repeats.
std::optional<QString> parseWorkerList(const QString &text, std::vector<int> &out, const QString &option = u"workers"_s)
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

// Runs a sweep on its own thread, printing each point's row as it arrives;
// a signal cancels it.
SweepResult sweepPrintingRows(const SweepSpec &spec, std::FILE *text)
{
    CancelToken cancel;
    std::atomic<bool> done{false};
    std::mutex mutex;
    std::vector<SweepPoint> fresh;
    SweepResult result;
    std::thread worker([&] {
        result = runSweep(spec, cancel, [&](const SweepResult &partial) {
            std::lock_guard lock(mutex);
            fresh.push_back(partial.points.back());
        });
        done.store(true);
    });
    print(text, SweepReport::tableHeader(spec));
    std::fflush(text);
    auto showRows = [&] {
        std::lock_guard lock(mutex);
        for (const SweepPoint &p : fresh)
            print(text, SweepReport::tableRow(p));
        fresh.clear();
        std::fflush(text);
    };
    while (!done.load()) {
        if (g_interrupted.load())
            cancel.cancel();
        showRows();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    worker.join();
    showRows();
    print(text, SweepReport::tableFooter(result));
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the sweep stopped early: %1\n"_s.arg(toQString(result.error)));
    return result;
}

int runExportCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    const ExperimentInfo *info = nullptr;
    if (auto error = experimentArgument(u"export"_s, positional, info))
        return badInput(*error);
    for (const QString &option : {u"trace"_s, u"summary"_s, u"quiet"_s, u"pool"_s, u"repeat"_s, u"csv"_s, u"json"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 does not apply to export; its options are the experiment's, --png, --chart, --size, --scale, "
                            "--lecture and --sweep-workers"_s.arg(option));
    ExperimentParams params = defaultParams(*info);
    if (auto error = parseRunParams(parser, *info, params))
        return badInput(*error);
    if (!parser.isSet(u"png"_s))
        return badInput(u"export: --png FILE is required: the timeline image (a name ending in .svg writes SVG)"_s);

    ExportImages images;
    if (parser.isSet(u"size"_s)) {
        static const QRegularExpression pattern(u"^(\\d{1,5})x(\\d{1,5})$"_s);
        const auto match = pattern.match(parser.value(u"size"_s));
        const int w = match.hasMatch() ? match.captured(1).toInt() : 0, h = match.hasMatch() ? match.captured(2).toInt() : 0;
        if (w < 320 || w > 7680 || h < 240 || h > 4320)
            return badInput(u"--size: '%1' is not allowed; give WIDTHxHEIGHT, width 320–7680 and height 240–4320 (default 1920x1080)"_s
                                .arg(parser.value(u"size"_s)));
        images.size = QSize(w, h);
    }
    if (parser.isSet(u"scale"_s)) {
        bool ok = false;
        images.scale = parser.value(u"scale"_s).toDouble(&ok);
        if (!ok || !(images.scale >= 1 && images.scale <= 3)) // NaN fails both comparisons
            return badInput(u"--scale: '%1' is not allowed; allowed 1–3"_s.arg(parser.value(u"scale"_s)));
    }
    images.lecture = parser.isSet(u"lecture"_s);
    const bool wantChart = parser.isSet(u"chart"_s);
    SweepSpec spec;
    spec.workers = defaultSweepWorkers();
    if (parser.isSet(u"sweep-workers"_s)) {
        if (!wantChart)
            return badInput(u"--sweep-workers needs --chart"_s);
        if (auto error = parseWorkerList(parser.value(u"sweep-workers"_s), spec.workers, u"sweep-workers"_s))
            return badInput(*error);
    }

    const OutputOption png{u"png"_s, parser.value(u"png"_s)};
    const OutputOption chart{u"chart"_s, parser.value(u"chart"_s)};
    if (png.toStdout() || (wantChart && chart.toStdout()))
        return badInput(u"export: images are written to files; give a file name, not '-'"_s);
    if (wantChart && QFileInfo(png.path).absoluteFilePath() == QFileInfo(chart.path).absoluteFilePath())
        return badInput(u"--png and --chart name the same file '%1'"_s.arg(png.path));
    if (auto error = checkWritable(png))
        return badInput(*error);
    if (wantChart)
        if (auto error = checkWritable(chart))
            return badInput(*error);
    if (parser.isSet(u"calibrate-ms"_s) && !applies(*info, "n"))
        return badInput(u"--calibrate-ms does not apply to %1: it computes no factorials"_s.arg(toQString(info->id)));
    if (applies(*info, "n"))
        if (auto error = chooseN(parser, params.n, stdout))
            return badInput(*error);
    if (g_interrupted.load())
        return ExitInterrupted;
    if (auto error = ResourceCheck::forRun(info->id, params))
        return badInput(toQString(*error));
    // The experiment's sweep: its own kind of pool, with its task count and n.
    const bool threads = info->workers == WorkerKind::ThreadPerTask || info->workers == WorkerKind::ThreadPool;
    spec.pool = threads && info->group != ExperimentGroup::IoBound ? PoolKind::Thread : PoolKind::Process;
    spec.gil = params.gil != 0;
    spec.switchMs = params.switchMs;
    spec.startMethod = params.startMethod == 1 ? StartMethod::Spawn : StartMethod::Fork;
    spec.tasks = usesParam(*info, "n") ? params.tasks : 30;
    spec.n = usesParam(*info, "n") ? params.n : 0;
    if (usesParam(*info, "pool-api")) {
        spec.poolApi = params.poolApi;
        spec.chunksize = params.chunksize;
    }
    spec.interpreterStartupMs = params.interpreterStartupMs;
    if (wantChart)
        if (auto error = ResourceCheck::forSweep(spec))
            return badInput(toQString(*error));

    ExperimentRun run(info->id, params);
    run.start();
    const RunResult &result = waitForRun(run);
    print(stdout, resultLine(result));
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the run stopped early: %1\n"_s.arg(toQString(result.error)));
    // Both images are made before either file is written: a chart that fails leaves no timeline behind.
    std::vector<std::pair<OutputOption, QByteArray>> outputs;
    QString why;
    const auto timeline = images.timeline(result, png.path, &why);
    if (!timeline) {
        print(stderr, u"concurrency-lab: --png: cannot write '%1': %2\n"_s.arg(png.path, why));
        return ExitBadInput;
    }
    outputs.emplace_back(png, *timeline);
    bool sweepFailed = false, sweepCancelled = false;
    if (wantChart && !result.cancelled) {
        const SweepResult sweep = sweepPrintingRows(spec, stdout);
        sweepFailed = !sweep.error.empty();
        sweepCancelled = sweep.cancelled;
        const auto image = images.chart(sweep, chart.path, &why);
        if (!image) {
            print(stderr, u"concurrency-lab: --chart: cannot write '%1': %2\n"_s.arg(chart.path, why));
            return ExitBadInput;
        }
        outputs.emplace_back(chart, *image);
    }
    if (auto error = writeOutputs(outputs))
        return outputFailed(*error);
    for (const auto &[out, bytes] : outputs)
        print(stdout, u"%1 written to %2\n"_s.arg(out.option == u"png"_s ? u"timeline"_s : u"chart"_s, out.path));
    if (!result.error.empty() || !result.failed.empty() || sweepFailed)
        return ExitFailure;
    return result.cancelled || sweepCancelled ? ExitInterrupted : ExitOk;
}

int runSweepCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    if (positional.size() > 1)
        return badInput(u"sweep: unexpected argument '%1'"_s.arg(positional.at(1)));
    for (const QString &option : {u"sleep-ms"_s, u"write-us"_s, u"trace"_s, u"summary"_s, u"quiet"_s, u"png"_s, u"chart"_s,
                                  u"size"_s, u"scale"_s, u"lecture"_s, u"sweep-workers"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 does not apply to sweep; its options are --pool, --gil, --switch-ms, --workers, --tasks, --n, "
                            "--calibrate-ms, --repeat, --start-method, --pool-api, --chunksize, --interpreter-startup-ms, --csv, --json"_s
                                .arg(option));
    SweepSpec spec;
    spec.workers = defaultSweepWorkers();
    if (parser.isSet(u"pool"_s)) {
        const QString pool = parser.value(u"pool"_s);
        if (pool != u"process"_s && pool != u"thread"_s)
            return badInput(u"--pool: '%1' is not a choice; allowed process | thread"_s.arg(pool));
        spec.pool = pool == u"process"_s ? PoolKind::Process : PoolKind::Thread;
    }
    ExperimentParams params = defaultParams(*findExperiment(spec.pool == PoolKind::Process ? "factorial-process-pool" : "factorial-thread-pool"));
    for (const char *key : {"tasks", "n", "gil", "switch-ms", "start-method", "pool-api", "chunksize", "interpreter-startup-ms"}) {
        const ParamSpec *param = findParam(key);
        if (parser.isSet(toQString(key)))
            if (auto error = param->parse(parser.value(toQString(key)).toStdString(), params.*param->field))
                return badInput(toQString(*error));
    }
    if (spec.pool == PoolKind::Process && (parser.isSet(u"gil"_s) || parser.isSet(u"switch-ms"_s)))
        return badInput(u"--gil and --switch-ms apply to --pool thread; each process has its own GIL"_s);
    for (const QString &option : {u"start-method"_s, u"pool-api"_s, u"chunksize"_s, u"interpreter-startup-ms"_s})
        if (spec.pool == PoolKind::Thread && parser.isSet(option))
            return badInput(u"--%1 applies to --pool process"_s.arg(option));
    if (parser.isSet(u"workers"_s))
        if (auto error = parseWorkerList(parser.value(u"workers"_s), spec.workers))
            return badInput(*error);
    if (parser.isSet(u"repeat"_s)) {
        if (auto error = wholeNumberOption(parser, u"repeat"_s, 1, 99, {}, spec.repeat))
            return badInput(*error);
    }
    const OutputOption csv{u"csv"_s, parser.value(u"csv"_s)};
    const OutputOption json{u"json"_s, parser.value(u"json"_s)};
    const bool wantCsv = parser.isSet(u"csv"_s);
    const bool wantJson = parser.isSet(u"json"_s);
    if (wantCsv && wantJson && csv.toStdout() && json.toStdout())
        return badInput(u"--csv and --json cannot both go to standard output"_s);
    if (wantCsv && wantJson && !csv.toStdout() && QFileInfo(csv.path).absoluteFilePath() == QFileInfo(json.path).absoluteFilePath())
        return badInput(u"--csv and --json name the same file '%1'"_s.arg(csv.path));
    if (wantCsv)
        if (auto error = checkWritable(csv))
            return badInput(*error);
    if (wantJson)
        if (auto error = checkWritable(json))
            return badInput(*error);
    std::FILE *text = (wantCsv && csv.toStdout()) || (wantJson && json.toStdout()) ? stderr : stdout;
    if (auto error = chooseN(parser, params.n, text))
        return badInput(*error);
    if (g_interrupted.load())
        return ExitInterrupted;
    spec.poolApi = params.poolApi;
    spec.chunksize = params.chunksize;
    spec.interpreterStartupMs = params.interpreterStartupMs;
    spec.tasks = params.tasks;
    spec.n = params.n;
    spec.gil = params.gil != 0;
    spec.switchMs = params.switchMs;
    spec.startMethod = params.startMethod == 1 ? StartMethod::Spawn : StartMethod::Fork;
    if (auto error = ResourceCheck::forSweep(spec))
        return badInput(toQString(*error));

    const SweepResult result = sweepPrintingRows(spec, text);

    std::vector<std::pair<OutputOption, QByteArray>> outputs;
    if (wantCsv)
        outputs.emplace_back(csv, SweepReport::toCsv(result));
    if (wantJson)
        outputs.emplace_back(json, QJsonDocument(SweepReport::toJson(result)).toJson(QJsonDocument::Indented));
    if (auto error = writeOutputs(outputs))
        return outputFailed(*error);
    if (!result.error.empty())
        return ExitFailure;
    return result.cancelled ? ExitInterrupted : ExitOk;
}

} // namespace

void installInterruptHandlers()
{
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        std::signal(signal, onInterrupt);
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout is an error to report, not death
}

int runCommandLine(const QStringList &arguments)
{
    installInterruptHandlers();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Concurrency Lab runs the classic lesson on concurrency and parallelism for real and records\n"
        "every thread, process, lock and console write it performs.\n\n"
        "Without arguments it opens the desktop app. Commands:\n"
        "  --list                 print the experiments: id, description and options\n"
        "  run ID [options]       run experiment ID headless: print its console output as it\n"
        "                         happened, then a one-line summary with the wall time.\n"
        "  sweep [options]        time a pool's map of factorials for each worker count\n"
        "                         (default 1, 2, 4, ... 512) and print time, ideal time,\n"
        "                         speedup and efficiency per count.\n"
        "  export ID [options] --png FILE [--chart FILE]\n"
        "                         run ID and write its timeline image (and, with --chart,\n"
        "                         its sweep's scaling chart) without a display.\n"
        "Ctrl+C (or SIGTERM, SIGHUP) cancels a run or sweep; what was recorded is still written.\n"
        "The GIL is a model of CPython's, applied to real threads.\n\n"
        "Exit codes: 0 success; 1 the run failed (e.g. the OS refused a thread, a worker process\n"
        "died); 2 bad input, including a file that cannot be written; 130 cancelled."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"'run' to run an experiment, 'sweep' to sweep worker counts."_s, u"[run ID | sweep]"_s);
    parser.addOption({u"list"_s, u"Print the catalog of experiments and exit."_s});
    for (const ParamSpec &spec : paramSpecs()) {
        const QString valueName = !spec.choices.empty() ? u"NAME"_s : spec.unit.empty() ? u"N"_s : toQString(spec.unit);
        QString defaultText = toQString(spec.format(spec.defaultValue));
        if (spec.defaultValue == 0 && !spec.zeroMeans.empty())
            defaultText += u" ("_s + toQString(spec.zeroMeans) + u")"_s;
        QString help = u"%1 %2, default %3 (some experiments differ: see --list)."_s.arg(
            toQString(spec.help), toQString(spec.allowedRange()).replace(0, 1, u'A'), defaultText);
        if (spec.key == "workers")
            help += u" sweep: a comma-separated list of counts."_s;
        parser.addOption({toQString(spec.key), help, spec.key == "workers" ? u"N|LIST"_s : valueName});
    }
    parser.addOption({u"calibrate-ms"_s, u"Choose n so that one factorial takes about T ms on this machine (the lesson's pace is about 150)."_s, u"T"_s});
    parser.addOption({u"trace"_s, u"run: write a Chrome Trace Event file for Perfetto (ui.perfetto.dev) to FILE."_s, u"FILE"_s});
    parser.addOption({u"summary"_s,
                      u"run: write the run's summary as JSON to FILE; '-' writes it to standard output (the console output "
                      "and summary line then go to standard error)."_s,
                      u"FILE|-"_s});
    parser.addOption({u"quiet"_s, u"run: do not print the console output, only the summary line."_s});
    parser.addOption({u"pool"_s, u"sweep: the pool to sweep, process or thread. Default process."_s, u"KIND"_s});
    parser.addOption({u"repeat"_s, u"sweep: runs per worker count; the median is reported. Allowed 1–99, default 1."_s, u"R"_s});
    parser.addOption({u"csv"_s, u"sweep: write the figures as CSV to FILE ('-': standard output)."_s, u"FILE|-"_s});
    parser.addOption({u"json"_s, u"sweep: write the figures as JSON to FILE ('-': standard output)."_s, u"FILE|-"_s});
    parser.addOption({u"png"_s, u"export: write the run's timeline to FILE (PNG; a name ending in .svg writes SVG)."_s, u"FILE"_s});
    parser.addOption({u"chart"_s, u"export: also run the experiment's sweep and write its scaling chart to FILE (PNG or .svg)."_s, u"FILE"_s});
    parser.addOption({u"size"_s, u"export: image size in logical pixels. Default 1920x1080."_s, u"WxH"_s});
    parser.addOption({u"scale"_s, u"export: pixels per logical pixel for PNG, 1–3. Default 1."_s, u"S"_s});
    parser.addOption({u"lecture"_s, u"export: the lecture look (large text, high contrast)."_s});
    parser.addOption({u"sweep-workers"_s, u"export --chart: the worker counts to sweep. Default 1,2,4,...,512."_s, u"LIST"_s});

    if (!parser.parse(arguments))
        return badInput(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        print(stdout, parser.helpText());
        return ExitOk;
    }
    if (parser.isSet(u"version"_s)) {
        print(stdout, u"%1 %2\n"_s.arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(u"list"_s)) {
        if (!positional.isEmpty())
            return badInput(u"--list takes no other arguments"_s);
        print(stdout, catalogText());
        return ExitOk;
    }
    if (positional.isEmpty())
        return badInput(u"no command given; use --list, run ID or sweep"_s);
    if (positional.first() == u"run"_s)
        return runExperiment(parser, positional);
    if (positional.first() == u"sweep"_s)
        return runSweepCommand(parser, positional);
    if (positional.first() == u"export"_s)
        return runExportCommand(parser, positional);
    return badInput(u"unknown command '%1'; commands: run, sweep, export"_s.arg(positional.first()));
}

} // namespace lab
