#pragma once

#include "Sweep.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace lab {

// A sweep's figures as files and as the table the command line prints.
struct SweepReport
{
    static QJsonObject toJson(const SweepResult &result);
    // One row per point: workers,wall_s,ideal_s,speedup,efficiency,repeats_s (semicolon-separated).
    static QByteArray toCsv(const SweepResult &result);
    static QString toTable(const SweepResult &result);
    // The table in parts, for printing rows as the points arrive.
    static QString tableHeader(const SweepSpec &spec);
    static QString tableRow(const SweepPoint &point);
    static QString tableFooter(const SweepResult &result);
};

} // namespace lab
