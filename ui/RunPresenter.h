#pragma once

#include "FinishedRun.h"
#include "RunResult.h"
#include "SpeedupBook.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

namespace lab {

class ConsolePane;
class ExperimentPanel;
class LectureBar;
class RunController;
class TimelineView;

// What the window shows of the runs RunController drives: the live timeline and console,
// the elapsed time, and once a run has ended its result (with the speedup over its
// group's baseline) in the panel and in the lecture bar.
class RunPresenter : public QObject
{
    Q_OBJECT

public:
    struct Views
    {
        ExperimentPanel *panel = nullptr;
        TimelineView *timeline = nullptr;
        ConsolePane *console = nullptr;
        LectureBar *lectureBar = nullptr;
    };

    // How a run ended, in words.
    struct Verdict
    {
        QString text; // rich text, for the panel and the lecture bar
        bool isError = false;
        QString status; // for the status bar
        int statusMs = 0;
    };

    RunPresenter(RunController *runs, const Views &views, QObject *parent = nullptr);

    QString resultText() const { return m_resultText; }
    // A run RunController refused to start, and why.
    void showRefusal(const QString &error);
    // Failed, stopped, or its wall time and speedup; a successful run is recorded in the speedup book.
    Verdict verdict(const RunResult &result);

Q_SIGNALS:
    void finished(const lab::FinishedRun &run);
    void statusMessage(const QString &text, int timeoutMs);
    void stateChanged();

private:
    void onStarted(const QString &experiment);
    void onProgress(std::shared_ptr<const TimelineData> data);
    void onElapsed(std::int64_t ns);
    void onFinished(const RunResult &result, std::shared_ptr<const TimelineData> data);
    void showResult(const QString &text, bool isError);

    RunController *m_runs = nullptr;
    Views m_views;
    SpeedupBook m_speedups;
    QString m_resultText;
};

} // namespace lab
