#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace lab {

// A worker process that died before finishing its work.
struct FailedWorker
{
    std::string name; // e.g. ForkPoolWorker-2
    int pid = 0;
    int signal = 0;   // what killed it; 0 when it exited by itself
    int exitCode = 0;
    std::vector<int> tasks; // the tasks it had not finished
};

// What the tasks of a run returned (a factorial's digit count), by task id,
// and the order in which the results arrived. Written by whichever thread
// receives a result.
class TaskResults
{
public:
    void record(int task, std::int64_t value)
    {
        std::lock_guard lock(m_mutex);
        if (task < 0)
            return;
        if (std::size_t(task) >= m_values.size())
            m_values.resize(std::size_t(task) + 1, -1);
        m_values[std::size_t(task)] = value;
        m_completion.push_back(task);
    }
    std::vector<std::int64_t> values() const // by task id; -1: no result
    {
        std::lock_guard lock(m_mutex);
        return m_values;
    }
    std::vector<int> completionOrder() const
    {
        std::lock_guard lock(m_mutex);
        return m_completion;
    }

    void recordFailure(FailedWorker worker)
    {
        std::lock_guard lock(m_mutex);
        m_failed.push_back(std::move(worker));
    }
    std::vector<FailedWorker> failed() const
    {
        std::lock_guard lock(m_mutex);
        return m_failed;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<FailedWorker> m_failed;
    std::vector<std::int64_t> m_values;
    std::vector<int> m_completion;
};

} // namespace lab
