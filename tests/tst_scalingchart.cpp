#include "ScalingChart.h"

#include <QAbstractButton>
#include <QFile>
#include <QGraphicsView>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace lab;

using Measure = ScalingChart::Measure;

class tst_ScalingChart : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void addSweepAddsNamedSeries();
    void xAxisIsLog2();
    void measureChangesValuesAndIdeal();
    void toolbarSwitchesMeasure();
    void coreMarkerSitsAtCores();
    void clearRemovesEverything();
    void sameKindAgainAddsSeries();
    void liveSweepGrowsPointByPoint();
    void hoverShowsNearestValue();
    void mouseOverPointShowsValue();
    void yAxisHasRoundTicks();
    void lectureModeIsLargeAndHighContrast();
    void darkThemeIsDark();
    void renderImageHasSizeAndContent();
    void writePngAndSvg();
    void writeFailsWithMessage();
};

namespace {

constexpr std::int64_t ms = 1'000'000;

// T1 = 4.5 s on 2 cores: 2.3 s at 2 workers, flat, then rising as start-up dominates.
SweepResult processSweep(int cpuCount = 2)
{
    SweepResult r;
    r.spec.pool = PoolKind::Process;
    r.spec.workers = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    r.cpuCount = cpuCount;
    r.t1Ns = 4500 * ms;
    const std::int64_t walls[] = {4500, 2300, 2280, 2300, 2320, 2350, 2450, 2800, 3500, 5100};
    for (size_t i = 0; i < r.spec.workers.size(); ++i) {
        SweepPoint p;
        p.workers = r.spec.workers[i];
        p.wallNs = walls[i] * ms;
        r.points.push_back(p);
    }
    return r;
}

SweepResult threadSweep(bool gil)
{
    SweepResult r;
    r.spec.pool = PoolKind::Thread;
    r.spec.gil = gil;
    r.spec.workers = {1, 2, 4, 8};
    r.cpuCount = 2;
    r.t1Ns = 4400 * ms;
    const std::int64_t walls[] = {4400, gil ? 4450 : 2250, gil ? 4470 : 2260, gil ? 4500 : 2270};
    for (size_t i = 0; i < r.spec.workers.size(); ++i)
        r.points.push_back(SweepPoint{r.spec.workers[i], walls[i] * ms, {}, 0, 0, 0});
    return r;
}

QList<QLineSeries *> seriesNamed(QChart *chart, const QString &objectName)
{
    QList<QLineSeries *> found;
    for (QAbstractSeries *s : chart->series())
        if (s->objectName() == objectName)
            found.append(qobject_cast<QLineSeries *>(s));
    return found;
}

QLineSeries *only(QChart *chart, const QString &objectName)
{
    const QList<QLineSeries *> found = seriesNamed(chart, objectName);
    return found.size() == 1 ? found.front() : nullptr;
}

QValueAxis *yAxis(QChart *chart)
{
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    return axes.size() == 1 ? qobject_cast<QValueAxis *>(axes.front()) : nullptr;
}

double luminance(QColor c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(QColor a, QColor b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

void tst_ScalingChart::values_data()
{
    QTest::addColumn<Measure>("measure");
    QTest::addColumn<qint64>("wallNs");
    QTest::addColumn<int>("workers");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("ideal");
    // T1 = 4 s, 2 cores throughout.
    QTest::newRow("time, 1 worker") << Measure::Time << qint64(4000 * ms) << 1 << 4.0 << 4.0;
    QTest::newRow("time, 2 workers") << Measure::Time << qint64(2500 * ms) << 2 << 2.5 << 2.0;
    QTest::newRow("time, 8 workers: ideal stops at cores") << Measure::Time << qint64(2200 * ms) << 8 << 2.2 << 2.0;
    QTest::newRow("speedup, 2 workers") << Measure::Speedup << qint64(2500 * ms) << 2 << 1.6 << 2.0;
    QTest::newRow("speedup, 64 workers") << Measure::Speedup << qint64(8000 * ms) << 64 << 0.5 << 2.0;
    QTest::newRow("efficiency, 1 worker") << Measure::Efficiency << qint64(4000 * ms) << 1 << 100.0 << 100.0;
    QTest::newRow("efficiency, 2 workers") << Measure::Efficiency << qint64(2500 * ms) << 2 << 80.0 << 100.0;
    QTest::newRow("efficiency, 8 workers: per usable core") << Measure::Efficiency << qint64(4000 * ms) << 8 << 50.0
                                                            << 100.0;
}

void tst_ScalingChart::values()
{
    QFETCH(Measure, measure);
    QFETCH(qint64, wallNs);
    QFETCH(int, workers);
    QFETCH(double, expected);
    QFETCH(double, ideal);
    QCOMPARE(ScalingChart::value(measure, wallNs, workers, 4000 * ms, 2), expected);
    QCOMPARE(ScalingChart::idealValue(measure, workers, 4000 * ms, 2), ideal);
    // Without T1 (a live sweep before its first point) only the time is known.
    QCOMPARE(std::isnan(ScalingChart::value(measure, wallNs, workers, 0, 2)), measure != Measure::Time);
}

void tst_ScalingChart::addSweepAddsNamedSeries()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    chart.addSweep(threadSweep(true));
    chart.addSweep(threadSweep(false));
    QCOMPARE(chart.sweepCount(), 3);

    const QList<QLineSeries *> sweeps = seriesNamed(chart.chart(), u"sweep"_s);
    QCOMPARE(sweeps.size(), 3);
    QCOMPARE(sweeps[0]->name(), u"process pool"_s);
    QCOMPARE(sweeps[1]->name(), u"thread pool, GIL on (model)"_s);
    QCOMPARE(sweeps[2]->name(), u"thread pool, GIL off"_s);
    QCOMPARE(chart.chart()->series().size(), 5); // the sweeps, the ideal curve, the core marker

    // Time in seconds, one point per worker count.
    QCOMPARE(sweeps[0]->count(), 10);
    QCOMPARE(sweeps[0]->at(0), QPointF(1, 4.5));
    QCOMPARE(sweeps[0]->at(1), QPointF(2, 2.3));
    QCOMPARE(sweeps[0]->at(9), QPointF(512, 5.1));
    QCOMPARE(sweeps[2]->count(), 4);
    QCOMPARE(sweeps[2]->at(3), QPointF(8, 2.27));

    // Each sweep its own colour, and a legend entry for each sweep and the ideal curve.
    QSet<QRgb> colours;
    for (QLineSeries *s : sweeps)
        colours.insert(s->pen().color().rgb());
    QCOMPARE(colours.size(), 3);
    QStringList legend;
    for (QLegendMarker *m : chart.chart()->legend()->markers())
        if (m->isVisible())
            legend.append(m->label());
    QCOMPARE(legend, (QStringList{u"process pool"_s, u"thread pool, GIL on (model)"_s, u"thread pool, GIL off"_s,
                                  u"ideal: T1 / min(workers, cores)"_s}));
}

void tst_ScalingChart::xAxisIsLog2()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    auto *x = qobject_cast<QLogValueAxis *>(axes.front());
    QVERIFY(x);
    QCOMPARE(x->base(), 2.0);
    QVERIFY(x->min() < 1 && x->min() > 0.5);
    QVERIFY(x->max() > 512 && x->max() < 1024);
    QCOMPARE(x->labelFormat(), u"%g"_s);
    for (QAbstractSeries *s : chart.chart()->series())
        QCOMPARE(s->attachedAxes().value(0), x);
}

void tst_ScalingChart::measureChangesValuesAndIdeal()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    QSignalSpy changed(&chart, &ScalingChart::measureChanged);

    // Ideal time: T1 / min(workers, cores).
    QLineSeries *ideal = only(chart.chart(), u"ideal"_s);
    QVERIFY(ideal);
    QCOMPARE(ideal->at(0), QPointF(1, 4.5));
    QCOMPARE(ideal->at(1), QPointF(2, 2.25));
    QCOMPARE(ideal->at(9), QPointF(512, 2.25));

    chart.setMeasure(Measure::Speedup);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().front().value<Measure>(), Measure::Speedup);
    QLineSeries *sweep = only(chart.chart(), u"sweep"_s);
    QVERIFY(sweep);
    QCOMPARE(sweep->at(0), QPointF(1, 1.0));
    QCOMPARE(sweep->at(1).y(), 4.5 / 2.3);
    QCOMPARE(sweep->at(9).y(), 4.5 / 5.1);
    ideal = only(chart.chart(), u"ideal"_s);
    QCOMPARE(ideal->at(0), QPointF(1, 1));
    QCOMPARE(ideal->at(1), QPointF(2, 2));
    QCOMPARE(ideal->at(9), QPointF(512, 2));
    QCOMPARE(yAxis(chart.chart())->titleText(), u"speedup (T1 / wall time)"_s);

    chart.setMeasure(Measure::Efficiency);
    sweep = only(chart.chart(), u"sweep"_s);
    QCOMPARE(sweep->at(0).y(), 100.0);
    QCOMPARE(sweep->at(1).y(), 100.0 * 4.5 / 2.3 / 2);
    QCOMPARE(sweep->at(9).y(), 100.0 * 4.5 / 5.1 / 2);
    ideal = only(chart.chart(), u"ideal"_s);
    for (const QPointF &p : ideal->points())
        QCOMPARE(p.y(), 100.0);
    QVERIFY(yAxis(chart.chart())->max() >= 100);

    chart.setMeasure(Measure::Time);
    QCOMPARE(only(chart.chart(), u"sweep"_s)->at(1).y(), 2.3);
    QCOMPARE(changed.size(), 3);
    chart.setMeasure(Measure::Time);
    QCOMPARE(changed.size(), 3); // no change, no signal
}

void tst_ScalingChart::toolbarSwitchesMeasure()
{
    ScalingChart chart;
    chart.resize(900, 600);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.addSweep(processSweep());
    auto *speedup = chart.findChild<QAbstractButton *>(u"measureSpeedup"_s);
    auto *time = chart.findChild<QAbstractButton *>(u"measureTime"_s);
    QVERIFY(speedup && time);
    QVERIFY(time->isChecked());
    QTest::mouseClick(speedup, Qt::LeftButton);
    QCOMPARE(chart.measure(), Measure::Speedup);
    QVERIFY(speedup->isChecked());
    QVERIFY(!time->isChecked());
    QCOMPARE(only(chart.chart(), u"sweep"_s)->at(1).y(), 4.5 / 2.3);

    // Set from outside, the buttons follow.
    chart.setMeasure(Measure::Efficiency);
    QVERIFY(chart.findChild<QAbstractButton *>(u"measureEfficiency"_s)->isChecked());
    QVERIFY(!speedup->isChecked());
}

void tst_ScalingChart::coreMarkerSitsAtCores()
{
    for (int cores : {2, 6}) {
        ScalingChart chart;
        chart.addSweep(processSweep(cores));
        QLineSeries *marker = only(chart.chart(), u"coreMarker"_s);
        QVERIFY(marker);
        QCOMPARE(marker->count(), 2);
        QCOMPARE(marker->at(0).x(), double(cores));
        QCOMPARE(marker->at(1).x(), double(cores));
        // From the bottom of the plot to its top.
        QValueAxis *y = yAxis(chart.chart());
        QCOMPARE(marker->at(0).y(), y->min());
        QCOMPARE(marker->at(1).y(), y->max());
        QCOMPARE(marker->name(), u"%1 cores"_s.arg(cores));
        // Labelled in the plot, not in the legend.
        for (QLegendMarker *m : chart.chart()->legend()->markers(marker))
            QVERIFY(!m->isVisible());
        bool labelled = false;
        for (QGraphicsItem *item : chart.chart()->childItems())
            if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                labelled = labelled || text->text() == u"%1 cores"_s.arg(cores);
        QVERIFY(labelled);
        // The ideal curve has its knee at the core count even when that is no power of two.
        bool knee = false;
        for (const QPointF &p : only(chart.chart(), u"ideal"_s)->points())
            knee = knee || (p.x() == cores && p.y() == 4.5 / cores);
        QVERIFY(knee);
    }
}

void tst_ScalingChart::clearRemovesEverything()
{
    ScalingChart chart;
    const int id = chart.addSweep(processSweep());
    chart.addSweep(threadSweep(true));
    QSignalSpy cleared(&chart, &ScalingChart::cleared);
    chart.clear();
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(chart.sweepCount(), 0);
    QVERIFY(chart.chart()->series().isEmpty());
    QVERIFY(!chart.updateSweep(id, processSweep())); // the old id is gone

    // The Clear button does the same, and numbering starts again.
    chart.addSweep(processSweep());
    chart.addSweep(processSweep());
    QTest::mouseClick(chart.findChild<QAbstractButton *>(u"clearButton"_s), Qt::LeftButton);
    QCOMPARE(cleared.size(), 2);
    QVERIFY(chart.chart()->series().isEmpty());
    chart.addSweep(processSweep());
    QCOMPARE(only(chart.chart(), u"sweep"_s)->name(), u"process pool"_s);
}

void tst_ScalingChart::sameKindAgainAddsSeries()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    chart.addSweep(threadSweep(false));
    SweepResult again = processSweep();
    again.points[1].wallNs = 2600 * ms;
    chart.addSweep(again);
    SweepResult spawn = processSweep();
    spawn.spec.startMethod = StartMethod::Spawn;
    chart.addSweep(spawn);
    chart.addSweep(processSweep());

    const QList<QLineSeries *> sweeps = seriesNamed(chart.chart(), u"sweep"_s);
    QCOMPARE(sweeps.size(), 5);
    QCOMPARE(sweeps[0]->name(), u"process pool"_s);
    QCOMPARE(sweeps[2]->name(), u"process pool #2"_s);
    QCOMPARE(sweeps[3]->name(), u"process pool, spawn"_s);
    QCOMPARE(sweeps[4]->name(), u"process pool #3"_s);
    QCOMPARE(sweeps[0]->at(1).y(), 2.3); // the first one is kept as it was
    QCOMPARE(sweeps[2]->at(1).y(), 2.6);
    QVERIFY(sweeps[0]->pen().color() != sweeps[2]->pen().color());
    QCOMPARE(seriesNamed(chart.chart(), u"ideal"_s).size(), 1);
    QCOMPARE(seriesNamed(chart.chart(), u"coreMarker"_s).size(), 1);
}

void tst_ScalingChart::liveSweepGrowsPointByPoint()
{
    ScalingChart chart;
    const SweepResult full = processSweep();
    SweepResult partial = full;
    partial.points.clear();
    partial.t1Ns = 0; // not measured yet
    const int id = chart.addSweep(partial);
    QLineSeries *sweep = only(chart.chart(), u"sweep"_s);
    QVERIFY(sweep);
    QCOMPARE(sweep->count(), 0);
    // The axis spans the whole planned sweep from the start, so it does not jump.
    QVERIFY(chart.chart()->axes(Qt::Horizontal).front()->property("max").toDouble() > 512);

    chart.setMeasure(Measure::Speedup);
    for (size_t i = 0; i < full.points.size(); ++i) {
        partial.points.push_back(full.points[i]);
        partial.t1Ns = full.t1Ns;
        QVERIFY(chart.updateSweep(id, partial));
        sweep = only(chart.chart(), u"sweep"_s);
        QCOMPARE(sweep->count(), int(i + 1));
        QCOMPARE(sweep->at(int(i)).y(), 4.5e9 / double(full.points[i].wallNs));
    }
    QCOMPARE(chart.sweepCount(), 1);

    partial.cancelled = true;
    QVERIFY(chart.updateSweep(id, partial));
    QCOMPARE(only(chart.chart(), u"sweep"_s)->name(), u"process pool (cancelled)"_s);
    QVERIFY(!chart.updateSweep(id + 1, partial));
}

void tst_ScalingChart::hoverShowsNearestValue()
{
    ScalingChart chart;
    chart.resize(900, 600);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.addSweep(processSweep());
    QCOMPARE(chart.hoverText(), QString());

    // The mouse touches the line a little past 2 workers: the 2-worker point is shown.
    QLineSeries *sweep = only(chart.chart(), u"sweep"_s);
    emit sweep->hovered(QPointF(2.2, 2.31), true);
    QCOMPARE(chart.hoverText(), u"process pool\n2 workers: 2.30 s"_s);

    chart.setMeasure(Measure::Speedup);
    sweep = only(chart.chart(), u"sweep"_s);
    emit sweep->hovered(QPointF(500, 0.9), true);
    QCOMPARE(chart.hoverText(), u"process pool\n512 workers: 0.88× (5.10 s)"_s);

    chart.setMeasure(Measure::Efficiency);
    sweep = only(chart.chart(), u"sweep"_s);
    emit sweep->hovered(QPointF(1.1, 99), true);
    QCOMPARE(chart.hoverText(), u"process pool\n1 worker: 100 % (4.50 s)"_s);
    emit sweep->hovered(QPointF(1.1, 99), false);
    QCOMPARE(chart.hoverText(), QString());
}

void tst_ScalingChart::mouseOverPointShowsValue()
{
    ScalingChart chart;
    chart.resize(900, 600);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.addSweep(processSweep());
    QTRY_VERIFY(!chart.chart()->plotArea().isEmpty());
    auto *view = chart.findChild<QGraphicsView *>();
    QVERIFY(view);
    QLineSeries *sweep = only(chart.chart(), u"sweep"_s);
    const QPointF inChart = chart.chart()->mapToPosition(QPointF(8, 2.3), sweep);
    const QPoint inView = view->mapFromScene(chart.chart()->mapToScene(inChart));
    QTest::mouseMove(view->viewport(), inView + QPoint(0, 40)); // away from the line first
    QTest::mouseMove(view->viewport(), inView);
    QTRY_COMPARE(chart.hoverText(), u"process pool\n8 workers: 2.30 s"_s);
}

void tst_ScalingChart::yAxisHasRoundTicks()
{
    ScalingChart chart;
    chart.addSweep(processSweep()); // 5.1 s at most
    QValueAxis *y = yAxis(chart.chart());
    QCOMPARE(y->min(), 0.0);
    QCOMPARE(y->max(), 6.0);
    QCOMPARE(y->tickCount(), 7); // a tick per second
    QCOMPARE(y->labelFormat(), u"%.0f"_s);
    chart.setMeasure(Measure::Speedup); // 1.98 at most, 2 ideal
    y = yAxis(chart.chart());
    QCOMPARE(y->max(), 2.5);
    QCOMPARE(y->tickCount(), 6);
    QCOMPARE(y->labelFormat(), u"%.1f"_s);
    chart.setMeasure(Measure::Efficiency);
    y = yAxis(chart.chart());
    QCOMPARE(y->max(), 120.0);
    QCOMPARE(y->tickCount(), 7);
}

void tst_ScalingChart::lectureModeIsLargeAndHighContrast()
{
    for (ScalingChart::Theme theme : {ScalingChart::Theme::Light, ScalingChart::Theme::Dark}) {
        ScalingChart chart;
        chart.setTheme(theme);
        chart.addSweep(processSweep());
        const int normalWidth = int(only(chart.chart(), u"sweep"_s)->pen().widthF());
        chart.setLecture(true);
        QVERIFY(chart.isLecture());
        QChart *c = chart.chart();
        const QColor background = c->backgroundBrush().color();
        QVERIFY(c->titleFont().pixelSize() >= 24);
        QVERIFY(contrast(c->titleBrush().color(), background) >= 7);
        QVERIFY(c->legend()->font().pixelSize() >= 24);
        QVERIFY(contrast(c->legend()->labelColor(), background) >= 7);
        for (QAbstractAxis *axis : c->axes()) {
            QVERIFY(axis->labelsFont().pixelSize() >= 24);
            QVERIFY(axis->titleFont().pixelSize() >= 24);
            QVERIFY(contrast(axis->labelsColor(), background) >= 7);
            QVERIFY(contrast(axis->titleBrush().color(), background) >= 7);
        }
        QLineSeries *sweep = only(c, u"sweep"_s);
        QVERIFY(sweep->pen().widthF() >= 4);
        QVERIFY(sweep->pen().widthF() > normalWidth);
        QVERIFY(only(c, u"ideal"_s)->pen().widthF() >= 4);
        QVERIFY(chart.findChild<QAbstractButton *>(u"measureTime"_s)->font().pixelSize() >= 24);
    }
}

void tst_ScalingChart::darkThemeIsDark()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    QVERIFY(luminance(chart.chart()->backgroundBrush().color()) > 0.9);
    chart.setTheme(ScalingChart::Theme::Dark);
    QCOMPARE(chart.theme(), ScalingChart::Theme::Dark);
    QVERIFY(luminance(chart.chart()->backgroundBrush().color()) < 0.05);
    QVERIFY(contrast(chart.chart()->axes().front()->labelsColor(), chart.chart()->backgroundBrush().color()) >= 7);
    // The image follows the theme: its corner is the dark background.
    const QImage image = chart.renderImage(QSize(400, 300), 1);
    QCOMPARE(image.pixelColor(2, 2), chart.chart()->backgroundBrush().color());
}

void tst_ScalingChart::renderImageHasSizeAndContent()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    const QImage image = chart.renderImage(QSize(800, 500), 2);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QCOMPARE(image.devicePixelRatio(), 2.0);

    // Not blank: the sweep's colour is drawn along its line, the text colour for the labels.
    const QColor sweepColour = only(chart.chart(), u"sweep"_s)->pen().color();
    int sweepPixels = 0, darkPixels = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            sweepPixels += qAbs(qRed(line[x]) - sweepColour.red()) < 8 && qAbs(qGreen(line[x]) - sweepColour.green()) < 8
                && qAbs(qBlue(line[x]) - sweepColour.blue()) < 8;
            darkPixels += qGray(line[x]) < 64;
        }
    }
    QVERIFY2(sweepPixels > 2000, qPrintable(QString::number(sweepPixels)));
    QVERIFY2(darkPixels > 2000, qPrintable(QString::number(darkPixels)));
    // The export does not disturb the widget's own chart.
    QCOMPARE(only(chart.chart(), u"sweep"_s)->count(), 10);
}

void tst_ScalingChart::writePngAndSvg()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    chart.addSweep(threadSweep(true));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    QString error;
    const QString png = dir.filePath(u"chart.png"_s);
    QVERIFY2(chart.writePng(png, QSize(640, 400), 1.5, &error), qPrintable(error));
    const QImage read(png);
    QCOMPARE(read.size(), QSize(960, 600));

    const QString svg = dir.filePath(u"chart.svg"_s);
    QVERIFY2(chart.writeSvg(svg, QSize(640, 400), &error), qPrintable(error));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.startsWith(u"<?xml"_s));
    QVERIFY(text.contains(u"process pool"_s));
    QVERIFY(text.contains(u"thread pool, GIL on (model)"_s));
    QVERIFY(text.contains(u"2 cores"_s));
}

void tst_ScalingChart::writeFailsWithMessage()
{
    ScalingChart chart;
    chart.addSweep(processSweep());
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"no/such/dir/chart"_s);
    QString error;
    QVERIFY(!chart.writePng(missing + u".png"_s, QSize(640, 400), 1, &error));
    QVERIFY(error.contains(missing));
    error.clear();
    QVERIFY(!chart.writeSvg(missing + u".svg"_s, QSize(640, 400), &error));
    QVERIFY(error.contains(missing));
    QVERIFY(!chart.writePng(dir.filePath(u"empty.png"_s), QSize(0, 400), 1, &error));
    QVERIFY(!QFile::exists(dir.filePath(u"empty.png"_s)));
}

QTEST_MAIN(tst_ScalingChart)
#include "tst_scalingchart.moc"
