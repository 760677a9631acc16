#include "LessonPlan.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace lab {

namespace {

using Scale = LessonChoice::Scale;
using enum LessonMeasure;

std::vector<LessonChoice> sleepChoices()
{
    return {{"about {one}: one sleep", 1, Scale::Fixed},
            {"about {half}: half of them", 0.5, Scale::TimesTasks},
            {"about {all}: all {tasks} in turn", 1, Scale::TimesTasks}};
}

std::vector<LessonChoice> lineChoices()
{
    return {{"whole: one message a line", 0, Scale::Fixed},
            {"mangled: messages collide", 1, Scale::Fixed}};
}

std::vector<LessonChoice> speedChoices()
{
    // "No faster" first: on one core both targets are T1, and a tie goes to the first.
    return {{"about T1: no faster", 1, Scale::Fixed},
            {"about T1 ÷ {cores}: cores share it", 1, Scale::DividedByCores},
            {"about 2 × T1: slower", 2, Scale::Fixed}};
}

LessonQuestion ask(std::string prompt, std::vector<LessonChoice> choices, LessonMeasure measure)
{
    return LessonQuestion{std::move(prompt), std::move(choices), measure};
}

// The lesson's own figures throughout: 8 cores, CPython; one sleep is 0.1 s, T1 the loop's 4.54 s.
std::vector<LessonStep> sleeperSteps()
{
    return {
        {"sleep-sequential", "Sleepers, one after another",
         "Each task prints that it starts, sleeps for 0.1 s, then prints that it is done. Here five of them run "
         "in a plain loop on the main thread, so each waits for the one before.",
         ask("{tasks} tasks each sleep {one}, one after the other. The whole run takes…", sleepChoices(), WallOverSleep),
         WallOverSleep, {5.2, "0.52 s"}},
        {"sleep-threads", "Sleepers in threads",
         "The same five tasks, each in a thread of its own: all are started, then all joined. A sleeping thread "
         "needs no CPU and lets go of the GIL, so the others go on meanwhile.",
         ask("{tasks} threads each sleep {one}. The whole run takes…", sleepChoices(), WallOverSleep), WallOverSleep,
         {1.0, "0.10 s"}},
        {"sleep-coarse-lock", "One lock around each whole task",
         "To keep the printed lines apart, every thread now takes one shared lock before it starts and keeps it "
         "until it is done, sleep included. Only the thread holding the lock can move.",
         ask("The lock is held around each whole task, sleep included. The run takes…", sleepChoices(), WallOverSleep),
         WallOverSleep, {5.2, "0.52 s"}},
        {"sleep-fine-lock", "The lock around each print only",
         "The lock now guards each print and nothing else: a thread sleeps without it. Output is unbuffered, so "
         "a print is two writes, its text and its line end.",
         ask("Only the prints hold the lock. The lines come out…", lineChoices(), LinesMangled), LinesMangled,
         {0, "lines intact, 0.10 s"}},
        {"sleeper-run", "A Thread subclass, run() called",
         "Sleeper is a threading.Thread whose run() does the task. Here the loop calls run() on each of them "
         "directly, as one would call any method.",
         ask("{tasks} Sleeper objects, and run() called on each. The run takes…", sleepChoices(), WallOverSleep),
         WallOverSleep, {5.0, "sequential, about 0.5 s"}},
        {"sleeper-start", "The subclass, start() then join()",
         "Now each Sleeper is started, which makes a new thread that calls run(), and then joined. Output is "
         "unbuffered, as in the lesson's notebook.",
         ask("start() then join() on each Sleeper, unbuffered output. The lines come out…", lineChoices(), LinesMangled),
         LinesMangled, {1, "mangled in 31–38 of 40 runs"}},
        {"sleeper-lock", "A lock shared by the class",
         "One lock belongs to the Sleeper class, and every instance takes it around its prints. The threads still "
         "sleep together.",
         ask("A class-level lock around each print. The run takes…", sleepChoices(), WallOverSleep), WallOverSleep,
         {1.0, "concurrent, about 0.1 s"}},
    };
}

std::vector<LessonStep> factorialSteps()
{
    return {
        {"factorial-sequential", "Factorials in a loop",
         "Thirty tasks each compute a big factorial, one after another on the main thread. This is CPU work: the "
         "time it takes, T1, is what the next steps are measured against.",
         std::nullopt, WallOverT1, {1.0, "loop 4.54 s"}},
        {"factorial-threads", "Factorials in threads",
         "One thread per factorial. Computing a factorial holds CPython's GIL for the whole call, and only the "
         "thread holding the GIL runs Python code.",
         ask("{tasks} threads, one factorial each. Against the loop's time T1, the run takes…", speedChoices(), WallOverT1),
         WallOverT1, {4.47 / 4.54, "threads 4.47 s, loop 4.54 s"}},
        {"factorial-processes", "Factorials in processes",
         "One OS process per factorial, each with its own interpreter and so its own GIL. Starting a process "
         "costs time of its own, and there are more processes than cores.",
         ask("{tasks} processes, one factorial each. Against T1, the run takes…", speedChoices(), WallOverT1), WallOverT1,
         {1.11 / 4.54, "30 processes 1.11 s, loop 4.54 s"}},
        {"factorial-map", "The built-in map",
         "map() applies the function to each input in turn, lazily, on the calling thread. Nothing here runs "
         "beside anything else.",
         ask("map(factorial, …) over the {tasks} inputs. Against T1, the run takes…", speedChoices(), WallOverT1),
         WallOverT1, {4.55 / 4.54, "map 4.55 s, loop 4.54 s"}},
        {"factorial-thread-pool", "A thread pool",
         "A ThreadPoolExecutor keeps a few threads and hands each a task as it becomes free. They are still threads "
         "of one interpreter.",
         ask("A thread pool maps the {tasks} factorials. Against T1, the run takes…", speedChoices(), WallOverT1),
         WallOverT1, {4.49 / 4.54, "thread pool 4.49 s, loop 4.54 s"}},
        {"factorial-process-pool", "A process pool",
         "multiprocessing.Pool starts one worker process per core and cuts the inputs into chunks; each worker "
         "runs a chunk back to back. The results come back in the order they were submitted.",
         ask("A process pool maps the {tasks} factorials. Against T1, the run takes…", speedChoices(), WallOverT1),
         WallOverT1, {1.03 / 4.54, "process pool 1.03 s, loop 4.54 s"}},
        {"pool-order", "Who runs first in a pool",
         "Pool().map over 71 tiny tasks: each prints its id (those below 10) under a lock the workers share, and "
         "returns it. Each worker takes a chunk of consecutive ids at a time.",
         ask("The ids 0 to 9 are printed as the workers run them. They come out…",
             {{"in order: 0, 1, 2, … 9", 1, Scale::Fixed}, {"out of order, by chunks", 0, Scale::Fixed}},
             IdsInOrder),
         IdsInOrder, {0, "0, 3, 6, 9, 1, 4, 7, 2, 5, 8 on 8 workers"}},
        {"worker-sweep", "How many workers?",
         "The same thirty factorials on process pools of 1, 2, 4, … up to 512 workers, each timed. More workers "
         "than cores cannot compute more at once, and each one costs a process to start.",
         ask("The fastest pool has…",
             {{"1 worker", 1, Scale::Fixed},
              {"one per core: {cores}", 1, Scale::TimesCores},
              {"the most: 512", 512, Scale::Fixed}},
             BestWorkers),
         BestWorkers, {8, "8 workers 1.05 s; 1 worker 4.79 s, 512 workers 6.08 s"}},
    };
}

std::vector<LessonStep> makePlan()
{
    std::vector<LessonStep> plan = sleeperSteps();
    for (LessonStep &step : factorialSteps())
        plan.push_back(std::move(step));
    return plan;
}

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

} // namespace

double LessonChoice::targetFor(const LessonScale &s) const
{
    const double cores = std::max(1, s.cores), tasks = std::max(1, s.tasks);
    switch (scale) {
    case Scale::Fixed: return target;
    case Scale::DividedByCores: return target / cores;
    case Scale::TimesCores: return target * cores;
    case Scale::TimesTasks: return target * tasks;
    }
    return target;
}

std::string fillIn(std::string text, const LessonScale &s)
{
    auto seconds = [](double v) {
        char out[32];
        std::snprintf(out, sizeof out, "%.2g s", v);
        return std::string(out);
    };
    const double one = s.sleepMs / 1000.0;
    const std::pair<const char *, std::string> names[] = {
        {"{cores}", std::to_string(std::max(1, s.cores))}, {"{tasks}", std::to_string(s.tasks)},
        {"{one}", seconds(one)}, {"{half}", seconds(one * s.tasks / 2)}, {"{all}", seconds(one * s.tasks)}};
    for (const auto &[name, value] : names)
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
            text.replace(at, std::char_traits<char>::length(name), value);
    return text;
}

const std::vector<LessonStep> &lessonPlan()
{
    static const std::vector<LessonStep> plan = makePlan();
    return plan;
}

std::string toString(LessonMeasure measure)
{
    switch (measure) {
    case WallOverSleep: return "wall time / one sleep";
    case WallOverT1: return "wall time / T1 (the loop's wall time)";
    case LinesMangled: return "lines mangled (1) or whole (0)";
    case IdsInOrder: return "ids printed in order (1) or not (0)";
    case BestWorkers: return "the worker count with the shortest wall time";
    }
    return {};
}

bool isRatio(LessonMeasure measure)
{
    return measure == WallOverSleep || measure == WallOverT1 || measure == BestWorkers;
}

std::string describeRule(const LessonQuestion &question, const LessonScale &scale)
{
    std::string rule = toString(question.measure) + (isRatio(question.measure) ? ", the nearest choice on a log scale ("
                                                                              : ", the choice it equals (");
    for (std::size_t i = 0; i < question.choices.size(); ++i) {
        if (i)
            rule += ", ";
        rule += std::to_string(i + 1) + ": " + number(question.choices[i].targetFor(scale));
    }
    return rule + ")";
}

} // namespace lab
