#pragma once

#include "Catalog.h"
#include "LessonReveal.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace lab {

struct RunResult;
struct SweepResult;

// The lesson as predict-then-run steps: which step is shown, the choice the class
// picked, the run that answers it, and the reveal the run's figures decide
// (LessonReveal). Plain logic: the window shows it (LessonPanel) and runs what it asks for.
class LessonController : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Asking, Measuring, Revealed };
    Q_ENUM(Phase)

    explicit LessonController(QObject *parent = nullptr);

    int stepIndex() const { return m_index; }
    int stepCount() const;
    const LessonStep &step() const;
    Phase phase() const { return m_phase; }
    int picked() const { return m_picked; } // 0-based; -1: none yet
    const LessonReveal &reveal() const { return m_reveal; }
    bool isBlank() const { return m_blank; }
    // While measuring: the experiment running now (the step's, or first its baseline).
    QString measuring() const { return m_measuring; }
    // Why the last run asked for did not start; empty once another starts.
    QString refusal() const { return m_refusal; }
    // The figures the choices name: this machine's cores and the values the step runs
    // with (after the run, the values it ran with).
    LessonScale scale() const;
    // The loop's wall time on this workload (tasks, n), if a run of it on this machine has been seen.
    std::optional<std::int64_t> baselineNs(int tasks, int n) const;

public Q_SLOTS:
    bool next();
    bool previous();
    bool goTo(int index);
    bool pick(int choice);
    // The values the step will run with (the window's, as they change).
    void setParams(const lab::ExperimentParams &params);
    // Runs the step with those values: the loop first, on the same workload, when its speedup needs T1.
    void run();
    // Whatever was asked for is no longer awaited (the lesson was left): back to asking.
    void abandon();
    void toggleBlank();
    // Every finished run and sweep is offered; the lesson takes those it asked for
    // (and remembers any loop's time, as a baseline).
    void onRunFinished(const lab::RunResult &result);
    void onSweepFinished(const lab::SweepResult &result);
    void onRefused(const QString &why); // what it asked for could not start

Q_SIGNALS:
    void changed();
    void stepChanged(const QString &experiment);
    void runRequested(const QString &experiment, const lab::ExperimentParams &params);
    void sweepRequested();

private:
    void request(const QString &experiment, const ExperimentParams &params);
    void settle(const LessonEvidence &evidence);

    int m_index = 0;
    Phase m_phase = Phase::Asking;
    int m_picked = -1;
    bool m_blank = false;
    LessonReveal m_reveal;
    LessonScale m_revealScale;
    ExperimentParams m_params;
    QString m_measuring;
    QString m_refusal;
    bool m_baselineFirst = false;
    std::map<std::pair<int, int>, std::int64_t> m_baselines; // the loop's (tasks, n) → wall time
};

} // namespace lab
