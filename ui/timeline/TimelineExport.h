#pragma once

#include "TimelineData.h"
#include "TimelinePainter.h"
#include "TimelineStyle.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <cstdint>
#include <optional>

class QPainter;

namespace lab {

struct TimelineExportOptions
{
    QString currentLabel = QStringLiteral("this run"); // compare mode: the section labels
    QString pinnedLabel = QStringLiteral("pinned run");
    std::int64_t revealUntilNs = -1; // replay: only what happened before this relative time
    QString title;                   // SVG <title>; empty: "Concurrency Lab timeline"
};

inline constexpr QSize defaultExportSize{1920, 1080};
inline constexpr qreal minExportScale = 1;
inline constexpr qreal maxExportScale = 3;

// The frame paintTimeline() lays out for `bounds`: every lane fitted (however
// thin, except in lecture style), the whole time range shown. Tests map times
// and lanes to its pixels with it.
TimelineFrame exportFrame(const TimelineScene &scene, const QRectF &bounds, const TimelineStyle &style,
                          std::int64_t revealUntilNs = -1);

// Paints the whole run (every lane, the whole time range) into `bounds` of any
// painter: the widget's painting code, so a combined image can be composed.
void paintTimeline(QPainter &painter, const QRectF &bounds, const TimelineData &data, const TimelineStyle &style,
                   const TimelineData *pinned = nullptr, const TimelineExportOptions &options = {});

// logicalSize at a device pixel ratio of `scale` (1–3): 1920×1080 at 2 is
// 3840×2160 pixels. A null image when the size or the scale is out of range.
QImage renderTimeline(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                      const TimelineData *pinned = nullptr, const TimelineExportOptions &options = {});

// The file's bytes: PNG, or SVG. std::nullopt when the image cannot be made; *error (if given) says why.
std::optional<QByteArray> timelinePng(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                                      const TimelineData *pinned, QString *error, const TimelineExportOptions &options = {});
std::optional<QByteArray> timelineSvg(const TimelineData &data, QSize logicalSize, const TimelineStyle &style,
                                      const TimelineData *pinned, QString *error, const TimelineExportOptions &options = {});

// Written whole or not at all (OutputFile); on failure, *error (if given) names the file and the reason.
bool writeTimelinePng(const TimelineData &data, QSize logicalSize, qreal scale, const TimelineStyle &style,
                      const TimelineData *pinned, const QString &file, QString *error,
                      const TimelineExportOptions &options = {});
bool writeTimelineSvg(const TimelineData &data, QSize logicalSize, const TimelineStyle &style,
                      const TimelineData *pinned, const QString &file, QString *error,
                      const TimelineExportOptions &options = {});

} // namespace lab
