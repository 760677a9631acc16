#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QPainter;

// The bytes of an exported picture, and writing them: shared by the timeline's
// and the scaling chart's exports. std::nullopt or false with *error (if given)
// saying why.
namespace lab::exportfile {

// A logicalSize picture at `scale` device pixels per logical one, filled with
// `background`; a null image when memory does not allow it.
QImage canvas(QSize logicalSize, qreal scale, const QColor &background);

// An image encoded as PNG.
std::optional<QByteArray> png(const QImage &image, QString *error);

struct SvgHeader
{
    QString title;
    QString description;
    int resolution = 0; // dots per inch; 0: QSvgGenerator's default
};

// What `paint` draws into a size.width() × size.height() SVG.
std::optional<QByteArray> svg(QSize size, const SvgHeader &header, const std::function<void(QPainter &)> &paint,
                              QString *error);

// Written whole or not at all (OutputFile): "Cannot write FILE: reason" on failure.
bool write(const QString &file, const QByteArray &bytes, QString *error);

} // namespace lab::exportfile
