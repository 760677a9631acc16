// The lesson plan: its steps in the lesson's order, the rule that decides each
// question at both sides of every threshold, and the reveal's texts.
#include "Catalog.h"
#include "ExperimentRun.h"
#include "LessonReveal.h"
#include "Sweep.h"

#include <QTest>

#include <cmath>
#include <set>

using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

const LessonStep &step(const char *experiment)
{
    for (const LessonStep &s : lessonPlan())
        if (s.experiment == experiment)
            return s;
    qFatal("no step for %s", experiment);
}

LessonScale at(int cores, int tasks = 5)
{
    return {cores, tasks, 100};
}

// A finished run of `step`'s measure worth `value`, on `cores`, of `tasks` tasks.
LessonEvidence evidenceWorth(LessonMeasure measure, double value, int cores, int tasks = 5)
{
    LessonEvidence e;
    e.cores = cores;
    e.tasks = tasks;
    e.sleepMs = 100;
    e.t1Ns = 4000 * ms;
    switch (measure) {
    case LessonMeasure::WallOverSleep: e.wallNs = std::int64_t(value * 100 * ms); break;
    case LessonMeasure::WallOverT1: e.wallNs = std::int64_t(value * 4000 * ms); break;
    case LessonMeasure::LinesMangled: e.mangled = value > 0.5; break;
    case LessonMeasure::IdsInOrder: e.printedIds = value > 0.5 ? std::vector<int>{0, 1, 2} : std::vector<int>{0, 2, 1}; break;
    case LessonMeasure::BestWorkers: e.bestWorkers = int(std::lround(value)); e.wallNs = 1000 * ms; break;
    }
    return e;
}

} // namespace

class TstLessonPlan : public QObject
{
    Q_OBJECT

private slots:
    void stepsFollowTheLesson();
    void everyQuestionIsAnswerable();
    void theLessonsFiguresGiveTheLessonsAnswers();
    void thresholds_data();
    void thresholds();
    void oneCoreDecidesNoSpeedup();
    void revealSaysWhyItDiffers();
    void undecidedWithoutT1();
    void consoleEvidence();
    void sweepEvidence();
    void realRunDecides();
};

void TstLessonPlan::stepsFollowTheLesson()
{
    const std::vector<std::string> expected{
        "sleep-sequential", "sleep-threads", "sleep-coarse-lock", "sleep-fine-lock", "sleeper-run", "sleeper-start",
        "sleeper-lock", "factorial-sequential", "factorial-threads", "factorial-processes", "factorial-map",
        "factorial-thread-pool", "factorial-process-pool", "pool-order", "worker-sweep"};
    std::vector<std::string> ids;
    for (const LessonStep &s : lessonPlan())
        ids.push_back(s.experiment);
    QCOMPARE(ids, expected);
    // Every catalog entry is a step, and the catalog lists them in the same order.
    QCOMPARE(lessonPlan().size(), catalog().size());
    for (std::size_t i = 0; i < catalog().size(); ++i)
        QCOMPARE(catalog()[i].id, ids[i]);
}

void TstLessonPlan::everyQuestionIsAnswerable()
{
    int asked = 0;
    for (const LessonStep &s : lessonPlan()) {
        QVERIFY2(findExperiment(s.experiment), s.experiment.c_str());
        QVERIFY(!s.title.empty() && s.explanation.size() > 60);
        QVERIFY(!s.lessonFigure.text.empty());
        if (!s.question)
            continue;
        ++asked;
        QVERIFY(s.question->measure == s.measure);
        QVERIFY(s.question->choices.size() >= 2 && s.question->choices.size() <= 4);
        // On the lesson's machine and on two cores, every choice is the one some value decides.
        for (const LessonScale &scale : {at(2), at(lessonCores), at(2, 12)})
            for (std::size_t i = 0; i < s.question->choices.size(); ++i)
                QCOMPARE(decideChoice(*s.question, s.question->choices[i].targetFor(scale), scale), int(i));
    }
    QVERIFY(asked >= int(lessonPlan().size()) - 2); // "for most steps"
}

void TstLessonPlan::theLessonsFiguresGiveTheLessonsAnswers()
{
    // What the lesson found, choice by choice (0-based), on its 8 cores.
    const std::vector<std::pair<const char *, int>> found{
        {"sleep-sequential", 2}, {"sleep-threads", 0}, {"sleep-coarse-lock", 2}, {"sleep-fine-lock", 0},
        {"sleeper-run", 2}, {"sleeper-start", 1}, {"sleeper-lock", 0}, {"factorial-threads", 0},
        {"factorial-processes", 1}, {"factorial-map", 0}, {"factorial-thread-pool", 0},
        {"factorial-process-pool", 1}, {"pool-order", 1}, {"worker-sweep", 1}};
    for (const auto &[id, choice] : found) {
        const LessonStep &s = step(id);
        QVERIFY2(s.question, id);
        QCOMPARE(decideChoice(*s.question, s.lessonFigure.value, lessonScale), choice);
        const LessonReveal r = revealStep(s, evidenceWorth(s.measure, s.lessonFigure.value, lessonCores));
        QCOMPARE(r.choice, choice);
        QCOMPARE(r.lessonChoice, choice);
        QVERIFY2(r.differs.empty(), r.differs.c_str());
    }
}

void TstLessonPlan::thresholds_data()
{
    QTest::addColumn<QString>("experiment");
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("above");
    QTest::addColumn<int>("choice");
    // Between neighbouring choices: the geometric mean for ratios, 0.5 for yes/no; 1 % either side.
    for (const LessonStep &s : lessonPlan()) {
        if (!s.question)
            continue;
        for (const LessonScale &scale : {at(2), at(lessonCores), at(2, 12)}) {
            const int cores = scale.cores, tasks = scale.tasks;
            std::vector<std::pair<double, int>> targets;
            for (std::size_t i = 0; i < s.question->choices.size(); ++i)
                targets.push_back({s.question->choices[i].targetFor(scale), int(i)});
            std::sort(targets.begin(), targets.end());
            for (std::size_t i = 0; i + 1 < targets.size(); ++i) {
                const auto [low, lowChoice] = targets[i];
                const auto [high, highChoice] = targets[i + 1];
                const bool ratio = isRatio(s.measure);
                const double mid = ratio ? std::sqrt(low * high) : (low + high) / 2;
                const double below = ratio ? mid * 0.99 : mid - 0.01, above = ratio ? mid * 1.01 : mid + 0.01;
                const QString id = QString::fromStdString(s.experiment);
                QTest::addRow("%s, %d cores, %d tasks, below %g", s.experiment.c_str(), cores, tasks, mid)
                    << id << cores << tasks << below << false << lowChoice;
                QTest::addRow("%s, %d cores, %d tasks, above %g", s.experiment.c_str(), cores, tasks, mid)
                    << id << cores << tasks << above << true << highChoice;
            }
        }
    }
}

void TstLessonPlan::thresholds()
{
    QFETCH(QString, experiment);
    QFETCH(int, cores);
    QFETCH(int, tasks);
    QFETCH(double, value);
    QFETCH(bool, above);
    QFETCH(int, choice);
    const LessonStep &s = step(experiment.toUtf8().constData());
    QCOMPARE(decideChoice(*s.question, value, at(cores, tasks)), choice);
    // The same through a run's evidence, in whole nanoseconds; a pool has whole workers,
    // the nearest count on the same side.
    if (s.measure == LessonMeasure::BestWorkers)
        value = above ? std::ceil(value) : std::floor(value);
    QCOMPARE(revealStep(s, evidenceWorth(s.measure, value, cores, tasks)).choice, choice);
}

void TstLessonPlan::oneCoreDecidesNoSpeedup()
{
    // One core: processes cannot beat the loop; "no faster" wins the tie with "T1 ÷ 1".
    const LessonStep &s = step("factorial-processes");
    const LessonReveal r = revealStep(s, evidenceWorth(LessonMeasure::WallOverT1, 1.03, 1));
    QCOMPARE(r.choice, 0);
    QCOMPARE(r.lessonChoice, 1);
    QVERIFY2(r.differs.find("one core") != std::string::npos, r.differs.c_str());
    const LessonReveal sweep = revealStep(step("worker-sweep"), evidenceWorth(LessonMeasure::BestWorkers, 1, 1));
    QCOMPARE(sweep.choice, 0);
}

void TstLessonPlan::revealSaysWhyItDiffers()
{
    // The GIL off: a thread pool shares the work.
    LessonEvidence e = evidenceWorth(LessonMeasure::WallOverT1, 0.52, 2);
    e.gil = false;
    const LessonReveal pool = revealStep(step("factorial-thread-pool"), e);
    QCOMPARE(pool.choice, 1);
    QVERIFY2(pool.differs.find("GIL model is off") != std::string::npos, pool.differs.c_str());
    QVERIFY2(pool.differs.find("T1 ÷ 2") != std::string::npos, pool.differs.c_str());
    QCOMPARE(pool.here, std::string("here, 2 cores: 0.52 × T1"));
    QCOMPARE(pool.lesson, std::string("the lesson, 8 cores: 0.99 × T1 (thread pool 4.49 s, loop 4.54 s)"));
    // Line-buffered output: start() no longer mangles.
    LessonEvidence clean = evidenceWorth(LessonMeasure::LinesMangled, 0, 2);
    clean.lineBuffered = true;
    const LessonReveal start = revealStep(step("sleeper-start"), clean);
    QCOMPARE(start.choice, 0);
    QVERIFY2(start.differs.find("line-buffered") != std::string::npos, start.differs.c_str());
    // pool-order in order: the chunks were too long to interleave the ids below 10.
    LessonEvidence order = evidenceWorth(LessonMeasure::IdsInOrder, 1, 2);
    order.chunksize = 9;
    const LessonReveal inOrder = revealStep(step("pool-order"), order);
    QCOMPARE(inOrder.choice, 0);
    QVERIFY2(inOrder.differs.find("chunks held 9 ids each") != std::string::npos, inOrder.differs.c_str());
    // Unbuffered and whole this time: chance, and the reveal says so.
    const LessonReveal lucky = revealStep(step("sleeper-start"), evidenceWorth(LessonMeasure::LinesMangled, 0, 2));
    QVERIFY2(lucky.differs.find("run it again") != std::string::npos, lucky.differs.c_str());
    // Agreeing with the lesson: nothing to explain.
    QVERIFY(revealStep(step("sleep-threads"), evidenceWorth(LessonMeasure::WallOverSleep, 1.02, 2)).differs.empty());
}

void TstLessonPlan::undecidedWithoutT1()
{
    LessonEvidence e = evidenceWorth(LessonMeasure::WallOverT1, 0.5, 2);
    e.t1Ns = 0;
    const LessonReveal r = revealStep(step("factorial-processes"), e);
    QVERIFY(!r.decided());
    QVERIFY2(r.undecided.find("T1") != std::string::npos, r.undecided.c_str());
    e.t1Ns = 4000 * ms;
    e.complete = false; // cancelled
    QVERIFY(!revealStep(step("factorial-processes"), e).decided());
    // The loop's own step asks nothing, yet reports its time.
    const LessonReveal loop = revealStep(step("factorial-sequential"), evidenceWorth(LessonMeasure::WallOverT1, 1, 2));
    QVERIFY(!loop.decided());
    QCOMPARE(loop.here, std::string("here, 2 cores: 1.00 × T1"));
}

void TstLessonPlan::consoleEvidence()
{
    const std::vector<std::string> whole{"Task 0: starting. ", "Task 1: starting. ", "Task 0: finishing. ",
                                         "Task 1: finishing. ", "", "Time spent inside the loop: 0.1 seconds."};
    QVERIFY(!consoleMangled(whole));
    std::vector<std::string> two = whole;
    two[2] = "Task 0: finishing. Task 1: finishing. ";
    two[3] = "";
    QVERIFY(consoleMangled(two));
    std::vector<std::string> empty = whole;
    empty.insert(empty.begin() + 1, "");
    QVERIFY(consoleMangled(empty));
    QCOMPARE(printedIds({"0, 3, 6, 9, 1, ", "(0, 1, 2, 3)"}), (std::vector<int>{0, 3, 6, 9, 1}));
    QVERIFY(printedIds({"(0, 1)"}).empty());
    // A timing's long decimals are no ids (and do not overflow).
    QCOMPARE(printedIds({"4, 5, ", "Time spent inside the loop: 0.10083709300033661 seconds."}), (std::vector<int>{4, 5, 0}));
}

void TstLessonPlan::sweepEvidence()
{
    SweepResult sweep;
    sweep.cpuCount = 2;
    sweep.t1Ns = 4000 * ms;
    for (auto [w, wall] : {std::pair{1, 4000}, {2, 2100}, {4, 2050}, {8, 2300}})
        sweep.points.push_back(SweepPoint{w, wall * ms, {}, 0, 0, 0});
    const LessonEvidence e = LessonEvidence::of(sweep);
    QCOMPARE(e.bestWorkers, 4);
    QCOMPARE(*e.value(LessonMeasure::BestWorkers), 4.0);
    QCOMPARE(revealStep(step("worker-sweep"), e).choice, 1); // 4 lies nearer 2 (cores) than 1 or 512
    sweep.cancelled = true;
    QVERIFY(!LessonEvidence::of(sweep).value(LessonMeasure::BestWorkers));
}

void TstLessonPlan::realRunDecides()
{
    // A real run of the threads step: its sleeps overlap, so it takes about one sleep.
    ExperimentParams params = defaultParams(*findExperiment("sleep-threads"));
    params.sleepMs = 100;
    const RunResult run = ExperimentRun::runToEnd("sleep-threads", params);
    const LessonReveal r = revealStep(step("sleep-threads"), LessonEvidence::of(run, 0));
    QVERIFY2(r.decided(), r.undecided.c_str());
    QCOMPARE(r.choice, 0);
    QVERIFY2(r.here.find("× one sleep") != std::string::npos, r.here.c_str());
}

QTEST_GUILESS_MAIN(TstLessonPlan)
#include "tst_lessonplan.moc"
