#include "ScalingChart.h"

#include "ExportFile.h"
#include "ScalingCallout.h"
#include "ScalingChartBuilder.h"

#include <QButtonGroup>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QXYSeries>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

} // namespace

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
    ChartedSweep sweep;
    sweep.id = m_nextId++;
    sweep.result = result;
    const QString kind = kindName(result.spec);
    const auto same = std::count_if(m_sweeps.begin(), m_sweeps.end(),
                                    [&](const ChartedSweep &s) { return kindName(s.result.spec) == kind; });
    sweep.name = same == 0 ? kind : u"%1 #%2"_s.arg(kind).arg(same + 1);
    sweep.colour = int(m_sweeps.size());
    m_sweeps.push_back(std::move(sweep));
    rebuild();
    return m_sweeps.back().id;
}

bool ScalingChart::updateSweep(int sweepId, const SweepResult &partial)
{
    const auto it = std::find_if(m_sweeps.begin(), m_sweeps.end(), [&](const ChartedSweep &s) { return s.id == sweepId; });
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
    return ScalingChartBuilder(m_sweeps, m_measure, ScalingStyle::of(m_theme == Theme::Dark, m_lecture)).build();
}

void ScalingChart::rebuild()
{
    QChart *chart = buildChart().release();
    m_callout = new ScalingCallout(chart);
    m_callout->setStyle(ScalingStyle::of(m_theme == Theme::Dark, m_lecture));
    for (QAbstractSeries *series : chart->series()) {
        if (series->objectName() != u"sweep"_s)
            continue;
        const int index = series->property("sweepIndex").toInt();
        connect(static_cast<QXYSeries *>(series), &QXYSeries::hovered, this,
                [this, index](const QPointF &point, bool state) { showHover(point, state, index); });
    }
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    m_view->setBackgroundBrush(ScalingStyle::of(m_theme == Theme::Dark, m_lecture).background);
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
                                      formatScalingValue(m_measure, nearest->y()));
    if (m_measure != Measure::Time) {
        for (const SweepPoint &p : m_sweeps[size_t(sweepIndex)].result.points)
            if (p.workers == workers)
                text += u" (%1)"_s.arg(formatScalingValue(Measure::Time, double(p.wallNs) / 1e9));
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
    QImage image = exportfile::canvas(logicalSize, scale, ScalingStyle::of(m_theme == Theme::Dark, m_lecture).background);
    if (image.isNull())
        return image;
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
    return exportfile::png(image, error);
}

std::optional<QByteArray> ScalingChart::svgBytes(QSize size, QString *error) const
{
    if (size.isEmpty()) {
        if (error)
            *error = tr("Cannot draw a %1 × %2 image").arg(size.width()).arg(size.height());
        return std::nullopt;
    }
    // 96 dpi, so the size in mm matches the pixels on a typical screen.
    const exportfile::SvgHeader header{scalingTitle(m_measure), tr("Concurrency Lab: worker-count sweep"), 96};
    return exportfile::svg(size, header, [&](QPainter &painter) { render(&painter, QRectF(QPointF(0, 0), QSizeF(size))); },
                           error);
}

bool ScalingChart::writePng(const QString &fileName, QSize logicalSize, qreal scale, QString *error) const
{
    const auto bytes = pngBytes(logicalSize, scale, error);
    return bytes && exportfile::write(fileName, *bytes, error);
}

bool ScalingChart::writeSvg(const QString &fileName, QSize size, QString *error) const
{
    const auto bytes = svgBytes(size, error);
    return bytes && exportfile::write(fileName, *bytes, error);
}

} // namespace lab
