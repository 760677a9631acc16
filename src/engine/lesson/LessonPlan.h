#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lab {

// What a step's question is decided by: one figure of its run.
enum class LessonMeasure {
    WallOverSleep, // the run's wall time ÷ one task's sleep
    WallOverT1,    // the run's wall time ÷ the loop's (T1, the group's baseline)
    LinesMangled,  // 1 when a console line holds two messages or an empty line came between; else 0
    IdsInOrder,    // pool-order: 1 when the printed ids came out 0, 1, 2, …; else 0
    BestWorkers,   // the sweep: the worker count with the shortest wall time
};

// What a choice's figures depend on: the machine's cores, the run's tasks and sleep.
struct LessonScale
{
    int cores = 1;
    int tasks = 5;
    int sleepMs = 100;
};

// The lesson's own: 8 cores, five tasks of 0.1 s.
inline constexpr int lessonCores = 8;
inline constexpr LessonScale lessonScale{lessonCores, 5, 100};

// "{cores}", "{tasks}", and a sleep's, half the tasks' and all the tasks' seconds ("{one}",
// "{half}", "{all}") filled in: "{tasks} threads each sleep {one}" → "5 threads each sleep 0.1 s".
std::string fillIn(std::string text, const LessonScale &scale);

struct LessonChoice
{
    // How the target depends on the run: the lesson's "one per core" is 8 there, 2 here;
    // "every sleep in turn" is five sleeps for five tasks.
    enum class Scale { Fixed, DividedByCores, TimesCores, TimesTasks };

    std::string text;   // with fillIn()'s names
    double target = 0;  // in the measure's unit, before Scale
    Scale scale = Scale::Fixed;

    double targetFor(const LessonScale &s) const;
    std::string textFor(const LessonScale &s) const { return fillIn(text, s); }
};

struct LessonQuestion
{
    std::string prompt; // with fillIn()'s names
    std::vector<LessonChoice> choices; // 2–4
    LessonMeasure measure = LessonMeasure::WallOverSleep;
};

// What the lesson measured (an 8-core laptop, CPython), in the step's measure.
struct LessonFigure
{
    double value = 0;
    std::string text; // the lesson's seconds, e.g. "30 processes 1.11 s, loop 4.54 s"
};

struct LessonStep
{
    std::string experiment; // a catalog id
    std::string title;
    std::string explanation; // two or three sentences
    std::optional<LessonQuestion> question;
    LessonMeasure measure = LessonMeasure::WallOverSleep; // what the reveal reports
    LessonFigure lessonFigure;
};

// The lesson in its order: the sleepers, the factorials, the pools, the sweep.
const std::vector<LessonStep> &lessonPlan();

// The rule, in words: "wall time / one sleep, the nearest choice on a log scale (1: 1, 2: 2.5, 3: 5)".
std::string describeRule(const LessonQuestion &question, const LessonScale &scale);
std::string toString(LessonMeasure measure);
// Whether the measure is a ratio (compared on a log scale) or a yes/no (0 or 1).
bool isRatio(LessonMeasure measure);

} // namespace lab
