#pragma once

#include "TimelineExport.h"

#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>

class QWidget;

namespace lab {

class CompareController;
class ScalingChart;
class TimelineView;

// The File menu's exports and Edit's Copy image: the timeline (the pinned run above
// it), the scaling chart, or the timeline above the chart in one image; PNG, or SVG
// by the file's suffix.
class ExportController : public QObject
{
    Q_OBJECT

public:
    // The labels come from `runs`; the dialogs open over `window`, which owns this.
    ExportController(const TimelineView *timeline, const ScalingChart *chart, const CompareController *runs, QWidget *window);

    // The image Export and Copy produce; a null image before there is a run.
    QImage timelineImage(QSize size, qreal scale) const;
    // What the exports write, without their dialogs; false, and *error says why, when not.
    bool saveTimeline(const QString &file, QSize size, qreal scale, QString *error = nullptr) const;
    bool saveChart(const QString &file, QSize size, qreal scale, QString *error = nullptr) const;
    bool saveBoth(const QString &file, QSize size, qreal scale, QString *error = nullptr) const; // timeline above chart
    // The data behind the pictures: the last sweep's figures (CSV, or JSON by the suffix, as
    // sweep --csv/--json write them) and the shown run's state spans (CSV).
    bool saveSweepFigures(const QString &file, QString *error = nullptr) const;
    bool saveSpans(const QString &file, QString *error = nullptr) const;

public Q_SLOTS:
    // Ask for a file (and a PNG's size), save, and say so; `baseName` suggests the file's name.
    void exportTimeline(const QString &baseName);
    void exportChart();
    void exportBoth(const QString &baseName);
    void copyImage();
    void exportSweepFigures();
    void exportSpans(const QString &baseName);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    using Save = bool (ExportController::*)(const QString &, QSize, qreal, QString *) const;
    void exportWith(const QString &title, const QString &baseName, Save save);
    using SaveData = bool (ExportController::*)(const QString &, QString *) const;
    void exportDataWith(const QString &title, const QString &fileName, const QString &filter, SaveData save);
    TimelineExportOptions options() const;
    std::shared_ptr<const TimelineData> runToExport(QString *error) const; // the timeline's run; nullptr and why when none
    void paintBoth(QPainter &painter, const TimelineData &data, QSize size) const;

    const TimelineView *m_timeline = nullptr;
    const ScalingChart *m_chart = nullptr;
    const CompareController *m_runs = nullptr;
    QWidget *m_window = nullptr;
};

} // namespace lab
