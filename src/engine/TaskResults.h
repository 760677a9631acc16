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
    std::string reason;     // what it did, e.g. "exited with code 0 before it answered its set-up"
};

// What the tasks of a run returned (a factorial's digit count), by task id,
// the order in which the results arrived, and how a pool's map chunked them. Written by whichever thread
// receives a result.
class TaskResults
{
public:
    // `check`: n! mod Factorial::checkPrime for a factorial, else 0.
    void record(int task, std::int64_t value, std::uint64_t check = 0)
    {
        std::lock_guard lock(m_mutex);
        if (task < 0)
            return;
        if (std::size_t(task) >= m_values.size()) {
            m_values.resize(std::size_t(task) + 1, -1);
            m_checks.resize(std::size_t(task) + 1, 0);
        }
        m_values[std::size_t(task)] = value;
        m_checks[std::size_t(task)] = check;
        m_completion.push_back(task);
    }
    std::vector<std::int64_t> values() const // by task id; -1: no result
    {
        std::lock_guard lock(m_mutex);
        return m_values;
    }
    std::vector<std::uint64_t> checks() const // by task id; 0: none
    {
        std::lock_guard lock(m_mutex);
        return m_checks;
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

    // The chunk size a pool's map cut the tasks into; 0 when no map ran.
    void setChunksize(int chunksize)
    {
        std::lock_guard lock(m_mutex);
        m_chunksize = chunksize;
    }
    int chunksize() const
    {
        std::lock_guard lock(m_mutex);
        return m_chunksize;
    }

private:
    mutable std::mutex m_mutex;
    int m_chunksize = 0;
    std::vector<std::uint64_t> m_checks;
    std::vector<FailedWorker> m_failed;
    std::vector<std::int64_t> m_values;
    std::vector<int> m_completion;
};

} // namespace lab
