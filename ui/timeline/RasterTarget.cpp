#include "RasterTarget.h"

#include <QImage>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QRegion>
#include <QTransform>

namespace lab::timeline {
namespace {

// The device pixels the raster engine fills for a rectangle, and clips to: it rounds the mapped edges.
QRect devicePixels(const QRectF &rect, const QTransform &device)
{
    const QRectF r = device.mapRect(rect);
    const int x0 = qRound(r.left()), y0 = qRound(r.top()), x1 = qRound(r.right()), y1 = qRound(r.bottom());
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

// The painter's own 32-bit image, when opaque pixels written into it show as a blit would show them.
QImage *directImage(QPainter &p)
{
    QPaintDevice *device = p.paintEngine()->paintDevice();
    if (!device || device->devType() != QInternal::Image || p.opacity() < 1
        || p.compositionMode() != QPainter::CompositionMode_SourceOver)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    switch (image->format()) {
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return image->isDetached() ? image : nullptr;
    default:
        return nullptr;
    }
}

// One per thread, kept from frame to frame while the size stays.
QImage &layer()
{
    thread_local QImage image;
    return image;
}

} // namespace

bool RasterTarget::usable(const QPainter &p)
{
    if (!p.paintEngine() || p.paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const QTransform device = p.deviceTransform();
    return device.type() <= QTransform::TxScale && device.m11() > 0 && device.m22() > 0;
}

RasterTarget::RasterTarget(QPainter &p, const QRectF &rect, bool inPlace)
{
    const QTransform device = p.deviceTransform();
    m_direct = inPlace ? directImage(p) : nullptr;
    if (m_direct) {
        // Exactly the pixels that the clip to the rectangle would let a blit write.
        m_rect = devicePixels(rect, device) & m_direct->rect();
        const QRegion system = p.paintEngine()->systemClip();
        if (system.rectCount() == 1)
            m_rect &= system.boundingRect();
        else if (!system.isEmpty())
            m_direct = nullptr;
    }
    if (!m_direct)
        m_rect = device.mapRect(rect).toAlignedRect();
}

bool RasterTarget::prepare()
{
    QImage &pixels = m_direct ? *m_direct : layer();
    if (!m_direct && pixels.size() != m_rect.size())
        pixels = QImage(m_rect.size(), QImage::Format_RGB32);
    if (!m_direct && pixels.isNull())
        return false;
    m_stride = pixels.bytesPerLine() / qsizetype(sizeof(QRgb));
    m_bits = reinterpret_cast<QRgb *>(pixels.bits());
    if (m_direct)
        m_bits += m_rect.top() * m_stride + m_rect.left();
    return true;
}

void RasterTarget::finish(QPainter &p) const
{
    if (m_direct)
        return;
    // Blit at the layer's own pixels: the world transform undoes the device scale.
    p.save();
    p.setWorldTransform(QTransform());
    const QTransform undo = p.deviceTransform().inverted();
    p.setWorldTransform(undo);
    p.drawImage(m_rect.topLeft(), layer());
    p.restore();
}

} // namespace lab::timeline
