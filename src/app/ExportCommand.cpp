#include "Commands.h"

#include "CommandLine.h"
#include "CommandOptions.h"
#include "ExperimentRun.h"
#include "ExportImages.h"
#include "OutputOptions.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "RunFile.h"
#include "SweepRun.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace lab::cli {
namespace {

// The experiment's sweep: its own kind of pool, with its task count and n (spec.workers is kept).
void experimentSweep(const ExperimentInfo &info, const ExperimentParams &params, SweepSpec &spec)
{
    spec.pool = sweepPoolOf(info);
    spec.tasks = usesParam(info, "n") ? params.tasks : 30;
    spec.n = usesParam(info, "n") ? params.n : 0;
    applyPoolParams(params, spec);
    if (!usesParam(info, "pool-api")) { // the sweep's own pool, as the experiment has none
        spec.poolApi = SweepSpec{}.poolApi;
        spec.chunksize = SweepSpec{}.chunksize;
    }
}

// Both images are made before either file is written: a chart that fails leaves no timeline behind.
int writeImages(const ExportImages &images, const RunResult &result, const OutputOption &png,
                const std::optional<std::pair<OutputOption, SweepSpec>> &chart, const std::optional<OutputOption> &save)
{
    std::vector<std::pair<OutputOption, QByteArray>> outputs;
    if (save)
        outputs.emplace_back(*save, RunFile::toJson(result));
    QString why;
    const auto timeline = images.timeline(result, png.path, &why);
    if (!timeline) {
        print(stderr, u"concurrency-lab: --png: cannot write '%1': %2\n"_s.arg(png.path, why));
        return ExitBadInput;
    }
    outputs.emplace_back(png, *timeline);
    bool sweepFailed = false, sweepCancelled = false;
    if (chart && !result.cancelled) {
        const SweepResult sweep = sweepPrintingRows(chart->second, stdout);
        sweepFailed = !sweep.error.empty();
        sweepCancelled = sweep.cancelled;
        const auto image = images.chart(sweep, chart->first.path, &why);
        if (!image) {
            print(stderr, u"concurrency-lab: --chart: cannot write '%1': %2\n"_s.arg(chart->first.path, why));
            return ExitBadInput;
        }
        outputs.emplace_back(chart->first, *image);
    }
    if (auto error = writeOutputs(outputs))
        return outputFailed(*error);
    for (const auto &[out, bytes] : outputs)
        print(stdout, u"%1 written to %2\n"_s.arg(out.option == u"png"_s ? u"timeline"_s : out.option == u"chart"_s ? u"chart"_s : u"run"_s, out.path));
    if (!result.error.empty() || !result.failed.empty() || sweepFailed)
        return ExitFailure;
    return result.cancelled || sweepCancelled ? ExitInterrupted : ExitOk;
}

// export --from FILE: a saved run drawn as it was recorded; nothing runs.
int exportSavedRun(const QCommandLineParser &parser, const QStringList &positional)
{
    if (positional.size() > 1)
        return badInput(u"export --from draws a saved run; do not name an experiment ('%1')"_s.arg(positional.at(1)));
    for (const ParamSpec &spec : paramSpecs())
        if (parser.isSet(toQString(spec.key)))
            return badInput(u"--%1 does not apply with --from: a saved run keeps its own parameters"_s.arg(toQString(spec.key)));
    for (const QString &option : {u"chart"_s, u"sweep-workers"_s, u"calibrate-ms"_s, u"save"_s, u"trace"_s, u"summary"_s,
                                  u"quiet"_s, u"pool"_s, u"repeat"_s, u"csv"_s, u"json"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 does not apply with --from: nothing is run; its options are --png, --size, --scale and --lecture"_s
                                .arg(option));
    if (!parser.isSet(u"png"_s))
        return badInput(u"export: --png FILE is required: the timeline image (a name ending in .svg writes SVG)"_s);
    ExportImages images;
    if (auto error = ExportImages::parse(parser, images))
        return badInput(*error);
    const OutputOption png{u"png"_s, parser.value(u"png"_s)};
    if (png.toStdout())
        return badInput(u"export: images are written to files; give a file name, not '-'"_s);
    if (auto error = checkOutputs({png}))
        return badInput(*error);
    const QString from = parser.value(u"from"_s);
    std::string why;
    const auto run = RunFile::read(QFile::encodeName(from).toStdString(), &why);
    if (!run)
        return badInput(u"--from: cannot read '%1': %2"_s.arg(from, toQString(why)));
    print(stdout, u"%1, recorded on %2\n"_s.arg(resultLine(*run).trimmed(), toQString(run->machine.describe())));
    return writeImages(images, *run, png, std::nullopt, std::nullopt);
}

} // namespace

int exportCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    if (parser.isSet(u"from"_s))
        return exportSavedRun(parser, positional);
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
    if (auto error = ExportImages::parse(parser, images))
        return badInput(*error);
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
    const auto save = saveOption(parser);
    if (png.toStdout() || (wantChart && chart.toStdout()))
        return badInput(u"export: images are written to files; give a file name, not '-'"_s);
    std::vector<OutputOption> files{png};
    if (wantChart)
        files.push_back(chart);
    if (save)
        files.push_back(*save);
    if (auto error = checkOutputs(files))
        return badInput(*error);
    if (parser.isSet(u"calibrate-ms"_s) && !applies(*info, "n"))
        return badInput(u"--calibrate-ms does not apply to %1: it computes no factorials"_s.arg(toQString(info->id)));
    if (applies(*info, "n"))
        if (auto error = chooseN(parser, params.n, stdout))
            return badInput(*error);
    if (interrupted())
        return ExitInterrupted;
    if (auto error = ResourceCheck::forRun(info->id, params))
        return badInput(toQString(*error));
    experimentSweep(*info, params, spec);
    if (wantChart)
        if (auto error = ResourceCheck::forSweep(spec))
            return badInput(toQString(*error));

    ExperimentRun run(info->id, params);
    run.start();
    const RunResult &result = waitForRun(run);
    print(stdout, resultLine(result));
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the run stopped early: %1\n"_s.arg(toQString(result.error)));
    return writeImages(images, result, png, wantChart ? std::optional(std::pair(chart, spec)) : std::nullopt, save);
}

} // namespace lab::cli
