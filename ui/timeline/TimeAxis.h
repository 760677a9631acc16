#pragma once

#include <QString>

#include <vector>

namespace lab {

// The horizontal mapping of a timeline: a visible time range (ns relative to
// the run's origin, as double so deep zoom keeps sub-ns precision) laid over a
// pixel span. Zoom, pan and fit keep it within limits; painting only reads it.
class TimeAxis
{
public:
    struct Tick
    {
        double timeNs = 0;
        double x = 0;
        QString label; // empty for a minor tick
        bool major = true;
    };

    TimeAxis() = default;
    TimeAxis(double left, double width, double startNs, double endNs);

    // The pixels the time range is drawn into; keeps the start time and the scale.
    void setPixelSpan(double left, double width);
    double left() const { return m_left; }
    double width() const { return m_width; }
    double right() const { return m_left + m_width; }

    // Shows [startNs, endNs] across the pixel span (the zoom limits apply).
    void setVisibleRange(double startNs, double endNs);
    double startNs() const { return m_startNs; }
    double endNs() const { return m_startNs + m_width * m_nsPerPixel; }
    double durationNs() const { return m_width * m_nsPerPixel; }
    double nsPerPixel() const { return m_nsPerPixel; }

    double xAt(double timeNs) const { return m_left + (timeNs - m_startNs) / m_nsPerPixel; }
    double timeAt(double x) const { return m_startNs + (x - m_left) * m_nsPerPixel; }

    // factor > 1 zooms in. The time under anchorX stays under it unless a limit applies.
    void zoomAt(double anchorX, double factor);
    // Moves the content by dx pixels: dx > 0 brings earlier times into view.
    void panBy(double dx);
    // Shows [startNs, endNs] with marginPx empty pixels on either side.
    void fitTo(double startNs, double endNs, double marginPx);

    // The finest and the coarsest scale allowed.
    void setZoomLimits(double minNsPerPixel, double maxNsPerPixel);
    double minNsPerPixel() const { return m_minNsPerPixel; }
    double maxNsPerPixel() const { return m_maxNsPerPixel; }
    // What there is to see: panning stops where [startNs, endNs] (with a margin
    // of 5% of the view) meets the view's edges. An empty range turns clamping off.
    void setContentRange(double startNs, double endNs);
    double contentStartNs() const { return m_contentStartNs; }
    double contentEndNs() const { return m_contentEndNs; }

    // Labelled ticks at a "nice" 1-2-5 step at least minLabelSpacingPx apart,
    // with unlabelled minor ticks between them, within the visible range.
    std::vector<Tick> ticks(double minLabelSpacingPx) const;

    // The smallest 1, 2 or 5 × 10^k (k ≥ 0, in ns) that is ≥ minStepNs.
    static double niceStep(double minStepNs);
    // A tick label: the unit follows the size of the times shown (magnitudeNs),
    // the decimals follow the step, e.g. "250 ms", "1.5 s", "40 µs", "0".
    static QString formatTick(double timeNs, double stepNs, double magnitudeNs);
    // A duration with three significant digits, e.g. "100 ms", "1.23 ms", "400 ns".
    static QString formatDuration(double ns);

private:
    void clamp();

    double m_left = 0;
    double m_width = 1;
    double m_startNs = 0;
    double m_nsPerPixel = 1e6;
    double m_minNsPerPixel = 0.05;
    double m_maxNsPerPixel = 1e10;
    double m_contentStartNs = 0;
    double m_contentEndNs = 0;
};

} // namespace lab
