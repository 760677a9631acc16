#include "ExportImages.h"

#include "ScalingChart.h"
#include "TimelineData.h"
#include "TimelineExport.h"
#include "TimelineStyle.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

bool isSvg(const QString &file) { return QFileInfo(file).suffix().compare(u"svg"_s, Qt::CaseInsensitive) == 0; }

} // namespace

// --size, --scale and --lecture; an error names the option and what is allowed.
std::optional<QString> ExportImages::parse(const QCommandLineParser &parser, ExportImages &images)
{
    if (parser.isSet(u"size"_s)) {
        static const QRegularExpression pattern(u"^(\\d{1,5})x(\\d{1,5})$"_s);
        const auto match = pattern.match(parser.value(u"size"_s));
        const int w = match.hasMatch() ? match.captured(1).toInt() : 0, h = match.hasMatch() ? match.captured(2).toInt() : 0;
        if (w < 320 || w > 7680 || h < 240 || h > 4320)
            return u"--size: '%1' is not allowed; give WIDTHxHEIGHT, width 320–7680 and height 240–4320 (default 1920x1080)"_s
                .arg(parser.value(u"size"_s));
        images.size = QSize(w, h);
    }
    if (parser.isSet(u"scale"_s)) {
        bool ok = false;
        images.scale = parser.value(u"scale"_s).toDouble(&ok);
        if (!ok || !(images.scale >= 1 && images.scale <= 3)) // NaN fails both comparisons
            return u"--scale: '%1' is not allowed; allowed 1–3"_s.arg(parser.value(u"scale"_s));
    }
    images.lecture = parser.isSet(u"lecture"_s);
    return std::nullopt;
}

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
