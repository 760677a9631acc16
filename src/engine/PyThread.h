#pragma once

#include <functional>
#include <string>
#include <thread>

namespace lab {

class LaneRecorder;
class Recorder;

// Python's threading.Thread: named Thread-N when created, run() executes the
// target on whatever thread calls it, start() runs it on a new OS thread with
// a lane of its own. Subclasses override run(), as the lesson's Sleeper does.
class PyThread
{
public:
    using Target = std::function<void(LaneRecorder &)>;

    PyThread(Recorder &recorder, std::string name, Target target = {});
    virtual ~PyThread();
    PyThread(const PyThread &) = delete;
    PyThread &operator=(const PyThread &) = delete;

    // Like Python's start(), returns once the new thread is running.
    void start();
    // Blocks `caller` until the thread ends, recording the wait on the caller's lane.
    void join(LaneRecorder &caller);
    virtual void run(LaneRecorder &lane);

    const std::string &name() const { return m_name; }

private:
    Recorder &m_recorder;
    std::string m_name;
    Target m_target;
    std::thread m_thread;
};

} // namespace lab
