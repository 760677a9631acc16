// LessonController: stepping, picking, what a step asks the window to run (the loop
// first when its speedup needs T1), and the reveal its finished runs decide.
#include "LessonController.h"
#include "RunResult.h"
#include "Sweep.h"

#include <QSignalSpy>
#include <QTest>

using namespace lab;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(lab::ExperimentParams)

namespace {

constexpr std::int64_t ms = 1'000'000;

int indexOf(const char *experiment)
{
    for (std::size_t i = 0; i < lessonPlan().size(); ++i)
        if (lessonPlan()[i].experiment == experiment)
            return int(i);
    return -1;
}

RunResult finished(const char *experiment, std::int64_t wallMs, int tasks = 5, int n = 0)
{
    RunResult r;
    r.experiment = experiment;
    r.params.tasks = tasks;
    r.params.sleepMs = 100;
    r.params.n = n;
    r.cpuCount = 2;
    r.wallNs = wallMs * ms;
    for (int i = 0; i < tasks; ++i)
        r.console.push_back("Task " + std::to_string(i) + ": starting. ");
    r.console.push_back("");
    r.console.push_back("Time spent inside the loop: 0.1 seconds.");
    return r;
}

ExperimentParams paramsFor(int tasks, int n)
{
    ExperimentParams p;
    p.tasks = tasks;
    p.n = n;
    return p;
}

} // namespace

class TstLessonController : public QObject
{
    Q_OBJECT

private slots:
    void stepsAndTheirEnds();
    void picking();
    void aRunDecidesTheReveal();
    void otherRunsAreNotTheAnswer();
    void theLoopComesFirstWhenT1IsMissing();
    void aKnownLoopIsNotRunAgain();
    void cancelledOrRefused();
    void theSweepStep();
    void blanking();
    void savedRunsAreNeitherT1NorAnAnswer();
    void leavingAbandonsTheRun();
    void choicesFollowTheValues();
};

void TstLessonController::stepsAndTheirEnds()
{
    LessonController lesson;
    QSignalSpy steps(&lesson, &LessonController::stepChanged);
    QCOMPARE(lesson.stepIndex(), 0);
    QVERIFY(!lesson.previous());
    QVERIFY(lesson.next());
    QCOMPARE(steps.last().at(0).toString(), u"sleep-threads"_s);
    QVERIFY(lesson.goTo(lesson.stepCount() - 1));
    QCOMPARE(steps.last().at(0).toString(), u"worker-sweep"_s);
    QVERIFY(!lesson.next());
    QVERIFY(!lesson.goTo(lesson.stepCount()));
    QVERIFY(!lesson.goTo(-1));
    QCOMPARE(lesson.stepIndex(), lesson.stepCount() - 1);
}

void TstLessonController::picking()
{
    LessonController lesson;
    QVERIFY(lesson.pick(2));
    QCOMPARE(lesson.picked(), 2);
    QVERIFY(!lesson.pick(3)); // three choices
    QVERIFY(!lesson.pick(-1));
    QCOMPARE(lesson.picked(), 2);
    QVERIFY(lesson.next()); // a new step asks afresh
    QCOMPARE(lesson.picked(), -1);
    QVERIFY(lesson.goTo(indexOf("factorial-sequential")));
    QVERIFY(!lesson.pick(0)); // the loop asks nothing
    QVERIFY(lesson.goTo(indexOf("sleep-threads")));
    lesson.setParams(paramsFor(5, 0));
    lesson.run();
    QVERIFY(!lesson.pick(1)); // not while it runs
    QVERIFY(!lesson.next());  // nor step away
}

void TstLessonController::aRunDecidesTheReveal()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("sleep-threads")));
    QVERIFY(lesson.pick(2));
    QSignalSpy runs(&lesson, &LessonController::runRequested);
    lesson.setParams(paramsFor(5, 0));
    lesson.run();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).at(0).toString(), u"sleep-threads"_s);
    QCOMPARE(runs.at(0).at(1).value<ExperimentParams>().tasks, 5);
    QCOMPARE(lesson.phase(), LessonController::Phase::Measuring);
    lesson.onRunFinished(finished("sleep-threads", 103));
    QCOMPARE(lesson.phase(), LessonController::Phase::Revealed);
    QCOMPARE(lesson.reveal().choice, 0); // about one sleep, whatever was predicted
    QCOMPARE(lesson.picked(), 2);
    QVERIFY(!lesson.pick(0)); // the prediction stands once revealed
}

void TstLessonController::otherRunsAreNotTheAnswer()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("sleep-threads")));
    lesson.setParams(paramsFor(5, 0));
    lesson.run();
    lesson.onRunFinished(finished("sleep-sequential", 510)); // a saved run opened meanwhile, say
    QCOMPARE(lesson.phase(), LessonController::Phase::Measuring);
    lesson.onRunFinished(finished("sleep-threads", 480)); // ran with locks? the run decides anyway
    QCOMPARE(lesson.reveal().choice, 2);
}

void TstLessonController::theLoopComesFirstWhenT1IsMissing()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("factorial-processes")));
    QSignalSpy runs(&lesson, &LessonController::runRequested);
    lesson.setParams(paramsFor(30, 5000));
    lesson.run();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).at(0).toString(), u"factorial-sequential"_s);
    QCOMPARE(runs.at(0).at(1).value<ExperimentParams>().tasks, 30); // the step's workload, not the loop's defaults
    QCOMPARE(runs.at(0).at(1).value<ExperimentParams>().n, 5000);
    QCOMPARE(lesson.measuring(), u"factorial-sequential"_s);
    lesson.onRunFinished(finished("factorial-sequential", 4000, 30, 5000));
    QCOMPARE(runs.size(), 2); // then the step, on the loop's workload
    QCOMPARE(runs.at(1).at(0).toString(), u"factorial-processes"_s);
    QCOMPARE(runs.at(1).at(1).value<ExperimentParams>().n, 5000);
    QCOMPARE(lesson.phase(), LessonController::Phase::Measuring);
    lesson.onRunFinished(finished("factorial-processes", 2200, 30, 5000));
    QCOMPARE(lesson.phase(), LessonController::Phase::Revealed);
    QCOMPARE(lesson.reveal().choice, 1); // 0.55 × T1 on 2 cores: the cores share it
    QVERIFY2(lesson.reveal().here.find("0.55 × T1") != std::string::npos, lesson.reveal().here.c_str());
}

void TstLessonController::aKnownLoopIsNotRunAgain()
{
    LessonController lesson;
    lesson.onRunFinished(finished("factorial-sequential", 4000, 30, 5000)); // run by hand, earlier
    QCOMPARE(lesson.baselineNs(30, 5000), std::optional<std::int64_t>(4000 * ms));
    QVERIFY(!lesson.baselineNs(30, 6000));
    QVERIFY(lesson.goTo(indexOf("factorial-threads")));
    QSignalSpy runs(&lesson, &LessonController::runRequested);
    lesson.setParams(paramsFor(30, 5000));
    lesson.run();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).at(0).toString(), u"factorial-threads"_s);
    lesson.onRunFinished(finished("factorial-threads", 3950, 30, 5000));
    QCOMPARE(lesson.reveal().choice, 0); // the GIL: no faster than the loop
}

void TstLessonController::cancelledOrRefused()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("sleep-threads")));
    lesson.setParams(paramsFor(5, 0));
    lesson.run();
    lesson.onRefused(u"the OS refused a thread"_s);
    QCOMPARE(lesson.refusal(), u"the OS refused a thread"_s);
    QCOMPARE(lesson.phase(), LessonController::Phase::Asking);
    lesson.setParams(paramsFor(5, 0));
    lesson.run();
    RunResult cancelled = finished("sleep-threads", 40);
    cancelled.cancelled = true;
    lesson.onRunFinished(cancelled);
    QCOMPARE(lesson.phase(), LessonController::Phase::Revealed);
    QVERIFY(!lesson.reveal().decided());
    QVERIFY(!lesson.reveal().undecided.empty());
}

void TstLessonController::theSweepStep()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("worker-sweep")));
    QSignalSpy sweeps(&lesson, &LessonController::sweepRequested);
    QSignalSpy runs(&lesson, &LessonController::runRequested);
    lesson.setParams(paramsFor(30, 0));
    lesson.run();
    QCOMPARE(sweeps.size(), 1);
    QCOMPARE(runs.size(), 0);
    SweepResult sweep;
    sweep.cpuCount = 2;
    sweep.t1Ns = 4000 * ms;
    for (auto [w, wall] : {std::pair{1, 4000}, {2, 2100}, {4, 2200}, {512, 9000}})
        sweep.points.push_back(SweepPoint{w, wall * ms, {}, 0, 0, 0});
    lesson.onSweepFinished(sweep);
    QCOMPARE(lesson.reveal().choice, 1); // one worker per core
}

void TstLessonController::blanking()
{
    LessonController lesson;
    QSignalSpy changed(&lesson, &LessonController::changed);
    lesson.toggleBlank();
    QVERIFY(lesson.isBlank());
    lesson.toggleBlank();
    QVERIFY(!lesson.isBlank());
    QCOMPARE(changed.size(), 2);
}

void TstLessonController::savedRunsAreNeitherT1NorAnAnswer()
{
    LessonController lesson;
    RunResult saved = finished("factorial-sequential", 4000, 30, 5000);
    saved.openedFrom = "/tmp/other-machine.clrun";
    lesson.onRunFinished(saved);
    QVERIFY(!lesson.baselineNs(30, 5000));
    QVERIFY(lesson.goTo(indexOf("sleep-threads")));
    lesson.run();
    RunResult savedThreads = finished("sleep-threads", 100);
    savedThreads.openedFrom = "/tmp/t.clrun";
    lesson.onRunFinished(savedThreads);
    QCOMPARE(lesson.phase(), LessonController::Phase::Measuring);
    // The I/O-bound loop is no T1 for the factorials.
    lesson.onRunFinished(finished("sleep-sequential", 500, 30, 5000));
    QVERIFY(!lesson.baselineNs(30, 5000));
}

void TstLessonController::leavingAbandonsTheRun()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("factorial-processes")));
    QSignalSpy runs(&lesson, &LessonController::runRequested);
    lesson.setParams(paramsFor(30, 5000));
    lesson.run(); // the loop first
    lesson.abandon();
    QCOMPARE(lesson.phase(), LessonController::Phase::Asking);
    lesson.onRunFinished(finished("factorial-sequential", 4000, 30, 5000));
    QCOMPARE(runs.size(), 1); // the step is not started after the loop
    QVERIFY(lesson.baselineNs(30, 5000)); // but its time is kept
}

void TstLessonController::choicesFollowTheValues()
{
    LessonController lesson;
    QVERIFY(lesson.goTo(indexOf("sleep-sequential")));
    ExperimentParams ten = paramsFor(10, 0);
    ten.sleepMs = 50;
    lesson.setParams(ten);
    const LessonScale scale = lesson.scale();
    QCOMPARE(scale.tasks, 10);
    const LessonChoice &all = lesson.step().question->choices.back();
    QCOMPARE(all.textFor(scale), std::string("about 0.5 s: all 10 in turn"));
    QCOMPARE(fillIn(lesson.step().question->prompt, scale).substr(0, 26), std::string("10 tasks each sleep 0.05 s"));
    lesson.run();
    RunResult r = finished("sleep-sequential", 510, 10);
    r.params.sleepMs = 50;
    lesson.onRunFinished(r);
    QCOMPARE(lesson.reveal().choice, 2); // ten sleeps of 50 ms in turn
}

QTEST_GUILESS_MAIN(TstLessonController)
#include "tst_lessoncontroller.moc"
