#include "Catalog.h"
#include "Sweep.h"

#include <QTest>

#include <set>

using namespace lab;

class tst_Catalog : public QObject
{
    Q_OBJECT

private slots:
    void holdsTheLessonsExperiments();
    void parse_data();
    void parse();
    void defaultsMatchTheStruct();
    void rolesAnswerWhatTheCodeAsks();
};

void tst_Catalog::holdsTheLessonsExperiments()
{
    const char *expected[] = {"sleep-sequential", "sleep-threads", "sleep-coarse-lock", "sleep-fine-lock",
                              "sleeper-run", "sleeper-start", "sleeper-lock"};
    std::set<std::string> ids;
    for (const auto &info : catalog()) {
        QVERIFY2(ids.insert(info.id).second, info.id.c_str());
        QVERIFY(!info.description.empty());
        for (const auto &key : info.params)
            QVERIFY2(findParam(key), key.c_str());
    }
    for (const char *id : expected)
        QVERIFY2(findExperiment(id), id);
    QVERIFY(!findExperiment("sleep-nothing"));
}

void tst_Catalog::parse_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("value");     // expected value when valid
    QTest::addColumn<QString>("error"); // expected message fragment; empty when valid

    QTest::newRow("tasks min") << "tasks" << "1" << 1 << "";
    QTest::newRow("tasks max") << "tasks" << "512" << 512 << "";
    QTest::newRow("tasks zero") << "tasks" << "0" << 0 << "--tasks: 0 is out of range; allowed 1–512";
    QTest::newRow("tasks above") << "tasks" << "513" << 0 << "--tasks: 513 is out of range; allowed 1–512";
    QTest::newRow("tasks word") << "tasks" << "five" << 0 << "--tasks: 'five' is not a whole number; allowed 1–512";
    QTest::newRow("tasks trailing") << "tasks" << "5x" << 0 << "is not a whole number";
    QTest::newRow("tasks empty") << "tasks" << "" << 0 << "is not a whole number";
    QTest::newRow("tasks huge") << "tasks" << "99999999999999999999" << 0 << "is out of range";
    QTest::newRow("sleep max") << "sleep-ms" << "10000" << 10000 << "";
    QTest::newRow("sleep above") << "sleep-ms" << "10001" << 0 << "--sleep-ms: 10001 is out of range; allowed 1–10000 ms";
    QTest::newRow("sleep negative") << "sleep-ms" << "-5" << 0 << "allowed 1–10000 ms";
    QTest::newRow("write zero") << "write-us" << "0" << 0 << "";
    QTest::newRow("write above") << "write-us" << "100001" << 0 << "allowed 0–100000 µs";
}

void tst_Catalog::parse()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(int, value);
    QFETCH(QString, error);
    const ParamSpec *spec = findParam(key.toStdString());
    QVERIFY(spec);
    int parsed = -12345;
    const auto message = spec->parse(text.toStdString(), parsed);
    if (error.isEmpty()) {
        QVERIFY2(!message, message ? message->c_str() : "");
        QCOMPARE(parsed, value);
    } else {
        QVERIFY(message);
        QVERIFY2(QString::fromStdString(*message).contains(error), message->c_str());
        QCOMPARE(parsed, -12345); // untouched on error
    }
}

void tst_Catalog::defaultsMatchTheStruct()
{
    const ExperimentParams defaults;
    for (const auto &spec : paramSpecs()) {
        QCOMPARE(defaults.*spec.field, spec.defaultValue);
        QVERIFY(!spec.check(spec.defaultValue));
    }
    QCOMPARE(defaults.tasks, 5);
    QCOMPARE(defaults.sleepMs, 100);
}

// The questions the rest of the code asks of an experiment, answered by the catalog.
void tst_Catalog::rolesAnswerWhatTheCodeAsks()
{
    // Each group with a sequential run measures its speedups against it, and only it.
    QCOMPARE(baselineOf(*findExperiment("sleep-threads"))->id, std::string("sleep-sequential"));
    QCOMPARE(baselineOf(*findExperiment("factorial-process-pool"))->id, std::string("factorial-sequential"));
    QCOMPARE(baselineOf(*findExperiment("factorial-sequential"))->id, std::string("factorial-sequential"));
    QVERIFY(!baselineOf(*findExperiment("pool-order"))); // nothing to measure it against
    for (const ExperimentInfo &info : catalog())
        if (info.role == ExperimentRole::Baseline)
            QCOMPARE(info.workers, WorkerKind::None); // a baseline is sequential
    // A sweep runs its pool's map experiment.
    QCOMPARE(sweepExperiment(PoolKind::Process).id, std::string("factorial-process-pool"));
    QCOMPARE(sweepExperiment(PoolKind::Thread).id, std::string("factorial-thread-pool"));
    QCOMPARE(sweepPoolOf(*findExperiment("factorial-threads")), PoolKind::Thread);
    QCOMPARE(sweepPoolOf(*findExperiment("factorial-thread-pool")), PoolKind::Thread);
    QCOMPARE(sweepPoolOf(*findExperiment("factorial-processes")), PoolKind::Process);
    QCOMPARE(sweepPoolOf(*findExperiment("sleep-threads")), PoolKind::Process); // I/O-bound: the lesson sweeps processes
    QCOMPARE(sweepPoolOf(*findExperiment("pool-order")), PoolKind::Process);
}

QTEST_GUILESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"
