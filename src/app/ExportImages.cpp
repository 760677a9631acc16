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

std::optional<QByteArray> ExportImages::timeline(const RunResult &run, const QString &file, QString *error) const
{
    const TimelineData data = TimelineData::fromSnapshot(run.recording);
    const TimelineStyle style = TimelineStyle::make(TimelineStyle::Theme::Light, lecture);
    TimelineExportOptions options;
    options.title = u"Concurrency Lab: %1"_s.arg(QString::fromStdString(run.experiment));
    return isSvg(file) ? timelineSvg(data, size, style, nullptr, error, options)
                       : timelinePng(data, size, scale, style, nullptr, error, options);
}

std::optional<QByteArray> ExportImages::chart(const SweepResult &sweep, const QString &file, QString *error) const
{
    ScalingChart chart;
    chart.setLecture(lecture);
    chart.addSweep(sweep);
    return isSvg(file) ? chart.svgBytes(size, error) : chart.pngBytes(size, scale, error);
}

} // namespace lab
