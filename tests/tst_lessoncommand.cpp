// concurrency-lab lesson, end to end: the preparation sheet as text and JSON, and
// one step run headless with its reveal printed and its projection drawn.
#include "LabProcess.h"
#include "LessonPlan.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TstLessonCommand : public QObject
{
    Q_OBJECT

private slots:
    void sheetListsEveryStep();
    void jsonIsThePlan();
    void jsonToAFile();
    void aStepRunsAndDrawsItsProjection();
    void aSpeedupStepRunsTheLoopFirst();
    void badInput_data();
    void badInput();
};

void TstLessonCommand::sheetListsEveryStep()
{
    const Outcome r = runLab({u"lesson"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    const auto &plan = lab::lessonPlan();
    for (std::size_t i = 0; i < plan.size(); ++i)
        QVERIFY2(r.stdOut().contains(u"%1. %2 (%3)"_s.arg(i + 1).arg(QString::fromStdString(plan[i].title),
                                                                    QString::fromStdString(plan[i].experiment))),
                 qPrintable(QString::fromStdString(plan[i].experiment)));
    QVERIFY(r.stdOut().contains(u"Decided by: wall time / one sleep"_s));
    QVERIFY(r.err.isEmpty()); // no display, no QApplication: nothing on standard error
}

void TstLessonCommand::jsonIsThePlan()
{
    const Outcome r = runLab({u"lesson"_s, u"--json"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    QJsonParseError error{};
    const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.value(u"lesson_cores"_s).toInt(), lab::lessonCores);
    QVERIFY(doc.value(u"cores"_s).toInt() >= 1);
    const QJsonArray steps = doc.value(u"steps"_s).toArray();
    QCOMPARE(steps.size(), qsizetype(lab::lessonPlan().size()));
    int asked = 0;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps.at(i).toObject();
        QCOMPARE(s.value(u"step"_s).toInt(), int(i) + 1);
        QCOMPARE(s.value(u"experiment"_s).toString(), QString::fromStdString(lab::lessonPlan()[std::size_t(i)].experiment));
        const QJsonObject figure = s.value(u"lesson_figure"_s).toObject();
        QVERIFY(figure.value(u"value"_s).isDouble() && !figure.value(u"text"_s).toString().isEmpty());
        QCOMPARE(figure.value(u"cores"_s).toInt(), 8);
        if (s.value(u"question"_s).isNull()) {
            QVERIFY(s.value(u"decided_by"_s).isNull());
            continue;
        }
        ++asked;
        const QJsonArray choices = s.value(u"choices"_s).toArray();
        QVERIFY(choices.size() >= 2 && choices.size() <= 4);
        QVERIFY(!s.value(u"decided_by"_s).toString().isEmpty());
        const int answer = figure.value(u"answer"_s).toInt();
        QVERIFY(answer >= 1 && answer <= choices.size());
    }
    QCOMPARE(asked, int(steps.size()) - 1); // all but the loop's, which measures T1
    // The lesson's answer for processes: the cores share the work.
    QCOMPARE(steps.at(9).toObject().value(u"lesson_figure"_s).toObject().value(u"answer"_s).toInt(), 2);
}

void TstLessonCommand::jsonToAFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"plan.json"_s);
    const Outcome r = runLab({u"lesson"_s, u"--json"_s, file});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    QVERIFY(r.out.isEmpty());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"steps"_s).toArray().size(), qsizetype(lab::lessonPlan().size()));
}

void TstLessonCommand::aStepRunsAndDrawsItsProjection()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(u"step2.png"_s);
    const Outcome r = runLab({u"lesson"_s, u"--step"_s, u"2"_s, u"--sleep-ms"_s, u"50"_s, u"--png"_s, png, u"--lecture"_s,
                              u"--size"_s, u"1280x720"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    QVERIFY2(r.stdOut().startsWith(u"Step 2 of 15  ·  Sleepers in threads\n"_s), r.describe().constData());
    // Five threads of one 50 ms sleep each: the run decides "about one sleep", in the run's own seconds.
    QVERIFY2(r.stdOut().contains(u"The run says 1 (about 0.05 s: one sleep)."_s), r.describe().constData());
    QVERIFY(r.stdOut().contains(u"the lesson, 8 cores: 1.0 × one sleep"_s));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 720));
}

void TstLessonCommand::aSpeedupStepRunsTheLoopFirst()
{
    const Outcome r = runLab({u"lesson"_s, u"--step"_s, u"9"_s, u"--tasks"_s, u"4"_s, u"--n"_s, u"20000"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    const QStringList lines = r.stdOut().split(u'\n');
    QVERIFY2(lines.size() > 4, r.describe().constData());
    QVERIFY2(lines.at(1).startsWith(u"factorial-sequential: wall time"_s), r.describe().constData());
    QVERIFY2(lines.at(2).startsWith(u"factorial-threads: wall time"_s), r.describe().constData());
    QVERIFY2(lines.at(2).contains(u"n = 20000"_s), r.describe().constData()); // the loop's workload
    // This machine's figure, measured against the loop that just ran.
    static const QRegularExpression here(u"^here, \\d+ cores?: \\d+\\.\\d\\d × T1$"_s, QRegularExpression::MultilineOption);
    QVERIFY2(here.match(r.stdOut()).hasMatch(), r.describe().constData());
}

void TstLessonCommand::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("step 0") << QStringList{u"lesson"_s, u"--step"_s, u"0"_s} << u"--step"_s;
    QTest::newRow("step 16") << QStringList{u"lesson"_s, u"--step"_s, u"16"_s} << u"1–15"_s;
    QTest::newRow("png without a step") << QStringList{u"lesson"_s, u"--png"_s, u"x.png"_s} << u"--png needs --step K"_s;
    QTest::newRow("a value without a step") << QStringList{u"lesson"_s, u"--tasks"_s, u"3"_s} << u"--tasks needs --step K"_s;
    QTest::newRow("json and a step") << QStringList{u"lesson"_s, u"--json"_s, u"--step"_s, u"2"_s} << u"give one of them"_s;
    QTest::newRow("an argument") << QStringList{u"lesson"_s, u"two"_s} << u"unexpected argument 'two'"_s;
    QTest::newRow("a foreign option") << QStringList{u"lesson"_s, u"--trace"_s, u"t.json"_s} << u"--trace does not apply"_s;
    QTest::newRow("an option its experiment lacks") << QStringList{u"lesson"_s, u"--step"_s, u"2"_s, u"--n"_s, u"5"_s}
                                                    << u"--n"_s;
}

void TstLessonCommand::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QProcessEnvironment env = headlessEnvironment();
    const Outcome r = runLab(arguments, processTimeoutMs, env);
    VERIFY_RAN(r);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.stdErr().contains(expected), r.describe().constData());
}

QTEST_GUILESS_MAIN(TstLessonCommand)
#include "tst_lessoncommand.moc"
