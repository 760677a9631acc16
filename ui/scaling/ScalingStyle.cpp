#include "ScalingStyle.h"

#include <QAbstractAxis>
#include <QPen>

namespace lab {

// Okabe–Ito, ordered so the first colours contrast best with the background: yellow is
// nearly invisible on white, blue and black on black (black becomes white on dark).
ScalingStyle ScalingStyle::of(bool dark, bool lecture)
{
    ScalingStyle s;
    if (!dark) {
        s.background = Qt::white;
        s.text = lecture ? QColor(0, 0, 0) : QColor(0x1f, 0x1f, 0x1f);
        s.grid = lecture ? QColor(0xb0, 0xb0, 0xb0) : QColor(0xdd, 0xdd, 0xdd);
        s.ideal = lecture ? QColor(0, 0, 0) : QColor(0x55, 0x55, 0x55);
        s.marker = lecture ? QColor(0x44, 0x44, 0x44) : QColor(0x80, 0x80, 0x80);
        s.calloutFill = QColor(0xff, 0xff, 0xff, 235);
        s.palette = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                     QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                     QColor(0x00, 0x00, 0x00), QColor(0xF0, 0xE4, 0x42)};
    } else {
        s.background = lecture ? QColor(0, 0, 0) : QColor(0x1e, 0x1e, 0x1e);
        s.text = lecture ? QColor(0xff, 0xff, 0xff) : QColor(0xe8, 0xe8, 0xe8);
        s.grid = lecture ? QColor(0x60, 0x60, 0x60) : QColor(0x3c, 0x3c, 0x3c);
        s.ideal = lecture ? QColor(0xff, 0xff, 0xff) : QColor(0xb8, 0xb8, 0xb8);
        s.marker = lecture ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x8c, 0x8c, 0x8c);
        s.calloutFill = lecture ? QColor(0, 0, 0, 235) : QColor(0x2a, 0x2a, 0x2a, 235);
        s.palette = {QColor(0x56, 0xB4, 0xE9), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73),
                     QColor(0xCC, 0x79, 0xA7), QColor(0xF0, 0xE4, 0x42), QColor(0xD5, 0x5E, 0x00),
                     QColor(0xff, 0xff, 0xff), QColor(0x00, 0x72, 0xB2)};
    }
    s.lecture = lecture;
    if (lecture) {
        // Readable from the back of a lecture hall on a 1080p projector.
        s.labelPx = 24;
        s.axisTitlePx = 26;
        s.titlePx = 30;
        s.seriesWidth = 5;
        s.idealWidth = 4;
        s.markerWidth = 3;
        s.pointSize = 8;
        s.yTicks = 6;
    }
    return s;
}

QFont ScalingStyle::pixelFont(int px, bool bold)
{
    QFont f;
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

void ScalingStyle::applyTo(QAbstractAxis *axis, const QString &title) const
{
    axis->setTitleText(title);
    axis->setTitleFont(pixelFont(axisTitlePx));
    axis->setTitleBrush(text);
    axis->setLabelsFont(pixelFont(labelPx));
    axis->setLabelsColor(text);
    axis->setLinePen(QPen(text, lecture ? 2 : 1));
    axis->setGridLinePen(QPen(grid, 1));
}

} // namespace lab
