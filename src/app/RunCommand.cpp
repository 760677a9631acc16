#include "Commands.h"

#include "ChromeTrace.h"
#include "CommandLine.h"
#include "CommandOptions.h"
#include "ExperimentRun.h"
#include "OutputOptions.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "RunFile.h"
#include "RunSummary.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace lab::cli {

namespace {

// Options of the other commands are refused by name.
std::optional<QString> foreignOption(const QCommandLineParser &parser)
{
    for (const QString &option : {u"pool"_s, u"repeat"_s, u"csv"_s, u"json"_s})
        if (parser.isSet(option))
            return u"--%1 belongs to the sweep command, not to run"_s.arg(option);
    for (const QString &option : {u"png"_s, u"chart"_s, u"size"_s, u"scale"_s, u"lecture"_s, u"sweep-workers"_s, u"from"_s})
        if (parser.isSet(option))
            return u"--%1 belongs to the export command, not to run"_s.arg(option);
    return std::nullopt;
}

// Runs the experiment, echoing its console to `text` as it is written (unless
// quiet). The reader of our output going away stops the run, as a broken pipe
// stops Python; *textLost says so.
const RunResult &runEchoingConsole(ExperimentRun &run, std::FILE *text, bool quiet, bool *textLost)
{
    std::size_t shown = 0;
    auto showConsole = [&] {
        std::string fresh;
        run.console().readSince(shown, fresh);
        if (quiet || fresh.empty() || *textLost)
            return;
        if (std::fwrite(fresh.data(), 1, fresh.size(), text) != fresh.size() || std::fflush(text) != 0) {
            *textLost = true;
            run.cancel();
        }
    };
    run.start();
    const RunResult &result = waitForRun(run, showConsole);
    showConsole();
    if (!*textLost) {
        print(text, u"\n"_s + resultLine(result));
        *textLost = std::fflush(text) != 0 || std::ferror(text);
    }
    return result;
}

void reportProblems(const RunResult &result, bool textLost)
{
    if (textLost)
        print(stderr, u"concurrency-lab: the console output could not be written (its reader has gone); the run was stopped\n"_s);
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the run stopped early: %1\n"_s.arg(toQString(result.error)));
    for (const FailedWorker &worker : result.failed) {
        const QString what = !worker.reason.empty() ? toQString(worker.reason)
            : worker.signal ? u"was killed by signal %1"_s.arg(worker.signal)
                            : u"exited with code %1"_s.arg(worker.exitCode);
        print(stderr, u"concurrency-lab: worker %1 (pid %2) %3\n"_s.arg(toQString(worker.name)).arg(worker.pid).arg(what));
    }
}

} // namespace

int runCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    const ExperimentInfo *info = nullptr;
    if (auto error = experimentArgument(u"run"_s, positional, info))
        return badInput(*error);
    if (auto error = foreignOption(parser))
        return badInput(*error);
    ExperimentParams params = defaultParams(*info);
    if (auto error = parseRunParams(parser, *info, params))
        return badInput(*error);
    if (parser.isSet(u"calibrate-ms"_s) && !applies(*info, "n"))
        return badInput(u"--calibrate-ms does not apply to %1: it computes no factorials"_s.arg(toQString(info->id)));

    const OutputOption trace{u"trace"_s, parser.value(u"trace"_s)};
    const OutputOption summary{u"summary"_s, parser.value(u"summary"_s)};
    const bool wantTrace = parser.isSet(u"trace"_s);
    const bool wantSummary = parser.isSet(u"summary"_s);
    if (wantTrace && trace.toStdout())
        return badInput(u"--trace: writing the trace to standard output is not supported; give a file name"_s);
    const auto save = saveOption(parser);
    std::vector<OutputOption> files;
    if (wantTrace)
        files.push_back(trace);
    if (wantSummary)
        files.push_back(summary);
    if (save)
        files.push_back(*save);
    if (auto error = checkOutputs(files))
        return badInput(*error);

    // With the summary on standard output, everything else goes to standard error.
    std::FILE *text = wantSummary && summary.toStdout() ? stderr : stdout;
    const bool quiet = parser.isSet(u"quiet"_s);
    if (applies(*info, "n"))
        if (auto error = chooseN(parser, params.n, text, quiet))
            return badInput(*error);
    if (interrupted())
        return ExitInterrupted;
    if (auto error = ResourceCheck::forRun(info->id, params))
        return badInput(toQString(*error));

    ExperimentRun run(info->id, params);
    bool textLost = false;
    const RunResult &result = runEchoingConsole(run, text, quiet, &textLost);
    reportProblems(result, textLost);

    std::vector<std::pair<OutputOption, QByteArray>> outputs;
    if (wantTrace)
        outputs.emplace_back(trace, ChromeTrace::toJson(result));
    if (wantSummary)
        outputs.emplace_back(summary, QJsonDocument(RunSummary::toJson(result)).toJson(QJsonDocument::Indented));
    if (save)
        outputs.emplace_back(*save, RunFile::toJson(result));
    if (auto error = writeOutputs(outputs))
        return outputFailed(*error);
    if (!result.error.empty() || !result.failed.empty() || textLost)
        return ExitFailure;
    return result.cancelled ? ExitInterrupted : ExitOk;
}

} // namespace lab::cli
