#include "BandRunner.h"

#include <QRunnable>
#include <QString>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
// QThreadPool hands a runnable over under its own lock, in Qt code that
// ThreadSanitizer does not see: tell it that the hand-over orders memory.
#define LAB_HANDED_OVER(object) __tsan_release(object)
#define LAB_TAKEN_OVER(object) __tsan_acquire(object)
#else
#define LAB_HANDED_OVER(object) ((void)(object))
#define LAB_TAKEN_OVER(object) ((void)(object))
#endif

using namespace Qt::StringLiterals;

namespace lab::timeline {

BandRunner::BandRunner(int n, bool withHelpers, std::function<void(int)> work) : m_n(n), m_work(std::move(work))
{
    m_next.store(0, std::memory_order_release); // what this thread wrote so far, for the helpers
    QThreadPool &pool = helpers();
    for (int i = 0; withHelpers && i < std::min(n, pool.maxThreadCount()); ++i) {
        m_queued.emplace_back(QRunnable::create([this] {
            LAB_TAKEN_OVER(this);
            takeBands();
            m_finished.release();
        }));
        m_queued.back()->setAutoDelete(false);
        LAB_HANDED_OVER(this);
        pool.start(m_queued.back().get());
    }
}

BandRunner::~BandRunner()
{
    finish();
}

void BandRunner::finish()
{
    takeBands();
    int started = 0;
    for (const auto &helper : m_queued)
        started += helpers().tryTake(helper.get()) ? 0 : 1;
    for (; started > 0; --started)
        m_finished.acquire();
    m_queued.clear(); // a started runnable is not touched by the pool after run()
}

QThreadPool &BandRunner::helpers()
{
    // Its own pool: a long job in the global one must not hold up a frame.
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(std::max(0, QThread::idealThreadCount() - 1));
        pool.setObjectName(u"TimelinePainter helpers"_s);
        return true;
    }();
    Q_UNUSED(configured);
    return pool;
}

void BandRunner::takeBands()
{
    for (int b; (b = m_next.fetch_add(1, std::memory_order_acq_rel)) < m_n;)
        m_work(b);
}

} // namespace lab::timeline
