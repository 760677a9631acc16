// concurrency-lab lesson: the plan as a preparation sheet (text or JSON), or one
// step run headless, its reveal printed and its projection drawn.
#include "Commands.h"

#include "CommandLine.h"
#include "CommandOptions.h"
#include "ExperimentRun.h"
#include "ExportImages.h"
#include "LessonSlide.h"
#include "LessonText.h"
#include "Machine.h"
#include "OutputOptions.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "SweepRun.h"
#include "TimelineData.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lab::cli {
namespace {

QString measureKey(LessonMeasure m)
{
    switch (m) {
    case LessonMeasure::WallOverSleep: return u"wall_over_sleep"_s;
    case LessonMeasure::WallOverT1: return u"wall_over_t1"_s;
    case LessonMeasure::LinesMangled: return u"lines_mangled"_s;
    case LessonMeasure::IdsInOrder: return u"ids_in_order"_s;
    case LessonMeasure::BestWorkers: return u"best_workers"_s;
    }
    return {};
}

// The figures a step's choices name: this machine's cores, the step's default tasks and sleep.
LessonScale scaleOf(const LessonStep &step, int cores)
{
    const ExperimentParams defaults = defaultParams(*findExperiment(step.experiment));
    return {cores, defaults.tasks, defaults.sleepMs};
}

QJsonObject stepJson(const LessonStep &step, int number, const LessonScale &scale)
{
    QJsonObject o{{u"step"_s, number},
                  {u"experiment"_s, toQString(step.experiment)},
                  {u"title"_s, toQString(step.title)},
                  {u"explanation"_s, toQString(step.explanation)},
                  {u"measure"_s, measureKey(step.measure)}};
    QJsonObject figure{{u"value"_s, step.lessonFigure.value}, {u"text"_s, toQString(step.lessonFigure.text)},
                       {u"cores"_s, lessonCores}, {u"shown"_s, toQString(formatMeasure(step.measure, step.lessonFigure.value))}};
    if (step.question) {
        QJsonArray choices;
        for (const LessonChoice &c : step.question->choices)
            choices.append(QJsonObject{{u"text"_s, toQString(c.textFor(scale))}, {u"target"_s, c.targetFor(scale)}});
        o[u"question"_s] = toQString(fillIn(step.question->prompt, scale));
        o[u"choices"_s] = choices;
        o[u"decided_by"_s] = toQString(describeRule(*step.question, scale));
        figure[u"answer"_s] = decideChoice(*step.question, step.lessonFigure.value, lessonScale) + 1;
    } else {
        o[u"question"_s] = QJsonValue::Null;
        o[u"choices"_s] = QJsonArray{};
        o[u"decided_by"_s] = QJsonValue::Null;
    }
    o[u"lesson_figure"_s] = figure;
    return o;
}

QString sheetText(int cores)
{
    QString out = u"The lesson, step by step. Each question is decided by its run; the choices' figures are this "
                  "machine's (%1 cores), the lesson's were measured on %2.\n"_s.arg(cores).arg(lessonCores);
    const auto &plan = lessonPlan();
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const LessonStep &s = plan[i];
        const LessonScale scale = scaleOf(s, cores);
        out += u"\n%1. %2 (%3)\n   %4\n"_s.arg(i + 1).arg(toQString(s.title), toQString(s.experiment), toQString(s.explanation));
        if (s.question) {
            out += u"   Question: %1\n"_s.arg(toQString(fillIn(s.question->prompt, scale)));
            for (std::size_t c = 0; c < s.question->choices.size(); ++c)
                out += u"     %1  %2\n"_s.arg(c + 1).arg(toQString(s.question->choices[c].textFor(scale)));
            out += u"   Decided by: %1\n"_s.arg(toQString(describeRule(*s.question, scale)));
        }
        out += u"   The lesson (%1 cores): %2, %3"_s.arg(lessonCores)
                   .arg(toQString(formatMeasure(s.measure, s.lessonFigure.value)), toQString(s.lessonFigure.text));
        if (s.question)
            out += u"; answer %1"_s.arg(decideChoice(*s.question, s.lessonFigure.value, lessonScale) + 1);
        out += u"\n"_s;
    }
    return out;
}

int printSheet(const QCommandLineParser &parser)
{
    const int cores = cpuCount();
    if (!parser.isSet(u"json"_s)) {
        print(stdout, sheetText(cores));
        return ExitOk;
    }
    QJsonArray steps;
    for (std::size_t i = 0; i < lessonPlan().size(); ++i)
        steps.append(stepJson(lessonPlan()[i], int(i) + 1, scaleOf(lessonPlan()[i], cores)));
    const QByteArray json = QJsonDocument(QJsonObject{{u"cores"_s, cores}, {u"lesson_cores"_s, lessonCores}, {u"steps"_s, steps}})
                                .toJson(QJsonDocument::Indented);
    const OutputOption out{u"json"_s, parser.value(u"json"_s)};
    if (out.toStdout()) {
        std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
        return std::fflush(stdout) == 0 ? ExitOk : ExitFailure;
    }
    if (auto error = checkOutputs({out}))
        return badInput(*error);
    if (auto error = writeOutputs({{out, json}}))
        return outputFailed(*error);
    return ExitOk;
}

// The lesson's sweep: a process pool from 1 to 512 workers on the step's workload.
SweepSpec lessonSweep(const ExperimentParams &params)
{
    SweepSpec spec;
    spec.pool = PoolKind::Process;
    spec.workers = defaultSweepWorkers();
    spec.tasks = params.tasks;
    spec.n = params.n;
    return spec;
}

struct StepOutcome
{
    RunResult run;      // the step's run (none for the sweep)
    SweepResult sweep;  // the sweep's
    LessonEvidence evidence;
    bool stopped = false; // cancelled or failed on the way
};

// The step's run, the loop's first where its speedup needs T1; the sweep for the sweep.
StepOutcome runStep(const LessonStep &step, const ExperimentInfo &info, ExperimentParams params)
{
    StepOutcome o;
    if (isSweep(info)) {
        o.sweep = sweepPrintingRows(lessonSweep(params), stdout);
        o.evidence = LessonEvidence::of(o.sweep);
        o.stopped = o.sweep.cancelled || !o.sweep.error.empty();
        return o;
    }
    std::int64_t t1 = 0;
    const ExperimentInfo *baseline = baselineOf(info);
    if (step.measure == LessonMeasure::WallOverT1 && baseline && baseline != &info) {
        ExperimentRun loop(baseline->id, params);
        loop.start();
        const RunResult &first = waitForRun(loop);
        print(stdout, resultLine(first));
        if (first.cancelled || !first.error.empty()) {
            o.run = first;
            o.evidence = LessonEvidence::of(first, 0); // incomplete: it decides nothing
            o.stopped = true;
            return o;
        }
        t1 = first.wallNs;
        params.n = first.params.n; // the same workload
    }
    ExperimentRun run(info.id, params);
    run.start();
    o.run = waitForRun(run);
    print(stdout, resultLine(o.run));
    if (t1 == 0 && info.role == ExperimentRole::Baseline)
        t1 = o.run.wallNs;
    o.evidence = LessonEvidence::of(o.run, t1);
    o.stopped = o.run.cancelled || !o.run.error.empty();
    return o;
}

int runOneStep(const QCommandLineParser &parser)
{
    const int count = int(lessonPlan().size());
    int number = 0;
    if (auto error = wholeNumberOption(parser, u"step"_s, 1, count, QString(), number))
        return badInput(*error);
    const LessonStep &step = lessonPlan()[std::size_t(number - 1)];
    const ExperimentInfo &info = *findExperiment(step.experiment);
    ExperimentParams params = defaultParams(info);
    if (!isSweep(info))
        if (auto error = parseRunParams(parser, info, params))
            return badInput(*error);
    ExportImages images;
    if (auto error = ExportImages::parse(parser, images))
        return badInput(*error);
    const bool wantPng = parser.isSet(u"png"_s);
    const OutputOption png{u"png"_s, parser.value(u"png"_s)};
    if (wantPng && png.toStdout())
        return badInput(u"lesson: images are written to files; give a file name, not '-'"_s);
    if (wantPng)
        if (auto error = checkOutputs({png}))
            return badInput(*error);
    if (applies(info, "n") || isSweep(info))
        if (auto error = chooseN(parser, params.n, stdout))
            return badInput(*error);
    if (interrupted())
        return ExitInterrupted;
    if (isSweep(info)) {
        if (auto error = ResourceCheck::forSweep(lessonSweep(params)))
            return badInput(toQString(*error));
    } else if (auto error = ResourceCheck::forRun(info.id, params)) {
        return badInput(toQString(*error));
    }

    print(stdout, u"%1  ·  %2\n"_s.arg(LessonText::progress(number - 1, count), toQString(step.title)));
    const StepOutcome outcome = runStep(step, info, params);
    LessonSlide slide;
    slide.stepIndex = number - 1;
    slide.scale = {cpuCount(), params.tasks, params.sleepMs};
    slide.lecture = images.lecture;
    slide.reveal = revealStep(step, outcome.evidence);
    for (const QString &line : LessonText::reveal(step, *slide.reveal, -1, slide.scale))
        print(stdout, line + u"\n"_s);
    if (wantPng) {
        const TimelineData timeline = TimelineData::fromSnapshot(outcome.run.recording);
        QString why;
        const auto bytes = slide.png(isSweep(info) ? nullptr : &timeline, isSweep(info) ? &outcome.sweep : nullptr, images.size,
                                     images.scale, &why);
        if (!bytes)
            return badInput(u"--png: cannot write '%1': %2"_s.arg(png.path, why));
        if (auto error = writeOutputs({{png, *bytes}}))
            return outputFailed(*error);
        print(stdout, u"projection written to %1\n"_s.arg(png.path));
    }
    if (outcome.run.cancelled || outcome.sweep.cancelled)
        return ExitInterrupted;
    return outcome.stopped ? ExitFailure : ExitOk;
}

} // namespace

int lessonCommand(const QCommandLineParser &parser, const QStringList &positional)
{
    if (positional.size() > 1)
        return badInput(u"lesson: unexpected argument '%1'; steps are chosen with --step K"_s.arg(positional.at(1)));
    const bool step = parser.isSet(u"step"_s);
    for (const QString &option : {u"trace"_s, u"summary"_s, u"save"_s, u"from"_s, u"chart"_s, u"csv"_s, u"pool"_s, u"repeat"_s,
                                  u"sweep-workers"_s, u"quiet"_s})
        if (parser.isSet(option))
            return badInput(u"--%1 does not apply to lesson; its options are --json [FILE], or --step K with --png FILE, "
                            "--lecture, --size, --scale and the step's experiment's"_s.arg(option));
    if (step && parser.isSet(u"json"_s))
        return badInput(u"lesson: --json prints the whole plan; --step K runs one step; give one of them"_s);
    if (!step) {
        for (const QString &option : {u"png"_s, u"lecture"_s, u"size"_s, u"scale"_s})
            if (parser.isSet(option))
                return badInput(u"--%1 needs --step K: the step whose projection to draw"_s.arg(option));
        for (const ParamSpec &spec : paramSpecs())
            if (parser.isSet(toQString(spec.key)))
                return badInput(u"--%1 needs --step K: the plan itself has no values to set"_s.arg(toQString(spec.key)));
        return printSheet(parser);
    }
    return runOneStep(parser);
}

} // namespace lab::cli
