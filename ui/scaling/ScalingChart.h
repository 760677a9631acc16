#pragma once

#include "Sweep.h"

#include <QByteArray>
#include <QChart>
#include <QImage>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QButtonGroup;
class QChartView;
class QPainter;
class QToolButton;

namespace lab {

class ScalingCallout;

// A sweep as the chart keeps it.
struct ChartedSweep
{
    int id = 0;
    SweepResult result;
    QString name;   // the kind, with "#2" when the same kind was swept before
    int colour = 0; // index into the style's palette
};

// The scaling view of a worker-count sweep: wall time (or speedup, or efficiency) against
// the number of workers on a log2 axis, one series per sweep, the ideal curve and a marker
// at the core count. Earlier sweeps stay for comparison until clear().
//
// The screen, PNG and SVG are drawn the same way: the chart is rebuilt from the stored
// sweeps by one function, and an export puts a freshly built chart into its own scene and
// renders that into the painter, so the on-screen chart is never resized for an export.
class ScalingChart : public QWidget
{
    Q_OBJECT

public:
    enum class Measure { Time, Speedup, Efficiency };
    Q_ENUM(Measure)
    enum class Theme { Light, Dark };
    Q_ENUM(Theme)

    explicit ScalingChart(QWidget *parent = nullptr);
    ~ScalingChart() override;

    // A finished sweep, or the start of a live one (its points so far, possibly none).
    // Returns the sweep's id for updateSweep().
    int addSweep(const SweepResult &result);
    // A live sweep's new state: the points so far replace the old ones, as do t1Ns,
    // cpuCount, cancelled and error. Returns false for an unknown id (e.g. after clear()).
    bool updateSweep(int sweepId, const SweepResult &partial);
    void clear();
    int sweepCount() const { return int(m_sweeps.size()); }
    // The sweep added last (its points so far); nullptr before any.
    const SweepResult *lastSweep() const { return m_sweeps.empty() ? nullptr : &m_sweeps.back().result; }

    Measure measure() const { return m_measure; }
    void setMeasure(Measure measure);
    bool isLecture() const { return m_lecture; }
    void setLecture(bool lecture);
    Theme theme() const { return m_theme; }
    void setTheme(Theme theme);

    // The on-screen chart; its series have object names "sweep", "ideal" and "coreMarker".
    QChart *chart() const;
    // The hover callout's text, empty while it is hidden.
    QString hoverText() const;

    // Export: the same chart laid out at target.size() (logical pixels).
    void render(QPainter *painter, const QRectF &target) const;
    QImage renderImage(QSize logicalSize, qreal scale = 1.0) const;
    // The file's bytes; std::nullopt and *error when the image cannot be made.
    std::optional<QByteArray> pngBytes(QSize logicalSize, qreal scale, QString *error = nullptr) const;
    std::optional<QByteArray> svgBytes(QSize size, QString *error = nullptr) const;
    // Written whole or not at all (OutputFile).
    bool writePng(const QString &fileName, QSize logicalSize, qreal scale, QString *error = nullptr) const;
    bool writeSvg(const QString &fileName, QSize size, QString *error = nullptr) const;

    // The maths behind the curves, with tests of their own. Values are seconds, a
    // factor, or a percentage; NaN when undefined (no T1 yet, no wall time).
    static double value(Measure measure, std::int64_t wallNs, int workers, std::int64_t t1Ns, int cores);
    static double idealValue(Measure measure, int workers, std::int64_t t1Ns, int cores);
    // "process pool", "thread pool, GIL on (model)", "thread pool, GIL off".
    static QString kindName(const SweepSpec &spec);

signals:
    void measureChanged(lab::ScalingChart::Measure measure);
    void cleared();

private:
    std::unique_ptr<QChart> buildChart() const;
    void rebuild();
    void showHover(const QPointF &point, bool state, int sweepIndex);
    void applyWidgetStyle();

    std::vector<ChartedSweep> m_sweeps;
    int m_nextId = 1;
    Measure m_measure = Measure::Time;
    bool m_lecture = false;
    Theme m_theme = Theme::Light;

    QChartView *m_view = nullptr;
    QButtonGroup *m_measureButtons = nullptr;
    QToolButton *m_clearButton = nullptr;
    ScalingCallout *m_callout = nullptr;     // owned by the current chart
};

} // namespace lab
