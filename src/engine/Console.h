#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lab {

class CancelToken;
class LaneRecorder;

// The standard output that all threads of a run share. Like Python's print(),
// a print is two output calls -- its text, then its line end -- and each call
// blocks its thread for the terminal's write time. Between the two calls other
// threads may write, which is how unsynchronised prints end up mangled.
class Console
{
public:
    // writeTimeNs models how long one output call keeps a thread blocked.
    explicit Console(std::int64_t writeTimeNs) : m_writeTimeNs(writeTimeNs) { }

    void print(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel);
    void write(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel);

    // What a worker process wrote to the standard output it shares with the
    // others: onto the screen as it arrives (its record is on the worker's lane).
    void appendOutput(std::string_view text);

    std::string text() const;
    // Appends to `out` what was written since `offset`, and moves `offset` on.
    void readSince(std::size_t &offset, std::string &out) const;
    // The screen's lines as the user sees them; a trailing line end ends the last line.
    std::vector<std::string> lines() const;

private:
    const std::int64_t m_writeTimeNs;
    mutable std::mutex m_mutex; // one write() reaches the screen whole, as a write(2) would
    std::string m_screen;
};

} // namespace lab
