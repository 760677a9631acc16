#pragma once

#include <QString>

#include <string_view>

namespace lab {

inline QString toQString(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// 1046793 with its digits in threes: "1 046 793" (a space, or a thin space in the GUI), "1_046_793" as Python writes it.
inline QString groupedDigits(long long value, QChar separator)
{
    QString digits = QString::number(value);
    for (qsizetype at = digits.size() - 3; at > (digits.startsWith(u'-') ? 1 : 0); at -= 3)
        digits.insert(at, separator);
    return digits;
}

} // namespace lab
