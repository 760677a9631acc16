#include "TimelineData.h"

#include <QTest>

using namespace lab;

namespace {

// A tiny script of one lane's events: "s<state>@t" state change, "a@t"/"r@t" lock 1
// acquire/release, "b@t"/"c@t" lock 2, "e@t" lane end. States: R running, S sleeping, W lock-wait.
Snapshot scripted(const QString &script, std::int64_t takenNs)
{
    Snapshot snap;
    snap.lanes.push_back(Lane{0, "Thread-1", LaneKind::Thread, 1, 1});
    snap.texts.emplace_back();
    snap.takenNs = takenNs;
    for (const QString &step : script.split(u' ', Qt::SkipEmptyParts)) {
        const auto at = step.indexOf(u'@');
        const QString what = step.left(at);
        Event e;
        e.timeNs = step.mid(at + 1).toLongLong();
        e.task = 0;
        if (what.startsWith(u's')) {
            e.kind = EventKind::StateChange;
            e.state = what == u"sS" ? SpanState::Sleeping : what == u"sW" ? SpanState::LockWait : SpanState::Running;
        } else if (what == u"a" || what == u"b") {
            e.kind = EventKind::LockAcquire;
            e.arg = what == u"a" ? 1 : 2;
        } else if (what == u"r" || what == u"c") {
            e.kind = EventKind::LockRelease;
            e.arg = what == u"r" ? 1 : 2;
        } else {
            e.kind = EventKind::LaneEnd;
        }
        snap.events.push_back(e);
    }
    return snap;
}

QString describeSpans(const TimelineData &t)
{
    QStringList out;
    for (const auto &s : t.spans)
        out << QStringLiteral("%1[%2,%3)").arg(QString::fromLatin1(toString(s.state).data())).arg(s.startNs).arg(s.endNs);
    return out.join(u' ');
}

QString describeLocks(const TimelineData &t)
{
    QStringList out;
    for (const auto &l : t.locks)
        out << QStringLiteral("L%1[%2,%3)").arg(l.lock).arg(l.startNs).arg(l.endNs);
    return out.join(u' ');
}

} // namespace

class tst_TimelineData : public QObject
{
    Q_OBJECT

private slots:
    void build_data();
    void build();

    // A worker's chunks: from its chunk-start to its chunk-end, or to the lane's end
    // (the worker died in it), or to the snapshot (still running).
    void chunksSpanTheirTasks_data()
    {
        QTest::addColumn<QString>("events"); // "c<chunk>:<first>@t" start, "t<task>@t" task start, "d<chunk>:<last>@t" end, "e@t" lane end
        QTest::addColumn<QString>("chunks"); // "chunk:first-last[start,end)"
        QTest::newRow("two chunks") << u"c0:0@10 t0@10 t1@20 t2@30 d0:2@40 c1:3@50 t3@50 d1:3@60"_qs << u"0:0-2[10,40) 1:3-3[50,60)"_qs;
        QTest::newRow("worker died in a chunk") << u"c4:12@10 t12@10 t13@20 e@25"_qs << u"4:12-13[10,25)"_qs;
        QTest::newRow("still running") << u"c2:6@10 t6@10"_qs << u"2:6-6[10,99)"_qs;
        QTest::newRow("no chunks") << u"t0@10 e@20"_qs << QString();
    }
    void chunksSpanTheirTasks()
    {
        QFETCH(QString, events);
        QFETCH(QString, chunks);
        Snapshot snap;
        snap.lanes.push_back(Lane{0, "ForkPoolWorker-1", LaneKind::Process, 2, 2});
        snap.texts.emplace_back();
        snap.takenNs = 99;
        for (const QString &step : events.split(u' ')) {
            const auto at = step.indexOf(u'@');
            const QStringList numbers = step.mid(1, at - 1).split(u':');
            Event e;
            e.timeNs = step.mid(at + 1).toLongLong();
            const QChar kind = step.at(0);
            e.kind = kind == u'c' ? EventKind::ChunkStart : kind == u'd' ? EventKind::ChunkEnd : kind == u't' ? EventKind::TaskStart : EventKind::LaneEnd;
            if (kind == u'c' || kind == u'd') {
                e.arg = numbers.at(0).toUInt();
                e.task = numbers.at(1).toInt();
            } else if (kind == u't') {
                e.task = numbers.at(0).toInt();
            }
            snap.events.push_back(e);
        }
        QStringList out;
        for (const ChunkInterval &c : TimelineData::fromSnapshot(snap).chunks)
            out << QStringLiteral("%1:%2-%3[%4,%5)").arg(c.chunk).arg(c.firstTask).arg(c.lastTask).arg(c.startNs).arg(c.endNs);
        QCOMPARE(out.join(u' '), chunks);
    }
};

void tst_TimelineData::build_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<qint64>("takenNs");
    QTest::addColumn<QString>("spans");
    QTest::addColumn<QString>("locks");

    QTest::newRow("back to back") << "sR@0 sS@10 sR@30 e@35" << qint64(100)
                                  << "running[0,10) sleeping[10,30) running[30,35)" << "";
    QTest::newRow("open span ends at snapshot") << "sR@0 sS@10" << qint64(50) << "running[0,10) sleeping[10,50)" << "";
    QTest::newRow("zero-length dropped") << "sR@0 sW@10 sR@10 e@20" << qint64(50) << "running[0,10) running[10,20)" << "";
    QTest::newRow("wait then held") << "sR@0 sW@5 a@9 sR@9 r@20 e@25" << qint64(50)
                                    << "running[0,5) lock-wait[5,9) running[9,20) running[20,25)" << "L1[9,20)";
    QTest::newRow("lock splits a span") << "sS@0 a@4 r@6 e@10" << qint64(50)
                                        << "sleeping[0,4) sleeping[4,6) sleeping[6,10)" << "L1[4,6)";
    QTest::newRow("nested locks") << "sR@0 a@1 b@2 c@3 r@4 e@5" << qint64(9)
                                  << "running[0,1) running[1,2) running[2,3) running[3,4) running[4,5)" << "L2[2,3) L1[1,4)";
    QTest::newRow("held at snapshot") << "sR@0 a@2" << qint64(7) << "running[0,2) running[2,7)" << "L1[2,7)";
    QTest::newRow("acquire before any state") << "a@1 r@2 sR@3 e@4" << qint64(7) << "running[3,4)" << "L1[1,2)";
    QTest::newRow("no events") << "" << qint64(7) << "" << "";
}

void tst_TimelineData::build()
{
    QFETCH(QString, script);
    QFETCH(qint64, takenNs);
    QFETCH(QString, spans);
    QFETCH(QString, locks);
    const auto timeline = TimelineData::fromSnapshot(scripted(script, takenNs));
    QCOMPARE(describeSpans(timeline), spans);
    QCOMPARE(describeLocks(timeline), locks);
}

QTEST_GUILESS_MAIN(tst_TimelineData)
#include "tst_timelinedata.moc"
