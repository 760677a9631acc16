#pragma once

#include <QJsonObject>

namespace lab {

struct RunResult;

// The machine-readable summary of a run (`--summary`): parameters, wall time,
// lanes, per-task times in seconds from the run's start, orders and console.
struct RunSummary
{
    static QJsonObject toJson(const RunResult &result);
};

} // namespace lab
