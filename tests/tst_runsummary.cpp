#include "RunSummary.h"
#include "RunResult.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

class tst_RunSummary : public QObject
{
    Q_OBJECT

private slots:
    void holdsTheRunInSeconds();
    void derivesTasksAndOrders();
    void cpuBoundRunHasResultsGilCpuTimeAndFailures();
};

namespace {

// Two tasks on two threads: task 1 starts second and finishes first.
RunResult twoTasks()
{
    RunResult r;
    r.experiment = "sleep-threads";
    r.params.tasks = 2;
    r.cpuCount = 2;
    r.wallNs = 250'000'000;
    r.console = {"Task 0: starting. Task 1: starting. ", ""};
    Snapshot &s = r.recording;
    s.originNs = 1'000'000'000;
    s.lanes = {Lane{0, "MainThread", LaneKind::Thread, 42, 42}, Lane{1, "Thread-1", LaneKind::Thread, 42, 43},
               Lane{2, "Thread-2", LaneKind::Thread, 42, 44}};
    s.texts.resize(3);
    auto at = [&](std::int64_t offsetNs, std::uint32_t lane, EventKind kind, int task) {
        Event e;
        e.timeNs = s.originNs + offsetNs;
        e.lane = lane;
        e.kind = kind;
        e.task = task;
        s.events.push_back(e);
    };
    at(10'000'000, 1, EventKind::TaskStart, 0);
    at(20'000'000, 2, EventKind::TaskStart, 1);
    at(150'000'000, 2, EventKind::TaskEnd, 1);
    at(200'000'000, 1, EventKind::TaskEnd, 0);
    r.deriveTasks(2);
    return r;
}

} // namespace

void tst_RunSummary::holdsTheRunInSeconds()
{
    const QJsonObject json = RunSummary::toJson(twoTasks());
    QCOMPARE(json.value(u"experiment"_s).toString(), u"sleep-threads"_s);
    QCOMPARE(json.value(u"params"_s).toObject().value(u"tasks"_s).toInt(), 2);
    QCOMPARE(json.value(u"params"_s).toObject().value(u"sleep-ms"_s).toInt(), 100);
    QCOMPARE(json.value(u"wall_s"_s).toDouble(), 0.25);
    QCOMPARE(json.value(u"cpu_count"_s).toInt(), 2);
    QCOMPARE(json.value(u"event_count"_s).toInt(), 4);
    QCOMPARE(json.value(u"cancelled"_s).toBool(true), false);
    const QJsonArray lanes = json.value(u"lanes"_s).toArray();
    QCOMPARE(lanes.size(), 3);
    QCOMPARE(lanes[2].toObject().value(u"name"_s).toString(), u"Thread-2"_s);
    QCOMPARE(lanes[2].toObject().value(u"kind"_s).toString(), u"thread"_s);
    QCOMPARE(lanes[2].toObject().value(u"pid"_s).toInt(), 42);
    QCOMPARE(lanes[2].toObject().value(u"tid"_s).toInt(), 44);
    const QJsonArray tasks = json.value(u"tasks"_s).toArray();
    QCOMPARE(tasks.size(), 2);
    QCOMPARE(tasks[1].toObject().value(u"lane"_s).toInt(), 2);
    QCOMPARE(tasks[1].toObject().value(u"start_s"_s).toDouble(), 0.02);
    QCOMPARE(tasks[1].toObject().value(u"end_s"_s).toDouble(), 0.15);
    QCOMPARE(json.value(u"start_order"_s).toArray(), (QJsonArray{0, 1}));
    QCOMPARE(json.value(u"finish_order"_s).toArray(), (QJsonArray{1, 0}));
    QCOMPARE(json.value(u"console"_s).toArray(), (QJsonArray{u"Task 0: starting. Task 1: starting. "_s, u""_s}));
}

void tst_RunSummary::derivesTasksAndOrders()
{
    RunResult r = twoTasks();
    r.recording.events.pop_back(); // task 0 never finished (a cancelled run)
    r.deriveTasks(2);
    QCOMPARE(r.tasks[0].startNs, std::int64_t(10'000'000));
    QCOMPARE(r.tasks[0].endNs, std::int64_t(-1));
    QCOMPARE(r.finishOrder, std::vector<int>{1});
    const QJsonObject json = RunSummary::toJson(r);
    QVERIFY(json.value(u"tasks"_s).toArray()[0].toObject().value(u"end_s"_s).isNull());
}


void tst_RunSummary::cpuBoundRunHasResultsGilCpuTimeAndFailures()
{
    RunResult r;
    r.experiment = "factorial-process-pool";
    r.params = defaultParams(*findExperiment("factorial-process-pool"));
    r.params.tasks = 3;
    r.params.startMethod = 1;
    r.results = {456574, -1, 456574};
    r.completionOrder = {2, 0};
    r.gil = {true, 5, 7};
    r.startMethod = "spawn";
    r.failed = {FailedWorker{"SpawnPoolWorker-2", 4321, 9, 0, {1}, "was killed by signal 9 (Killed) before returning the result of task 1"}};
    Snapshot &s = r.recording;
    s.lanes = {Lane{0, "MainThread", LaneKind::Thread, 42, 42}, Lane{1, "SpawnPoolWorker-1", LaneKind::Process, 4320, 4320}};
    Event usage;
    usage.kind = EventKind::CpuUsage;
    usage.lane = 1;
    usage.arg = 250'000; // µs
    s.events = {usage, usage};

    const QJsonObject json = RunSummary::toJson(r);
    const QJsonArray results = json.value(u"results"_s).toArray();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].toObject().value(u"digits"_s).toInteger(), 456574);
    QVERIFY(results[1].toObject().value(u"digits"_s).isNull());
    QCOMPARE(results[2].toObject().value(u"task"_s).toInt(), 2);
    QCOMPARE(json.value(u"completion_order"_s).toArray(), (QJsonArray{2, 0}));
    const QJsonObject gil = json.value(u"gil"_s).toObject();
    QCOMPARE(gil.value(u"enabled"_s).toBool(), true);
    QCOMPARE(gil.value(u"switch_interval_ms"_s).toInt(), 5);
    QCOMPARE(gil.value(u"handoffs"_s).toInteger(), 7);
    QCOMPARE(json.value(u"start_method"_s).toString(), u"spawn"_s);
    QCOMPARE(json.value(u"params"_s).toObject().value(u"start-method"_s).toString(), u"spawn"_s);
    QVERIFY(!json.value(u"params"_s).toObject().contains(u"sleep-ms"_s)); // not this experiment's
    const QJsonArray lanes = json.value(u"lanes"_s).toArray();
    QVERIFY(!lanes[0].toObject().contains(u"cpu_s"_s));
    QCOMPARE(lanes[1].toObject().value(u"cpu_s"_s).toDouble(), 0.5);
    const QJsonObject failed = json.value(u"failed"_s).toArray().first().toObject();
    QCOMPARE(failed.value(u"name"_s).toString(), u"SpawnPoolWorker-2"_s);
    QCOMPARE(failed.value(u"pid"_s).toInt(), 4321);
    QCOMPARE(failed.value(u"signal"_s).toInt(), 9);
    QCOMPARE(failed.value(u"tasks"_s).toArray(), (QJsonArray{1}));
    QCOMPARE(failed.value(u"reason"_s).toString(), u"was killed by signal 9 (Killed) before returning the result of task 1"_s);
}

QTEST_GUILESS_MAIN(tst_RunSummary)
#include "tst_runsummary.moc"
