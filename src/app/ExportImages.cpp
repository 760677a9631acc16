#include "ExportImages.h"

#include "ScalingChart.h"
#include "TimelineData.h"
#include "TimelineExport.h"
#include "TimelineStyle.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

bool isSvg(const QString &file) { return QFileInfo(file).suffix().compare(u"svg"_s, Qt::CaseInsensitive) == 0; }

} // namespace

std::optional<QString> ExportImages::writeTimeline(const RunResult &run, const QString &file) const
{
    const TimelineData data = TimelineData::fromSnapshot(run.recording);
    const TimelineStyle style = TimelineStyle::make(TimelineStyle::Theme::Light, lecture);
    TimelineExportOptions options;
    options.title = u"Concurrency Lab: %1"_s.arg(QString::fromStdString(run.experiment));
    QString error;
    const bool ok = isSvg(file) ? writeTimelineSvg(data, size, style, nullptr, file, &error, options)
                                : writeTimelinePng(data, size, scale, style, nullptr, file, &error, options);
    return ok ? std::nullopt : std::optional(error);
}

std::optional<QString> ExportImages::writeChart(const SweepResult &sweep, const QString &file) const
{
    ScalingChart chart;
    chart.setLecture(lecture);
    chart.addSweep(sweep);
    QString error;
    const bool ok = isSvg(file) ? chart.writeSvg(file, size, &error) : chart.writePng(file, size, scale, &error);
    return ok ? std::nullopt : std::optional(error);
}

} // namespace lab
