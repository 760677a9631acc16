#include "TimelineView.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

constexpr std::int64_t ms = 1'000'000;

// MainThread runs 0–10 ms then joins; Thread-1 sleeps 5–60, writes at 60, runs 61–80
// (half on a CPU), sleeps 80–100; a GIL lane shows Thread-1 holding it 61–80.
std::shared_ptr<TimelineData> knownRun(int extraLanes = 0, std::int64_t durationMs = 100)
{
    auto d = std::make_shared<TimelineData>();
    d->originNs = 42 * ms;
    d->endNs = d->originNs + durationMs * ms;
    d->lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "Thread-1", LaneKind::Thread, 1, 2},
                {2, "GIL (model)", LaneKind::Gil, 1, 0}};
    for (int i = 0; i < extraLanes; ++i)
        d->lanes.push_back({std::uint32_t(3 + i), "Worker-" + std::to_string(i), LaneKind::Thread, 1, 10 + i});
    const std::int64_t o = d->originNs;
    d->spans = {{0, SpanState::Running, -1, o, o + 10 * ms},
                {1, SpanState::Sleeping, 1, o + 5 * ms, o + 60 * ms},
                {0, SpanState::Joining, -1, o + 10 * ms, o + 100 * ms},
                {1, SpanState::Running, 1, o + 61 * ms, o + 80 * ms, 19 * ms / 2, 1},
                {1, SpanState::Sleeping, 1, o + 80 * ms, o + 100 * ms}};
    d->gil = {{2, 1, 1, o + 61 * ms, o + 80 * ms}};
    d->writes = {{1, 1, o + 60 * ms, "hello"}};
    if (extraLanes > 0) {
        const std::uint32_t last = std::uint32_t(d->lanes.size() - 1);
        d->spans.push_back({last, SpanState::Sleeping, 7, o + 1 * ms, o + 99 * ms});
        d->writes.push_back({last, 7, o + 90 * ms, "far away"});
    }
    return d;
}

// A pool's map: ForkPoolWorker-1 runs chunk 2 (tasks 8–11, 10 ms each) at 10–50 ms, is idle,
// then runs chunk 3 (task 12 alone) at 60–70 ms; ForkPoolWorker-2 runs chunk 0 (tasks 0–3) at 5–45 ms.
std::shared_ptr<TimelineData> poolRun()
{
    auto d = std::make_shared<TimelineData>();
    d->originNs = 42 * ms;
    d->endNs = d->originNs + 100 * ms;
    d->lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "ForkPoolWorker-1", LaneKind::Process, 2, 2},
                {2, "ForkPoolWorker-2", LaneKind::Process, 3, 3}};
    const std::int64_t o = d->originNs;
    d->spans.push_back({0, SpanState::Joining, -1, o, o + 100 * ms});
    for (int i = 0; i < 4; ++i) {
        d->spans.push_back({2, SpanState::Running, i, o + (5 + 10 * i) * ms, o + (15 + 10 * i) * ms});
        d->spans.push_back({1, SpanState::Running, 8 + i, o + (10 + 10 * i) * ms, o + (20 + 10 * i) * ms});
    }
    d->spans.push_back({1, SpanState::Idle, -1, o + 50 * ms, o + 60 * ms});
    d->spans.push_back({1, SpanState::Running, 12, o + 60 * ms, o + 70 * ms});
    std::stable_sort(d->spans.begin(), d->spans.end(), [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    d->chunks = {{2, 0, 0, 3, o + 5 * ms, o + 45 * ms}, {1, 2, 8, 11, o + 10 * ms, o + 50 * ms}, {1, 3, 12, 12, o + 60 * ms, o + 70 * ms}};
    return d;
}

QPoint pointAt(const TimelineView &view, std::uint32_t lane, double timeMs)
{
    const int row = view.scene().rowOf(TimelineScene::Current, lane);
    return QPoint(int(std::round(view.timeAxis().xAt(timeMs * ms))), int(view.laneLayout().rowCenter(row)));
}

void wheel(TimelineView &view, QPointF pos, int delta)
{
    QWheelEvent event(pos, view.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &event);
}

} // namespace

class TstTimelineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void setDataGivesLanesAndFits();
    void wheelZoomsAroundTheCursor_data();
    void wheelZoomsAroundTheCursor();
    void keysFitAndZoom();
    void dragPans();
    void toolTipForKnownSpans();
    void toolTipShows();
    void toolTipNamesTheChunk_data();
    void toolTipNamesTheChunk();
    void chunksAreBracketedInTheView();
    void setDataKeepsTheView();
    void followLiveGrowsTheRange();
    void scrollsWhenLanesDoNotFit();
    void highlightWriteScrollsItIntoView();
    void pinnedAndReveal();
    void aNewRunUnderAPinnedOneIsScrolledIntoView();
    void noTicksBeforeTimeZero();
    void clickingATickReportsItsWrite();

private:
    std::unique_ptr<TimelineView> m_view;
};

void TstTimelineView::init()
{
    m_view = std::make_unique<TimelineView>();
    m_view->resize(1000, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TstTimelineView::cleanup()
{
    m_view.reset();
}

void TstTimelineView::setDataGivesLanesAndFits()
{
    TimelineView &view = *m_view;
    QCOMPARE(view.scene().rows().size(), 0u);
    const auto data = knownRun();
    view.setData(data);
    QCOMPARE(view.data(), data);
    QCOMPARE(view.scene().rows().size(), 3u);
    QCOMPARE(view.laneLayout().rowCount(), 3);
    // The first data is shown whole.
    QVERIFY(view.timeAxis().startNs() <= 0);
    QVERIFY(view.timeAxis().endNs() >= 100 * ms);
    QVERIFY(view.timeAxis().endNs() <= 110 * ms);
    // And painted: the sleeping span's colour at its place in the viewport.
    const QImage image = view.viewport()->grab().toImage();
    const QPoint p = pointAt(view, 1, 30);
    const qreal dpr = image.devicePixelRatio();
    QCOMPARE(image.pixelColor(int(p.x() * dpr), int(p.y() * dpr)), view.timelineStyle().stateColor(SpanState::Sleeping));
}

void TstTimelineView::wheelZoomsAroundTheCursor_data()
{
    QTest::addColumn<double>("fraction"); // of the time area's width
    QTest::addColumn<int>("delta");
    QTest::newRow("in, centre") << 0.5 << 120;
    QTest::newRow("in, left") << 0.1 << 120;
    QTest::newRow("in, right, 3 notches") << 0.9 << 360;
    QTest::newRow("out, centre") << 0.5 << -120;
    QTest::newRow("out, left") << 0.25 << -240;
}

void TstTimelineView::wheelZoomsAroundTheCursor()
{
    QFETCH(double, fraction);
    QFETCH(int, delta);
    TimelineView &view = *m_view;
    view.setData(knownRun());
    // Zoomed in first, so zooming out has room before the run's edges stop it.
    const double mid = (view.timeAxis().left() + view.timeAxis().right()) / 2;
    wheel(view, QPointF(mid, 100), 5 * 120);
    QSignalSpy changed(&view, &TimelineView::viewChanged);
    const TimeAxis before = view.timeAxis();
    const QPointF pos(before.left() + fraction * before.width(), 100);
    wheel(view, pos, delta);
    const TimeAxis &after = view.timeAxis();
    QVERIFY2(std::abs(after.timeAt(pos.x()) - before.timeAt(pos.x())) < 1,
             qPrintable(QString::number(after.timeAt(pos.x()) - before.timeAt(pos.x()))));
    const double factor = before.nsPerPixel() / after.nsPerPixel();
    QVERIFY2(std::abs(factor - std::pow(1.25, delta / 120.0)) < 1e-9, qPrintable(QString::number(factor)));
    QCOMPARE(changed.count(), 1);
}

void TstTimelineView::keysFitAndZoom()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    const TimeAxis fitted = view.timeAxis();
    QTest::keyClick(&view, Qt::Key_Plus);
    QCOMPARE(view.timeAxis().nsPerPixel(), fitted.nsPerPixel() / 1.5);
    // Around the centre.
    const double centre = (fitted.left() + fitted.right()) / 2;
    QVERIFY(std::abs(view.timeAxis().timeAt(centre) - fitted.timeAt(centre)) < 1);
    QTest::keyClick(&view, Qt::Key_Plus);
    QTest::keyClick(&view, Qt::Key_Right);
    QVERIFY(view.timeAxis().startNs() > fitted.startNs());
    QSignalSpy changed(&view, &TimelineView::viewChanged);
    QTest::keyClick(&view, Qt::Key_F);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(view.timeAxis().startNs(), fitted.startNs());
    QCOMPARE(view.timeAxis().nsPerPixel(), fitted.nsPerPixel());
    // Fitted means the run from 0 to its end, inside the time area.
    QVERIFY(view.timeAxis().xAt(0) > view.timeAxis().left());
    QVERIFY(view.timeAxis().xAt(100.0 * ms) < view.timeAxis().right());
    QTest::keyClick(&view, Qt::Key_Minus);
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(std::abs(view.timeAxis().nsPerPixel() - fitted.nsPerPixel()) < 1e-6);
}

void TstTimelineView::dragPans()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    QTest::keyClick(&view, Qt::Key_Plus);
    QTest::keyClick(&view, Qt::Key_Plus);
    const TimeAxis before = view.timeAxis();
    const QPoint from(500, 100), to(400, 100);
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), view.viewport()->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
    // Dragged 100 px left: 100 px worth of later time comes into view.
    QVERIFY(std::abs(view.timeAxis().startNs() - (before.startNs() + 100 * before.nsPerPixel())) < 1);
    QCOMPARE(view.timeAxis().nsPerPixel(), before.nsPerPixel());
}

void TstTimelineView::toolTipForKnownSpans()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    const QString sleeping = view.toolTipAt(pointAt(view, 1, 30));
    for (const QString &part : {u"Thread-1"_s, u"task 1"_s, u"sleeping"_s, u"start 5 ms"_s, u"duration 55 ms"_s, u"CPU time not measured"_s})
        QVERIFY2(sleeping.contains(part), qPrintable(sleeping + u" lacks "_s + part));
    const QString running = view.toolTipAt(pointAt(view, 1, 70));
    for (const QString &part : {u"running"_s, u"start 61 ms"_s, u"duration 19 ms"_s, u"CPU time 9.5 ms (50 %"_s})
        QVERIFY2(running.contains(part), qPrintable(running + u" lacks "_s + part));
    const QString gil = view.toolTipAt(pointAt(view, 2, 70));
    QVERIFY2(gil.contains(u"GIL held by Thread-1"_s), qPrintable(gil));
    const QString write = view.toolTipAt(pointAt(view, 1, 60));
    QVERIFY2(write.contains(u"console write"_s) && write.contains(u"hello"_s), qPrintable(write));
    // Nothing there: before MainThread's... after the end of the run, and on the axis.
    QVERIFY(view.toolTipAt(pointAt(view, 1, 2)).isEmpty());
    QVERIFY(view.toolTipAt(QPoint(500, 2)).isEmpty());
}

void TstTimelineView::toolTipShows()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    const QPoint pos = pointAt(view, 1, 30);
    QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY(QToolTip::text().contains(u"sleeping"_s));
    QToolTip::hideText();
}

void TstTimelineView::toolTipNamesTheChunk_data()
{
    QTest::addColumn<std::uint32_t>("lane");
    QTest::addColumn<double>("timeMs");
    QTest::addColumn<QString>("task");  // the line the span's tooltip had already
    QTest::addColumn<QString>("chunk"); // empty: no chunk line
    const QString chunk2 = u"chunk 2: tasks 8–11 (run back to back by ForkPoolWorker-1)"_s;
    QTest::newRow("first task of a chunk") << 1u << 12.0 << u"task 8, running"_s << chunk2;
    QTest::newRow("a task in the middle") << 1u << 35.0 << u"task 10, running"_s << chunk2;
    QTest::newRow("last task") << 1u << 49.0 << u"task 11, running"_s << chunk2;
    QTest::newRow("the other worker's chunk") << 2u << 20.0 << u"task 1, running"_s
                                              << u"chunk 0: tasks 0–3 (run back to back by ForkPoolWorker-2)"_s;
    QTest::newRow("idle between chunks") << 1u << 55.0 << u"no task, idle (no task)"_s << QString();
    QTest::newRow("a chunk of one task") << 1u << 65.0 << u"task 12, running"_s << QString();
    QTest::newRow("not a pool worker") << 0u << 30.0 << u"no task, waiting on another thread"_s << QString();
}

void TstTimelineView::toolTipNamesTheChunk()
{
    QFETCH(std::uint32_t, lane);
    QFETCH(double, timeMs);
    QFETCH(QString, task);
    QFETCH(QString, chunk);
    TimelineView &view = *m_view;
    view.setData(poolRun());
    const QStringList lines = view.toolTipAt(pointAt(view, lane, timeMs)).split(u'\n');
    // What the tooltip said before stays: the lane, the task and its state, its times.
    QVERIFY2(lines.value(0) == QString::fromStdString(view.data()->lanes[lane].name), qPrintable(lines.join(u" | "_s)));
    QVERIFY2(lines.contains(task), qPrintable(lines.join(u" | "_s)));
    QVERIFY2(lines.filter(u"duration"_s).size() == 1, qPrintable(lines.join(u" | "_s)));
    if (chunk.isEmpty()) {
        QVERIFY2(lines.filter(u"chunk"_s).isEmpty(), qPrintable(lines.join(u" | "_s)));
    } else {
        QVERIFY2(lines.contains(chunk), qPrintable(lines.join(u" | "_s)));
        QCOMPARE(lines.filter(u"chunk"_s).size(), 1);
    }
}

void TstTimelineView::chunksAreBracketedInTheView()
{
    // The widget's lanes (at most 36 px) have their own gap under the bars: the bracket is there too.
    TimelineView &view = *m_view;
    view.setData(poolRun());
    const QImage image = view.viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const QColor bracket = view.timelineStyle().chunkBracket;
    auto bracketPixels = [&](std::uint32_t lane, double timeMs) {
        const int row = view.scene().rowOf(TimelineScene::Current, lane);
        const double x = view.timeAxis().xAt(timeMs * ms), rowTop = view.laneLayout().rowTop(row), h = view.laneLayout().laneHeight();
        int n = 0;
        for (int y = int(rowTop * dpr); y < int((rowTop + h) * dpr); ++y)
            n += image.pixelColor(int(x * dpr), y) == bracket;
        return n;
    };
    QVERIFY(bracketPixels(1, 30) > 0);
    QVERIFY(bracketPixels(2, 20) > 0);
    QCOMPARE(bracketPixels(1, 55), 0); // idle between chunks
    QCOMPARE(bracketPixels(1, 65), 0); // a chunk of one task
    QCOMPARE(bracketPixels(0, 30), 0);
}

void TstTimelineView::setDataKeepsTheView()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    QTest::keyClick(&view, Qt::Key_Plus);
    const TimeAxis before = view.timeAxis();
    view.setData(knownRun(0, 150)); // the run went on
    QCOMPARE(view.timeAxis().startNs(), before.startNs());
    QCOMPARE(view.timeAxis().nsPerPixel(), before.nsPerPixel());
}

void TstTimelineView::followLiveGrowsTheRange()
{
    TimelineView &view = *m_view;
    view.setFollowLive(true);
    QVERIFY(view.followLive());
    for (std::int64_t d : {30, 120, 900, 2500}) {
        view.setData(knownRun(0, d));
        QVERIFY2(view.timeAxis().endNs() >= double(d * ms), qPrintable(QString::number(d)));
        QVERIFY(view.timeAxis().startNs() <= 0);
        // Not much more than the run: the growth is in 1-2-5 steps.
        QVERIFY(view.timeAxis().endNs() <= 2.6 * double(d * ms));
    }
    wheel(view, QPointF(500, 100), 120); // the user takes over
    QVERIFY(!view.followLive());
    const TimeAxis taken = view.timeAxis();
    view.setData(knownRun(0, 5000));
    QCOMPARE(view.timeAxis().nsPerPixel(), taken.nsPerPixel());
}

void TstTimelineView::scrollsWhenLanesDoNotFit()
{
    TimelineView &view = *m_view;
    view.setData(knownRun(200));
    QCOMPARE(view.laneLayout().rowCount(), 203);
    QCOMPARE(view.laneLayout().laneHeight(), double(view.timelineStyle().minLaneHeight));
    QVERIFY(view.verticalScrollBar()->maximum() > 0);
    view.verticalScrollBar()->setValue(300);
    QCOMPARE(view.laneLayout().scrollOffset(), 300.0);
    // A few lanes fit without scrolling.
    view.setData(knownRun());
    QTRY_COMPARE(view.verticalScrollBar()->maximum(), 0); // updated with the next paint
}

void TstTimelineView::highlightWriteScrollsItIntoView()
{
    TimelineView &view = *m_view;
    const auto data = knownRun(200);
    view.setData(data);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(&view, Qt::Key_Plus); // zoomed in on the middle, scrolled to the top
    const std::size_t far = data->writes.size() - 1; // lane 202 at 90 ms
    const int row = view.scene().rowOf(TimelineScene::Current, data->writes[far].lane);
    QVERIFY(view.laneLayout().visibleRows().second <= row);
    QVERIFY(view.timeAxis().endNs() < 90.0 * ms);
    view.highlightWrite(far);
    const auto [first, last] = view.laneLayout().visibleRows();
    QVERIFY(first <= row && row < last);
    QVERIFY(view.timeAxis().startNs() < 90.0 * ms && 90.0 * ms < view.timeAxis().endNs());
    // Marked: the highlight ring is drawn around the tick.
    const QImage image = view.viewport()->grab().toImage();
    const QPoint p = pointAt(view, data->writes[far].lane, 90);
    const qreal dpr = image.devicePixelRatio();
    bool marked = false;
    for (int dx = -15; dx <= 15 && !marked; ++dx)
        marked = image.pixelColor(int((p.x() + dx) * dpr), int(p.y() * dpr)) == view.timelineStyle().highlight
            && std::abs(dx) > 2;
    QVERIFY(marked);
}

void TstTimelineView::pinnedAndReveal()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    view.setPinned(knownRun(1), u"earlier run"_s);
    QCOMPARE(view.scene().rows().size(), 7u);
    QVERIFY(view.scene().comparing());
    view.setPinned(nullptr, {});
    QCOMPARE(view.scene().rows().size(), 3u);

    const QColor sleeping = view.timelineStyle().stateColor(SpanState::Sleeping);
    view.setRevealUntilNs(40 * ms);
    QCOMPARE(view.revealUntilNs(), 40 * ms);
    QImage image = view.viewport()->grab().toImage();
    qreal dpr = image.devicePixelRatio();
    QPoint before = pointAt(view, 1, 30), after = pointAt(view, 1, 50);
    QCOMPARE(image.pixelColor(int(before.x() * dpr), int(before.y() * dpr)), sleeping);
    QVERIFY(image.pixelColor(int(after.x() * dpr), int(after.y() * dpr)) != sleeping);
    view.setRevealUntilNs(-1);
    image = view.viewport()->grab().toImage();
    QCOMPARE(image.pixelColor(int(after.x() * dpr), int(after.y() * dpr)), sleeping);
}


void TstTimelineView::aNewRunUnderAPinnedOneIsScrolledIntoView()
{
    TimelineView &view = *m_view;
    view.setPinned(knownRun(200), u"pinned run"_s); // 203 lanes: far more than fit
    auto next = knownRun();
    next->originNs += 1000 * ms; // another run
    for (auto &span : next->spans) {
        span.startNs += 1000 * ms;
        span.endNs += 1000 * ms;
    }
    next->endNs += 1000 * ms;
    view.setData(next);
    const LaneLayout &l = view.laneLayout();
    const int first = view.scene().rowOf(TimelineScene::Current, 0);
    QVERIFY(first > 200);
    const auto [top, bottom] = l.visibleRows();
    QVERIFY2(first >= top && first < bottom, qPrintable(u"row %1 not in [%2, %3)"_s.arg(first).arg(top).arg(bottom)));
    // Later updates of the same run leave the user's scrolling alone.
    view.verticalScrollBar()->setValue(0);
    view.setData(std::make_shared<TimelineData>(*next));
    QCOMPARE(view.laneLayout().scrollOffset(), 0.0);
}

void TstTimelineView::clickingATickReportsItsWrite()
{
    TimelineView &view = *m_view;
    view.setData(knownRun());
    QSignalSpy clicked(&view, &TimelineView::writeClicked);
    // Beside the tick (a few pixels count), not on it, and a drag that ends on it: nothing.
    const QPoint tick = pointAt(view, 1, 60);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, tick + QPoint(40, 0));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, tick + QPoint(60, 0));
    QMouseEvent move(QEvent::MouseMove, QPointF(tick), view.viewport()->mapToGlobal(QPointF(tick)), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, tick);
    QCOMPARE(clicked.count(), 0);
    // Nor a drag that comes back to where it began, on the tick (the drag above moved it).
    const QPoint moved = pointAt(view, 1, 60) + QPoint(2, 0);
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, moved);
    QMouseEvent away(QEvent::MouseMove, QPointF(moved + QPoint(50, 0)), view.viewport()->mapToGlobal(QPointF(moved + QPoint(50, 0))),
                     Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &away);
    QMouseEvent back(QEvent::MouseMove, QPointF(moved), view.viewport()->mapToGlobal(QPointF(moved)), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &back);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, moved);
    QCOMPARE(clicked.count(), 0);
    // A click two pixels off the tick: write 0, and the view marks it.
    const QPoint at = pointAt(view, 1, 60) + QPoint(2, 0);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).value<std::size_t>(), std::size_t(0));
    const QImage image = view.viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    bool marked = false;
    for (int dy = -20; dy <= 20 && !marked; ++dy)
        marked = image.pixelColor(int(pointAt(view, 1, 60).x() * dpr), int((at.y() + dy) * dpr)) == view.timelineStyle().highlight;
    QVERIFY(marked);
}

void TstTimelineView::noTicksBeforeTimeZero()
{
    TimelineView &view = *m_view;
    view.setFollowLive(true);
    view.setData(knownRun());
    const auto ticks = view.timeAxis().ticks(80);
    QVERIFY(!ticks.empty());
    for (const auto &tick : ticks)
        QVERIFY2(tick.timeNs >= 0, qPrintable(QString::number(tick.timeNs)));
    QVERIFY(view.timeAxis().startNs() < 0); // the margin left of time zero is still there
}

QTEST_MAIN(TstTimelineView)
#include "tst_timelineview.moc"
