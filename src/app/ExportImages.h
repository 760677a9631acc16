#pragma once

#include "RunResult.h"
#include "Sweep.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace lab {

// The images the export command writes, painted by the same code as the
// window: PNG, or SVG when the file name ends in .svg. Made as bytes, so the
// command can write all its files, or none.
struct ExportImages
{
    QSize size{1920, 1080};
    qreal scale = 1;
    bool lecture = false;

    // --size, --scale and --lecture; an error names the option and what is allowed.
    static std::optional<QString> parse(const QCommandLineParser &parser, ExportImages &images);

    // std::nullopt when the image cannot be made; *error says why.
    std::optional<QByteArray> timeline(const RunResult &run, const QString &file, QString *error) const;
    std::optional<QByteArray> chart(const SweepResult &sweep, const QString &file, QString *error) const;
};

} // namespace lab
