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
    // The loop's wall time on this workload (tasks, n), if a run of it has been seen.
    std::optional<std::int64_t> baselineNs(int tasks, int n) const;

public Q_SLOTS:
    bool next();
    bool previous();
    bool goTo(int index);
    bool pick(int choice);
    // Runs the step with the window's values: the loop first when its speedup needs T1.
    void run(const lab::ExperimentParams &params);
    void toggleBlank();
    // Every finished run and sweep is offered; the lesson takes those it asked for
    // (and remembers any loop's time, as a baseline).
    void onRunFinished(const lab::RunResult &result);
    void onSweepFinished(const lab::SweepResult &result);
    void onRefused(); // what it asked for could not start

Q_SIGNALS:
    void changed();
    void stepChanged(const QString &experiment);
    // n: 0 for the window's own value, else the baseline's (the same workload).
    void runRequested(const QString &experiment, int n);
    void sweepRequested();

private:
    void request(const QString &experiment, int n);
    void settle(const LessonEvidence &evidence);

    int m_index = 0;
    Phase m_phase = Phase::Asking;
    int m_picked = -1;
    bool m_blank = false;
    LessonReveal m_reveal;
    QString m_measuring;
    bool m_baselineFirst = false;
    std::map<std::pair<int, int>, std::int64_t> m_baselines; // (tasks, n) → wall time
};

} // namespace lab
