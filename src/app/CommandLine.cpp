#include "CommandLine.h"

#include "Commands.h"
#include "CommandOptions.h"
#include "LessonPlan.h"
#include "QtStrings.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace lab::cli {
namespace {

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

// lesson --json prints to standard output: a bare --json there means --json -.
QStringList lessonArguments(QStringList arguments)
{
    if (arguments.size() < 2 || arguments.at(1) != u"lesson"_s)
        return arguments;
    for (qsizetype i = 2; i < arguments.size(); ++i)
        if (arguments.at(i) == u"--json"_s && (i + 1 == arguments.size() || arguments.at(i + 1).startsWith(u"--"_s)))
            arguments[i] = u"--json=-"_s;
    return arguments;
}

// The help text and every option the commands know.
void addOptions(QCommandLineParser &parser)
{
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
        "  export --from RUN.clrun --png FILE\n"
        "                         draw a run saved with --save, without running anything.\n"
        "  lesson [--json [FILE]] print the lesson's steps as a preparation sheet: each step's\n"
        "                         experiment, question, choices, the rule its run decides\n"
        "                         them by, and the lesson's own figure.\n"
        "  lesson --step K [--png FILE] [--lecture] [--size WxH]\n"
        "                         run step K headless, print its reveal, draw its projection.\n"
        "  --lesson               open the window straight into the lesson (lecture mode).\n"
        "Ctrl+C (or SIGTERM, SIGHUP) cancels a run or sweep; what was recorded is still written.\n"
        "The GIL is a model of CPython's, applied to real threads.\n\n"
        "Exit codes: 0 success; 1 the run failed (e.g. the OS refused a thread, a worker process\n"
        "died); 2 bad input, including a file that cannot be written; 130 cancelled."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"'run' to run an experiment, 'sweep' to sweep worker counts, 'export' to draw one."_s, u"[run ID | sweep | export ID | lesson]"_s);
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
    parser.addOption({u"save"_s,
                      u"run, export: also write the whole run to FILE (a .clrun: parameters, machine, every event, results), "
                      "to open later in the window (File > Open run) or draw with export --from."_s,
                      u"FILE"_s});
    parser.addOption({u"from"_s, u"export: draw the saved run FILE (.clrun) instead of running an experiment."_s, u"FILE"_s});
    parser.addOption({u"quiet"_s, u"run: do not print the console output, only the summary line."_s});
    parser.addOption({u"pool"_s, u"sweep: the pool to sweep, process or thread. Default process."_s, u"KIND"_s});
    parser.addOption({u"repeat"_s, u"sweep: runs per worker count; the median is reported. Allowed 1–99, default 1."_s, u"R"_s});
    parser.addOption({u"csv"_s, u"sweep: write the figures as CSV to FILE ('-': standard output)."_s, u"FILE|-"_s});
    parser.addOption({u"json"_s, u"sweep: write the figures as JSON to FILE ('-': standard output). lesson: the plan as JSON (FILE optional)."_s, u"FILE|-"_s});
    parser.addOption({u"png"_s, u"export: write the run's timeline to FILE (PNG; a name ending in .svg writes SVG)."_s, u"FILE"_s});
    parser.addOption({u"chart"_s, u"export: also run the experiment's sweep and write its scaling chart to FILE (PNG or .svg)."_s, u"FILE"_s});
    parser.addOption({u"size"_s, u"export: image size in logical pixels. Default 1920x1080."_s, u"WxH"_s});
    parser.addOption({u"scale"_s, u"export: pixels per logical pixel for PNG, 1–3. Default 1."_s, u"S"_s});
    parser.addOption({u"lecture"_s, u"export: the lecture look (large text, high contrast)."_s});
    parser.addOption({u"step"_s, u"lesson: the step to run, 1–%1."_s.arg(lessonPlan().size()), u"K"_s});
    parser.addOption({u"sweep-workers"_s, u"export --chart: the worker counts to sweep. Default 1,2,4,...,512."_s, u"LIST"_s});
}

} // namespace
} // namespace lab::cli

namespace lab {

void installInterruptHandlers() { cli::installInterruptHandlers(); }

int runCommandLine(const QStringList &arguments)
{
    using namespace cli;
    cli::installInterruptHandlers();
    QCommandLineParser parser;
    addOptions(parser);

    if (!parser.parse(lessonArguments(arguments)))
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
        return runCommand(parser, positional);
    if (positional.first() == u"sweep"_s)
        return sweepCommand(parser, positional);
    if (positional.first() == u"export"_s)
        return exportCommand(parser, positional);
    if (positional.first() == u"lesson"_s)
        return lessonCommand(parser, positional);
    return badInput(u"unknown command '%1'; commands: run, sweep, export, lesson"_s.arg(positional.first()));
}

} // namespace lab
