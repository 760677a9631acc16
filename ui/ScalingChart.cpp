#include "ScalingChart.h"

#include "OutputFile.h"

#include <QButtonGroup>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QBuffer>
#include <QFile>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Everything that differs between light and dark, normal and lecture.
struct Style
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
};

// Okabe–Ito, ordered so the first colours contrast best with the background: yellow is
// nearly invisible on white, blue and black on black (black becomes white on dark).
Style styleFor(ScalingChart::Theme theme, bool lecture)
{
    Style s;
    if (theme == ScalingChart::Theme::Light) {
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

QFont pixelFont(int px, bool bold = false)
{
    QFont f;
    f.setPixelSize(px);
    f.setBold(bold);
    return f;
}

void styleAxis(QAbstractAxis *axis, const Style &s, const QString &title)
{
    axis->setTitleText(title);
    axis->setTitleFont(pixelFont(s.axisTitlePx));
    axis->setTitleBrush(s.text);
    axis->setLabelsFont(pixelFont(s.labelPx));
    axis->setLabelsColor(s.text);
    axis->setLinePen(QPen(s.text, s.lecture ? 2 : 1));
    axis->setGridLinePen(QPen(s.grid, 1));
}

QString measureTitle(ScalingChart::Measure m)
{
    switch (m) {
    case ScalingChart::Measure::Time: return ScalingChart::tr("Wall time against workers");
    case ScalingChart::Measure::Speedup: return ScalingChart::tr("Speedup against workers");
    case ScalingChart::Measure::Efficiency: return ScalingChart::tr("Efficiency against workers");
    }
    return {};
}

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

QString formatValue(ScalingChart::Measure m, double v)
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

// The 1-worker time a sweep is measured against; a live sweep may not have it yet.
std::int64_t t1Of(const SweepResult &r)
{
    if (r.t1Ns > 0)
        return r.t1Ns;
    for (const SweepPoint &p : r.points)
        if (p.workers == 1 && p.wallNs > 0)
            return p.wallNs;
    return 0;
}

} // namespace

// The value under the mouse, in a box beside the point.
class ScalingCallout : public QGraphicsItem
{
public:
    explicit ScalingCallout(QGraphicsItem *parent) : QGraphicsItem(parent) { setZValue(20); hide(); }

    void setStyle(const Style &style) { prepareGeometryChange(); m_style = style; }
    void showText(const QString &text, QPointF anchor, const QRectF &bounds)
    {
        prepareGeometryChange();
        m_text = text;
        const QFontMetricsF fm(pixelFont(m_style.labelPx));
        const QSizeF textSize = fm.size(0, m_text);
        const qreal pad = m_style.labelPx * 0.5;
        m_rect = QRectF(QPointF(0, 0), textSize + QSizeF(2 * pad, 2 * pad));
        // Above and to the right of the point, flipped when that would leave the plot.
        QPointF pos = anchor + QPointF(pad, -pad - m_rect.height());
        if (pos.x() + m_rect.width() > bounds.right())
            pos.setX(anchor.x() - pad - m_rect.width());
        if (pos.y() < bounds.top())
            pos.setY(anchor.y() + pad);
        setPos(pos);
        setVisible(true);
    }
    void hideText()
    {
        m_text.clear();
        hide();
    }
    QString text() const { return isVisible() ? m_text : QString(); }

    QRectF boundingRect() const override { return m_rect.adjusted(-2, -2, 2, 2); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(m_style.text, m_style.lecture ? 2 : 1));
        painter->setBrush(m_style.calloutFill);
        painter->drawRoundedRect(m_rect, 4, 4);
        painter->setFont(pixelFont(m_style.labelPx));
        const qreal pad = m_style.labelPx * 0.5;
        painter->drawText(m_rect.adjusted(pad, pad, -pad, -pad), Qt::AlignLeft | Qt::AlignTop, m_text);
        painter->restore();
    }

private:
    Style m_style;
    QString m_text;
    QRectF m_rect;
};

ScalingChart::ScalingChart(QWidget *parent) : QWidget(parent)
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    m_measureButtons = new QButtonGroup(this);
    const std::array<std::pair<Measure, QString>, 3> measures{{
        {Measure::Time, tr("Time")},
        {Measure::Speedup, tr("Speedup")},
        {Measure::Efficiency, tr("Efficiency")},
    }};
    const std::array<QString, 3> objectNames{u"measureTime"_s, u"measureSpeedup"_s, u"measureEfficiency"_s};
    const std::array<QString, 3> tips{tr("Wall time of each pool size, in seconds"),
                                      tr("Speedup: the 1-worker time divided by the wall time"),
                                      tr("Efficiency: speedup per usable core (min(workers, cores))")};
    for (int i = 0; i < 3; ++i) {
        auto *button = new QToolButton(this);
        button->setText(measures[i].second);
        button->setObjectName(objectNames[i]);
        button->setToolTip(tips[i]);
        button->setCheckable(true);
        button->setChecked(measures[i].first == m_measure);
        m_measureButtons->addButton(button, int(measures[i].first));
        bar->addWidget(button);
    }
    connect(m_measureButtons, &QButtonGroup::idClicked, this, [this](int id) { setMeasure(Measure(id)); });
    bar->addStretch(1);
    m_clearButton = new QToolButton(this);
    m_clearButton->setObjectName(u"clearButton"_s);
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every sweep from the chart"));
    connect(m_clearButton, &QToolButton::clicked, this, &ScalingChart::clear);
    bar->addWidget(m_clearButton);

    m_view = new QChartView(this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    rebuild();
    applyWidgetStyle();
}

ScalingChart::~ScalingChart() = default;

int ScalingChart::addSweep(const SweepResult &result)
{
    Sweep sweep;
    sweep.id = m_nextId++;
    sweep.result = result;
    const QString kind = kindName(result.spec);
    const auto same = std::count_if(m_sweeps.begin(), m_sweeps.end(),
                                    [&](const Sweep &s) { return kindName(s.result.spec) == kind; });
    sweep.name = same == 0 ? kind : u"%1 #%2"_s.arg(kind).arg(same + 1);
    sweep.colour = int(m_sweeps.size());
    m_sweeps.push_back(std::move(sweep));
    rebuild();
    return m_sweeps.back().id;
}

bool ScalingChart::updateSweep(int sweepId, const SweepResult &partial)
{
    const auto it = std::find_if(m_sweeps.begin(), m_sweeps.end(), [&](const Sweep &s) { return s.id == sweepId; });
    if (it == m_sweeps.end())
        return false;
    it->result = partial;
    rebuild();
    return true;
}

void ScalingChart::clear()
{
    m_sweeps.clear();
    rebuild();
    emit cleared();
}

void ScalingChart::setMeasure(Measure measure)
{
    if (auto *button = m_measureButtons->button(int(measure)))
        button->setChecked(true);
    if (measure == m_measure)
        return;
    m_measure = measure;
    rebuild();
    emit measureChanged(measure);
}

void ScalingChart::setLecture(bool lecture)
{
    if (lecture == m_lecture)
        return;
    m_lecture = lecture;
    applyWidgetStyle();
    rebuild();
}

void ScalingChart::setTheme(Theme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    rebuild();
}

QChart *ScalingChart::chart() const
{
    return m_view->chart();
}

QString ScalingChart::hoverText() const
{
    return m_callout ? m_callout->text() : QString();
}

double ScalingChart::value(Measure measure, std::int64_t wallNs, int workers, std::int64_t t1Ns, int cores)
{
    if (wallNs <= 0 || workers <= 0)
        return nan;
    switch (measure) {
    case Measure::Time: return double(wallNs) / 1e9;
    case Measure::Speedup: return t1Ns > 0 ? double(t1Ns) / double(wallNs) : nan;
    case Measure::Efficiency:
        return t1Ns > 0 ? 100.0 * double(t1Ns) / double(wallNs) / double(std::min(workers, std::max(cores, 1))) : nan;
    }
    return nan;
}

double ScalingChart::idealValue(Measure measure, int workers, std::int64_t t1Ns, int cores)
{
    if (workers <= 0)
        return nan;
    const int usable = std::min(workers, std::max(cores, 1));
    switch (measure) {
    case Measure::Time: return t1Ns > 0 ? double(t1Ns) / 1e9 / usable : nan;
    case Measure::Speedup: return usable;
    case Measure::Efficiency: return 100.0;
    }
    return nan;
}

QString ScalingChart::kindName(const SweepSpec &spec)
{
    if (spec.pool == PoolKind::Process)
        return spec.startMethod == StartMethod::Spawn ? tr("process pool, spawn") : tr("process pool");
    return spec.gil ? tr("thread pool, GIL on (model)") : tr("thread pool, GIL off");
}

std::unique_ptr<QChart> ScalingChart::buildChart() const
{
    const Style s = styleFor(m_theme, m_lecture);
    auto chart = std::make_unique<QChart>();
    chart->setBackgroundBrush(s.background);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setDropShadowEnabled(false);
    // Without this the view shows a grey frame around the chart's background.
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(8, 8, 16, 8));
    QString title = measureTitle(m_measure);
    if (!m_sweeps.empty()) {
        const SweepSpec &spec = m_sweeps.back().result.spec;
        // 100000 as "100 000", the lesson's way of writing it.
        QString n = QString::number(spec.n);
        for (qsizetype i = n.size() - 3; i > 0; i -= 3)
            n.insert(i, u'\u202F');
        title += u" — %1 × factorial(%2)"_s.arg(spec.tasks).arg(n);
    }
    chart->setTitle(title);
    chart->setTitleFont(pixelFont(s.titlePx, true));
    chart->setTitleBrush(s.text);
    QLegend *legend = chart->legend();
    // A row below fits three sweeps and the ideal curve; more, or lecture-sized labels,
    // would be cut to "thread po…", so then a column to the right.
    legend->setAlignment(m_lecture || m_sweeps.size() > 3 ? Qt::AlignRight : Qt::AlignBottom);
    legend->setMarkerShape(QLegend::MarkerShapeFromSeries);
    legend->setFont(pixelFont(s.labelPx));
    legend->setLabelColor(s.text);
    legend->setBackgroundVisible(false);

    // The machine and the reference time: the latest sweep that knows them.
    int cores = 0;
    std::int64_t t1 = 0;
    for (auto it = m_sweeps.rbegin(); it != m_sweeps.rend(); ++it) {
        if (cores <= 0)
            cores = it->result.cpuCount;
        if (t1 <= 0)
            t1 = t1Of(it->result);
    }

    std::set<int> workers;
    for (const Sweep &sweep : m_sweeps) {
        workers.insert(sweep.result.spec.workers.begin(), sweep.result.spec.workers.end());
        for (const SweepPoint &p : sweep.result.points)
            workers.insert(p.workers);
    }
    workers.erase(0);
    const int minWorkers = workers.empty() ? 1 : std::max(1, *workers.begin());
    const int maxWorkers = workers.empty() ? 512 : std::max(minWorkers * 2, *workers.rbegin());

    auto *x = new QLogValueAxis;
    x->setBase(2);
    x->setLabelFormat(u"%g"_s);
    x->setMinorTickCount(0);
    // A quarter of a doubling either side, so the end points are not cut by the frame.
    x->setRange(minWorkers / std::pow(2.0, 0.25), maxWorkers * std::pow(2.0, 0.25));
    auto *y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    styleAxis(x, s, tr("workers (log₂ scale)"));
    styleAxis(y, s, yTitle(m_measure));

    // First, so the sweeps are drawn over it; its points follow once the y range is known.
    QLineSeries *marker = nullptr;
    if (cores > 0) {
        marker = new QLineSeries;
        marker->setObjectName(u"coreMarker"_s);
        marker->setName(cores == 1 ? tr("1 core") : tr("%1 cores").arg(cores));
        chart->addSeries(marker);
        marker->attachAxis(x);
        marker->attachAxis(y);
        marker->setPen(QPen(s.marker, s.markerWidth, Qt::SolidLine));
        for (QLegendMarker *m : legend->markers(marker))
            m->setVisible(false);
    }

    double yMax = 0;
    for (size_t i = 0; i < m_sweeps.size(); ++i) {
        const Sweep &sweep = m_sweeps[i];
        const SweepResult &r = sweep.result;
        auto *series = new QLineSeries;
        series->setObjectName(u"sweep"_s);
        series->setProperty("sweepIndex", int(i));
        QString name = sweep.name;
        if (r.cancelled)
            name += tr(" (cancelled)");
        else if (!r.error.empty())
            name += tr(" (failed)");
        series->setName(name);
        const std::int64_t sweepT1 = t1Of(r);
        const int sweepCores = r.cpuCount > 0 ? r.cpuCount : cores;
        for (const SweepPoint &p : r.points) {
            const double v = value(m_measure, p.wallNs, p.workers, sweepT1, sweepCores);
            if (std::isfinite(v)) {
                series->append(p.workers, v);
                yMax = std::max(yMax, v);
            }
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        const QColor colour = s.palette[size_t(sweep.colour) % s.palette.size()];
        QPen pen(colour, s.seriesWidth);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        series->setPen(pen);
        series->setColor(colour);
        series->setPointsVisible(true);
        series->setMarkerSize(s.pointSize);
    }

    if (!m_sweeps.empty()) {
        std::set<int> idealWorkers = workers;
        if (cores > minWorkers && cores < maxWorkers)
            idealWorkers.insert(cores); // the knee of the curve
        auto *ideal = new QLineSeries;
        ideal->setObjectName(u"ideal"_s);
        ideal->setName(idealName(m_measure));
        for (int w : idealWorkers) {
            const double v = idealValue(m_measure, w, t1, cores);
            if (std::isfinite(v)) {
                ideal->append(w, v);
                yMax = std::max(yMax, v);
            }
        }
        chart->addSeries(ideal);
        ideal->attachAxis(x);
        ideal->attachAxis(y);
        QPen pen(s.ideal, s.idealWidth, Qt::DashLine);
        pen.setDashPattern({4, 3});
        ideal->setPen(pen);
    }

    // QValueAxis::applyNiceNumbers() settles for three intervals too often: pick the step.
    const double top = yMax > 0 ? yMax * 1.08 : 1.0;
    const double step = niceStep(top, s.yTicks - 1);
    const int intervals = int(std::ceil(top / step - 1e-9));
    y->setRange(0, intervals * step);
    y->setTickCount(intervals + 1);
    y->setLabelFormat(step >= 1 ? u"%.0f"_s : std::abs(step * 10 - std::round(step * 10)) < 1e-9 ? u"%.1f"_s : u"%.2f"_s);

    if (marker) {
        marker->append(cores, y->min());
        marker->append(cores, y->max());
        auto *label = new QGraphicsSimpleTextItem(marker->name(), chart.get());
        label->setFont(pixelFont(s.labelPx));
        label->setBrush(s.text);
        label->setZValue(10);
        QChart *c = chart.get();
        // The label is a child item of the chart, so the chart is the context.
        QObject::connect(c, &QChart::plotAreaChanged, c, [c, label, marker, top = y->max()](const QRectF &plot) {
            const QPointF at = c->mapToPosition(QPointF(marker->at(0).x(), top), marker);
            const qreal gap = label->font().pixelSize() * 0.3;
            qreal left = at.x() + gap;
            if (left + label->boundingRect().width() > plot.right())
                left = at.x() - gap - label->boundingRect().width();
            label->setPos(left, plot.top() + gap);
        });
    } else {
        auto *hint = new QGraphicsSimpleTextItem(tr("No sweep yet: run one to see how the time changes with the number of workers."), chart.get());
        hint->setFont(pixelFont(s.labelPx));
        hint->setBrush(s.text);
        QObject::connect(chart.get(), &QChart::plotAreaChanged, chart.get(), [hint](const QRectF &plot) {
            const QRectF r = hint->boundingRect();
            hint->setPos(plot.center() - QPointF(r.width() / 2, r.height() / 2));
        });
    }
    return chart;
}

void ScalingChart::rebuild()
{
    QChart *chart = buildChart().release();
    m_callout = new ScalingCallout(chart);
    m_callout->setStyle(styleFor(m_theme, m_lecture));
    for (QAbstractSeries *series : chart->series()) {
        if (series->objectName() != u"sweep"_s)
            continue;
        const int index = series->property("sweepIndex").toInt();
        connect(static_cast<QXYSeries *>(series), &QXYSeries::hovered, this,
                [this, index](const QPointF &point, bool state) { showHover(point, state, index); });
    }
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    m_view->setBackgroundBrush(styleFor(m_theme, m_lecture).background);
    delete old;
}

void ScalingChart::showHover(const QPointF &point, bool state, int sweepIndex)
{
    if (!m_callout)
        return;
    QXYSeries *series = nullptr;
    for (QAbstractSeries *s : chart()->series())
        if (s->objectName() == u"sweep"_s && s->property("sweepIndex").toInt() == sweepIndex)
            series = static_cast<QXYSeries *>(s);
    if (!state || !series || series->count() == 0 || sweepIndex >= int(m_sweeps.size())) {
        m_callout->hideText();
        return;
    }
    // The hover position is wherever the mouse touched the line: show the nearest point,
    // nearest in log2(workers) as the axis draws it.
    const QList<QPointF> points = series->points();
    const auto nearest = std::min_element(points.begin(), points.end(), [&](const QPointF &a, const QPointF &b) {
        return std::abs(std::log2(a.x()) - std::log2(std::max(point.x(), 1e-9)))
            < std::abs(std::log2(b.x()) - std::log2(std::max(point.x(), 1e-9)));
    });
    const int workers = int(std::lround(nearest->x()));
    QString text = u"%1\n%2: %3"_s.arg(series->name(), workers == 1 ? tr("1 worker") : tr("%1 workers").arg(workers),
                                      formatValue(m_measure, nearest->y()));
    if (m_measure != Measure::Time) {
        for (const SweepPoint &p : m_sweeps[size_t(sweepIndex)].result.points)
            if (p.workers == workers)
                text += u" (%1)"_s.arg(formatValue(Measure::Time, double(p.wallNs) / 1e9));
    }
    m_callout->showText(text, chart()->mapToPosition(*nearest, series), chart()->plotArea());
}

void ScalingChart::applyWidgetStyle()
{
    QFont f = font();
    if (m_lecture)
        f.setPixelSize(24);
    for (QAbstractButton *b : m_measureButtons->buttons())
        b->setFont(m_lecture ? f : QFont());
    m_clearButton->setFont(m_lecture ? f : QFont());
}

void ScalingChart::render(QPainter *painter, const QRectF &target) const
{
    // A chart of its own, laid out at the target's size: the screen's stays untouched.
    QGraphicsScene scene;
    QChart *chart = buildChart().release();
    scene.addItem(chart); // the scene owns it now
    const QRectF source(QPointF(0, 0), target.size());
    chart->setGeometry(source);
    if (chart->layout())
        chart->layout()->activate();
    scene.setSceneRect(source);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    scene.render(painter, target, source, Qt::IgnoreAspectRatio);
    painter->restore();
}

QImage ScalingChart::renderImage(QSize logicalSize, qreal scale) const
{
    if (logicalSize.isEmpty() || scale <= 0)
        return {};
    QImage image(logicalSize * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(styleFor(m_theme, m_lecture).background);
    QPainter painter(&image);
    render(&painter, QRectF(QPointF(0, 0), QSizeF(logicalSize)));
    painter.end();
    return image;
}

std::optional<QByteArray> ScalingChart::pngBytes(QSize logicalSize, qreal scale, QString *error) const
{
    const QImage image = renderImage(logicalSize, scale);
    if (image.isNull()) {
        if (error)
            *error = tr("Cannot draw a %1 × %2 image at scale %3").arg(logicalSize.width()).arg(logicalSize.height()).arg(scale);
        return std::nullopt;
    }
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    if (!image.save(&out, "PNG")) {
        if (error)
            *error = tr("Cannot encode the chart as PNG");
        return std::nullopt;
    }
    return bytes;
}

std::optional<QByteArray> ScalingChart::svgBytes(QSize size, QString *error) const
{
    if (size.isEmpty()) {
        if (error)
            *error = tr("Cannot draw a %1 × %2 image").arg(size.width()).arg(size.height());
        return std::nullopt;
    }
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&out);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(96); // so the size in mm matches the pixels on a typical screen
    svg.setTitle(measureTitle(m_measure));
    svg.setDescription(tr("Concurrency Lab: worker-count sweep"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("The SVG painter did not start");
        return std::nullopt;
    }
    render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return bytes;
}

bool ScalingChart::writeBytes(const QString &fileName, const std::optional<QByteArray> &bytes, QString *error)
{
    if (!bytes)
        return false;
    if (auto why = OutputFile::write(QFile::encodeName(fileName).toStdString(), std::string_view(bytes->constData(), std::size_t(bytes->size())))) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(fileName, QString::fromStdString(*why));
        return false;
    }
    return true;
}

bool ScalingChart::writePng(const QString &fileName, QSize logicalSize, qreal scale, QString *error) const
{
    return writeBytes(fileName, pngBytes(logicalSize, scale, error), error);
}

bool ScalingChart::writeSvg(const QString &fileName, QSize size, QString *error) const
{
    return writeBytes(fileName, svgBytes(size, error), error);
}

} // namespace lab
