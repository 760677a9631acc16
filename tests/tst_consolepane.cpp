#include "ConsolePane.h"
#include "ExperimentRun.h"
#include "QtStrings.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QLabel>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr std::int64_t origin = 1'000'000'000;

// Two threads whose prints interleave: "Task 0: starting.Task 1: starting.\n\n".
std::shared_ptr<const TimelineData> mangled()
{
    auto data = std::make_shared<TimelineData>();
    data->originNs = origin;
    data->endNs = origin + 100'000'000;
    data->lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "Thread-1", LaneKind::Thread, 1, 2},
                   {2, "Thread-2", LaneKind::Thread, 1, 3}};
    data->writes = {
        {1, 0, origin + 1'000'000, "Task 0: starting."},
        {2, 1, origin + 2'000'000, "Task 1: starting."},
        {1, 0, origin + 3'000'000, "\n"},
        {2, 1, origin + 4'000'000, "\n"},
        {2, 1, origin + 50'000'000, "Task 1: finishing."},
        {2, 1, origin + 51'000'000, "\n"},
    };
    return data;
}

QString joined(const TimelineData &data, std::size_t count)
{
    QString out;
    for (std::size_t i = 0; i < count; ++i)
        out += toQString(data.writes[i].text);
    return out;
}

} // namespace

class TestConsolePane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheOutputExactlyAsPrinted()
    {
        ConsolePane pane;
        auto data = mangled();
        pane.setData(data);
        QCOMPARE(pane.shownWrites(), data->writes.size());
        QCOMPARE(pane.text(), joined(*data, data->writes.size()));
        // Two messages on one line, then an empty line: mangled as printed.
        QCOMPARE(pane.textView()->toPlainText(), u"Task 0: starting.Task 1: starting.\n\nTask 1: finishing.\n"_s);
    }

    void everyWriteIsTintedByItsLane()
    {
        ConsolePane pane;
        pane.setData(mangled());
        QTextDocument *doc = pane.textView()->document();
        auto formatAt = [doc](int position) {
            QTextCursor c(doc);
            c.setPosition(position + 1); // the format of the character before the cursor
            return c.charFormat();
        };
        const auto [a0, a1] = pane.writeRange(0);
        const auto [b0, b1] = pane.writeRange(1);
        QCOMPARE(a0, 0);
        QCOMPARE(a1, 17);
        QCOMPARE(b0, 17);
        QCOMPARE(formatAt(a0).background().color(), pane.laneBackground(1));
        QCOMPARE(formatAt(a0).foreground().color(), pane.laneColor(1));
        QCOMPARE(formatAt(b0).background().color(), pane.laneBackground(2));
        QVERIFY(pane.laneBackground(1) != pane.laneBackground(2));
        QVERIFY(pane.laneColor(1) != pane.laneColor(2));
        // The legend names the lanes that wrote, in their colours.
        auto *legend = pane.findChild<QLabel *>(u"consoleLegend"_s);
        QVERIFY(legend->text().contains(u"Thread-1"_s));
        QVERIFY(legend->text().contains(u"Thread-2"_s));
        QVERIFY(!legend->text().contains(u"MainThread"_s));
        QVERIFY(legend->text().contains(pane.laneBackground(1).name()));
    }

    void positionsMapToWrites()
    {
        ConsolePane pane;
        pane.setData(mangled());
        QCOMPARE(pane.writeAtPosition(0), 0);
        QCOMPARE(pane.writeAtPosition(16), 0);
        QCOMPARE(pane.writeAtPosition(17), 1);
        QCOMPARE(pane.writeAtPosition(34), 2); // the first line end
        QCOMPARE(pane.writeAtPosition(35), 3); // the empty line's end
        QCOMPARE(pane.writeAtPosition(36), 4);
        QCOMPARE(pane.writeAtPosition(10'000), -1);
    }

    void clickingAWriteReportsAndHighlightsIt()
    {
        ConsolePane pane;
        pane.resize(600, 300);
        pane.setData(mangled());
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy clicked(&pane, &ConsolePane::writeClicked);
        QPlainTextEdit *view = pane.textView();
        for (const std::size_t target : {std::size_t(1), std::size_t(4), std::size_t(0)}) {
            QTextCursor c(view->document());
            c.setPosition(pane.writeRange(target).first + 2); // a few characters into the write
            const QRect r = view->cursorRect(c);
            const int charWidth = view->fontMetrics().horizontalAdvance(u'M');
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(r.left() + charWidth / 2, r.center().y()));
            QVERIFY(!clicked.isEmpty());
            QCOMPARE(clicked.takeLast().at(0).value<std::size_t>(), target);
            QCOMPARE(pane.highlightedWrite(), int(target));
            const auto selections = view->extraSelections();
            QCOMPARE(selections.size(), 1);
            QCOMPARE(selections.front().cursor.selectionStart(), pane.writeRange(target).first);
            QCOMPARE(selections.front().cursor.selectionEnd(), pane.writeRange(target).second);
        }
    }

    void revealShowsOnlyWhatHappenedSoFar()
    {
        ConsolePane pane;
        auto data = mangled();
        pane.setData(data);
        pane.setRevealUntilNs(0);
        QCOMPARE(pane.shownWrites(), std::size_t(0));
        pane.setRevealUntilNs(2'500'000);
        QCOMPARE(pane.shownWrites(), std::size_t(2));
        QCOMPARE(pane.textView()->toPlainText(), u"Task 0: starting.Task 1: starting."_s);
        pane.setRevealUntilNs(10'000'000);
        QCOMPARE(pane.shownWrites(), std::size_t(4));
        pane.setRevealUntilNs(-1);
        QCOMPARE(pane.shownWrites(), data->writes.size());
        QCOMPARE(pane.text(), joined(*data, data->writes.size()));
    }

    void liveDataIsAppended()
    {
        ConsolePane pane;
        auto full = mangled();
        auto partial = std::make_shared<TimelineData>(*full);
        partial->writes.resize(3);
        pane.setData(partial);
        QCOMPARE(pane.shownWrites(), std::size_t(3));
        const int firstBlockLength = pane.textView()->document()->firstBlock().length();
        pane.setData(full);
        QCOMPARE(pane.shownWrites(), full->writes.size());
        QCOMPARE(pane.textView()->document()->firstBlock().length(), firstBlockLength);
        QCOMPARE(pane.text(), joined(*full, full->writes.size()));
        pane.clear();
        QCOMPARE(pane.shownWrites(), std::size_t(0));
        QVERIFY(pane.textView()->toPlainText().isEmpty());
    }

    void aWriteArrivingLateIsPutInItsPlace()
    {
        ConsolePane pane;
        auto full = mangled();
        auto early = std::make_shared<TimelineData>(*full);
        early->writes.erase(early->writes.begin()); // Thread-1's first write not seen yet
        early->writes.resize(2);
        pane.setData(early);
        QCOMPARE(pane.textView()->toPlainText(), u"Task 1: starting.\n"_s);
        pane.setData(full);
        QCOMPARE(pane.text(), joined(*full, full->writes.size()));
        QCOMPARE(pane.writeAtPosition(0), 0);
        QTextCursor c(pane.textView()->document());
        c.setPosition(1);
        QCOMPARE(c.charFormat().background().color(), pane.laneBackground(1));
    }

    void lineEndMarksShowWhoEndedEachLine()
    {
        ConsolePane pane;
        auto data = mangled();
        pane.setData(data);
        pane.setShowLineEnds(true);
        QCOMPARE(pane.textView()->toPlainText(), u"Task 0: starting.Task 1: starting.↵\n↵\nTask 1: finishing.↵\n"_s);
        QCOMPARE(pane.text(), joined(*data, data->writes.size())); // the output itself is unchanged
        QCOMPARE(pane.writeAtPosition(36), 3); // the empty line's ↵ is Thread-2's line end
        pane.setShowLineEnds(false);
        QCOMPARE(pane.textView()->toPlainText(), u"Task 0: starting.Task 1: starting.\n\nTask 1: finishing.\n"_s);
    }

    void aRealRunMatchesTheConsole()
    {
        ExperimentParams params;
        params.tasks = 6;
        params.sleepMs = 20;
        params.writeUs = 500;
        const RunResult result = ExperimentRun::runToEnd("sleep-threads", params);
        auto data = std::make_shared<const TimelineData>(TimelineData::fromSnapshot(result.recording));
        ConsolePane pane;
        pane.setData(data);
        QString expected;
        for (const auto &line : result.console)
            expected += toQString(line) + u'\n';
        QCOMPARE(pane.text(), expected);
        QCOMPARE(pane.shownWrites(), std::size_t(4 * params.tasks + 2)); // and the timing line: its text, its line end
        // Every write sits in its lane's colour.
        QTextDocument *doc = pane.textView()->document();
        for (std::size_t i = 0; i < data->writes.size(); ++i) {
            if (data->writes[i].text == "\n")
                continue; // a block separator keeps no character format of its own
            QTextCursor c(doc);
            c.setPosition(pane.writeRange(i).first + 1);
            QCOMPARE(c.charFormat().background().color(), pane.laneBackground(data->writes[i].lane));
        }
    }

    void darkThemeKeepsTheText()
    {
        ConsolePane pane;
        pane.setData(mangled());
        const QColor light = pane.laneBackground(1);
        pane.setDark(true);
        QVERIFY(pane.laneBackground(1) != light);
        QCOMPARE(pane.textView()->toPlainText(), u"Task 0: starting.Task 1: starting.\n\nTask 1: finishing.\n"_s);
        QTextCursor c(pane.textView()->document());
        c.setPosition(1);
        QCOMPARE(c.charFormat().background().color(), pane.laneBackground(1));
    }
};

QTEST_MAIN(TestConsolePane)
#include "tst_consolepane.moc"
