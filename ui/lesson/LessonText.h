#pragma once

#include "LessonReveal.h"

#include <QString>
#include <QStringList>

namespace lab {

// The words the lesson shows, the same in the window's panel and in a slide's image.
namespace LessonText {

// "✓ 2  about T1 ÷ 2: cores share it": the run's answer ✓ and a prediction it did
// not bear out ✗ in front, where no width cuts them off.
QString choice(const LessonStep &step, int index, int picked, const LessonReveal *reveal, const LessonScale &scale);

// After the run: the answer against the prediction, this machine's figure, the
// lesson's, and why they differ if they do; the first line is the answer.
QStringList reveal(const LessonStep &step, const LessonReveal &reveal, int picked, const LessonScale &scale);

// "Step 3 of 15"
QString progress(int index, int count);

} // namespace LessonText
} // namespace lab
