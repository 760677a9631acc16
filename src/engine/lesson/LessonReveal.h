#pragma once

#include "LessonEvidence.h"
#include "LessonPlan.h"

#include <optional>
#include <string>

namespace lab {

// The choice a measured value decides: the nearest target — on a log scale for a
// ratio, so 0.3 s lies between 0.1 s and 0.5 s at √(0.1 × 0.5) — the first on a tie.
int decideChoice(const LessonQuestion &question, double value, const LessonScale &scale);

// What the reveal shows after a step's run: the choice its measurement supports,
// the lesson's figure beside this machine's, and why they differ if they do.
struct LessonReveal
{
    std::optional<double> measured;
    int choice = -1;       // decided by the run; -1: no question, or the run did not tell
    int lessonChoice = -1; // decided by the lesson's figure on its 8 cores
    std::string here;      // "here, 2 cores: 0.55 × T1"
    std::string lesson;    // "the lesson, 8 cores: 0.24 × T1 (30 processes 1.11 s, loop 4.54 s)"
    std::string differs;   // empty, or how this run's answer differs from the lesson's, and why
    std::string undecided; // why nothing was decided: "no T1 yet: run the loop first"

    bool decided() const { return choice >= 0; }
};

LessonReveal revealStep(const LessonStep &step, const LessonEvidence &evidence);

// A value of the measure as the reveal writes it: "1.0 × one sleep", "0.55 × T1", "lines mangled".
std::string formatMeasure(LessonMeasure measure, double value, const LessonEvidence *evidence = nullptr);

} // namespace lab
