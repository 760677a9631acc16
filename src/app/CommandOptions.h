#pragma once

#include "Catalog.h"
#include "RunResult.h"
#include "Sweep.h"

#include <QString>
#include <QStringList>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class QCommandLineParser;

namespace lab {
class ExperimentRun;
}

// What the commands share: the interrupt flag, messages, and the parsing of
// options outside and inside the catalog.
namespace lab::cli {

// SIGINT, SIGTERM and SIGHUP set the flag (and cancel the command's work);
// SIGPIPE is ignored, so a closed stdout is an error to report.
void installInterruptHandlers();
bool interrupted();

void print(std::FILE *stream, const QString &text);
// Prints the message and a hint to stderr; returns the bad-input exit code.
int badInput(const QString &message);

// The experiment's options, e.g. "--tasks, --sleep-ms"; with defaults: "--tasks 5, --sleep-ms 100".
QString optionList(const ExperimentInfo &info, bool withDefaults = false);
bool applies(const ExperimentInfo &info, const std::string &key);
// A whole-number option outside the catalog's parameters, parsed as they are.
std::optional<QString> wholeNumberOption(const QCommandLineParser &parser, const QString &option, int minimum, int maximum,
                                         const QString &unit, int &value);
// The experiment's options from the command line; an error names the option and what is allowed.
std::optional<QString> parseRunParams(const QCommandLineParser &parser, const ExperimentInfo &info, ExperimentParams &params);
// The experiment a command names: an error when it is missing or unknown.
std::optional<QString> experimentArgument(const QString &command, const QStringList &positional, const ExperimentInfo *&info);
// "1,2,4" → {1, 2, 4}: each 1–512, no repeats.
std::optional<QString> parseWorkerList(const QString &text, std::vector<int> &out, const QString &option = QStringLiteral("workers"));
// Chooses n: --calibrate-ms, or the lesson's pace for n = 0. An error for bad
// input; nothing (n untouched) when interrupted.
std::optional<QString> chooseN(const QCommandLineParser &parser, int &n, std::FILE *text, bool quiet = false);

// The pool's options a sweep takes from an experiment's: GIL and switch interval, start method, pool API, chunksize, start-up.
void applyPoolParams(const ExperimentParams &params, SweepSpec &spec);

// "sleep-threads: wall time 0.1043 s (5 tasks, sleep 100 ms)", the line a run ends with.
QString resultLine(const RunResult &result);
// Waits for a started run, cancelling it on an interrupt; calls tick() every 10 ms meanwhile.
const RunResult &waitForRun(ExperimentRun &run, const std::function<void()> &tick = {});

} // namespace lab::cli
