#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <semaphore>
#include <vector>

class QRunnable;
class QThreadPool;

namespace lab::timeline {

// Runs work(band) for bands 0 … n - 1: on idle helper threads from the
// start, and on this thread from finish(), which returns when all have run.
// Bands are taken in turn, so a helper that starts late takes fewer; one that
// has not started when this thread runs out of bands is taken back from the queue.
// The hand-over is in std::atomic and std::counting_semaphore, whose ordering
// the C++ memory model (and ThreadSanitizer) sees, not in the pool's internals.
class BandRunner
{
public:
    BandRunner(int n, bool withHelpers, std::function<void(int)> work);
    BandRunner(const BandRunner &) = delete;
    BandRunner &operator=(const BandRunner &) = delete;
    ~BandRunner();

    void finish();

private:
    static QThreadPool &helpers();
    void takeBands();

    const int m_n;
    const std::function<void(int)> m_work;
    std::atomic<int> m_next{0};
    std::counting_semaphore<> m_finished{0};
    std::vector<std::unique_ptr<QRunnable>> m_queued;
};

} // namespace lab::timeline
