#include <QTest>

class Tsttimelineview : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(Tsttimelineview)
#include "tst_timelineview.moc"
