#include "Console.h"

#include "CancelToken.h"
#include "GilModel.h"
#include "Recorder.h"

namespace lab {

void Console::print(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel)
{
    write(lane, task, text, cancel);
    write(lane, task, "\n", cancel);
}

void Console::write(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel)
{
    if (cancel.isCancelled())
        return;
    const ReleasedGil released(lane, task); // blocking I/O drops the GIL
    const SpanState before = lane.state();
    {
        std::lock_guard lock(m_mutex);
        const auto t = Clock::nowNs();
        m_screen.append(text);
        lane.setState(SpanState::Io, task, t);
        lane.consoleWrite(text, task, t);
    }
    cancel.sleepFor(m_writeTimeNs);
    lane.setState(before, task);
}

void Console::appendOutput(std::string_view text)
{
    std::lock_guard lock(m_mutex);
    m_screen.append(text);
}

std::string Console::text() const
{
    std::lock_guard lock(m_mutex);
    return m_screen;
}

void Console::readSince(std::size_t &offset, std::string &out) const
{
    std::lock_guard lock(m_mutex);
    if (offset < m_screen.size())
        out.append(m_screen, offset);
    offset = m_screen.size();
}

std::vector<std::string> Console::lines() const
{
    const std::string screen = text();
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < screen.size()) {
        const auto end = screen.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(screen.substr(start));
            break;
        }
        out.push_back(screen.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace lab
