#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace lab {

// Lets another thread stop a run. Sleeps go through sleepFor() so that a
// cancel wakes them at once instead of after the full sleep.
class CancelToken
{
public:
    void cancel()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled.store(true, std::memory_order_release);
        }
        m_wake.notify_all();
    }

    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }

    // A real blocking sleep. Returns false if the sleep was cut short by cancel().
    bool sleepFor(std::int64_t ns)
    {
        std::unique_lock lock(m_mutex);
        return !m_wake.wait_for(lock, std::chrono::nanoseconds(ns), [this] { return isCancelled(); });
    }

private:
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace lab
