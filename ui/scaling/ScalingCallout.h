#pragma once

#include "ScalingStyle.h"

#include <QGraphicsItem>
#include <QString>

namespace lab {

// The value under the mouse, in a box beside the point.
class ScalingCallout : public QGraphicsItem
{
public:
    explicit ScalingCallout(QGraphicsItem *parent);

    void setStyle(const ScalingStyle &style);
    // Beside `anchor`, above and to the right, flipped where that would leave `bounds`.
    void showText(const QString &text, QPointF anchor, const QRectF &bounds);
    void hideText();
    QString text() const { return isVisible() ? m_text : QString(); }

    QRectF boundingRect() const override { return m_rect.adjusted(-2, -2, 2, 2); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    ScalingStyle m_style;
    QString m_text;
    QRectF m_rect;
};

} // namespace lab
