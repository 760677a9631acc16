#pragma once

#include <memory>
#include <pthread.h>
#include <string>

namespace lab {

// multiprocessing.RLock: a re-entrant lock that worker processes share. It is
// a process-shared, robust pthread mutex in shared memory: a forked worker
// inherits the mapping, a spawned one maps it by name. Robust, so a worker
// that dies holding it does not leave the others waiting for ever: the next
// one to lock it gets it.
class ProcessSharedLock
{
public:
    // A new lock in new shared memory. `named`: others can map it by name()
    // until this object is destroyed (spawn); otherwise only forked children
    // of this process can use it. Throws std::runtime_error when the OS refuses.
    explicit ProcessSharedLock(bool named);
    // The lock another process created, mapped by its name; nullptr if it cannot be.
    static std::unique_ptr<ProcessSharedLock> open(const std::string &name);
    ~ProcessSharedLock();
    ProcessSharedLock(const ProcessSharedLock &) = delete;
    ProcessSharedLock &operator=(const ProcessSharedLock &) = delete;

    // Empty for an unnamed lock.
    const std::string &name() const { return m_name; }

    // True when the calling thread now holds the lock (its depth grows by one).
    bool tryLock();
    void lock();
    void unlock();

private:
    ProcessSharedLock() = default;
    bool settle(int error); // true when `error` from a lock call means the lock is now held

    pthread_mutex_t *m_mutex = nullptr;
    std::string m_name;
    bool m_creator = false; // unlinks the name when done
};

} // namespace lab
