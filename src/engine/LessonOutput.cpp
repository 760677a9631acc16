#include "LessonOutput.h"

#include "RunContext.h"

#include <charconv>

namespace lab {

std::string pythonFloat(double value)
{
    // Python's repr of a float is the shortest text that reads back as the same double, as is to_chars'.
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc() ? end : buffer);
    if (text.find_first_of(".einn") == std::string::npos)
        text += ".0"; // 2.0, not 2
    return text;
}

void printTimeSpent(RunContext &ctx, std::int64_t startNs)
{
    if (ctx.cancel.isCancelled())
        return;
    // perf_counter() is the monotonic clock in float seconds; the difference of two such floats is what Python prints.
    const double elapsed = double(Clock::nowNs()) / 1e9 - double(startNs) / 1e9;
    ctx.console.print(ctx.mainLane, -1, "\nTime spent inside the loop: " + pythonFloat(elapsed) + " seconds.", ctx.cancel);
}

} // namespace lab
