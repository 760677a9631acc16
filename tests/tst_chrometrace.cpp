#include "ChromeTrace.h"
#include "ExperimentRun.h"
#include "TimelineData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <map>
#include <tuple>
#include <set>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

QJsonArray traceEvents(const RunResult &result)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(ChromeTrace::toJson(result), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << error.errorString();
    return doc.object().value(u"traceEvents"_s).toArray();
}

RunResult quickRun(const char *id, int tasks = 3)
{
    ExperimentParams params;
    params.tasks = tasks;
    params.sleepMs = 10;
    return ExperimentRun::runToEnd(id, params);
}

using Track = std::pair<int, int>;
Track trackOf(const QJsonObject &o) { return {o.value(u"pid"_s).toInt(), o.value(u"tid"_s).toInt()}; }

// Each lane's track, found by its thread_sort_index (the lane's id).
std::map<int, Track> tracksByLane(const QJsonArray &events)
{
    std::map<int, Track> tracks;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"thread_sort_index"_s)
            tracks[o.value(u"args"_s).toObject().value(u"sort_index"_s).toInt(-1)] = trackOf(o);
    }
    return tracks;
}

constexpr double epsilonUs = 1e-3; // ts and dur are microseconds from nanoseconds: rounding stays far below this

// What Perfetto's JSON importer would read otherwise than we mean, by its
// documented rules: thread_name applies by tid alone (tids unique and non-zero);
// X slices nest per thread; flow v1 events pair by id, cat and name, with
// numeric ids, "bp":"e" on the end, and each end inside a slice of its thread;
// counters carry numeric args. Empty: the trace is read as meant.
QStringList perfettoProblems(const QJsonArray &events)
{
    QStringList problems;
    std::map<int, QString> threadNames;
    std::map<Track, std::vector<std::pair<double, double>>> slices;
    struct FlowEnd { Track track; double ts = 0; };
    std::map<std::tuple<int, QString, QString>, std::pair<std::vector<FlowEnd>, std::vector<FlowEnd>>> flows;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        const QString ph = o.value(u"ph"_s).toString();
        const QString name = o.value(u"name"_s).toString();
        if (ph == u"M"_s && name == u"thread_name"_s) {
            const int tid = o.value(u"tid"_s).toInt(0);
            const QString thread = o.value(u"args"_s).toObject().value(u"name"_s).toString();
            if (tid == 0)
                problems << u"thread '%1' has tid 0"_s.arg(thread);
            else if (threadNames.count(tid) && threadNames[tid] != thread)
                problems << u"tid %1 names both '%2' and '%3'"_s.arg(tid).arg(threadNames[tid], thread);
            threadNames[tid] = thread;
        } else if (ph == u"X"_s) {
            const double ts = o.value(u"ts"_s).toDouble(-1);
            slices[trackOf(o)].push_back({ts, ts + o.value(u"dur"_s).toDouble(-1)});
        } else if (ph == u"s"_s || ph == u"f"_s) {
            if (!o.value(u"id"_s).isDouble())
                problems << u"flow '%1' has no numeric id"_s.arg(name);
            if (ph == u"f"_s && o.value(u"bp"_s).toString() != u"e"_s)
                problems << u"flow end '%1' lacks \"bp\": \"e\""_s.arg(name);
            auto &pair = flows[{o.value(u"id"_s).toInt(), o.value(u"cat"_s).toString(), name}];
            (ph == u"s"_s ? pair.first : pair.second).push_back({trackOf(o), o.value(u"ts"_s).toDouble(-1)});
        } else if (ph == u"C"_s) {
            const QJsonObject args = o.value(u"args"_s).toObject();
            if (args.isEmpty())
                problems << u"counter '%1' has no value"_s.arg(name);
            for (const auto &value : args)
                if (!value.isDouble())
                    problems << u"counter '%1' has a value that is not a number"_s.arg(name);
        }
    }
    for (auto &[track, list] : slices) {
        std::sort(list.begin(), list.end(), [](auto a, auto b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
        std::vector<double> open; // ends of the slices enclosing the current one
        for (const auto &[start, end] : list) {
            while (!open.empty() && open.back() <= start + epsilonUs)
                open.pop_back();
            if (!open.empty() && end > open.back() + epsilonUs)
                problems << u"slices overlap partly on track %1/%2 at %3 µs"_s.arg(track.first).arg(track.second).arg(start);
            open.push_back(end);
        }
    }
    auto enclosed = [&slices](const FlowEnd &end) {
        const auto found = slices.find(end.track);
        return found != slices.end() && std::any_of(found->second.begin(), found->second.end(), [&](auto s) {
                   return s.first <= end.ts + epsilonUs && end.ts <= s.second + epsilonUs;
               });
    };
    for (const auto &[key, ends] : flows) {
        const QString flow = u"flow %1 '%2'"_s.arg(std::get<0>(key)).arg(std::get<2>(key));
        if (ends.first.size() != 1 || ends.second.size() != 1) {
            problems << flow + u" has %1 starts and %2 ends"_s.arg(ends.first.size()).arg(ends.second.size());
            continue;
        }
        if (ends.second[0].ts + epsilonUs < ends.first[0].ts)
            problems << flow + u" ends before it starts"_s;
        if (!enclosed(ends.first[0]) || !enclosed(ends.second[0]))
            problems << flow + u" has an end outside every slice of its thread"_s;
    }
    return problems;
}

} // namespace

class tst_ChromeTrace : public QObject
{
    Q_OBJECT

private slots:
    void namesEveryLaneInOrder();
    void slicesNestOnEveryTrack();
    void consoleWritesCarryTheirText();
    void reusedTidsStayApart();
    void processesAndTheGilHaveTheirOwnTracks();
    void everyExperimentsTraceReadsAsMeant_data();
    void everyExperimentsTraceReadsAsMeant();
    void theValidatorCatchesWhatPerfettoWouldMisread();
};

void tst_ChromeTrace::everyExperimentsTraceReadsAsMeant_data()
{
    QTest::addColumn<QString>("id");
    for (const ExperimentInfo &info : catalog())
        if (!isSweep(info)) // many runs, no one trace
            QTest::newRow(info.id.c_str()) << QString::fromStdString(info.id);
}

// Every experiment's trace passes the validator; the hand-offs the window draws
// as arrows are there as flows, and runnable threads as a counter.
void tst_ChromeTrace::everyExperimentsTraceReadsAsMeant()
{
    QFETCH(QString, id);
    const ExperimentInfo &info = *findExperiment(id.toStdString());
    ExperimentParams params = defaultParams(info);
    params.tasks = std::min(params.tasks, 4);
    params.sleepMs = 10;
    params.n = 20000;
    params.workers = 2;
    const RunResult result = ExperimentRun::runToEnd(info.id, params);
    QVERIFY2(result.error.empty(), result.error.c_str());
    const QJsonArray events = traceEvents(result);
    const QStringList problems = perfettoProblems(events);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    int flows = 0, counters = 0, chunked = 0;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        flows += o.value(u"ph"_s).toString() == u"f"_s;
        counters += o.value(u"ph"_s).toString() == u"C"_s;
        chunked += o.value(u"args"_s).toObject().contains(u"chunk"_s);
    }
    QCOMPARE(flows, int(TimelineData::fromSnapshot(result.recording).handoffs.size()));
    QVERIFY(counters > 0);
    QCOMPARE(chunked > 0, result.chunksize > 0); // a pool's tasks name their chunk
}

// The validator itself: a trace with each fault is caught.
void tst_ChromeTrace::theValidatorCatchesWhatPerfettoWouldMisread()
{
    auto event = [](const char *ph, int tid, double ts) {
        return QJsonObject{{u"ph"_s, QString::fromLatin1(ph)}, {u"pid"_s, 1}, {u"tid"_s, tid}, {u"ts"_s, ts}, {u"name"_s, u"e"_s}, {u"cat"_s, u"c"_s}};
    };
    auto slice = [&](int tid, double ts, double dur) {
        QJsonObject o = event("X", tid, ts);
        o.insert(u"dur"_s, dur);
        return o;
    };
    auto threadName = [](int tid, const QString &name) {
        return QJsonObject{{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_name"_s}, {u"pid"_s, 1}, {u"tid"_s, tid}, {u"args"_s, QJsonObject{{u"name"_s, name}}}};
    };
    QJsonObject start = event("s", 5, 1), end = event("f", 6, 2);
    start.insert(u"id"_s, 1);
    end.insert(u"id"_s, 1);
    end.insert(u"bp"_s, u"e"_s);
    const QJsonArray good{threadName(5, u"A"_s), threadName(6, u"B"_s), slice(5, 0, 10), slice(5, 2, 3), slice(6, 0, 10), start, end};
    QCOMPARE(perfettoProblems(good), QStringList());

    QJsonArray tidZero = good;
    tidZero.append(threadName(0, u"GIL"_s));
    QVERIFY(!perfettoProblems(tidZero).isEmpty());
    QJsonArray tidTwice = good;
    tidTwice.append(threadName(5, u"C"_s));
    QVERIFY(!perfettoProblems(tidTwice).isEmpty());
    QJsonArray overlap = good;
    overlap.append(slice(5, 8, 5)); // 8–13 against 0–10
    QVERIFY(!perfettoProblems(overlap).isEmpty());
    QJsonArray unbound = good;
    QJsonObject looseEnd = end;
    looseEnd.remove(u"bp"_s);
    unbound.replace(6, looseEnd);
    QVERIFY(!perfettoProblems(unbound).isEmpty());
    QJsonArray outside = good;
    QJsonObject lateEnd = end;
    lateEnd.insert(u"ts"_s, 50.0);
    outside.replace(6, lateEnd);
    QVERIFY(!perfettoProblems(outside).isEmpty());
    QJsonArray unpaired = good;
    unpaired.removeAt(6);
    QVERIFY(!perfettoProblems(unpaired).isEmpty());
    QJsonArray badCounter = good;
    badCounter.append(QJsonObject{{u"ph"_s, u"C"_s}, {u"name"_s, u"n"_s}, {u"pid"_s, 1}, {u"ts"_s, 1.0}, {u"args"_s, QJsonObject{{u"v"_s, u"x"_s}}}});
    QVERIFY(!perfettoProblems(badCounter).isEmpty());
}

void tst_ChromeTrace::processesAndTheGilHaveTheirOwnTracks()
{
    ExperimentParams params = defaultParams(*findExperiment("factorial-processes"));
    params.tasks = 2;
    params.n = 2000;
    const RunResult processes = ExperimentRun::runToEnd("factorial-processes", params);
    std::set<QString> processNames;
    std::set<int> pids;
    for (const auto &v : traceEvents(processes)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"process_name"_s) {
            processNames.insert(o.value(u"args"_s).toObject().value(u"name"_s).toString());
            pids.insert(o.value(u"pid"_s).toInt());
        }
    }
    QCOMPARE(processNames, (std::set<QString>{u"MainProcess"_s, u"Process-1"_s, u"Process-2"_s}));
    QCOMPARE(pids.size(), std::size_t(3));

    ExperimentParams threadParams = defaultParams(*findExperiment("factorial-threads"));
    threadParams.tasks = 3;
    threadParams.n = 20000;
    const RunResult threads = ExperimentRun::runToEnd("factorial-threads", threadParams);
    const auto gilLane = std::find_if(threads.recording.lanes.begin(), threads.recording.lanes.end(),
                                      [](const Lane &l) { return l.kind == LaneKind::Gil; });
    QVERIFY(gilLane != threads.recording.lanes.end());
    int holds = 0, measured = 0;
    for (const auto &v : traceEvents(threads)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"cat"_s).toString() == u"gil"_s) {
            ++holds;
            QCOMPARE(trackOf(o), tracksByLane(traceEvents(threads))[int(gilLane->id)]);
            QVERIFY(o.value(u"name"_s).toString() == u"MainThread"_s || o.value(u"name"_s).toString().startsWith(u"Thread-"_s));
        }
        if (o.value(u"cat"_s).toString() == u"state"_s && o.value(u"args"_s).toObject().contains(u"cpu_ms"_s))
            ++measured;
    }
    QVERIFY(holds >= 4);
    QCOMPARE(measured, 3);
}

void tst_ChromeTrace::namesEveryLaneInOrder()
{
    const RunResult result = quickRun("sleep-threads");
    const QJsonArray events = traceEvents(result);
    QVERIFY(!events.isEmpty());
    std::map<Track, QString> names;
    std::map<Track, int> sortIndex;
    bool processNamed = false;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ph"_s).toString() != u"M"_s)
            continue;
        const QString what = o.value(u"name"_s).toString();
        if (what == u"thread_name"_s)
            names[trackOf(o)] = o.value(u"args"_s).toObject().value(u"name"_s).toString();
        else if (what == u"thread_sort_index"_s)
            sortIndex[trackOf(o)] = o.value(u"args"_s).toObject().value(u"sort_index"_s).toInt(-1);
        else if (what == u"process_name"_s)
            processNamed = o.value(u"args"_s).toObject().value(u"name"_s).toString() == u"MainProcess"_s;
    }
    QVERIFY(processNamed);
    QCOMPARE(names.size(), result.recording.lanes.size());
    const auto tracks = tracksByLane(events);
    for (const Lane &lane : result.recording.lanes) {
        const Track track = tracks.at(int(lane.id));
        QCOMPARE(track.first, lane.pid); // the real pid; the tid is the real one unless another lane had it
        QCOMPARE(names[track], QString::fromStdString(lane.name));
        QCOMPARE(sortIndex[track], int(lane.id));
    }
}

// Per track, X slices either nest or are disjoint; ts and dur are microseconds from the run's start.
void tst_ChromeTrace::slicesNestOnEveryTrack()
{
    const RunResult result = quickRun("sleep-coarse-lock");
    const QJsonArray events = traceEvents(result);
    std::map<Track, std::vector<std::pair<double, double>>> slices;
    int stateSlices = 0, lockSlices = 0;
    for (const auto &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ph"_s).toString() != u"X"_s)
            continue;
        const double ts = o.value(u"ts"_s).toDouble(-1), dur = o.value(u"dur"_s).toDouble(-1);
        QVERIFY(ts >= 0 && dur >= 0);
        QVERIFY(ts + dur <= result.wallSeconds() * 1e6 + 1e5);
        slices[trackOf(o)].push_back({ts, ts + dur});
        if (o.value(u"cat"_s).toString() == u"lock"_s) {
            QCOMPARE(o.value(u"name"_s).toString(), u"lock-held"_s);
            ++lockSlices;
        } else if (o.value(u"cat"_s).toString() == u"gil"_s) {
            QVERIFY(o.value(u"args"_s).toObject().value(u"model"_s).toBool()); // on the GIL's own track
        } else {
            ++stateSlices;
            const QString name = o.value(u"name"_s).toString();
            QVERIFY2(name == u"running"_s || name == u"sleeping"_s || name == u"io"_s || name == u"lock-wait"_s
                         || name == u"join-wait"_s || name == u"gil-wait"_s,
                     qPrintable(name));
            QVERIFY(o.value(u"args"_s).toObject().contains(u"task"_s));
        }
    }
    const auto timeline = TimelineData::fromSnapshot(result.recording);
    QCOMPARE(stateSlices, int(timeline.spans.size()));
    QCOMPARE(lockSlices, 3);
    const double epsilon = 1e-6;
    for (auto &[track, list] : slices) {
        for (const auto &a : list)
            for (const auto &b : list) {
                const bool disjoint = a.second <= b.first + epsilon || b.second <= a.first + epsilon;
                const bool aInB = a.first >= b.first - epsilon && a.second <= b.second + epsilon;
                const bool bInA = b.first >= a.first - epsilon && b.second <= a.second + epsilon;
                QVERIFY2(disjoint || aInB || bInA, "slices overlap partly");
            }
    }
}

void tst_ChromeTrace::consoleWritesCarryTheirText()
{
    const RunResult result = quickRun("sleep-sequential", 2);
    QStringList texts;
    for (const auto &v : traceEvents(result)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"console-write"_s) {
            QCOMPARE(o.value(u"ph"_s).toString(), u"i"_s);
            texts << o.value(u"args"_s).toObject().value(u"text"_s).toString();
        }
    }
    QVERIFY(texts.size() == 10 && texts[8].startsWith(u"\nTime spent inside the loop: "_s));
    texts.resize(8); // the cell's timing line, and its line end
    QCOMPARE(texts, (QStringList{u"Task 0: starting. "_s, u"\n"_s, u"Task 0: finishing. "_s, u"\n"_s,
                                 u"Task 1: starting. "_s, u"\n"_s, u"Task 1: finishing. "_s, u"\n"_s}));
}

void tst_ChromeTrace::reusedTidsStayApart()
{
    RunResult result;
    result.recording.lanes = {Lane{0, "MainThread", LaneKind::Thread, 10, 10},
                              Lane{1, "Thread-1", LaneKind::Thread, 10, 11},
                              Lane{2, "Thread-2", LaneKind::Thread, 10, 11}}; // the OS reused tid 11
    result.recording.texts.resize(3);
    std::set<Track> tracks;
    for (const auto &v : traceEvents(result)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == u"thread_name"_s)
            tracks.insert(trackOf(o));
    }
    QCOMPARE(tracks.size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(tst_ChromeTrace)
#include "tst_chrometrace.moc"
