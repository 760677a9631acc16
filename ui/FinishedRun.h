#pragma once

#include "TimelineData.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace lab {

// A finished run as the window keeps it: its timeline, and the label that names it
// in the compare view, the exports and the status bar ("sleep-threads, 0.512 s").
struct FinishedRun
{
    std::shared_ptr<const TimelineData> data; // nullptr: no run
    QString label;
};

} // namespace lab

Q_DECLARE_METATYPE(lab::FinishedRun)
