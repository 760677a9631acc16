#pragma once

#include <QRect>
#include <QRgb>

class QImage;
class QPainter;
class QRectF;

namespace lab::timeline {

// Where the raster path writes a frame's lanes: straight into the painter's own
// image where it has one (an export, the widget's backing store), else into one
// opaque layer that finish() draws with a single blit.
class RasterTarget
{
public:
    // The raster engine with a transform that keeps rectangles rectangles.
    static bool usable(const QPainter &p);

    // For `rect` (logical) of a usable painter; the painter's own image only if `inPlace`.
    RasterTarget(QPainter &p, const QRectF &rect, bool inPlace);

    // The device pixels written: those a blit clipped to the rectangle would write.
    const QRect &rect() const { return m_rect; }
    // Makes rect()'s pixels writable; false when there is no memory for the layer.
    bool prepare();
    QRgb *bits() const { return m_bits; }         // rect()'s first pixel, after prepare()
    qsizetype stride() const { return m_stride; } // in pixels
    void finish(QPainter &p) const;

private:
    QImage *m_direct = nullptr;
    QRect m_rect;
    QRgb *m_bits = nullptr;
    qsizetype m_stride = 0;
};

} // namespace lab::timeline
