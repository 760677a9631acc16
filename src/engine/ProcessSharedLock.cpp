#include "ProcessSharedLock.h"

#include "Clock.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/mman.h>
#include <unistd.h>

namespace lab {
namespace {

std::runtime_error failure(const char *what)
{
    return std::runtime_error(std::string("the shared lock could not be made: ") + what + ": " + std::strerror(errno));
}

void *mapShared(int fd)
{
    void *memory = ::mmap(nullptr, sizeof(pthread_mutex_t), PROT_READ | PROT_WRITE, MAP_SHARED | (fd < 0 ? MAP_ANONYMOUS : 0), fd, 0);
    return memory == MAP_FAILED ? nullptr : memory;
}

} // namespace

ProcessSharedLock::ProcessSharedLock(bool named) : m_creator(true)
{
    int fd = -1;
    if (named) {
        // A name no one else has: a killed engine of the same pid may have left its own behind.
        static std::atomic<unsigned> counter{0};
        for (int attempt = 0; fd < 0 && attempt < 16; ++attempt) {
            m_name = "/concurrency-lab-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-"
                + std::to_string(Clock::nowNs() % 1'000'000'007);
            fd = ::shm_open(m_name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0 && errno != EEXIST)
                break;
        }
        if (fd < 0)
            throw failure("shm_open");
        if (::ftruncate(fd, sizeof(pthread_mutex_t)) != 0) {
            const auto error = failure("ftruncate");
            ::close(fd);
            ::shm_unlink(m_name.c_str());
            throw error;
        }
    }
    void *memory = mapShared(fd);
    if (fd >= 0)
        ::close(fd);
    if (!memory) {
        const auto error = failure("mmap");
        if (named)
            ::shm_unlink(m_name.c_str());
        throw error;
    }
    m_mutex = static_cast<pthread_mutex_t *>(memory);
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

std::unique_ptr<ProcessSharedLock> ProcessSharedLock::open(const std::string &name)
{
    const int fd = ::shm_open(name.c_str(), O_RDWR | O_CLOEXEC, 0);
    if (fd < 0)
        return nullptr;
    void *memory = mapShared(fd);
    ::close(fd);
    if (!memory)
        return nullptr;
    std::unique_ptr<ProcessSharedLock> lock(new ProcessSharedLock);
    lock->m_mutex = static_cast<pthread_mutex_t *>(memory);
    lock->m_name = name;
    return lock;
}

ProcessSharedLock::~ProcessSharedLock()
{
    // The creator outlives every worker (they are reaped first), so the mutex
    // is not destroyed under anyone; the memory goes with the last mapping.
    ::munmap(m_mutex, sizeof(pthread_mutex_t));
    if (m_creator && !m_name.empty())
        ::shm_unlink(m_name.c_str());
}

bool ProcessSharedLock::settle(int error)
{
    if (error == EOWNERDEAD) {
        // Its holder died: the lock protects nothing half-done (a print), so it is usable again.
        pthread_mutex_consistent(m_mutex);
        return true;
    }
    return error == 0;
}

bool ProcessSharedLock::tryLock() { return settle(pthread_mutex_trylock(m_mutex)); }

void ProcessSharedLock::lock() { (void)settle(pthread_mutex_lock(m_mutex)); }

void ProcessSharedLock::unlock() { pthread_mutex_unlock(m_mutex); }

} // namespace lab
