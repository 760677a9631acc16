#include "CancelToken.h"
#include "Console.h"
#include "Recorder.h"

#include <QTest>

#include <thread>

using namespace lab;

namespace {

// A console with one lane writing to it.
struct OneLane
{
    explicit OneLane(std::int64_t writeTimeNs = 0) : console(writeTimeNs) { }
    Recorder recorder;
    CancelToken cancel;
    Console console;
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
};

} // namespace

class tst_Console : public QObject
{
    Q_OBJECT

private slots:
    void printIsTextThenLineEnd();
    void printsRaceAsTheBufferingSays_data();
    void printsRaceAsTheBufferingSays();
    void writeBlocksForTheWriteTime();
    void linesSplitTheScreen();
    void readSinceReturnsOnlyNewText();
    void cancelSkipsWrites();
    void lineBufferedPrintIsOneCall();
    void lineBufferedTextWaitsForItsLineEnd();
};

void tst_Console::printIsTextThenLineEnd()
{
    OneLane h;
    auto &[recorder, cancel, console, lane] = h;
    console.print(lane, 3, "Task 3: starting. ", cancel);
    QCOMPARE(console.text(), std::string("Task 3: starting. \n"));
    const Snapshot snap = recorder.snapshot();
    std::vector<std::string> writes;
    for (const Event &e : snap.events)
        if (e.kind == EventKind::ConsoleWrite) {
            QCOMPARE(e.task, 3);
            writes.push_back(snap.text(e));
        }
    QCOMPARE(writes, (std::vector<std::string>{"Task 3: starting. ", "\n"}));
}

// Two threads print at once with a long write time: B prints while A is still in
// its output call. Unbuffered, B's text lands between A's text and its line end --
// the lesson's mangling; line-buffered, both lines stay whole.
void tst_Console::printsRaceAsTheBufferingSays_data()
{
    QTest::addColumn<bool>("lineBuffered");
    QTest::addColumn<QString>("screen");
    QTest::newRow("unbuffered") << false << QStringLiteral("AB\n\n");
    QTest::newRow("line-buffered") << true << QStringLiteral("A\nB\n");
}

void tst_Console::printsRaceAsTheBufferingSays()
{
    QFETCH(bool, lineBuffered);
    QFETCH(QString, screen);
    Recorder recorder;
    CancelToken cancel;
    Console console(200'000'000, lineBuffered ? StdoutMode::LineBuffered : StdoutMode::Unbuffered); // 200 ms per output call
    LaneRecorder &a = recorder.addLane("Thread-1", LaneKind::Thread, 1, 1);
    LaneRecorder &b = recorder.addLane("Thread-2", LaneKind::Thread, 1, 2);
    std::thread first([&] { console.print(a, 0, "A", cancel); });
    // Wait until A's first call has reached the screen, then print B while A is still in it.
    while (console.text().empty())
        std::this_thread::yield();
    console.print(b, 1, "B", cancel);
    first.join();
    QCOMPARE(QString::fromStdString(console.text()), screen);
}

void tst_Console::writeBlocksForTheWriteTime()
{
    OneLane h(20'000'000); // 20 ms per output call
    auto &[recorder, cancel, console, lane] = h;
    const auto t0 = Clock::nowNs();
    console.print(lane, 0, "x", cancel);
    const auto elapsed = Clock::nowNs() - t0;
    QVERIFY2(elapsed >= 40'000'000, std::to_string(elapsed).c_str()); // two calls
    // The time in each call is an I/O span.
    const Snapshot snap = recorder.snapshot();
    int ioStates = 0;
    for (const Event &e : snap.events)
        ioStates += e.kind == EventKind::StateChange && e.state == SpanState::Io;
    QCOMPARE(ioStates, 2);
    QVERIFY(lane.state() == SpanState::Running);
}

void tst_Console::linesSplitTheScreen()
{
    OneLane h;
    auto &[recorder, cancel, console, lane] = h;
    console.write(lane, 0, "a", cancel);
    console.write(lane, 0, "\n\n", cancel);
    console.write(lane, 0, "b", cancel);
    QCOMPARE(console.lines(), (std::vector<std::string>{"a", "", "b"}));
}

void tst_Console::readSinceReturnsOnlyNewText()
{
    OneLane h;
    auto &[recorder, cancel, console, lane] = h;
    std::size_t offset = 0;
    std::string out;
    console.write(lane, 0, "one", cancel);
    console.readSince(offset, out);
    console.write(lane, 0, "two", cancel);
    console.readSince(offset, out);
    console.readSince(offset, out);
    QCOMPARE(out, std::string("onetwo"));
}

void tst_Console::cancelSkipsWrites()
{
    OneLane h;
    auto &[recorder, cancel, console, lane] = h;
    cancel.cancel();
    console.print(lane, 0, "never", cancel);
    QVERIFY(console.text().empty());
}

void tst_Console::lineBufferedPrintIsOneCall()
{
    Recorder recorder;
    CancelToken cancel;
    Console console(0, StdoutMode::LineBuffered);
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
    console.print(lane, 3, "Task 3: starting. ", cancel);
    const Snapshot snap = recorder.snapshot();
    std::vector<std::string> writes;
    for (const Event &e : snap.events)
        if (e.kind == EventKind::ConsoleWrite)
            writes.push_back(snap.text(e));
    QCOMPARE(writes, (std::vector<std::string>{"Task 3: starting. \n"}));
}

void tst_Console::lineBufferedTextWaitsForItsLineEnd()
{
    Recorder recorder;
    CancelToken cancel;
    Console console(0, StdoutMode::LineBuffered);
    LaneRecorder &lane = recorder.addLane("MainThread", LaneKind::Thread, 1, 1);
    console.write(lane, 0, "0, ", cancel); // print(0, end=", ")
    console.write(lane, 1, "1, ", cancel);
    QVERIFY(console.text().empty());
    console.write(lane, 1, "2\n3", cancel); // a line end sends what is before it
    QCOMPARE(console.text(), std::string("0, 1, 2\n"));
    console.flush(lane, cancel); // and the rest goes out at exit
    QCOMPARE(console.text(), std::string("0, 1, 2\n3"));
}

QTEST_GUILESS_MAIN(tst_Console)
#include "tst_console.moc"
