#include "ConsolePane.h"
#include "ExperimentPanel.h"
#include "LectureBar.h"
#include "RunController.h"
#include "RunPresenter.h"
#include "SecondsText.h"
#include "TimelineView.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

// The views a run is shown in, and the presenter between them and the controller.
struct Views
{
    RunController runs;
    ExperimentPanel panel;
    TimelineView timeline;
    ConsolePane console;
    LectureBar bar;
    RunPresenter presenter{&runs, {&panel, &timeline, &console, &bar}};

    QString panelResult() const { return panel.findChild<QLabel *>(u"resultLabel"_s)->text(); }
    QString panelElapsed() const { return panel.findChild<QLabel *>(u"elapsedLabel"_s)->text(); }
    QString barResult() const { return bar.findChild<QLabel *>(u"lectureResult"_s)->text(); }

    void runToEnd(const char *experiment, const ExperimentParams &params)
    {
        QSignalSpy finished(&runs, &RunController::finished);
        QCOMPARE(runs.start(QString::fromLatin1(experiment), params), QString());
        QVERIFY(finished.wait(20'000));
    }
};

} // namespace

class TestRunPresenter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsARunFromStartToEnd()
    {
        Views v;
        QSignalSpy finished(&v.presenter, &RunPresenter::finished);
        QSignalSpy status(&v.presenter, &RunPresenter::statusMessage);
        v.bar.setResult(u"the last run"_s);
        QCOMPARE(v.runs.start(u"sleep-sequential"_s, ExperimentParams{.tasks = 2, .sleepMs = 40}), QString());
        // Started: a clean slate that follows the run live.
        QCOMPARE(status.last().at(0).toString(), u"Running sleep-sequential…"_s);
        QVERIFY(v.barResult().isEmpty());
        QVERIFY(v.timeline.followLive());
        QVERIFY(v.panelElapsed().startsWith(u"Running: "_s));
        QVERIFY(finished.wait(20'000));

        const RunResult *result = v.runs.lastResult();
        QVERIFY(result);
        const FinishedRun run = finished.at(0).at(0).value<FinishedRun>();
        QCOMPARE(run.data, v.timeline.data());
        QCOMPARE(run.label, u"sleep-sequential, "_s + secondsText(result->wallNs));
        QVERIFY(!v.timeline.followLive()); // the finished run shown whole
        QCOMPARE(v.console.shownWrites(), run.data->writes.size());
        QVERIFY2(v.presenter.resultText().contains(u"the baseline"_s), qPrintable(v.presenter.resultText()));
        QCOMPARE(v.panelResult(), v.presenter.resultText());
        QCOMPARE(v.barResult(), v.presenter.resultText());
        QCOMPARE(v.panelElapsed(), u"Elapsed: "_s + secondsText(result->wallNs));
        QCOMPARE(v.bar.elapsed(), secondsText(result->wallNs));
        QVERIFY(status.contains(QVariantList{u"sleep-sequential finished in "_s + secondsText(result->wallNs), 8000}));
    }

    void theSpeedupOverTheBaseline()
    {
        Views v;
        v.runToEnd("sleep-sequential", ExperimentParams{.tasks = 3, .sleepMs = 60});
        v.runToEnd("sleep-threads", ExperimentParams{.tasks = 3, .sleepMs = 60});
        QVERIFY2(v.presenter.resultText().contains(u"speedup <b>"_s), qPrintable(v.presenter.resultText()));
        v.runToEnd("sleep-threads", ExperimentParams{.tasks = 2, .sleepMs = 60});
        QVERIFY2(v.presenter.resultText().contains(u"run sleep-sequential with the same workload"_s), qPrintable(v.presenter.resultText()));
    }

    void aStoppedRunSaysSo()
    {
        Views v;
        QSignalSpy finished(&v.runs, &RunController::finished);
        QCOMPARE(v.runs.start(u"sleep-threads"_s, ExperimentParams{.tasks = 3, .sleepMs = 5000}), QString());
        QTest::qWait(100);
        v.runs.cancel();
        QVERIFY(finished.wait(10'000));
        QVERIFY2(v.presenter.resultText().contains(u"<b>sleep-threads stopped</b> after "_s), qPrintable(v.presenter.resultText()));
        QCOMPARE(v.panelResult(), v.presenter.resultText());
    }

    void aRefusedRunSaysWhy()
    {
        Views v;
        QSignalSpy status(&v.presenter, &RunPresenter::statusMessage);
        QSignalSpy changed(&v.presenter, &RunPresenter::stateChanged);
        v.presenter.showRefusal(u"tasks must be 1–512"_s);
        QCOMPARE(v.presenter.resultText(), u"Not started: tasks must be 1–512"_s);
        QCOMPARE(v.panelResult(), v.presenter.resultText());
        QCOMPARE(v.barResult(), v.presenter.resultText());
        QCOMPARE(status.last(), (QVariantList{u"Not started: tasks must be 1–512"_s, 10000}));
        QCOMPARE(changed.count(), 1);
    }

    void verdicts()
    {
        Views v;
        RunResult failed;
        failed.experiment = "factorial-processes";
        failed.wallNs = 250'000'000;
        failed.error = "the OS refused a <process>";
        RunPresenter::Verdict verdict = v.presenter.verdict(failed);
        QCOMPARE(verdict.text, u"<b>factorial-processes failed</b> after 0.250 s: the OS refused a &lt;process&gt;"_s);
        QVERIFY(verdict.isError);
        QCOMPARE(verdict.status, u"The run failed: the OS refused a <process>"_s);
        QCOMPARE(verdict.statusMs, 15000);

        RunResult stopped = failed;
        stopped.error.clear();
        stopped.cancelled = true;
        verdict = v.presenter.verdict(stopped);
        QCOMPARE(verdict.text, u"<b>factorial-processes stopped</b> after 0.250 s; what it recorded until then is shown."_s);
        QVERIFY(verdict.isError);
        QCOMPARE(verdict.status, u"Stopped; every thread was joined."_s);

        RunResult done = stopped;
        done.cancelled = false;
        done.experiment = "factorial-sequential";
        verdict = v.presenter.verdict(done);
        QVERIFY(!verdict.isError);
        QVERIFY(verdict.text.contains(u"the baseline for this group's speedups"_s));
        QCOMPARE(verdict.status, u"factorial-sequential finished in 0.250 s"_s);
        // Recorded: the same workload in threads has its speedup.
        done.experiment = "factorial-threads";
        done.wallNs = 125'000'000;
        QVERIFY(v.presenter.verdict(done).text.contains(u"speedup <b>2.00×</b>"_s));
    }
};

QTEST_MAIN(TestRunPresenter)
#include "tst_runpresenter.moc"
