#include "TimeAxis.h"

#include <QTest>

using namespace Qt::StringLiterals;
using lab::TimeAxis;

class TstTimeAxis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapping_data();
    void mapping();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void zoomLimits();
    void pan_data();
    void pan();
    void panStopsAtContent();
    void fit_data();
    void fit();
    void niceStep_data();
    void niceStep();
    void tickLabels_data();
    void tickLabels();
    void ticksAreSpacedAndInView_data();
    void ticksAreSpacedAndInView();
    void formatDuration_data();
    void formatDuration();
};

void TstTimeAxis::mapping_data()
{
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("startNs");
    QTest::addColumn<double>("endNs");
    QTest::addColumn<double>("timeNs");
    QTest::addColumn<double>("x");
    QTest::newRow("origin at left") << 0.0 << 1000.0 << 0.0 << 1e9 << 0.0 << 0.0;
    QTest::newRow("middle") << 0.0 << 1000.0 << 0.0 << 1e9 << 5e8 << 500.0;
    QTest::newRow("gutter offset") << 200.0 << 1000.0 << 0.0 << 1e6 << 2.5e5 << 450.0;
    QTest::newRow("range not at zero") << 100.0 << 500.0 << 1e6 << 2e6 << 1.5e6 << 350.0;
    QTest::newRow("before the range") << 0.0 << 100.0 << 1000.0 << 2000.0 << 0.0 << -100.0;
    QTest::newRow("end of range") << 10.0 << 300.0 << 0.0 << 3e3 << 3e3 << 310.0;
}

void TstTimeAxis::mapping()
{
    QFETCH(double, left);
    QFETCH(double, width);
    QFETCH(double, startNs);
    QFETCH(double, endNs);
    QFETCH(double, timeNs);
    QFETCH(double, x);
    const TimeAxis axis(left, width, startNs, endNs);
    QCOMPARE(axis.xAt(timeNs), x);
    QCOMPARE(axis.timeAt(x), timeNs);
    QCOMPARE(axis.startNs(), startNs);
    QCOMPARE(axis.endNs(), endNs);
}

void TstTimeAxis::zoomKeepsAnchor_data()
{
    QTest::addColumn<double>("anchorX");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at left edge") << 100.0 << 2.0;
    QTest::newRow("in at centre") << 600.0 << 4.0;
    QTest::newRow("in near right") << 1050.0 << 1.25;
    QTest::newRow("out at centre") << 600.0 << 0.5;
    QTest::newRow("in a lot") << 333.0 << 1000.0;
}

void TstTimeAxis::zoomKeepsAnchor()
{
    QFETCH(double, anchorX);
    QFETCH(double, factor);
    TimeAxis axis(100, 1000, 2e8, 4e8); // zoomed in on a 1 s run: room to zoom out
    axis.setContentRange(0, 1e9);
    const double before = axis.timeAt(anchorX);
    const double npp = axis.nsPerPixel();
    axis.zoomAt(anchorX, factor);
    QCOMPARE(axis.nsPerPixel(), npp / factor);
    QVERIFY2(std::abs(axis.timeAt(anchorX) - before) < 1e-3, qPrintable(QString::number(axis.timeAt(anchorX) - before)));
}

void TstTimeAxis::zoomLimits()
{
    TimeAxis axis(0, 1000, 0, 1e6);
    axis.setZoomLimits(1, 1e4);
    axis.zoomAt(500, 1e9);
    QCOMPARE(axis.nsPerPixel(), 1.0);
    axis.zoomAt(500, 1e-9);
    QCOMPARE(axis.nsPerPixel(), 1e4);
    axis.setVisibleRange(0, 10); // 0.01 ns per pixel: below the limit
    QCOMPARE(axis.nsPerPixel(), 1.0);
}

void TstTimeAxis::pan_data()
{
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("startNs");
    QTest::newRow("right shows earlier") << 100.0 << 400.0;
    QTest::newRow("left shows later") << -200.0 << 700.0;
    QTest::newRow("none") << 0.0 << 500.0;
}

void TstTimeAxis::pan()
{
    QFETCH(double, dx);
    QFETCH(double, startNs);
    TimeAxis axis(0, 1000, 500, 1500); // 1 ns per pixel
    axis.panBy(dx);
    QCOMPARE(axis.startNs(), startNs);
    QCOMPARE(axis.durationNs(), 1000.0);
}

void TstTimeAxis::panStopsAtContent()
{
    TimeAxis axis(0, 1000, 0, 1000);
    axis.setContentRange(0, 10000);
    axis.panBy(1e6); // far to the left of the content
    QCOMPARE(axis.startNs(), -100.0); // a margin of 10% of the view
    axis.panBy(-1e9);
    QCOMPARE(axis.endNs(), 10100.0);
    // A content narrower than the view starts near the left edge.
    axis.setVisibleRange(0, 1e6);
    QCOMPARE(axis.startNs(), -1e5);
}

void TstTimeAxis::fit_data()
{
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("startNs");
    QTest::addColumn<double>("endNs");
    QTest::addColumn<double>("margin");
    QTest::newRow("no margin") << 1000.0 << 0.0 << 1e9 << 0.0;
    QTest::newRow("margin") << 1000.0 << 0.0 << 1e9 << 10.0;
    QTest::newRow("offset range") << 640.0 << 2e6 << 3e6 << 20.0;
    QTest::newRow("tiny") << 1920.0 << 0.0 << 1000.0 << 12.0;
}

void TstTimeAxis::fit()
{
    QFETCH(double, width);
    QFETCH(double, startNs);
    QFETCH(double, endNs);
    QFETCH(double, margin);
    TimeAxis axis(50, width, -5e9, 5e9);
    axis.fitTo(startNs, endNs, margin);
    QVERIFY(std::abs(axis.xAt(startNs) - (50 + margin)) < 1e-6);
    QVERIFY(std::abs(axis.xAt(endNs) - (50 + width - margin)) < 1e-6);
}

void TstTimeAxis::niceStep_data()
{
    QTest::addColumn<double>("minimum");
    QTest::addColumn<double>("step");
    QTest::newRow("below 1 ns") << 0.3 << 1.0;
    QTest::newRow("1") << 1.0 << 1.0;
    QTest::newRow("1.1 -> 2") << 1.1 << 2.0;
    QTest::newRow("3 -> 5") << 3.0 << 5.0;
    QTest::newRow("7 -> 10") << 7.0 << 10.0;
    QTest::newRow("1000 exactly") << 1000.0 << 1000.0;
    QTest::newRow("41 ms -> 50 ms") << 41e6 << 50e6;
    QTest::newRow("150 ms -> 200 ms") << 150e6 << 200e6;
    QTest::newRow("2.1 s -> 5 s") << 2.1e9 << 5e9;
}

void TstTimeAxis::niceStep()
{
    QFETCH(double, minimum);
    QFETCH(double, step);
    QCOMPARE(TimeAxis::niceStep(minimum), step);
}

void TstTimeAxis::tickLabels_data()
{
    QTest::addColumn<double>("timeNs");
    QTest::addColumn<double>("stepNs");
    QTest::addColumn<double>("magnitudeNs");
    QTest::addColumn<QString>("label");
    QTest::newRow("zero") << 0.0 << 50e6 << 600e6 << u"0"_s;
    QTest::newRow("250 ms") << 250e6 << 50e6 << 600e6 << u"250 ms"_s;
    QTest::newRow("1.5 s") << 1.5e9 << 500e6 << 3e9 << u"1.5 s"_s;
    QTest::newRow("1 s, not 1.0 s") << 1e9 << 500e6 << 3e9 << u"1 s"_s;
    QTest::newRow("40 µs") << 40e3 << 20e3 << 200e3 << u"40 µs"_s;
    QTest::newRow("1.05 s") << 1.05e9 << 50e6 << 1.2e9 << u"1.05 s"_s;
    QTest::newRow("deep zoom falls to ms") << 1.20001e9 << 10e3 << 1.3e9 << u"1200.01 ms"_s;
    QTest::newRow("ns") << 20.0 << 5.0 << 100.0 << u"20 ns"_s;
    QTest::newRow("negative") << -100e6 << 100e6 << 2e9 << u"-0.1 s"_s;
}

void TstTimeAxis::tickLabels()
{
    QFETCH(double, timeNs);
    QFETCH(double, stepNs);
    QFETCH(double, magnitudeNs);
    QFETCH(QString, label);
    QCOMPARE(TimeAxis::formatTick(timeNs, stepNs, magnitudeNs), label);
}

void TstTimeAxis::ticksAreSpacedAndInView_data()
{
    QTest::addColumn<double>("endNs");
    QTest::addColumn<double>("spacing");
    QTest::addColumn<QString>("secondLabel");
    QTest::newRow("600 ms, 100 px") << 600e6 << 100.0 << u"100 ms"_s; // at least 60 ms: 100 ms
    QTest::newRow("3 s, 150 px") << 3e9 << 150.0 << u"0.5 s"_s;
    QTest::newRow("200 µs, 80 px") << 200e3 << 80.0 << u"20 µs"_s;
}

void TstTimeAxis::ticksAreSpacedAndInView()
{
    QFETCH(double, endNs);
    QFETCH(double, spacing);
    QFETCH(QString, secondLabel);
    const TimeAxis axis(0, 1000, 0, endNs);
    const auto ticks = axis.ticks(spacing);
    QVERIFY(ticks.size() >= 2);
    std::vector<TimeAxis::Tick> major;
    for (const auto &t : ticks) {
        QVERIFY(t.timeNs >= axis.startNs() && t.timeNs <= axis.endNs());
        QCOMPARE(t.x, axis.xAt(t.timeNs));
        QCOMPARE(t.label.isEmpty(), !t.major);
        if (t.major)
            major.push_back(t);
    }
    QVERIFY(major.size() >= 2);
    QCOMPARE(major[0].label, u"0"_s);
    QCOMPARE(major[1].label, secondLabel);
    for (std::size_t i = 1; i < major.size(); ++i)
        QVERIFY(major[i].x - major[i - 1].x >= spacing);
}

void TstTimeAxis::formatDuration_data()
{
    QTest::addColumn<double>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("100 ms") << 100.12e6 << u"100 ms"_s;
    QTest::newRow("1.23 ms") << 1.234e6 << u"1.23 ms"_s;
    QTest::newRow("1.2 ms") << 1.2e6 << u"1.2 ms"_s;
    QTest::newRow("400 ns") << 400.0 << u"400 ns"_s;
    QTest::newRow("12.3 s") << 12.34e9 << u"12.3 s"_s;
    QTest::newRow("999.9 µs rounds") << 999.9e3 << u"1000 µs"_s;
    QTest::newRow("zero") << 0.0 << u"0 ns"_s;
}

void TstTimeAxis::formatDuration()
{
    QFETCH(double, ns);
    QFETCH(QString, text);
    QCOMPARE(TimeAxis::formatDuration(ns), text);
}

QTEST_APPLESS_MAIN(TstTimeAxis)
#include "tst_timeaxis.moc"
