#include "TimelineExport.h"

#include "TimelinePainter.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

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

bool commit(QSaveFile &out, const QString &file, QString *error)
{
    if (!out.commit())
        return fail(error, u"Cannot write %1: %2"_s.arg(file, out.errorString()));
    return true;
}

} // namespace

TimelineFrame exportFrame(const TimelineScene &scene, const QRectF &bounds, const TimelineStyle &style, std::int64_t revealUntilNs)
{
    const TimelinePainter timeline(scene, style);
    TimelineFrame frame;
    frame.revealUntilNs = revealUntilNs;
    // A picture cannot scroll: every lane fits, however thin (lecture lanes keep their minimum).
    TimelinePainter::LayoutOptions layout;
    layout.minLaneHeight = style.lectureMode ? style.minLaneHeight : 1;
    layout.maxLaneHeight = 2 * style.maxLaneHeight; // a picture has no other use for its height
    timeline.layout(frame, bounds, layout);
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
    QImage image(logicalSize * scale, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.setDevicePixelRatio(scale);
    image.fill(style.background);
    QPainter painter(&image);
    paintTimeline(painter, QRectF(QPointF(0, 0), QSizeF(logicalSize)), data, style, pinned, options);
    return image;
}

bool writeTimelinePng(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                      const TimelineData *pinned, const QString &file, QString *error, const TimelineExportOptions &options)
{
    if (const QString problem = sizeProblem(logicalSize); !problem.isEmpty())
        return fail(error, u"Cannot write %1: %2"_s.arg(file, problem));
    if (!(scale >= minExportScale && scale <= maxExportScale))
        return fail(error, u"Cannot write %1: the scale %2 is outside %3–%4"_s.arg(file).arg(scale).arg(minExportScale).arg(maxExportScale));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return fail(error, u"Cannot write %1: %2"_s.arg(file, out.errorString()));
    const QImage image = renderTimeline(data, logicalSize, scale, style, pinned, options);
    if (image.isNull())
        return fail(error, u"Cannot write %1: not enough memory for a %2×%3 image"_s.arg(file).arg(logicalSize.width() * scale).arg(logicalSize.height() * scale));
    QImageWriter writer(&out, "png");
    if (!writer.write(image))
        return fail(error, u"Cannot write %1: %2"_s.arg(file, writer.errorString()));
    return commit(out, file, error);
}

bool writeTimelineSvg(const TimelineData &data, QSize logicalSize, const TimelineStyle &style, const TimelineData *pinned,
                      const QString &file, QString *error, const TimelineExportOptions &options)
{
    if (const QString problem = sizeProblem(logicalSize); !problem.isEmpty())
        return fail(error, u"Cannot write %1: %2"_s.arg(file, problem));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return fail(error, u"Cannot write %1: %2"_s.arg(file, out.errorString()));
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&out);
        svg.setSize(logicalSize);
        svg.setViewBox(QRect(QPoint(0, 0), logicalSize));
        svg.setTitle(options.title.isEmpty() ? u"Concurrency Lab timeline"_s : options.title);
        QPainter painter;
        if (!painter.begin(&svg))
            return fail(error, u"Cannot write %1: the SVG generator did not start"_s.arg(file));
        paintTimeline(painter, QRectF(QPointF(0, 0), QSizeF(logicalSize)), data, style, pinned, options);
        painter.end();
    }
    if (out.error() != QFileDevice::NoError)
        return fail(error, u"Cannot write %1: %2"_s.arg(file, out.errorString()));
    return commit(out, file, error);
}

} // namespace lab
