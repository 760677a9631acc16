#include "RunPresenter.h"

#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "LectureBar.h"
#include "QtStrings.h"
#include "RunController.h"
#include "SecondsText.h"
#include "TimelineView.h"

#include <QFileInfo>

namespace lab {

RunPresenter::RunPresenter(RunController *runs, const Views &views, QObject *parent)
    : QObject(parent), m_runs(runs), m_views(views)
{
    connect(m_runs, &RunController::started, this, &RunPresenter::onStarted);
    connect(m_runs, &RunController::progress, this, &RunPresenter::onProgress);
    connect(m_runs, &RunController::elapsedChanged, this, &RunPresenter::onElapsed);
    connect(m_runs, &RunController::finished, this, &RunPresenter::onFinished);
}

void RunPresenter::showResult(const QString &text, bool isError)
{
    m_resultText = text;
    m_views.panel->setResultText(text, isError);
    m_views.lectureBar->setResult(text);
}

void RunPresenter::showRefusal(const QString &error)
{
    showResult(tr("Not started: %1").arg(error), true);
    Q_EMIT statusMessage(m_resultText, 10000);
    Q_EMIT stateChanged();
}

void RunPresenter::onStarted(const QString &experiment)
{
    m_views.console->clear();
    m_views.console->setRevealUntilNs(-1);
    showResult(QString(), false);
    m_views.timeline->setRevealUntilNs(-1);
    m_views.timeline->setFollowLive(true);
    m_views.timeline->setData(nullptr);
    Q_EMIT statusMessage(tr("Running %1…").arg(experiment), 0);
    onElapsed(0);
    Q_EMIT stateChanged();
}

void RunPresenter::onProgress(std::shared_ptr<const TimelineData> data)
{
    m_views.timeline->setData(data);
    m_views.console->setData(std::move(data));
}

void RunPresenter::onElapsed(std::int64_t ns)
{
    const QString text = secondsText(ns);
    m_views.panel->setElapsedText(m_runs->isRunning() ? tr("Running: %1").arg(text) : tr("Elapsed: %1").arg(text));
    m_views.lectureBar->setElapsed(text);
    Q_EMIT stateChanged();
}

RunPresenter::Verdict RunPresenter::verdict(const RunResult &result)
{
    const QString id = toQString(result.experiment);
    const QString wall = secondsText(result.wallNs);
    if (!result.error.empty())
        return {tr("<b>%1 failed</b> after %2: %3").arg(id, wall, toQString(result.error).toHtmlEscaped()), true,
                tr("The run failed: %1").arg(toQString(result.error)), 15000};
    if (result.cancelled)
        return {tr("<b>%1 stopped</b> after %2; what it recorded until then is shown.").arg(id, wall), true,
                tr("Stopped; every thread was joined."), 8000};
    if (!result.openedFrom.empty()) // another machine's times: no baseline for this one's speedups
        return {tr("<b>%1</b>: wall time %2, recorded on %3 (opened from %4)")
                    .arg(id, wall, toQString(result.machine.describe()).toHtmlEscaped(),
                         QFileInfo(toQString(result.openedFrom)).fileName().toHtmlEscaped()),
                false, tr("Opened %1, recorded on %2").arg(toQString(result.openedFrom), toQString(result.machine.describe())), 8000};
    return {m_speedups.summary(result), false, tr("%1 finished in %2").arg(id, wall), 8000};
}

void RunPresenter::onFinished(const RunResult &result, std::shared_ptr<const TimelineData> data)
{
    TimelineView *timeline = m_views.timeline;
    timeline->setData(data);
    // Still following (the user did not zoom or pan meanwhile): show the finished run whole.
    if (timeline->followLive()) {
        timeline->setFollowLive(false);
        timeline->fitToWindow();
    }
    m_views.console->setData(data);
    m_views.panel->refreshPaceNote(); // a first run at lesson pace has just measured n
    Q_EMIT finished({data, tr("%1, %2").arg(toQString(result.experiment), secondsText(result.wallNs))});
    const Verdict v = verdict(result);
    Q_EMIT statusMessage(v.status, v.statusMs);
    showResult(v.text, v.isError);
    onElapsed(result.wallNs);
    Q_EMIT stateChanged();
}

} // namespace lab
