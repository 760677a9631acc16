// The projection layout: in lecture mode at 1920×1080 a 32-lane run fits the
// screen, each lane at least 24 px with 24 px type, the top bar one line, the
// legend one row; the console, the code and the chart come one at a time on a key.
#include "LectureBar.h"
#include "LecturePanes.h"
#include "MainWindow.h"
#include "TimelineLegend.h"
#include "TimelineView.h"

#include <QAction>
#include <QFontMetricsF>
#include <QMenuBar>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace lab;
using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t ms = 1'000'000;

// factorial-processes as the lesson runs it: the main thread, the GIL's lane and 30 processes.
std::shared_ptr<TimelineData> thirtyTwoLanes()
{
    auto d = std::make_shared<TimelineData>();
    d->originNs = 1000 * ms;
    d->endNs = d->originNs + 400 * ms;
    d->lanes.push_back({0, "MainThread", LaneKind::Thread, 1, 1});
    d->lanes.push_back({1, "GIL (model)", LaneKind::Gil, 1, 0});
    for (std::uint32_t i = 2; i < 32; ++i)
        d->lanes.push_back({i, "Process-" + std::to_string(i - 1), LaneKind::Process, int(100 + i), int(100 + i)});
    d->spans.push_back({0, SpanState::Running, -1, d->originNs, d->originNs + 300 * ms});
    for (std::uint32_t i = 2; i < 32; ++i) {
        const std::int64_t start = d->originNs + std::int64_t(i) * 8 * ms;
        d->spans.push_back({i, SpanState::Startup, int(i), start, start + 20 * ms});
        d->spans.push_back({i, SpanState::Running, int(i), start + 20 * ms, start + 90 * ms});
    }
    std::stable_sort(d->spans.begin(), d->spans.end(), [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    return d;
}

struct LectureWindow
{
    MainWindow window;

    LectureWindow()
    {
        window.resize(1920, 1080);
        window.show();
        window.setLectureMode(true);
        // A projector's 1080p, whatever the test's screen: full screen would take the
        // offscreen platform's 800 × 800.
        window.showNormal();
        window.resize(1920, 1080);
    }
    QAction *action(const QString &name) const { return window.action(name); }
    QSplitter *vertical() const { return window.findChild<QSplitter *>(u"rightSplitter"_s); }
    int timelineHeight() const { return window.timelineView()->height(); }
};

} // namespace

class TstLecturePanes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"Concurrency Lab Tests"_s);
    }
    void thirtyTwoLanesFitTheScreen();
    void paneKeysShowOneAtATime();
    void leavingLectureModeBringsThePanesBack();
};

void TstLecturePanes::thirtyTwoLanesFitTheScreen()
{
    LectureWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    w.window.timelineView()->setData(thirtyTwoLanes());
    QTRY_COMPARE(w.window.size(), QSize(1920, 1080));
    QTest::qWait(50);
    TimelineView *view = w.window.timelineView();
    const LaneLayout &lanes = view->laneLayout();
    const TimelineStyle style = view->timelineStyle();
    QVERIFY(style.fontPixelSize >= 24);
    QVERIFY2(lanes.laneHeight() >= 24, qPrintable(QString::number(lanes.laneHeight())));
    // Every lane on screen, none scrolled away or cut.
    const auto [first, last] = lanes.visibleRows();
    QCOMPARE(first, 0);
    QCOMPARE(last, 32);
    QVERIFY(lanes.rowTop(0) >= 0);
    QVERIFY2(lanes.rowTop(31) + lanes.laneHeight() <= view->viewport()->height(),
             qPrintable(u"last lane ends at %1 of %2"_s.arg(lanes.rowTop(31) + lanes.laneHeight()).arg(view->viewport()->height())));
    // The legend in one row at this width.
    const QFontMetricsF fm(style.font());
    const double oneRow = std::ceil(fm.height() + style.padding) + style.padding;
    QCOMPARE(TimelineLegend(view->scene(), style, false).heightFor(view->viewport()->width()), oneRow);
    // Above the timeline, one line: no menu bar, no tab bar, a one-line lecture bar.
    QVERIFY(!w.window.menuBar()->isVisible());
    QVERIFY(!w.window.findChild<QTabWidget *>(u"centralTabs"_s)->tabBar()->isVisible());
    auto *bar = w.window.findChild<LectureBar *>(u"lectureBar"_s);
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->height() < 2 * 30, qPrintable(QString::number(bar->height())));
    // Nothing below it by default.
    QVERIFY(!w.window.findChild<QWidget *>(u"consolePane"_s)->isVisible());
    QVERIFY(!w.window.findChild<QWidget *>(u"pythonPane"_s)->isVisible());
}

void TstLecturePanes::paneKeysShowOneAtATime()
{
    LectureWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTRY_COMPARE(w.window.size(), QSize(1920, 1080));
    auto *console = w.window.findChild<QWidget *>(u"consolePane"_s);
    auto *code = w.window.findChild<QWidget *>(u"pythonPane"_s);
    auto *tabs = w.window.findChild<QTabWidget *>(u"centralTabs"_s);
    const int full = w.timelineHeight();

    QTest::keyClick(&w.window, Qt::Key_C);
    QVERIFY(console->isVisible() && !code->isVisible());
    QTRY_VERIFY(w.timelineHeight() < full);
    QVERIFY2(w.timelineHeight() >= LecturePanes::timelineShare * 1080,
             qPrintable(u"the timeline keeps %1 px of 1080"_s.arg(w.timelineHeight())));
    QVERIFY(w.action(u"actionLectureConsole"_s)->isChecked());

    QTest::keyClick(&w.window, Qt::Key_P); // the code replaces the console
    QVERIFY(code->isVisible() && !console->isVisible());
    QVERIFY(w.timelineHeight() >= LecturePanes::timelineShare * 1080);
    QVERIFY(!w.action(u"actionLectureConsole"_s)->isChecked());

    QTest::keyClick(&w.window, Qt::Key_P); // its own key again: gone
    QVERIFY(!code->isVisible() && !console->isVisible());
    QTRY_COMPARE(w.timelineHeight(), full);

    // The chart, borrowed from its tab, below the timeline; its key again gives it back.
    auto *chart = w.window.findChild<QWidget *>(u"scalingChart"_s);
    QWidget *chartTab = w.window.findChild<QWidget *>(u"scalingTab"_s);
    QTest::keyClick(&w.window, Qt::Key_S);
    QVERIFY(chart->isVisible() && !console->isVisible() && !code->isVisible());
    QCOMPARE(chart->parentWidget(), static_cast<QWidget *>(w.window.findChild<QSplitter *>(u"bottomSplitter"_s)));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(w.window.timelineView()));
    QTRY_VERIFY(w.timelineHeight() < full);
    QVERIFY(w.timelineHeight() >= LecturePanes::timelineShare * 1080);
    QTest::keyClick(&w.window, Qt::Key_S);
    QCOMPARE(chart->parentWidget(), chartTab);
    QVERIFY(!chart->isVisible()); // its tab is not the one shown
}

void TstLecturePanes::leavingLectureModeBringsThePanesBack()
{
    LectureWindow w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTest::keyClick(&w.window, Qt::Key_S); // the chart borrowed when lecture mode ends
    w.window.setLectureMode(false);
    QCOMPARE(w.window.findChild<QWidget *>(u"scalingChart"_s)->parentWidget(), w.window.findChild<QWidget *>(u"scalingTab"_s));
    QVERIFY(w.window.menuBar()->isVisible());
    QVERIFY(w.window.findChild<QWidget *>(u"consolePane"_s)->isVisible());
    QVERIFY(w.window.findChild<QWidget *>(u"pythonPane"_s)->isVisible());
    QCOMPARE(w.window.findChild<QTabWidget *>(u"centralTabs"_s)->currentWidget(), static_cast<QWidget *>(w.window.timelineView()));
    QVERIFY(!w.action(u"actionLectureConsole"_s)->isEnabled()); // C is the panel's to type again
}

QTEST_MAIN(TstLecturePanes)
#include "tst_lecturepanes.moc"
