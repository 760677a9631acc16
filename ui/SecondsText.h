#pragma once

#include <QString>

#include <cstdint>

namespace lab {

// A wall time as the window shows it: "0.512 s", three decimals below ten seconds, two above.
inline QString secondsText(std::int64_t ns)
{
    const double s = double(ns) / 1e9;
    return QString::number(s, 'f', s < 10 ? 3 : 2) + QStringLiteral(" s");
}

} // namespace lab
