#include "ScalingChartBuilder.h"

#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

QString yTitle(ScalingChart::Measure m)
{
    switch (m) {
    case ScalingChart::Measure::Time: return ScalingChart::tr("wall time (s)");
    case ScalingChart::Measure::Speedup: return ScalingChart::tr("speedup (T1 / wall time)");
    case ScalingChart::Measure::Efficiency: return ScalingChart::tr("efficiency (% of min(workers, cores))");
    }
    return {};
}

QString idealName(ScalingChart::Measure m)
{
    switch (m) {
    case ScalingChart::Measure::Time: return ScalingChart::tr("ideal: T1 / min(workers, cores)");
    case ScalingChart::Measure::Speedup: return ScalingChart::tr("ideal: min(workers, cores)");
    case ScalingChart::Measure::Efficiency: return ScalingChart::tr("ideal: 100 %");
    }
    return {};
}

// The smallest of 1, 2, 2.5, 5 × 10^k that divides [0, top] into at most maxIntervals.
double niceStep(double top, int maxIntervals)
{
    const double raw = top / std::max(1, maxIntervals);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * magnitude >= raw - 1e-12)
            return m * magnitude;
    return 10 * magnitude;
}

// 100000 as "100 000", the lesson's way of writing it.
QString groupedThousands(int n)
{
    QString text = QString::number(n);
    for (qsizetype i = text.size() - 3; i > 0; i -= 3)
        text.insert(i, u'\u202F');
    return text;
}

} // namespace

QString scalingTitle(ScalingChart::Measure m)
{
    switch (m) {
    case ScalingChart::Measure::Time: return ScalingChart::tr("Wall time against workers");
    case ScalingChart::Measure::Speedup: return ScalingChart::tr("Speedup against workers");
    case ScalingChart::Measure::Efficiency: return ScalingChart::tr("Efficiency against workers");
    }
    return {};
}

QString formatScalingValue(ScalingChart::Measure m, double v)
{
    switch (m) {
    case ScalingChart::Measure::Time:
        if (v < 0.1)
            return u"%1 ms"_s.arg(v * 1e3, 0, 'f', 1);
        return u"%1 s"_s.arg(v, 0, 'f', v < 10 ? 2 : 1);
    case ScalingChart::Measure::Speedup: return u"%1×"_s.arg(v, 0, 'f', 2);
    case ScalingChart::Measure::Efficiency: return u"%1 %"_s.arg(v, 0, 'f', 0);
    }
    return {};
}

std::int64_t referenceTimeOf(const SweepResult &r)
{
    if (r.t1Ns > 0)
        return r.t1Ns;
    for (const SweepPoint &p : r.points)
        if (p.workers == 1 && p.wallNs > 0)
            return p.wallNs;
    return 0;
}

ScalingChartBuilder::ScalingChartBuilder(const std::vector<ChartedSweep> &sweeps, ScalingChart::Measure measure,
                                         const ScalingStyle &style)
    : m_sweeps(sweeps), m_measure(measure), m_style(style)
{
}

std::unique_ptr<QChart> ScalingChartBuilder::build()
{
    m_chart = std::make_unique<QChart>();
    setUpFrame();
    for (auto it = m_sweeps.rbegin(); it != m_sweeps.rend(); ++it) {
        if (m_cores <= 0)
            m_cores = it->result.cpuCount;
        if (m_t1Ns <= 0)
            m_t1Ns = referenceTimeOf(it->result);
    }
    findWorkerRange();
    addAxes();
    // First, so the sweeps are drawn over it; its points follow once the y range is known.
    QLineSeries *marker = m_cores > 0 ? addCoreMarker() : nullptr;
    addSweepSeries();
    if (!m_sweeps.empty())
        addIdealSeries();
    settleYRange();
    if (marker)
        labelCoreMarker(marker);
    else
        addHint();
    return std::move(m_chart);
}

void ScalingChartBuilder::setUpFrame()
{
    QChart *chart = m_chart.get();
    chart->setBackgroundBrush(m_style.background);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setDropShadowEnabled(false);
    // Without this the view shows a grey frame around the chart's background.
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(8, 8, 16, 8));
    QString title = scalingTitle(m_measure);
    if (!m_sweeps.empty()) {
        const SweepSpec &spec = m_sweeps.back().result.spec;
        title += u" — %1 × factorial(%2)"_s.arg(spec.tasks).arg(groupedThousands(spec.n));
    }
    chart->setTitle(title);
    chart->setTitleFont(ScalingStyle::pixelFont(m_style.titlePx, true));
    chart->setTitleBrush(m_style.text);
    QLegend *legend = chart->legend();
    // A row below fits three sweeps and the ideal curve; more, or lecture-sized labels,
    // would be cut to "thread po…", so then a column to the right.
    legend->setAlignment(m_style.lecture || m_sweeps.size() > 3 ? Qt::AlignRight : Qt::AlignBottom);
    legend->setMarkerShape(QLegend::MarkerShapeFromSeries);
    legend->setFont(ScalingStyle::pixelFont(m_style.labelPx));
    legend->setLabelColor(m_style.text);
    legend->setBackgroundVisible(false);
}

void ScalingChartBuilder::findWorkerRange()
{
    for (const ChartedSweep &sweep : m_sweeps) {
        m_workers.insert(sweep.result.spec.workers.begin(), sweep.result.spec.workers.end());
        for (const SweepPoint &p : sweep.result.points)
            m_workers.insert(p.workers);
    }
    m_workers.erase(0);
    m_minWorkers = m_workers.empty() ? 1 : std::max(1, *m_workers.begin());
    m_maxWorkers = m_workers.empty() ? 512 : std::max(m_minWorkers * 2, *m_workers.rbegin());
}

void ScalingChartBuilder::addAxes()
{
    m_x = new QLogValueAxis;
    m_x->setBase(2);
    m_x->setLabelFormat(u"%g"_s);
    m_x->setMinorTickCount(0);
    // A quarter of a doubling either side, so the end points are not cut by the frame.
    m_x->setRange(m_minWorkers / std::pow(2.0, 0.25), m_maxWorkers * std::pow(2.0, 0.25));
    m_y = new QValueAxis;
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_style.applyTo(m_x, ScalingChart::tr("workers (log₂ scale)"));
    m_style.applyTo(m_y, yTitle(m_measure));
}

QLineSeries *ScalingChartBuilder::addCoreMarker()
{
    auto *marker = new QLineSeries;
    marker->setObjectName(u"coreMarker"_s);
    marker->setName(m_cores == 1 ? ScalingChart::tr("1 core") : ScalingChart::tr("%1 cores").arg(m_cores));
    m_chart->addSeries(marker);
    marker->attachAxis(m_x);
    marker->attachAxis(m_y);
    marker->setPen(QPen(m_style.marker, m_style.markerWidth, Qt::SolidLine));
    for (QLegendMarker *m : m_chart->legend()->markers(marker))
        m->setVisible(false);
    return marker;
}

void ScalingChartBuilder::addSweepSeries()
{
    for (size_t i = 0; i < m_sweeps.size(); ++i) {
        const ChartedSweep &sweep = m_sweeps[i];
        const SweepResult &r = sweep.result;
        auto *series = new QLineSeries;
        series->setObjectName(u"sweep"_s);
        series->setProperty("sweepIndex", int(i));
        QString name = sweep.name;
        if (r.cancelled)
            name += ScalingChart::tr(" (cancelled)");
        else if (!r.error.empty())
            name += ScalingChart::tr(" (failed)");
        series->setName(name);
        const std::int64_t sweepT1 = referenceTimeOf(r);
        const int sweepCores = r.cpuCount > 0 ? r.cpuCount : m_cores;
        for (const SweepPoint &p : r.points) {
            const double v = ScalingChart::value(m_measure, p.wallNs, p.workers, sweepT1, sweepCores);
            if (std::isfinite(v)) {
                series->append(p.workers, v);
                m_yMax = std::max(m_yMax, v);
            }
        }
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        const QColor colour = m_style.sweepColour(sweep.colour);
        QPen pen(colour, m_style.seriesWidth);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        series->setPen(pen);
        series->setColor(colour);
        series->setPointsVisible(true);
        series->setMarkerSize(m_style.pointSize);
    }
}

void ScalingChartBuilder::addIdealSeries()
{
    std::set<int> idealWorkers = m_workers;
    if (m_cores > m_minWorkers && m_cores < m_maxWorkers)
        idealWorkers.insert(m_cores); // the knee of the curve
    auto *ideal = new QLineSeries;
    ideal->setObjectName(u"ideal"_s);
    ideal->setName(idealName(m_measure));
    for (int w : idealWorkers) {
        const double v = ScalingChart::idealValue(m_measure, w, m_t1Ns, m_cores);
        if (std::isfinite(v)) {
            ideal->append(w, v);
            m_yMax = std::max(m_yMax, v);
        }
    }
    m_chart->addSeries(ideal);
    ideal->attachAxis(m_x);
    ideal->attachAxis(m_y);
    QPen pen(m_style.ideal, m_style.idealWidth, Qt::DashLine);
    pen.setDashPattern({4, 3});
    ideal->setPen(pen);
}

// QValueAxis::applyNiceNumbers() settles for three intervals too often: pick the step.
void ScalingChartBuilder::settleYRange()
{
    const double top = m_yMax > 0 ? m_yMax * 1.08 : 1.0;
    const double step = niceStep(top, m_style.yTicks - 1);
    const int intervals = int(std::ceil(top / step - 1e-9));
    m_y->setRange(0, intervals * step);
    m_y->setTickCount(intervals + 1);
    const bool tenths = std::abs(step * 10 - std::round(step * 10)) < 1e-9;
    m_y->setLabelFormat(step >= 1 ? u"%.0f"_s : tenths ? u"%.1f"_s : u"%.2f"_s);
}

void ScalingChartBuilder::labelCoreMarker(QLineSeries *marker)
{
    marker->append(m_cores, m_y->min());
    marker->append(m_cores, m_y->max());
    auto *label = new QGraphicsSimpleTextItem(marker->name(), m_chart.get());
    label->setFont(ScalingStyle::pixelFont(m_style.labelPx));
    label->setBrush(m_style.text);
    label->setZValue(10);
    QChart *c = m_chart.get();
    // The label is a child item of the chart, so the chart is the context.
    QObject::connect(c, &QChart::plotAreaChanged, c, [c, label, marker, top = m_y->max()](const QRectF &plot) {
        const QPointF at = c->mapToPosition(QPointF(marker->at(0).x(), top), marker);
        const qreal gap = label->font().pixelSize() * 0.3;
        qreal left = at.x() + gap;
        if (left + label->boundingRect().width() > plot.right())
            left = at.x() - gap - label->boundingRect().width();
        label->setPos(left, plot.top() + gap);
    });
}

void ScalingChartBuilder::addHint()
{
    auto *hint = new QGraphicsSimpleTextItem(
        ScalingChart::tr("No sweep yet: run one to see how the time changes with the number of workers."), m_chart.get());
    hint->setFont(ScalingStyle::pixelFont(m_style.labelPx));
    hint->setBrush(m_style.text);
    QObject::connect(m_chart.get(), &QChart::plotAreaChanged, m_chart.get(), [hint](const QRectF &plot) {
        const QRectF r = hint->boundingRect();
        hint->setPos(plot.center() - QPointF(r.width() / 2, r.height() / 2));
    });
}

} // namespace lab
