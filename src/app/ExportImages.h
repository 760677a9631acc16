#pragma once

#include "RunResult.h"
#include "Sweep.h"

#include <QSize>
#include <QString>

#include <optional>

namespace lab {

// The images the export command writes, painted by the same code as the
// window: PNG, or SVG when the file name ends in .svg. An error names the file.
struct ExportImages
{
    QSize size{1920, 1080};
    qreal scale = 1;
    bool lecture = false;

    std::optional<QString> writeTimeline(const RunResult &run, const QString &file) const;
    std::optional<QString> writeChart(const SweepResult &sweep, const QString &file) const;
};

} // namespace lab
