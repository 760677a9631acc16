#include "ScalingCallout.h"

#include <QFontMetricsF>
#include <QPainter>

namespace lab {

ScalingCallout::ScalingCallout(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setZValue(20);
    hide();
}

void ScalingCallout::setStyle(const ScalingStyle &style)
{
    prepareGeometryChange();
    m_style = style;
}

void ScalingCallout::showText(const QString &text, QPointF anchor, const QRectF &bounds)
{
    prepareGeometryChange();
    m_text = text;
    const QFontMetricsF fm(ScalingStyle::pixelFont(m_style.labelPx));
    const QSizeF textSize = fm.size(0, m_text);
    const qreal pad = m_style.labelPx * 0.5;
    m_rect = QRectF(QPointF(0, 0), textSize + QSizeF(2 * pad, 2 * pad));
    QPointF pos = anchor + QPointF(pad, -pad - m_rect.height());
    if (pos.x() + m_rect.width() > bounds.right())
        pos.setX(anchor.x() - pad - m_rect.width());
    if (pos.y() < bounds.top())
        pos.setY(anchor.y() + pad);
    setPos(pos);
    setVisible(true);
}

void ScalingCallout::hideText()
{
    m_text.clear();
    hide();
}

void ScalingCallout::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_style.text, m_style.lecture ? 2 : 1));
    painter->setBrush(m_style.calloutFill);
    painter->drawRoundedRect(m_rect, 4, 4);
    painter->setFont(ScalingStyle::pixelFont(m_style.labelPx));
    const qreal pad = m_style.labelPx * 0.5;
    painter->drawText(m_rect.adjusted(pad, pad, -pad, -pad), Qt::AlignLeft | Qt::AlignTop, m_text);
    painter->restore();
}

} // namespace lab
