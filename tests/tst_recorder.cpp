#include "Recorder.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace lab;

class tst_Recorder : public QObject
{
    Q_OBJECT

private slots:
    void laneKeepsItsEventsInOrder();
    void snapshotMergesLanesByTime();
    void consoleTextsSurviveChunkBoundaries();
    void nothingLostUnderConcurrentAppendsAndSnapshots();
};

void tst_Recorder::laneKeepsItsEventsInOrder()
{
    Recorder recorder(0);
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
    for (int i = 0; i < 5000; ++i)
        lane.setState(SpanState::Running, i, 10 + i);
    const Snapshot snap = recorder.snapshot();
    QCOMPARE(snap.events.size(), std::size_t(5000));
    for (int i = 0; i < 5000; ++i) {
        QCOMPARE(snap.events[std::size_t(i)].task, i);
        QCOMPARE(snap.events[std::size_t(i)].timeNs, std::int64_t(10 + i));
    }
    QCOMPARE(snap.lanes.size(), std::size_t(1));
    QCOMPARE(snap.lanes[0].name, std::string("MainThread"));
}

void tst_Recorder::snapshotMergesLanesByTime()
{
    Recorder recorder(0);
    LaneRecorder &a = recorder.addLane("A", LaneKind::Thread, 1, 1);
    LaneRecorder &b = recorder.addLane("B", LaneKind::Thread, 1, 2);
    a.setState(SpanState::Running, 0, 10);
    a.setState(SpanState::Sleeping, 0, 30);
    b.setState(SpanState::Running, 1, 20);
    b.setState(SpanState::Sleeping, 1, 30);
    const Snapshot snap = recorder.snapshot();
    QCOMPARE(snap.events.size(), std::size_t(4));
    const std::int64_t times[] = {10, 20, 30, 30};
    const std::uint32_t lanes[] = {0, 1, 0, 1};
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(snap.events[i].timeNs, times[i]);
        QCOMPARE(snap.events[i].lane, lanes[i]);
    }
}

void tst_Recorder::consoleTextsSurviveChunkBoundaries()
{
    Recorder recorder(0);
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
    for (int i = 0; i < 3000; ++i)
        lane.consoleWrite("line " + std::to_string(i), i, i);
    const Snapshot snap = recorder.snapshot();
    QCOMPARE(snap.events.size(), std::size_t(3000));
    for (int i = 0; i < 3000; i += 137)
        QCOMPARE(snap.text(snap.events[std::size_t(i)]), "line " + std::to_string(i));
}

// 8 writer threads x 100 000 events each, while a reader keeps taking
// snapshots: every snapshot must hold a gap-free prefix of each lane, and the
// final one every event exactly once, in order.
void tst_Recorder::nothingLostUnderConcurrentAppendsAndSnapshots()
{
    constexpr int writers = 8;
    constexpr int perWriter = 100'000;
    Recorder recorder;
    std::vector<LaneRecorder *> lanes;
    for (int w = 0; w < writers; ++w)
        lanes.push_back(&recorder.addLane("Thread-" + std::to_string(w + 1), LaneKind::Thread, 1, w));

    std::atomic<int> finished{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            for (int i = 0; i < perWriter; ++i) {
                if (i % 64 == 0)
                    lanes[std::size_t(w)]->consoleWrite(std::to_string(i), i);
                else
                    lanes[std::size_t(w)]->setState(SpanState::Running, i);
            }
            finished.fetch_add(1);
        });

    int snapshots = 0;
    bool prefixesOk = true;
    auto checkPrefixes = [&](const Snapshot &snap) {
        std::vector<int> next(writers, 0);
        for (const Event &e : snap.events) {
            if (e.task != next[e.lane]++)
                return false;
            if (e.kind == EventKind::ConsoleWrite && snap.text(e) != std::to_string(e.task))
                return false;
        }
        return true;
    };
    while (finished.load() < writers) {
        prefixesOk = prefixesOk && checkPrefixes(recorder.snapshot());
        ++snapshots;
    }
    for (auto &t : threads)
        t.join();

    QVERIFY(prefixesOk);
    QVERIFY(snapshots > 0);
    const Snapshot final = recorder.snapshot();
    QCOMPARE(final.events.size(), std::size_t(writers) * perWriter);
    QVERIFY(checkPrefixes(final));
    for (std::size_t i = 1; i < final.events.size(); ++i)
        QVERIFY(final.events[i - 1].timeNs <= final.events[i].timeNs);
}

QTEST_GUILESS_MAIN(tst_Recorder)
#include "tst_recorder.moc"
