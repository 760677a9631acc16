// LessonPace: n = 0 is measured once per machine and remembered.
#include "Factorial.h"
#include "LessonPace.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lab;

class tst_LessonPace : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit());
        QFile::remove(QString::fromStdString(LessonPace::cacheFile()));
    }

    void aGivenNIsKept()
    {
        QCOMPARE(LessonPace::resolve(1234), std::optional<int>(1234));
        QCOMPARE(LessonPace::nForChecks(1234), 1234);
        QVERIFY(!QFile::exists(QString::fromStdString(LessonPace::cacheFile()))); // nothing measured
    }

    void zeroIsMeasuredOnceThenRemembered()
    {
        QVERIFY(QString::fromStdString(LessonPace::cacheFile()).startsWith(m_cache.path()));
        QVERIFY(!LessonPace::cachedN());
        const auto n = LessonPace::resolve(0);
        QVERIFY(n);
        // About 150 ms of GMP work: far above the lesson's 10^5 on any machine GMP is fast on.
        QVERIFY2(*n > 100'000 && *n <= Factorial::maxN, qPrintable(QString::number(*n)));
        QCOMPARE(LessonPace::cachedN(), n);
        QCOMPARE(LessonPace::nForChecks(0), *n);
        int asked = 0;
        QCOMPARE(LessonPace::resolve(0, [&] { return ++asked > 0; }), n); // remembered: no measuring, nothing to stop
        QCOMPARE(asked, 0);
    }

    void anotherMachinesPaceIsNotUsed()
    {
        const QString path = QString::fromStdString(LessonPace::cacheFile());
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{u"machine"_qs, u"some other CPU; 64 cores; GMP 6.3.0"_qs}, {u"target_ms"_qs, 150}, {u"n"_qs, 777}})
                       .toJson());
        file.close();
        QVERIFY(!LessonPace::cachedN());
        QVERIFY(LessonPace::nForChecks(0) > 777); // a generous estimate, not the other machine's
    }

    void aBrokenCacheIsMeasuredAgain()
    {
        const QString path = QString::fromStdString(LessonPace::cacheFile());
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        QVERIFY(!LessonPace::cachedN());
    }

    void measuringStopsWhenAsked()
    {
        QVERIFY(!LessonPace::resolve(0, [] { return true; }));
        QVERIFY(!LessonPace::cachedN());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(tst_LessonPace)
#include "tst_lessonpace.moc"
