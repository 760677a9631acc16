#pragma once

#include <QByteArray>

namespace lab {

struct RunResult;

// A Chrome Trace Event file (JSON object form), as opened by ui.perfetto.dev:
// one named, sorted track per lane; an X event per state span and per
// lock-held interval; instant events for console writes, tasks and locks.
// Times are microseconds from the run's start.
struct ChromeTrace
{
    static QByteArray toJson(const RunResult &result);
};

} // namespace lab
