#pragma once

#include "LessonReveal.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

#include <optional>

namespace lab {

struct SweepResult;
struct TimelineData;

// A step's projection as one picture, what `lesson --step K --png` writes: the step's
// title across the top; the run's picture on the left (its timeline, or for the sweep
// its chart); the explanation, the question with its choices, and the reveal on the right.
struct LessonSlide
{
    int stepIndex = 0;
    int picked = -1;
    std::optional<LessonReveal> reveal; // none: before the run
    LessonScale scale; // the run's: cores, tasks, sleep
    bool lecture = true;
    bool dark = false;

    // logicalSize at `scale` (1–3); a null image when either is out of range.
    QImage render(const TimelineData *timeline, const SweepResult *sweep, QSize logicalSize, qreal scale) const;
    std::optional<QByteArray> png(const TimelineData *timeline, const SweepResult *sweep, QSize logicalSize, qreal scale,
                                  QString *error) const;
    // The right column's text, as rich text.
    QString sideHtml() const;
};

} // namespace lab
