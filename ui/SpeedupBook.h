#pragma once

#include "Catalog.h"
#include "RunResult.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>

namespace lab {

// The wall times of each group's baseline (the sequential run), by workload, and what a
// later run of the same workload measures against them: its speedup.
class SpeedupBook
{
    Q_DECLARE_TR_FUNCTIONS(SpeedupBook)

public:
    // Records a finished run and says its wall time and, in a group with a baseline, that
    // this is it, the speedup over it, or that it still has to be run with this workload.
    QString summary(const RunResult &result);

    // The baseline's wall time for this run's workload; nothing before the baseline ran it.
    std::optional<std::int64_t> baselineNs(const RunResult &result) const;

    // The experiment and the values of the parameters every experiment of its group
    // takes (tasks, sleep, n, …); how the work is run (workers, GIL, start method, …) is
    // what the speedup measures, so it is not part of the key.
    static QString workloadKey(const QString &experiment, const ExperimentParams &params);

private:
    QHash<QString, std::int64_t> m_baselines;
};

} // namespace lab
