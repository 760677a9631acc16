#include "Commands.h"

#include "CancelToken.h"
#include "CommandLine.h"
#include "CommandOptions.h"
#include "OutputOptions.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "SweepReport.h"
#include "SweepRun.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace lab::cli {

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
        if (interrupted())
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

int sweepCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    if (positional.size() > 1)
        return badInput(u"sweep: unexpected argument '%1'"_s.arg(positional.at(1)));
    for (const QString &option : {u"sleep-ms"_s, u"write-us"_s, u"trace"_s, u"summary"_s, u"save"_s, u"from"_s, u"quiet"_s, u"png"_s, u"chart"_s,
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
    ExperimentParams params = defaultParams(sweepExperiment(spec.pool));
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
    std::vector<OutputOption> files;
    if (wantCsv)
        files.push_back(csv);
    if (wantJson)
        files.push_back(json);
    if (auto error = checkOutputs(files))
        return badInput(*error);
    std::FILE *text = (wantCsv && csv.toStdout()) || (wantJson && json.toStdout()) ? stderr : stdout;
    if (auto error = chooseN(parser, params.n, text))
        return badInput(*error);
    if (interrupted())
        return ExitInterrupted;
    spec.tasks = params.tasks;
    spec.n = params.n;
    applyPoolParams(params, spec);
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

} // namespace lab::cli
