#include "CompareController.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

FinishedRun run(const QString &label)
{
    auto data = std::make_shared<TimelineData>();
    data->endNs = 1'000'000;
    return {data, label};
}

} // namespace

class TestCompareController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingToPinBeforeARun()
    {
        CompareController compare;
        QSignalSpy pinned(&compare, &CompareController::pinnedChanged);
        QVERIFY(!compare.canPin());
        compare.pin();
        QCOMPARE(pinned.count(), 0);
        QVERIFY(!compare.pinned().data);
    }

    void pinsTheLastRunUntilUnpinned()
    {
        CompareController compare;
        QSignalSpy pinned(&compare, &CompareController::pinnedChanged);
        QSignalSpy status(&compare, &CompareController::statusMessage);
        const FinishedRun first = run(u"sleep-sequential, 0.200 s"_s);
        compare.setLast(first);
        QVERIFY(compare.canPin());
        compare.pin();
        QCOMPARE(compare.pinned().data, first.data);
        QCOMPARE(compare.pinned().label, first.label);
        QCOMPARE(pinned.count(), 1);
        QCOMPARE(pinned.at(0).at(1).toString(), first.label);
        QVERIFY(status.at(0).at(0).toString().startsWith(u"Pinned sleep-sequential, 0.200 s"_s));
        QVERIFY(!compare.canPin()); // already pinned

        // The next run is compared with it, and can be pinned in its place.
        const FinishedRun second = run(u"sleep-threads, 0.050 s"_s);
        compare.setLast(second);
        QCOMPARE(compare.pinned().data, first.data);
        QCOMPARE(compare.last().label, second.label);
        QVERIFY(compare.canPin());

        compare.unpin();
        QVERIFY(!compare.pinned().data);
        QVERIFY(compare.pinned().label.isEmpty());
        QCOMPARE(pinned.count(), 2);
        QVERIFY(!pinned.at(1).at(0).value<std::shared_ptr<const TimelineData>>());
        QCOMPARE(status.last().at(0).toString(), u"Unpinned"_s);
        QCOMPARE(compare.last().data, second.data); // the last run stays
    }
};

QTEST_GUILESS_MAIN(TestCompareController)
#include "tst_comparecontroller.moc"
