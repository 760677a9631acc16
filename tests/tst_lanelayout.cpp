#include "LaneLayout.h"

#include <QTest>

using lab::LaneLayout;

class TstLaneLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void laneHeight_data();
    void laneHeight();
    void rowAt_data();
    void rowAt();
    void rowAtAndRowTopAgree();
    void visibleRows_data();
    void visibleRows();
    void scrollIsClamped_data();
    void scrollIsClamped();
    void scrollToRow_data();
    void scrollToRow();
    void sections();
};

namespace {

LaneLayout makeLayout(double top, double height, int rows, double minimum, double maximum)
{
    LaneLayout l;
    l.setViewport(top, height);
    l.setLaneHeightLimits(minimum, maximum);
    l.setRowCount(rows);
    return l;
}

} // namespace

void TstLaneLayout::laneHeight_data()
{
    QTest::addColumn<double>("height");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("minimum");
    QTest::addColumn<double>("maximum");
    QTest::addColumn<double>("laneHeight");
    QTest::addColumn<double>("maxScroll");
    QTest::newRow("few lanes: the maximum") << 900.0 << 5 << 16.0 << 40.0 << 40.0 << 0.0;
    QTest::newRow("fit exactly") << 900.0 << 30 << 16.0 << 40.0 << 30.0 << 0.0;
    QTest::newRow("many lanes: the minimum, scrolling") << 900.0 << 100 << 16.0 << 40.0 << 16.0 << 700.0;
    QTest::newRow("lecture: 28 px minimum") << 800.0 << 40 << 28.0 << 56.0 << 28.0 << 320.0;
    QTest::newRow("export: 512 thin lanes fit") << 1024.0 << 512 << 1.0 << 40.0 << 2.0 << 0.0;
    QTest::newRow("no rows") << 500.0 << 0 << 16.0 << 40.0 << 40.0 << 0.0;
}

void TstLaneLayout::laneHeight()
{
    QFETCH(double, height);
    QFETCH(int, rows);
    QFETCH(double, minimum);
    QFETCH(double, maximum);
    QFETCH(double, laneHeight);
    QFETCH(double, maxScroll);
    const LaneLayout l = makeLayout(50, height, rows, minimum, maximum);
    QCOMPARE(l.laneHeight(), laneHeight);
    QCOMPARE(l.maxScrollOffset(), maxScroll);
    QCOMPARE(l.contentHeight(), rows * laneHeight);
}

void TstLaneLayout::rowAt_data()
{
    QTest::addColumn<double>("scroll");
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("row"); // -1: none
    // 100 rows of 20 px from y = 40, in a 400 px viewport.
    QTest::newRow("first row top") << 0.0 << 40.0 << 0;
    QTest::newRow("first row bottom") << 0.0 << 59.9 << 0;
    QTest::newRow("second row") << 0.0 << 60.0 << 1;
    QTest::newRow("above the viewport") << 0.0 << 39.0 << -1;
    QTest::newRow("below the viewport") << 0.0 << 440.0 << -1;
    QTest::newRow("scrolled by 5 rows") << 100.0 << 40.0 << 5;
    QTest::newRow("scrolled by half a row") << 10.0 << 45.0 << 0;
    QTest::newRow("scrolled by half a row, next") << 10.0 << 50.0 << 1;
    QTest::newRow("scrolled to the end, last row") << 1600.0 << 439.0 << 99;
}

void TstLaneLayout::rowAt()
{
    QFETCH(double, scroll);
    QFETCH(double, y);
    QFETCH(int, row);
    LaneLayout l = makeLayout(40, 400, 100, 20, 20);
    l.setScrollOffset(scroll);
    QCOMPARE(l.scrollOffset(), scroll);
    const auto hit = l.rowAt(y);
    QCOMPARE(hit.value_or(-1), row);
}

void TstLaneLayout::rowAtAndRowTopAgree()
{
    LaneLayout l = makeLayout(30, 300, 7, 10, 40); // 7 rows of 40 px, 20 px to spare
    QCOMPARE(l.rowAt(30 + 7 * 40 + 1), std::nullopt); // past the last row
    for (int row = 0; row < 7; ++row) {
        QCOMPARE(l.rowAt(l.rowTop(row)).value_or(-1), row);
        QCOMPARE(l.rowAt(l.rowCenter(row)).value_or(-1), row);
    }
}

void TstLaneLayout::visibleRows_data()
{
    QTest::addColumn<double>("scroll");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    // 100 rows of 20 px, a 400 px viewport.
    QTest::newRow("top") << 0.0 << 0 << 20;
    QTest::newRow("partial rows at both ends") << 10.0 << 0 << 21;
    QTest::newRow("one row down") << 20.0 << 1 << 21;
    QTest::newRow("end") << 1600.0 << 80 << 100;
}

void TstLaneLayout::visibleRows()
{
    QFETCH(double, scroll);
    QFETCH(int, first);
    QFETCH(int, last);
    LaneLayout l = makeLayout(40, 400, 100, 20, 20);
    l.setScrollOffset(scroll);
    const auto [f, e] = l.visibleRows();
    QCOMPARE(f, first);
    QCOMPARE(e, last);
}

void TstLaneLayout::scrollIsClamped_data()
{
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("offset");
    QTest::newRow("negative") << -50.0 << 0.0;
    QTest::newRow("inside") << 123.0 << 123.0;
    QTest::newRow("past the end") << 1e9 << 1600.0;
}

void TstLaneLayout::scrollIsClamped()
{
    QFETCH(double, requested);
    QFETCH(double, offset);
    LaneLayout l = makeLayout(40, 400, 100, 20, 20);
    l.setScrollOffset(requested);
    QCOMPARE(l.scrollOffset(), offset);
    // A taller viewport shrinks the room to scroll; the offset follows.
    l.setViewport(40, 1800);
    QCOMPARE(l.scrollOffset(), std::min(offset, 200.0));
}

void TstLaneLayout::scrollToRow_data()
{
    QTest::addColumn<double>("scroll");
    QTest::addColumn<int>("row");
    QTest::addColumn<double>("expected");
    QTest::newRow("visible: no move") << 0.0 << 5 << 0.0;
    QTest::newRow("below: its bottom at the bottom") << 0.0 << 30 << 220.0;
    QTest::newRow("above: its top at the top") << 1000.0 << 10 << 200.0;
}

void TstLaneLayout::scrollToRow()
{
    QFETCH(double, scroll);
    QFETCH(int, row);
    QFETCH(double, expected);
    LaneLayout l = makeLayout(40, 400, 100, 20, 20);
    l.setScrollOffset(scroll);
    l.scrollToRow(row);
    QCOMPARE(l.scrollOffset(), expected);
    QVERIFY(l.rowTop(row) >= l.viewportTop());
    QVERIFY(l.rowTop(row) + l.laneHeight() <= l.viewportBottom());
}

void TstLaneLayout::sections()
{
    // Compare mode: 3 pinned rows, then 4 current ones, each section under a 30 px header.
    LaneLayout l = makeLayout(0, 1000, 7, 10, 20);
    l.setSections({0, 3}, 30);
    QCOMPARE(l.laneHeight(), 20.0);
    QCOMPARE(l.contentHeight(), 2 * 30.0 + 7 * 20.0);
    QCOMPARE(l.sectionHeaderTop(0), 0.0);
    QCOMPARE(l.rowTop(0), 30.0);
    QCOMPARE(l.rowTop(2), 70.0);
    QCOMPARE(l.sectionHeaderTop(1), 90.0);
    QCOMPARE(l.rowTop(3), 120.0);
    QCOMPARE(l.rowAt(10), std::nullopt);  // first header
    QCOMPARE(l.rowAt(95), std::nullopt);  // second header
    QCOMPARE(l.rowAt(125).value_or(-1), 3);
    QCOMPARE(l.rowAt(89).value_or(-1), 2);
    QCOMPARE(l.sectionOf(2), 0);
    QCOMPARE(l.sectionOf(3), 1);
    // Headers take their room before the lanes are sized.
    LaneLayout tight = makeLayout(0, 200, 7, 10, 40);
    tight.setSections({0, 3}, 30);
    QCOMPARE(tight.laneHeight(), (200 - 60) / 7.0);
}

QTEST_APPLESS_MAIN(TstLaneLayout)
#include "tst_lanelayout.moc"
