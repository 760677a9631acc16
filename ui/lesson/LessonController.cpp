#include "LessonController.h"

#include "LessonPace.h"
#include "Machine.h"
#include "QtStrings.h"
#include "RunResult.h"
#include "Sweep.h"

namespace lab {

namespace {

const ExperimentInfo &infoOf(const LessonStep &step)
{
    return *findExperiment(step.experiment);
}

// Its speedup is measured against the loop, and it is not the loop.
const ExperimentInfo *baselineNeeded(const LessonStep &step)
{
    const ExperimentInfo *baseline = baselineOf(infoOf(step));
    return step.measure == LessonMeasure::WallOverT1 && baseline && baseline->id != step.experiment ? baseline : nullptr;
}

} // namespace

LessonController::LessonController(QObject *parent) : QObject(parent)
{
    m_params = defaultParams(infoOf(step()));
}

LessonScale LessonController::scale() const
{
    return m_phase == Phase::Revealed ? m_revealScale : LessonScale{cpuCount(), m_params.tasks, m_params.sleepMs};
}

void LessonController::setParams(const ExperimentParams &params)
{
    if (m_phase == Phase::Measuring)
        return; // what is running keeps its values
    m_params = params;
    Q_EMIT changed();
}

int LessonController::stepCount() const
{
    return int(lessonPlan().size());
}

const LessonStep &LessonController::step() const
{
    return lessonPlan()[std::size_t(m_index)];
}

std::optional<std::int64_t> LessonController::baselineNs(int tasks, int n) const
{
    if (n == 0)
        n = LessonPace::cachedN().value_or(-1); // what a run with the lesson's pace will use
    if (const auto it = m_baselines.find({tasks, n}); it != m_baselines.end())
        return it->second;
    return std::nullopt;
}

bool LessonController::next()
{
    return goTo(m_index + 1);
}

bool LessonController::previous()
{
    return goTo(m_index - 1);
}

bool LessonController::goTo(int index)
{
    if (index < 0 || index >= stepCount() || m_phase == Phase::Measuring)
        return false;
    m_index = index;
    m_phase = Phase::Asking;
    m_picked = -1;
    m_reveal = {};
    m_refusal.clear();
    m_params = defaultParams(infoOf(step())); // until the window says otherwise
    Q_EMIT stepChanged(toQString(step().experiment));
    Q_EMIT changed();
    return true;
}

bool LessonController::pick(int choice)
{
    const auto &question = step().question;
    if (m_phase != Phase::Asking || !question || choice < 0 || choice >= int(question->choices.size()))
        return false;
    m_picked = choice;
    Q_EMIT changed();
    return true;
}

void LessonController::run()
{
    if (m_phase == Phase::Measuring)
        return;
    const ExperimentParams &params = m_params;
    m_reveal = {};
    m_refusal.clear();
    m_phase = Phase::Measuring;
    if (isSweep(infoOf(step()))) {
        m_measuring = toQString(step().experiment);
        Q_EMIT changed();
        Q_EMIT sweepRequested();
        return;
    }
    const ExperimentInfo *baseline = baselineNeeded(step());
    m_baselineFirst = baseline && !baselineNs(params.tasks, params.n);
    if (!m_baselineFirst)
        return request(toQString(step().experiment), params);
    // The loop on the step's workload: its tasks and n, the rest its own.
    ExperimentParams loop = defaultParams(*baseline);
    loop.tasks = params.tasks;
    loop.n = params.n;
    request(toQString(baseline->id), loop);
}

void LessonController::request(const QString &experiment, const ExperimentParams &params)
{
    m_measuring = experiment;
    Q_EMIT changed();
    Q_EMIT runRequested(experiment, params);
}

void LessonController::abandon()
{
    if (m_phase != Phase::Measuring)
        return;
    m_phase = Phase::Asking;
    m_baselineFirst = false;
    m_measuring.clear();
    Q_EMIT changed();
}

void LessonController::toggleBlank()
{
    m_blank = !m_blank;
    Q_EMIT changed();
}

void LessonController::onRunFinished(const RunResult &result)
{
    if (!result.openedFrom.empty())
        return; // a saved run, maybe another machine's: neither T1 here nor an answer
    const ExperimentInfo *info = findExperiment(result.experiment);
    const bool whole = !result.cancelled && result.error.empty() && result.failed.empty();
    // The CPU-bound loop: its time is T1 for the steps measured against it.
    if (info && info->role == ExperimentRole::Baseline && info->group == ExperimentGroup::CpuBound && whole)
        m_baselines[{result.params.tasks, result.params.n}] = result.wallNs;
    if (m_phase != Phase::Measuring || toQString(result.experiment) != m_measuring)
        return;
    if (m_baselineFirst && whole) {
        m_baselineFirst = false; // T1 is known: now the step itself, on the loop's workload
        ExperimentParams params = m_params;
        params.n = result.params.n;
        request(toQString(step().experiment), params);
        return;
    }
    m_baselineFirst = false;
    const bool ownBaseline = info && info->role == ExperimentRole::Baseline;
    const auto t1 = ownBaseline ? std::optional<std::int64_t>(result.wallNs) : baselineNs(result.params.tasks, result.params.n);
    settle(LessonEvidence::of(result, t1.value_or(0)));
}

void LessonController::onSweepFinished(const SweepResult &result)
{
    if (m_phase == Phase::Measuring && isSweep(infoOf(step())))
        settle(LessonEvidence::of(result));
}

void LessonController::onRefused(const QString &why)
{
    if (m_phase != Phase::Measuring)
        return;
    m_refusal = why;
    abandon();
}

void LessonController::settle(const LessonEvidence &evidence)
{
    m_reveal = revealStep(step(), evidence);
    m_revealScale = evidence.scale();
    m_phase = Phase::Revealed;
    m_measuring.clear();
    Q_EMIT changed();
}

} // namespace lab
