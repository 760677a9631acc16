#include "LessonReveal.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace lab {

namespace {

std::string coresText(int cores)
{
    return cores == 1 ? "1 core" : std::to_string(cores) + " cores";
}

std::string reasonsFor(LessonMeasure measure, const LessonEvidence &e)
{
    std::string reasons;
    auto add = [&](const std::string &why) { reasons += (reasons.empty() ? "" : "; ") + why; };
    const bool coresMatter = measure == LessonMeasure::WallOverT1 || measure == LessonMeasure::BestWorkers
        || measure == LessonMeasure::IdsInOrder;
    if (coresMatter && e.cores == 1)
        add("this machine has one core, so nothing runs at the same time as anything else");
    else if (coresMatter && e.cores != lessonCores)
        add("this machine has " + coresText(e.cores) + ", the lesson's had " + std::to_string(lessonCores));
    if (measure == LessonMeasure::WallOverT1 && !e.gil)
        add("the GIL model is off here (free-threaded Python)");
    if (measure == LessonMeasure::LinesMangled && e.lineBuffered)
        add("stdout is line-buffered here, so each line goes out whole");
    else if (measure == LessonMeasure::LinesMangled && !e.mangled)
        add("unbuffered, whether two writes meet is timing: most runs mangle, not every one; run it again");
    if (measure == LessonMeasure::IdsInOrder && e.chunksize > 0)
        add("here the pool's chunks held " + std::to_string(e.chunksize) + " ids each (the lesson's 8 workers: 3), so the ids "
            "below 10 fell to " + (e.chunksize >= 10 ? "one chunk, one worker" : "fewer, longer chunks"));
    return reasons;
}

} // namespace

int decideChoice(const LessonQuestion &question, double value, const LessonScale &scale)
{
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < question.choices.size(); ++i) {
        const double target = question.choices[i].targetFor(scale);
        const double distance = isRatio(question.measure)
            ? (value > 0 && target > 0 ? std::abs(std::log(value / target)) : std::numeric_limits<double>::infinity())
            : std::abs(value - target);
        if (distance < bestDistance - 1e-12) {
            bestDistance = distance;
            best = int(i);
        }
    }
    return best;
}

std::string formatMeasure(LessonMeasure measure, double value, const LessonEvidence *e)
{
    char text[96];
    switch (measure) {
    case LessonMeasure::WallOverSleep:
        std::snprintf(text, sizeof text, "%.1f × one sleep", value);
        if (e && e->wallNs > 0)
            std::snprintf(text + std::char_traits<char>::length(text), sizeof text - std::char_traits<char>::length(text),
                          " (%.2f s)", double(e->wallNs) / 1e9);
        return text;
    case LessonMeasure::WallOverT1: std::snprintf(text, sizeof text, "%.2f × T1", value); return text;
    case LessonMeasure::LinesMangled: return value > 0.5 ? "lines mangled" : "every line whole";
    case LessonMeasure::IdsInOrder: {
        std::string out = value > 0.5 ? "ids in order" : "ids out of order";
        if (e && !e->printedIds.empty()) {
            out += ": ";
            for (std::size_t i = 0; i < e->printedIds.size() && i < 10; ++i)
                out += (i ? ", " : "") + std::to_string(e->printedIds[i]);
        }
        return out;
    }
    case LessonMeasure::BestWorkers:
        return "fastest with " + std::to_string(int(std::lround(value))) + (std::lround(value) == 1 ? " worker" : " workers");
    }
    return {};
}

LessonReveal revealStep(const LessonStep &step, const LessonEvidence &evidence)
{
    LessonReveal r;
    r.lesson = "the lesson, " + coresText(lessonCores) + ": " + formatMeasure(step.measure, step.lessonFigure.value)
        + " (" + step.lessonFigure.text + ")";
    r.measured = evidence.value(step.measure);
    if (!r.measured) {
        r.undecided = !evidence.complete ? "the run did not finish, so it decides nothing"
            : step.measure == LessonMeasure::WallOverT1 ? "no T1 yet: the loop's time on this workload is needed first"
                                                        : "the run printed nothing to decide by";
        return r;
    }
    r.here = "here, " + coresText(evidence.cores) + ": " + formatMeasure(step.measure, *r.measured, &evidence);
    if (!step.question)
        return r;
    const LessonQuestion &q = *step.question;
    r.choice = decideChoice(q, *r.measured, evidence.scale());
    r.lessonChoice = decideChoice(q, step.lessonFigure.value, lessonScale);
    if (r.choice != r.lessonChoice && r.lessonChoice >= 0 && r.choice >= 0) {
        r.differs = "The lesson found “" + q.choices[std::size_t(r.lessonChoice)].textFor(lessonScale) + "”; this run shows “"
            + q.choices[std::size_t(r.choice)].textFor(evidence.scale()) + "”";
        if (const std::string why = reasonsFor(q.measure, evidence); !why.empty())
            r.differs += ": " + why;
        r.differs += ".";
    }
    return r;
}

} // namespace lab
