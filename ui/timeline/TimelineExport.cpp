#include "TimelineExport.h"

#include "ExportFile.h"
#include "TimelineLayout.h"
#include "TimelinePainter.h"

#include <QPainter>

#include <memory>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

constexpr int maxLogicalSide = 16384;

// The scene keeps shared pointers; exports borrow the caller's data for the call.
std::shared_ptr<const TimelineData> borrow(const TimelineData *data)
{
    return data ? std::shared_ptr<const TimelineData>(data, [](const TimelineData *) { }) : nullptr;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString sizeProblem(QSize size)
{
    if (size.width() < 1 || size.height() < 1 || size.width() > maxLogicalSide || size.height() > maxLogicalSide)
        return u"the size %1×%2 is outside 1–%3 pixels"_s.arg(size.width()).arg(size.height()).arg(maxLogicalSide);
    return {};
}

std::nullopt_t failed(QString *error, const QString &message)
{
    fail(error, message);
    return std::nullopt;
}

} // namespace

TimelineFrame exportFrame(const TimelineScene &scene, const QRectF &bounds, const TimelineStyle &style, std::int64_t revealUntilNs)
{
    const TimelineLayout timeline(scene, style);
    TimelineFrame frame;
    frame.revealUntilNs = revealUntilNs;
    // A picture cannot scroll: every lane fits, however thin (lecture lanes keep their minimum).
    TimelineLayout::Options layout;
    layout.minLaneHeight = style.lectureMode ? style.minLaneHeight : 1;
    layout.maxLaneHeight = 2 * style.maxLaneHeight; // a picture has no other use for its height
    timeline.layOut(frame, bounds, layout);
    timeline.fitTime(frame);
    return frame;
}

void paintTimeline(QPainter &painter, const QRectF &bounds, const TimelineData &data, const TimelineStyle &style,
                   const TimelineData *pinned, const TimelineExportOptions &options)
{
    TimelineScene scene;
    scene.setCurrent(borrow(&data));
    scene.setCurrentLabel(options.currentLabel);
    if (pinned)
        scene.setPinned(borrow(pinned), options.pinnedLabel);
    const TimelineFrame frame = exportFrame(scene, bounds, style, options.revealUntilNs);
    painter.save();
    painter.setClipRect(bounds, Qt::IntersectClip);
    TimelinePainter(scene, style).paint(painter, frame);
    painter.restore();
}

QImage renderTimeline(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                      const TimelineData *pinned, const TimelineExportOptions &options)
{
    if (!sizeProblem(logicalSize).isEmpty() || !(scale >= minExportScale && scale <= maxExportScale))
        return {};
    QImage image = exportfile::canvas(logicalSize, scale, style.background);
    if (image.isNull())
        return {};
    QPainter painter(&image);
    paintTimeline(painter, QRectF(QPointF(0, 0), QSizeF(logicalSize)), data, style, pinned, options);
    return image;
}

std::optional<QByteArray> timelinePng(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                                      const TimelineData *pinned, QString *error, const TimelineExportOptions &options)
{
    if (const QString problem = sizeProblem(logicalSize); !problem.isEmpty())
        return failed(error, problem);
    if (!(scale >= minExportScale && scale <= maxExportScale))
        return failed(error, u"the scale %1 is outside %2–%3"_s.arg(scale).arg(minExportScale).arg(maxExportScale));
    const QImage image = renderTimeline(data, logicalSize, scale, style, pinned, options);
    if (image.isNull())
        return failed(error, u"not enough memory for a %1×%2 image"_s.arg(logicalSize.width() * scale).arg(logicalSize.height() * scale));
    return exportfile::png(image, error);
}

std::optional<QByteArray> timelineSvg(const TimelineData &data, QSize logicalSize, const TimelineStyle &style,
                                      const TimelineData *pinned, QString *error, const TimelineExportOptions &options)
{
    if (const QString problem = sizeProblem(logicalSize); !problem.isEmpty())
        return failed(error, problem);
    const exportfile::SvgHeader header{options.title.isEmpty() ? u"Concurrency Lab timeline"_s : options.title, {}, 0};
    return exportfile::svg(logicalSize, header, [&](QPainter &painter) {
        paintTimeline(painter, QRectF(QPointF(0, 0), QSizeF(logicalSize)), data, style, pinned, options);
    }, error);
}

bool writeTimelinePng(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                      const TimelineData *pinned, const QString &file, QString *error, const TimelineExportOptions &options)
{
    QString why;
    const auto bytes = timelinePng(data, logicalSize, scale, style, pinned, &why, options);
    if (!bytes)
        return fail(error, u"Cannot write %1: %2"_s.arg(file, why));
    return exportfile::write(file, *bytes, error);
}

bool writeTimelineSvg(const TimelineData &data, QSize logicalSize, const TimelineStyle &style, const TimelineData *pinned,
                      const QString &file, QString *error, const TimelineExportOptions &options)
{
    QString why;
    const auto bytes = timelineSvg(data, logicalSize, style, pinned, &why, options);
    if (!bytes)
        return fail(error, u"Cannot write %1: %2"_s.arg(file, why));
    return exportfile::write(file, *bytes, error);
}

} // namespace lab
