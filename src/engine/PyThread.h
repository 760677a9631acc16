#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace lab {

class LaneRecorder;
struct RunContext;

// Python's threading.Thread: named Thread-N when created, run() executes the
// target on whatever thread calls it, start() runs it on a new OS thread with
// a lane of its own. Subclasses override run(), as the lesson's Sleeper does.
class PyThread
{
public:
    using Target = std::function<void(LaneRecorder &)>;

    explicit PyThread(RunContext &ctx, Target target = {});
    // A thread with a given name, as a pool names its workers.
    PyThread(RunContext &ctx, std::string name, Target target);
    virtual ~PyThread();
    PyThread(const PyThread &) = delete;
    PyThread &operator=(const PyThread &) = delete;

    // Like Python's start(), returns once the new thread is running. Throws
    // std::runtime_error when the OS refuses the thread.
    void start();
    // Blocks `caller` until the thread ends, recording the wait on the caller's
    // lane; rethrows what ended the thread if it was an exception.
    void join(LaneRecorder &caller);
    virtual void run(LaneRecorder &lane);

protected:
    RunContext &m_ctx;

private:
    std::string m_name;
    Target m_target;
    std::thread m_thread;
    std::exception_ptr m_error; // written by the thread, read after join
};

// Starts every thread, then joins them all, as the lesson does. If the OS
// refuses a thread, or one ends in an exception, the run is cancelled, every
// started thread is still joined, and the first error is passed on.
void startThenJoin(RunContext &ctx, std::vector<std::unique_ptr<PyThread>> &threads);

} // namespace lab
