#pragma once

#include <QColor>
#include <QFont>
#include <QString>

#include <array>

class QAbstractAxis;

namespace lab {

// Everything of the scaling chart's look that differs between light and dark,
// normal and lecture.
struct ScalingStyle
{
    QColor background;
    QColor text;
    QColor grid;
    QColor ideal;
    QColor marker;
    QColor calloutFill;
    std::array<QColor, 8> palette;
    int labelPx = 13;
    int axisTitlePx = 14;
    int titlePx = 16;
    qreal seriesWidth = 2.5;
    qreal idealWidth = 2;
    qreal markerWidth = 1.5;
    qreal pointSize = 4.5; // a radius, as Qt Charts draws it
    int yTicks = 7;
    bool lecture = false;

    static ScalingStyle of(bool dark, bool lecture);

    QColor sweepColour(int index) const { return palette[std::size_t(index) % palette.size()]; }
    static QFont pixelFont(int px, bool bold = false);
    // An axis's title, labels, line and grid in this style.
    void applyTo(QAbstractAxis *axis, const QString &title) const;
};

} // namespace lab
