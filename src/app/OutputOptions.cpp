#include "OutputOptions.h"

#include "CommandLine.h"
#include "CommandOptions.h"
#include "OutputFile.h"
#include "QtStrings.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace lab::cli {

std::optional<QString> checkWritable(const OutputOption &out)
{
    if (out.path.isEmpty())
        return u"--%1: the file name is empty"_s.arg(out.option);
    if (auto why = OutputFile(QFile::encodeName(out.path).toStdString()).check())
        return out.failure(*why);
    return std::nullopt;
}

std::optional<OutputOption> saveOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(u"save"_s))
        return std::nullopt;
    return OutputOption{u"save"_s, parser.value(u"save"_s)};
}

std::optional<QString> checkOutputs(const std::vector<OutputOption> &outputs)
{
    for (std::size_t i = 0; i < outputs.size(); ++i)
        for (std::size_t j = i + 1; j < outputs.size(); ++j) {
            const OutputOption &a = outputs[i], &b = outputs[j];
            if (a.toStdout() && b.toStdout())
                return u"--%1 and --%2 cannot both go to standard output"_s.arg(a.option, b.option);
            if (!a.toStdout() && QFileInfo(a.path).absoluteFilePath() == QFileInfo(b.path).absoluteFilePath())
                return u"--%1 and --%2 name the same file '%3'"_s.arg(a.option, b.option, a.path);
        }
    for (const OutputOption &out : outputs)
        if (auto error = checkWritable(out))
            return error;
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
    return interrupted() ? ExitInterrupted : ExitBadInput;
}

} // namespace lab::cli
