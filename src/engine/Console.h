#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lab {

class CancelToken;
class LaneRecorder;

// Blocks for ns, as an output call of that length: short ones exactly (on the CPU), long ones asleep (cancel ends them).
void blockFor(std::int64_t ns, CancelToken &cancel);

// How a process's sys.stdout passes text on, a model of CPython's io stack
// (Modules/_io): print() writes its text, then its line end.
enum class StdoutMode {
    LineBuffered, // a terminal: both go into the process's buffer, which goes out -- one output call -- at a line end
    Unbuffered,   // python -u, a notebook's stream: each write is its own output call
};

// The standard output that all threads of a run share. An output call drops
// the GIL (a system call) and blocks its thread for the modelled call time.
// Unbuffered, a print is two output calls, and another thread may write
// between them: that is how unsynchronised prints mangle. Line-buffered, the
// whole line goes out in one call, so lines stay whole.
class Console
{
public:
    // writeTimeNs models how long one output call keeps a thread blocked.
    explicit Console(std::int64_t writeTimeNs, StdoutMode mode = StdoutMode::Unbuffered) : m_writeTimeNs(writeTimeNs), m_mode(mode) { }

    void print(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel);
    void write(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel);
    // What is left in the buffer (text without a line end) goes out, as at interpreter exit.
    void flush(LaneRecorder &lane, CancelToken &cancel);

    // What a worker process wrote to the standard output it shares with the
    // others: onto the screen as it arrives (its record is on the worker's lane).
    void appendOutput(std::string_view text);

    std::string text() const;
    // Appends to `out` what was written since `offset`, and moves `offset` on.
    void readSince(std::size_t &offset, std::string &out) const;
    // The screen's lines as the user sees them; a trailing line end ends the last line.
    std::vector<std::string> lines() const;

private:
    void outputCall(LaneRecorder &lane, int task, std::string_view text, CancelToken &cancel);
    // Line-buffered: adds to the buffer; returns what is to go out now (up to its last line end).
    std::string buffer(std::string_view text);

    const std::int64_t m_writeTimeNs;
    const StdoutMode m_mode;
    std::mutex m_bufferMutex; // the process's BufferedWriter lock
    std::string m_buffer;
    mutable std::mutex m_mutex; // one write() reaches the screen whole, as a write(2) would
    std::string m_screen;
};

} // namespace lab
