#include "Console.h"

#include "CancelToken.h"
#include "GilModel.h"
#include "Recorder.h"

namespace lab {

void blockFor(std::int64_t ns, CancelToken &cancel)
{
    // A short call is CPU time in the kernel; a long one (a slow terminal) sleeps.
    if (ns <= 0)
        return;
    if (ns <= Clock::spinAtMostNs)
        Clock::spinFor(ns);
    else
        cancel.sleepFor(ns);
}

void Console::print(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel)
{
    if (m_mode == StdoutMode::LineBuffered) {
        // Text and line end are buffered under the GIL, with no GIL check between: the line goes out whole.
        write(lane, task, std::string(text) + "\n", cancel);
        return;
    }
    write(lane, task, text, cancel);
    write(lane, task, "\n", cancel);
}

void Console::write(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel)
{
    if (m_mode == StdoutMode::Unbuffered) {
        outputCall(lane, task, text, cancel);
        return;
    }
    const std::string ready = buffer(text);
    if (!ready.empty())
        outputCall(lane, task, ready, cancel);
}

void Console::flush(LaneRecorder &lane, CancelToken &cancel)
{
    std::string rest;
    {
        std::lock_guard lock(m_bufferMutex);
        rest.swap(m_buffer);
    }
    if (!rest.empty())
        outputCall(lane, -1, rest, cancel);
}

std::string Console::buffer(std::string_view text)
{
    std::lock_guard lock(m_bufferMutex);
    m_buffer.append(text);
    const auto end = m_buffer.rfind('\n');
    if (end == std::string::npos)
        return {};
    std::string ready = m_buffer.substr(0, end + 1);
    m_buffer.erase(0, end + 1);
    return ready;
}

void Console::outputCall(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel)
{
    if (cancel.isCancelled())
        return;
    const ReleasedGil released(lane, task); // a system call drops the GIL
    const SpanState before = lane.state();
    {
        std::lock_guard lock(m_mutex);
        const auto t = Clock::nowNs();
        m_screen.append(text);
        lane.setState(SpanState::Io, task, t);
        lane.consoleWrite(text, task, t);
    }
    blockFor(m_writeTimeNs, cancel);
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
