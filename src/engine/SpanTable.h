#pragma once

#include "TimelineData.h"

#include <QByteArray>

namespace lab {

// The timeline's state spans as a table for a spreadsheet or pandas: one row per
// span, with its lane, the lane's pid and tid, the state, the task and its
// times in nanoseconds from the run's start.
struct SpanTable
{
    static QByteArray toCsv(const TimelineData &timeline);
};

} // namespace lab
