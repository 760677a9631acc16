#pragma once

#include "ScalingChart.h"
#include "ScalingStyle.h"

#include <QChart>

#include <cstdint>
#include <memory>
#include <set>
#include <vector>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace lab {

// One QChart from the stored sweeps, for the screen or an export: the frame and
// title, a log2 workers axis, one series per sweep, the ideal curve, and the
// core-count marker with its label (or, before any sweep, a hint).
class ScalingChartBuilder
{
public:
    ScalingChartBuilder(const std::vector<ChartedSweep> &sweeps, ScalingChart::Measure measure, const ScalingStyle &style);
    std::unique_ptr<QChart> build();

private:
    void setUpFrame();
    void findWorkerRange();
    void addAxes();
    QLineSeries *addCoreMarker();
    void addSweepSeries();
    void addIdealSeries();
    void settleYRange();
    void labelCoreMarker(QLineSeries *marker);
    void addHint();

    const std::vector<ChartedSweep> &m_sweeps;
    const ScalingChart::Measure m_measure;
    const ScalingStyle &m_style;

    std::unique_ptr<QChart> m_chart;
    QLogValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    int m_cores = 0;            // the machine and the reference time:
    std::int64_t m_t1Ns = 0;    // the latest sweep that knows them
    std::set<int> m_workers;    // every worker count swept or planned
    int m_minWorkers = 1;
    int m_maxWorkers = 512;
    double m_yMax = 0;
};

// Texts of a measure: the chart's title, and a value as the callout shows it.
QString scalingTitle(ScalingChart::Measure measure);
QString formatScalingValue(ScalingChart::Measure measure, double value);

// The 1-worker time a sweep is measured against; a live sweep may not have it yet.
std::int64_t referenceTimeOf(const SweepResult &result);

} // namespace lab
