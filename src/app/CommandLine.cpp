#include "CommandLine.h"

#include "ChromeTrace.h"
#include "ExperimentRun.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "RunSummary.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <atomic>
#include <chrono>
#include <memory>
#include <csignal>
#include <cstdio>
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

// While a run goes on, the signals that would end the program cancel the run
// instead, so its threads are joined and its files still written.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted.store(false);
        for (int i = 0; i < 3; ++i)
            m_previous[i] = std::signal(cancelSignals[i], onInterrupt);
        m_previousPipe = std::signal(SIGPIPE, SIG_IGN); // a closed stdout is an error to report, not death
    }
    ~InterruptGuard()
    {
        for (int i = 0; i < 3; ++i)
            std::signal(cancelSignals[i], m_previous[i]);
        std::signal(SIGPIPE, m_previousPipe);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    static constexpr int cancelSignals[3] = {SIGINT, SIGTERM, SIGHUP};
    void (*m_previous[3])(int) = {};
    void (*m_previousPipe)(int) = nullptr;
};

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

// Output files are checked before the run, so a path that cannot be written is
// refused before any work, and written after it through QSaveFile (a temporary
// file renamed on commit), so no half-written file is ever left behind.
// Standard output ("-") and special files (a device, a pipe) are written in
// place: renaming a file over /dev/null would replace it.
struct OutputFile
{
    QString option;
    QString path;
    bool toStdout() const { return path == u"-"_s; }
    bool isSpecial() const
    {
        const QFileInfo info(path);
        return info.exists() && !info.isFile() && !info.isDir();
    }
    QString failure(const QString &why) const { return u"--%1: cannot write '%2': %3"_s.arg(option, path, why); }
};

std::optional<QString> checkWritable(const OutputFile &out)
{
    if (out.path.isEmpty())
        return u"--%1: the file name is empty"_s.arg(out.option);
    if (out.toStdout())
        return std::nullopt;
    if (QFileInfo(out.path).isDir())
        return u"--%1: '%2' is a directory, not a file"_s.arg(out.option, out.path);
    if (out.isSpecial())
        return QFileInfo(out.path).isWritable() ? std::nullopt : std::optional(out.failure(u"permission denied"_s));
    QSaveFile probe(out.path);
    if (!probe.open(QIODevice::WriteOnly))
        return out.failure(probe.errorString());
    probe.cancelWriting(); // removes the temporary file; the target is untouched
    return std::nullopt;
}

// Writes every output, or -- when one fails -- as few as possible: regular
// files are all staged as temporary files first and renamed only once all
// staged well.
std::optional<QString> writeOutputs(const std::vector<std::pair<OutputFile, QByteArray>> &outputs)
{
    std::vector<std::pair<const OutputFile *, std::unique_ptr<QSaveFile>>> staged;
    for (const auto &[out, bytes] : outputs) {
        if (out.toStdout() || out.isSpecial())
            continue;
        auto file = std::make_unique<QSaveFile>(out.path);
        if (!file->open(QIODevice::WriteOnly) || file->write(bytes) != bytes.size())
            return out.failure(file->errorString());
        staged.emplace_back(&out, std::move(file));
    }
    for (auto &[out, file] : staged)
        if (!file->commit())
            return out->failure(file->errorString());
    for (const auto &[out, bytes] : outputs) {
        if (out.toStdout()) {
            const bool ok = std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout) == std::size_t(bytes.size())
                && std::fputc('\n', stdout) != EOF && std::fflush(stdout) == 0;
            if (!ok)
                return out.failure(u"standard output is closed"_s);
        } else if (out.isSpecial()) {
            QFile file(out.path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
                return out.failure(file.errorString());
        }
    }
    return std::nullopt;
}

} // namespace

int runCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Concurrency Lab runs the classic lesson on concurrency and parallelism for real and records\n"
        "every thread, lock and console write it performs.\n\n"
        "Without arguments it opens the desktop app. Commands:\n"
        "  --list                 print the experiments: id and one-line description\n"
        "  run ID [options]       run experiment ID headless: print its console output as it\n"
        "                         happened, then a one-line summary with the wall time.\n"
        "                         Ctrl+C (or SIGTERM, SIGHUP) cancels the run; what was\n"
        "                         recorded is still written.\n\n"
        "Exit codes: 0 success; 1 the run failed (e.g. the OS refused a thread); 2 bad input,\n"
        "including a file that cannot be written; 130 cancelled."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"'run' to run an experiment."_s, u"[run ID]"_s);
    parser.addOption({u"list"_s, u"Print the catalog of experiments and exit."_s});
    for (const ParamSpec &spec : paramSpecs()) {
        const QString valueName = !spec.choices.empty() ? u"NAME"_s : spec.unit.empty() ? u"N"_s : toQString(spec.unit);
        parser.addOption({toQString(spec.key),
                          u"%1 %2, default %3 (some experiments differ: see --list)."_s.arg(toQString(spec.help),
                                                                                         toQString(spec.allowedRange()).replace(0, 1, u'A'),
                                                                                         toQString(spec.format(spec.defaultValue))),
                          valueName});
    }
    parser.addOption({u"trace"_s, u"Write a Chrome Trace Event file for Perfetto (ui.perfetto.dev) to FILE."_s, u"FILE"_s});
    parser.addOption({u"summary"_s,
                      u"Write the run's summary as JSON to FILE; '-' writes it to standard output (the console output "
                      "and summary line then go to standard error)."_s,
                      u"FILE|-"_s});
    parser.addOption({u"quiet"_s, u"Do not print the console output, only the summary line."_s});

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
        return badInput(u"no command given; use --list or run ID"_s);
    if (positional.first() != u"run"_s)
        return badInput(u"unknown command '%1'; commands: run"_s.arg(positional.first()));
    if (positional.size() < 2)
        return badInput(u"run: no experiment given; known experiments: %1"_s.arg(toQString(experimentIds())));
    if (positional.size() > 2)
        return badInput(u"run: unexpected argument '%1'"_s.arg(positional.at(2)));
    const std::string id = positional.at(1).toStdString();
    const ExperimentInfo *info = findExperiment(id);
    if (!info)
        return badInput(u"run: unknown experiment '%1'; known experiments: %2"_s.arg(positional.at(1), toQString(experimentIds())));

    ExperimentParams params = defaultParams(*info);
    for (const ParamSpec &spec : paramSpecs()) {
        const QString key = toQString(spec.key);
        if (!parser.isSet(key))
            continue;
        if (std::find(info->params.begin(), info->params.end(), spec.key) == info->params.end())
            return badInput(u"--%1 does not apply to %2; its options are %3"_s.arg(key, toQString(id), optionList(*info)));
        if (auto error = spec.parse(parser.value(key).toStdString(), params.*spec.field))
            return badInput(toQString(*error));
    }

    if (auto error = ResourceCheck::forRun(id, params))
        return badInput(toQString(*error));

    const OutputFile trace{u"trace"_s, parser.value(u"trace"_s)};
    const OutputFile summary{u"summary"_s, parser.value(u"summary"_s)};
    const bool wantTrace = parser.isSet(u"trace"_s);
    const bool wantSummary = parser.isSet(u"summary"_s);
    if (wantTrace && trace.toStdout())
        return badInput(u"--trace: writing the trace to standard output is not supported; give a file name"_s);
    if (wantTrace && wantSummary && QFileInfo(trace.path).absoluteFilePath() == QFileInfo(summary.path).absoluteFilePath())
        return badInput(u"--trace and --summary name the same file '%1'"_s.arg(trace.path));
    // Signals cancel from here on, so even an interrupted check leaves nothing behind.
    const InterruptGuard interrupts;
    if (wantTrace)
        if (auto error = checkWritable(trace))
            return badInput(*error);
    if (wantSummary)
        if (auto error = checkWritable(summary))
            return badInput(*error);

    // With the summary on standard output, everything else goes to standard error.
    std::FILE *text = wantSummary && summary.toStdout() ? stderr : stdout;
    const bool quiet = parser.isSet(u"quiet"_s);

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
    while (!run.isFinished()) {
        if (g_interrupted.load())
            run.cancel();
        showConsole();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const RunResult &result = run.wait();
    showConsole();

    if (!textLost) {
        print(text, u"\n%1: wall time %2 s (%3 tasks, sleep %4 ms)%5\n"_s
                        .arg(toQString(result.experiment))
                        .arg(result.wallSeconds(), 0, 'f', 4)
                        .arg(result.params.tasks)
                        .arg(result.params.sleepMs)
                        .arg(result.cancelled ? u" -- cancelled"_s : QString()));
        textLost = std::fflush(text) != 0 || std::ferror(text);
    }
    if (textLost)
        print(stderr, u"concurrency-lab: the console output could not be written (its reader has gone); the run was stopped\n"_s);
    if (!result.error.empty())
        print(stderr, u"concurrency-lab: the run stopped early: %1\n"_s.arg(toQString(result.error)));

    std::vector<std::pair<OutputFile, QByteArray>> outputs;
    if (wantTrace)
        outputs.emplace_back(trace, ChromeTrace::toJson(result));
    if (wantSummary)
        outputs.emplace_back(summary, QJsonDocument(RunSummary::toJson(result)).toJson(QJsonDocument::Indented));
    if (auto error = writeOutputs(outputs)) {
        print(stderr, u"concurrency-lab: "_s + *error + u"\n"_s);
        return ExitBadInput;
    }
    if (!result.error.empty() || textLost)
        return ExitFailure;
    return result.cancelled ? ExitInterrupted : ExitOk;
}

} // namespace lab
