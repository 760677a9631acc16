// The Python pane's rule: its snippet is the program the engine runs, and it runs.
// Each snippet is run in CPython with small values and must print the same
// kinds of lines as the engine's run of the same experiment.
#include "Catalog.h"
#include "ExperimentRun.h"
#include "LabResources.h"
#include "PythonPane.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

// Small enough for CPython to run every row in seconds, big enough for real work.
constexpr int smallTasks = 4;
constexpr int smallN = 2000;
constexpr int smallWorkers = 2;
constexpr int pythonTimeoutMs = 120'000;

QString python()
{
    return QStandardPaths::findExecutable(u"python3"_s);
}

struct PythonRun
{
    QStringList lines; // stdout, split as the engine's console splits it
    QString failure;   // why it did not run to a clean exit; empty if it did
};

// Lines as the engine's Console::lines() makes them: a trailing line end ends the last line.
QStringList screenLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

PythonRun runPython(const QString &code, const QString &fileName)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return {{}, u"no temporary directory: "_s + dir.errorString()};
    QFile file(dir.filePath(fileName));
    if (!file.open(QIODevice::WriteOnly) || file.write(code.toUtf8()) < 0)
        return {{}, u"cannot write "_s + file.fileName()};
    file.close();

    QProcess process;
    process.setWorkingDirectory(dir.path());
    // Python's own default buffering (a pipe here): the engine's runs below are line-buffered to match.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"PYTHONUNBUFFERED"_s);
    process.setProcessEnvironment(env);
    process.start(python(), {file.fileName()});
    if (!process.waitForFinished(pythonTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {{}, u"python3 did not finish within %1 s"_s.arg(pythonTimeoutMs / 1000)};
    }
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {{}, u"python3 exited with %1:\n%2"_s.arg(process.exitCode()).arg(QString::fromUtf8(process.readAllStandardError()))};
    return {screenLines(out), {}};
}

// The kind of a line: every number (int, float, 1.5e-05) as '#'.
QStringList kinds(QStringList lines)
{
    static const QRegularExpression number(uR"(\d+(\.\d+)?(e[-+]?\d+)?)"_s);
    for (QString &line : lines)
        line.replace(number, u"#"_s);
    return lines;
}

QStringList engineLines(const RunResult &r)
{
    QStringList lines;
    for (const std::string &line : r.console)
        lines << QString::fromStdString(line);
    return lines;
}

// pool-order's first line: each id 0-9 printed once, as "id, ".
QString checkPrintedIds(const QString &line)
{
    static const QRegularExpression shape(uR"(^(\d+, ){10}$)"_s);
    if (!shape.match(line).hasMatch())
        return u"not ten \"id, \": \"%1\""_s.arg(line);
    QList<int> ids;
    for (const QString &id : line.split(u", "_s, Qt::SkipEmptyParts))
        ids << id.trimmed().toInt();
    std::sort(ids.begin(), ids.end());
    if (ids != QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
        return u"not the ids 0-9 once each: \"%1\""_s.arg(line);
    return {};
}

ExperimentParams smallParams(const ExperimentInfo &info, int poolApi, int startMethod)
{
    ExperimentParams params = defaultParams(info);
    if (info.id != "pool-order")
        params.tasks = smallTasks; // pool-order keeps its 71: the lesson's first ten ids must be among them
    params.n = smallN;
    if (usesParam(info, "workers"))
        params.workers = smallWorkers;
    params.poolApi = poolApi;
    params.startMethod = startMethod;
    params.writeUs = 0;
    params.sleepMs = 50;   // long enough that every thread has started before the first one finishes
    params.stdoutMode = 0; // line-buffered, as CPython's stdout to a pipe: whole lines on both sides
    return params;
}

} // namespace

class TstSnippets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void snippetPrintsWhatTheEnginePrints_data();
    void snippetPrintsWhatTheEnginePrints();
    void sweepRuns();
};

void TstSnippets::initTestCase()
{
    initResources();
    // A missing python3 is a broken set-up, not a reason to skip: this test is the rule's only check.
    if (python().isEmpty())
        QFAIL("python3 is not on PATH: the Python pane's snippets are checked against CPython. "
              "Install it (./lab setup does) and run the test again.");
}

void TstSnippets::snippetPrintsWhatTheEnginePrints_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("poolApi");
    QTest::addColumn<int>("startMethod");
    QTest::addColumn<int>("chunksize");
    for (const ExperimentInfo &info : catalog()) {
        if (isSweep(info))
            continue; // sweepRuns
        const int apis = usesParam(info, "pool-api") ? 2 : 1;
        const int methods = startsProcesses(info) ? 2 : 1;
        for (int api = 0; api < apis; ++api) {
            for (int method = 0; method < methods; ++method) {
                QString name = QString::fromStdString(info.id);
                if (apis > 1)
                    name += api == 0 ? u" Pool"_s : u" executor"_s;
                if (methods > 1)
                    name += method == 0 ? u" fork"_s : u" spawn"_s;
                QTest::newRow(qPrintable(name)) << QString::fromStdString(info.id) << api << method << 0;
            }
        }
    }
    // map(..., chunksize=K) as the pane writes it, in both APIs.
    QTest::newRow("pool-order Pool chunksize 3") << u"pool-order"_s << 0 << 0 << 3;
    QTest::newRow("factorial-process-pool executor chunksize 2") << u"factorial-process-pool"_s << 1 << 0 << 2;
}

void TstSnippets::snippetPrintsWhatTheEnginePrints()
{
    QFETCH(QString, id);
    QFETCH(int, poolApi);
    QFETCH(int, startMethod);
    QFETCH(int, chunksize);
    const ExperimentInfo *info = findExperiment(id.toStdString());
    QVERIFY(info);
    ExperimentParams params = smallParams(*info, poolApi, startMethod);
    params.chunksize = chunksize;
    const QString name = PythonPane::snippetName(id, params);
    if (poolApi == 1)
        QCOMPARE(name, id + u"-executor"_s);
    const QString code = PythonPane::withValues(PythonPane::snippet(name), params);
    QVERIFY2(!code.isEmpty(), qPrintable(name));
    if (chunksize > 0)
        QVERIFY(code.contains(u", chunksize=%1)"_s.arg(chunksize)));

    const PythonRun cpython = runPython(code, name + u".py"_s);
    QVERIFY2(cpython.failure.isEmpty(), qPrintable(name + u".py: "_s + cpython.failure + u"\n"_s + code));
    const RunResult engine = ExperimentRun::runToEnd(id.toStdString(), params);
    QCOMPARE(QString::fromStdString(engine.error), QString());
    const QStringList engineConsole = engineLines(engine);

    if (id == u"pool-order"_s) {
        // The order of the ids is the run's; that each prints once and the results come back in order is not.
        for (const auto &[who, lines] : {std::pair{u"CPython"_s, cpython.lines}, std::pair{u"engine"_s, engineConsole}}) {
            QVERIFY2(lines.size() == 2, qPrintable(who + u": "_s + lines.join(u'\n')));
            const QString ids = checkPrintedIds(lines[0]);
            QVERIFY2(ids.isEmpty(), qPrintable(who + u": "_s + ids));
            QCOMPARE(lines[1], u"(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)"_s);
        }
        return;
    }
    QCOMPARE(kinds(cpython.lines), kinds(engineConsole));
    // Every cell ends as the lesson's do; the I/O-bound ones print each task's two lines first.
    QStringList expected;
    if (info->group == ExperimentGroup::IoBound)
        expected = kinds(engineConsole).mid(0, 2 * params.tasks);
    expected << QString() << u"Time spent inside the loop: # seconds."_s;
    QCOMPARE(kinds(cpython.lines), expected);
    for (const QString &line : expected.mid(0, expected.size() - 2))
        QVERIFY2(line == u"Task #: starting. "_s || line == u"Task #: finishing. "_s, qPrintable(line));
}

void TstSnippets::sweepRuns()
{
    // Run, not only compiled: sweep.py with pools of 1 and 2 workers (MAX_WORKERS = 2) and tiny factorials.
    // The engine's sweep prints a table of its own, not a console, so only CPython's lines are checked.
    ExperimentParams params;
    params.tasks = smallTasks;
    params.n = smallN;
    QString code = PythonPane::withValues(PythonPane::snippet(QString::fromStdString(sweepEntry().id)), params);
    static const QRegularExpression maxWorkers(uR"(^MAX_WORKERS = \d+$)"_s, QRegularExpression::MultilineOption);
    QVERIFY(code.contains(maxWorkers));
    code.replace(maxWorkers, u"MAX_WORKERS = 2"_s);
    const PythonRun cpython = runPython(code, u"worker-sweep.py"_s);
    QVERIFY2(cpython.failure.isEmpty(), qPrintable(cpython.failure));
    QCOMPARE(cpython.lines.size(), 2);
    static const QRegularExpression line(uR"(^\[(\d+) workers\] Time spent inside the loop: \S+ seconds\.$)"_s);
    for (int i = 0; i < 2; ++i) {
        const QRegularExpressionMatch m = line.match(cpython.lines[i]);
        QVERIFY2(m.hasMatch(), qPrintable(cpython.lines[i]));
        QCOMPARE(m.captured(1).toInt(), 1 << i);
    }
}

QTEST_MAIN(TstSnippets)
#include "tst_snippets.moc"
