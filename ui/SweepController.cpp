#include "SweepController.h"

#include "CancelToken.h"
#include "QtStrings.h"
#include "ResourceCheck.h"
#include "SweepRun.h"

#include <exception>

namespace lab {

SweepController::SweepController(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &SweepController::poll);
}

SweepController::~SweepController()
{
    if (m_thread.joinable()) {
        m_cancel->cancel();
        m_thread.join();
    }
}

QString SweepController::start(const SweepSpec &spec)
{
    if (m_thread.joinable())
        return tr("A sweep is still going; stop it first.");
    if (spec.workers.empty())
        return tr("No worker counts to sweep.");
    if (auto error = ResourceCheck::forSweep(spec))
        return toQString(*error);
    m_cancel = std::make_unique<CancelToken>();
    m_done.store(false);
    m_partial.reset();
    m_result = {};
    m_result.spec = spec;
    const SweepResult initial = m_result; // what started() reports: the thread may replace m_result at once
    try {
        m_thread = std::thread([this, spec] {
            SweepResult result;
            try {
                result = runSweep(spec, *m_cancel, [this](const SweepResult &partial) {
                    std::lock_guard lock(m_mutex);
                    m_partial = partial;
                });
            } catch (const std::exception &e) {
                result.spec = spec;
                result.error = e.what();
            } catch (...) {
                result.spec = spec;
                result.error = "an unknown error ended the sweep";
            }
            {
                std::lock_guard lock(m_mutex);
                m_result = std::move(result);
            }
            m_done.store(true, std::memory_order_release);
        });
    } catch (const std::exception &e) {
        return tr("The OS refused to start the sweep's thread: %1").arg(toQString(e.what()));
    }
    Q_EMIT started(initial);
    m_timer.start();
    return {};
}

void SweepController::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

void SweepController::poll()
{
    std::optional<SweepResult> partial;
    {
        std::lock_guard lock(m_mutex);
        partial.swap(m_partial);
    }
    if (partial)
        Q_EMIT progress(*partial);
    if (!m_done.load(std::memory_order_acquire))
        return;
    m_timer.stop();
    m_thread.join(); // it has returned already
    Q_EMIT finished(m_result);
}

} // namespace lab
