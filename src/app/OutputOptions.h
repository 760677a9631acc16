#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class QCommandLineParser;

namespace lab::cli {

// An output option's file: checked before the run, so a path that cannot be
// written is refused before any work, and written after it whole or not at
// all (OutputFile). The reason on failure is the OS's.
struct OutputOption
{
    QString option;
    QString path;
    bool toStdout() const { return path == QStringLiteral("-"); }
    QString failure(const std::string &why) const { return QStringLiteral("--%1: cannot write '%2': %3").arg(option, path, QString::fromStdString(why)); }
};

// --save FILE, when given: the whole run, to open later (RunFile).
std::optional<OutputOption> saveOption(const QCommandLineParser &parser);

// Before the work: an error naming the option and the OS's reason, or nothing.
std::optional<QString> checkWritable(const OutputOption &out);
// A command's output files, before the work: no two the same file, at most one
// on standard output, each writable. The first error, or nothing.
std::optional<QString> checkOutputs(const std::vector<OutputOption> &outputs);
// Writes every output, or -- when one fails -- as few as possible: regular files
// are all staged first and renamed only once all staged well; standard output
// gets a line end after its document.
std::optional<QString> writeOutputs(const std::vector<std::pair<OutputOption, QByteArray>> &outputs);
// Says why a file could not be written; the exit code: interrupted (waiting on a FIFO's reader) or bad input.
int outputFailed(const QString &error);

} // namespace lab::cli
