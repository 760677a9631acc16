#pragma once

#include <QString>

#include <string_view>

namespace lab {

inline QString toQString(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

} // namespace lab
