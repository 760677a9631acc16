#include "ExportFile.h"

#include "OutputFile.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

using namespace Qt::StringLiterals;

namespace lab::exportfile {

namespace {

std::nullopt_t failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QImage canvas(QSize logicalSize, qreal scale, const QColor &background)
{
    QImage image(logicalSize * scale, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.setDevicePixelRatio(scale);
    image.fill(background);
    return image;
}

std::optional<QByteArray> png(const QImage &image, QString *error)
{
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    QImageWriter writer(&out, "png");
    if (!writer.write(image))
        return failed(error, writer.errorString());
    return bytes;
}

std::optional<QByteArray> svg(QSize size, const SvgHeader &header, const std::function<void(QPainter &)> &paint,
                              QString *error)
{
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&out);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    if (header.resolution > 0)
        generator.setResolution(header.resolution);
    generator.setTitle(header.title);
    if (!header.description.isEmpty())
        generator.setDescription(header.description);
    QPainter painter;
    if (!painter.begin(&generator))
        return failed(error, u"the SVG generator did not start"_s);
    paint(painter);
    painter.end();
    return bytes;
}

bool write(const QString &file, const QByteArray &bytes, QString *error)
{
    const std::string_view data(bytes.constData(), std::size_t(bytes.size()));
    if (auto why = OutputFile::write(QFile::encodeName(file).toStdString(), data)) {
        if (error)
            *error = u"Cannot write %1: %2"_s.arg(file, QString::fromStdString(*why));
        return false;
    }
    return true;
}

} // namespace lab::exportfile
