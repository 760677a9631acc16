// The command line, end to end: runs the real concurrency-lab executable with
// QProcess and checks its exit codes, standard output and error, and the files
// it writes (or must not leave behind).
#include "LabProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QImage>
#include <QTest>

#include <csignal>
#include <sstream>
#include <fstream>
#include <filesystem>
#include <set>
#include <signal.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QStringList experimentIds = {
    u"sleep-sequential"_s, u"sleep-threads"_s, u"sleep-coarse-lock"_s, u"sleep-fine-lock"_s,
    u"sleeper-run"_s,      u"sleeper-start"_s, u"sleeper-lock"_s,
    u"factorial-sequential"_s, u"factorial-threads"_s, u"factorial-processes"_s, u"factorial-map"_s,
    u"factorial-thread-pool"_s, u"factorial-process-pool"_s, u"pool-order"_s, u"worker-sweep"_s,
};

QJsonObject readJsonObject(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot open '%1': %2"_s.arg(path, file.errorString());
        return {};
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"'%1' is not valid JSON: %2 at %3"_s.arg(path, parseError.errorString()).arg(parseError.offset);
        return {};
    }
    if (!doc.isObject()) {
        *error = u"'%1' is not a JSON object"_s.arg(path);
        return {};
    }
    return doc.object();
}

QStringList dirEntries(const QString &path)
{
    QStringList entries = QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    entries.sort();
    return entries;
}

QStringList nonEmptyLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    lines.removeAll(QString());
    return lines;
}

// A guard that kills the process if it still runs when the test returns, so a failed check leaves none behind.
auto killedAtEnd(QProcess &process)
{
    return qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5'000);
        }
    });
}

// What the process prints on stdout until `marker` appears, it exits, or the timeout passes.
QByteArray readStdoutUntil(QProcess &process, const QByteArray &marker)
{
    QByteArray out;
    QDeadlineTimer deadline(processTimeoutMs);
    while (!out.contains(marker) && !deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 1'000))));
        out += process.readAllStandardOutput();
    }
    return out;
}

} // namespace


class tst_CommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void list();
    void help();
    void badInput_data();
    void badInput();
    void runQuietWritesSummaryAndTrace();
    void summaryToStandardOutput();
    void consoleLines();
    void interruptCancelsAndWritesSummary_data();
    void interruptCancelsAndWritesSummary();
    void interruptDuringQtStartUpCancels_data();
    void interruptDuringQtStartUpCancels();
    void closedStandardOutputStopsTheRun();
    void specialFileIsWrittenInPlace();
    void writeErrorOnADeviceIsReported_data();
    void writeErrorOnADeviceIsReported();
    void deviceNodeIsNotReplaced();
    void fullDiskLeavesNoFile_data();
    void fullDiskLeavesNoFile();
    void exportWritesBothImagesOrNeither();
    void fifoWithoutAReaderCanBeInterrupted();
    void addressSpaceLimitIsCheckedBeforeTheRun();
    void aSavedRunExportsTheSamePicture();
    void aBadSavedRunIsRefused_data();
    void aBadSavedRunIsRefused();
    void processPoolSummaryTellsTheStory();
    void sweepWritesCsvAndJson();
    void exportWritesImagesWithoutADisplay();
    void ctrlCToTheWholeGroupCancelsAPoolOfWorkers_data();
    void ctrlCToTheWholeGroupCancelsAPoolOfWorkers();
};

void tst_CommandLine::ctrlCToTheWholeGroupCancelsAPoolOfWorkers_data()
{
    QTest::addColumn<QString>("startMethod");
    QTest::newRow("fork") << u"fork"_s;
    QTest::newRow("spawn") << u"spawn"_s;
}

// A terminal's Ctrl+C reaches the whole foreground process group: the run is
// cancelled (130), not reported as workers that died, and no worker is left.
void tst_CommandLine::ctrlCToTheWholeGroupCancelsAPoolOfWorkers()
{
    QFETCH(QString, startMethod);
    QTemporaryDir tmp;
    const QString summaryPath = tmp.filePath(u"summary.json"_s);
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.setChildProcessModifier([] { ::setpgid(0, 0); }); // its own group, as a shell job would be
    process.start(executable(), {u"run"_s, u"factorial-process-pool"_s, u"--workers"_s, u"2"_s, u"--n"_s, u"2000000"_s,
                                 u"--start-method"_s, startMethod, u"--summary"_s, summaryPath});
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    auto cleanup = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            ::kill(-pid_t(process.processId()), SIGKILL);
            process.waitForFinished(5'000);
        }
    });
    const pid_t group = pid_t(process.processId());
    // Wait until both workers run, then interrupt the whole group.
    auto workers = [group] {
        int count = 0;
        for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
            std::ifstream stat(entry.path() / "stat");
            std::string line;
            if (!std::getline(stat, line) || line.rfind(')') == std::string::npos)
                continue;
            std::istringstream rest(line.substr(line.rfind(')') + 1));
            std::string state;
            long ppid = 0;
            rest >> state >> ppid;
            count += ppid == group;
        }
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(workers(), 2, 20000);
    QCOMPARE(::kill(-group, SIGINT), 0);
    QVERIFY2(process.waitForFinished(processTimeoutMs), "the run did not finish after Ctrl+C");
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, err.constData());
    QVERIFY2(process.exitCode() == 130, ("exit code " + QByteArray::number(process.exitCode()) + "\n" + err).constData());
    QVERIFY2(!err.contains("killed by signal"), err.constData());
    QString error;
    const QJsonObject summary = readJsonObject(summaryPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(summary.value(u"cancelled"_s).toBool(false), true);
    QVERIFY(summary.value(u"failed"_s).toArray().isEmpty());
}

void tst_CommandLine::exportWritesImagesWithoutADisplay()
{
    QTemporaryDir tmp;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        env.remove(name);
    const QString timeline = tmp.filePath(u"timeline.png"_s), chart = tmp.filePath(u"chart.svg"_s);
    const Outcome r = runLab({u"export"_s, u"factorial-process-pool"_s, u"--tasks"_s, u"4"_s, u"--n"_s, u"3000"_s, u"--png"_s, timeline,
                              u"--chart"_s, chart, u"--sweep-workers"_s, u"1,2"_s, u"--size"_s, u"800x600"_s, u"--scale"_s, u"2"_s,
                              u"--lecture"_s},
                             processTimeoutMs, env);
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    const QImage image(timeline);
    QCOMPARE(image.size(), QSize(1600, 1200)); // 800x600 at scale 2
    // Not blank: a real timeline has many colours.
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));
    QFile svg(chart);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray content = svg.readAll();
    QVERIFY(content.contains("<svg"));
    QVERIFY(content.contains("process pool"));
}

void tst_CommandLine::processPoolSummaryTellsTheStory()
{
    const Outcome r = runLab({u"run"_s, u"factorial-process-pool"_s, u"--tasks"_s, u"6"_s, u"--n"_s, u"5000"_s, u"--workers"_s, u"2"_s,
                              u"--summary"_s, u"-"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(!summary.isEmpty(), r.describe().constData());
    const QJsonArray results = summary.value(u"results"_s).toArray();
    QCOMPARE(results.size(), 6);
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(results[i].toObject().value(u"task"_s).toInt(-1), i);
        QCOMPARE(results[i].toObject().value(u"digits"_s).toInteger(), 16326); // 5000! has 16326 digits
    }
    QCOMPARE(summary.value(u"completion_order"_s).toArray().size(), 6);
    QCOMPARE(summary.value(u"start_method"_s).toString(), u"fork"_s);
    QVERIFY(summary.value(u"failed"_s).isArray());
    QVERIFY(summary.value(u"failed"_s).toArray().isEmpty());
    QVERIFY(summary.value(u"gil"_s).toObject().contains(u"handoffs"_s));
    QCOMPARE(summary.value(u"params"_s).toObject().value(u"start-method"_s).toString(), u"fork"_s);
    int workers = 0, computing = 0;
    const qint64 ownPid = summary.value(u"lanes"_s).toArray().first().toObject().value(u"pid"_s).toInteger();
    for (const QJsonValue &lane : summary.value(u"lanes"_s).toArray()) {
        const QJsonObject l = lane.toObject();
        if (l.value(u"kind"_s).toString() != u"process"_s)
            continue;
        ++workers;
        QVERIFY(l.value(u"name"_s).toString().startsWith(u"ForkPoolWorker-"_s));
        QVERIFY(l.value(u"pid"_s).toInteger() != ownPid);
        // A worker that was still starting when the others had taken every chunk computed nothing, as in CPython.
        if (l.contains(u"cpu_s"_s)) {
            QVERIFY(l.value(u"cpu_s"_s).toDouble(-1) >= 0);
            ++computing;
        }
    }
    QCOMPARE(workers, 2);
    QVERIFY(computing >= 1);
}

void tst_CommandLine::sweepWritesCsvAndJson()
{
    QTemporaryDir tmp;
    const Outcome r = runLab({u"sweep"_s, u"--workers"_s, u"1,2,4"_s, u"--tasks"_s, u"4"_s, u"--n"_s, u"2000"_s, u"--repeat"_s, u"3"_s,
                              u"--csv"_s, tmp.filePath(u"s.csv"_s), u"--json"_s, tmp.filePath(u"s.json"_s)});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    // The table: one row per worker count, after a header.
    QVERIFY2(r.stdOut().contains(u"workers"_s) && r.stdOut().contains(u"efficiency"_s), r.describe().constData());
    for (const QString &w : {u"1"_s, u"2"_s, u"4"_s})
        QVERIFY2(r.stdOut().contains(QRegularExpression(u"^\\s+"_s + w + u"\\s+\\d+\\.\\d{3}\\s"_s, QRegularExpression::MultilineOption)),
                 r.describe().constData());
    QFile csv(tmp.filePath(u"s.csv"_s));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(csv.readAll()).trimmed().split(u'\n');
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0], u"workers,wall_s,ideal_s,speedup,efficiency,repeats_s"_s);
    QVERIFY(rows[1].startsWith(u"1,"_s));
    QCOMPARE(rows[1].split(u',').at(3), u"1.0000"_s); // T1 against itself
    QCOMPARE(rows[3].split(u',').last().split(u';').size(), 3);
    QFile jsonFile(tmp.filePath(u"s.json"_s));
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(json.value(u"pool"_s).toString(), u"process"_s);
    QCOMPARE(json.value(u"points"_s).toArray().size(), 3);
    QVERIFY(json.value(u"t1_s"_s).toDouble() > 0);
    QVERIFY(json.value(u"cpu_count"_s).toInt() >= 1);
    const QJsonObject two = json.value(u"points"_s).toArray().at(1).toObject();
    QCOMPARE(two.value(u"workers"_s).toInt(), 2);
    const double t1 = json.value(u"t1_s"_s).toDouble();
    QVERIFY(qAbs(two.value(u"speedup"_s).toDouble() - t1 / two.value(u"wall_s"_s).toDouble()) < 1e-3);
}

void tst_CommandLine::initTestCase()
{
    QVERIFY2(QFileInfo(executable()).isExecutable(), qPrintable(u"not an executable: "_s + executable()));
}

void tst_CommandLine::list()
{
    const Outcome r = runLab({u"--list"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    QVERIFY2(r.err.isEmpty(), r.describe().constData());

    const QStringList lines = r.stdOut().split(u'\n');
    for (const QString &id : experimentIds) {
        // "  <id>   <description>": the id as a whole word, then text on the same line.
        const QRegularExpression line(u"^\\s+"_s + QRegularExpression::escape(id) + u"\\s+(\\S.*)$"_s);
        int found = 0;
        QString description;
        for (const QString &l : lines) {
            const auto match = line.match(l);
            if (match.hasMatch()) {
                ++found;
                description = match.captured(1).trimmed();
            }
        }
        QVERIFY2(found == 1, qPrintable(u"id '%1' found on %2 lines of --list:\n%3"_s.arg(id).arg(found).arg(r.stdOut())));
        QVERIFY2(description.size() >= 10, qPrintable(u"id '%1' has no real description: '%2'"_s.arg(id, description)));
    }
    // No experiment listed that the lesson does not know.
    const QRegularExpression anyId(u"^\\s+([a-z]+(?:-[a-z]+)+)\\s+\\S"_s);
    for (const QString &l : lines) {
        const auto match = anyId.match(l);
        if (match.hasMatch())
            QVERIFY2(experimentIds.contains(match.captured(1)), qPrintable(u"unexpected id in --list: "_s + l));
    }
}

void tst_CommandLine::help()
{
    const Outcome r = runLab({u"--help"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    const QString out = r.stdOut();
    for (const QString &option : {u"--list"_s, u"--tasks"_s, u"--sleep-ms"_s, u"--write-us"_s, u"--trace"_s,
                                  u"--summary"_s, u"--quiet"_s}) {
        // An option line of the Options section: "  [-x, ]--option [<VALUE>]  help text".
        const QRegularExpression optionLine(u"^\\s+(?:-\\w, )?"_s + QRegularExpression::escape(option)
                                                + u"(?: <[^>]+>)?(?:\\s|$)"_s,
                                            QRegularExpression::MultilineOption);
        QVERIFY2(optionLine.match(out).hasMatch(), qPrintable(u"--help does not describe %1:\n%2"_s.arg(option, out)));
    }
    // The allowed ranges are documented too.
    QVERIFY2(out.contains(u"1–512"_s), qPrintable(out));
    QVERIFY2(out.contains(u"1–10000"_s), qPrintable(out));
    QVERIFY2(out.contains(u"0–100000"_s), qPrintable(out));
}

// Arguments may hold "{tmp}", replaced by a fresh temporary directory; "makeDir"
// names a directory the test creates there first. After the run that directory
// must hold exactly what the test created: no output file, no temporary file.
void tst_CommandLine::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expectedInMessage");
    QTest::addColumn<QString>("makeDir");

    const QString summary = u"--summary"_s;
    const QString summaryFile = u"{tmp}/summary.json"_s;

    QTest::newRow("unknown id") << QStringList{u"run"_s, u"nope"_s, summary, summaryFile}
                                << QStringList{u"unknown experiment 'nope'"_s, u"sleep-sequential"_s, u"sleep-threads"_s,
                                               u"sleeper-lock"_s}
                                << QString();
    QTest::newRow("run without id") << QStringList{u"run"_s, summary, summaryFile}
                                    << QStringList{u"no experiment given"_s, u"sleep-sequential"_s, u"sleeper-lock"_s}
                                    << QString();
    QTest::newRow("run the sweep") << QStringList{u"run"_s, u"worker-sweep"_s, summary, summaryFile}
                                   << QStringList{u"worker-sweep is the worker-count sweep"_s, u"concurrency-lab sweep"_s}
                                   << QString();
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s, u"sleep-threads"_s}
                                     << QStringList{u"unknown command 'frobnicate'"_s, u"run"_s} << QString();
    QTest::newRow("unknown option") << QStringList{u"run"_s, u"sleep-threads"_s, u"--bogus"_s, summary, summaryFile}
                                    << QStringList{u"nknown option"_s, u"bogus"_s} << QString();
    QTest::newRow("tasks 0") << QStringList{u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"0"_s, summary, summaryFile}
                             << QStringList{u"--tasks"_s, u"out of range"_s, u"1–512"_s} << QString();
    QTest::newRow("tasks 513") << QStringList{u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"513"_s, summary, summaryFile}
                               << QStringList{u"--tasks"_s, u"513"_s, u"out of range"_s, u"1–512"_s} << QString();
    QTest::newRow("tasks abc") << QStringList{u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"abc"_s, summary, summaryFile}
                               << QStringList{u"--tasks"_s, u"'abc'"_s, u"not a whole number"_s, u"1–512"_s} << QString();
    QTest::newRow("sleep-ms 0") << QStringList{u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"0"_s, summary, summaryFile}
                                << QStringList{u"--sleep-ms"_s, u"out of range"_s, u"1–10000"_s} << QString();
    QTest::newRow("sleep-ms 10001")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"10001"_s, summary, summaryFile}
        << QStringList{u"--sleep-ms"_s, u"10001"_s, u"out of range"_s, u"1–10000"_s} << QString();
    QTest::newRow("write-us -1") << QStringList{u"run"_s, u"sleep-threads"_s, u"--write-us"_s, u"-1"_s, summary, summaryFile}
                                 << QStringList{u"--write-us"_s, u"-1"_s, u"out of range"_s, u"0–100000"_s} << QString();
    QTest::newRow("scale nan") << QStringList{u"export"_s, u"sleep-threads"_s, u"--png"_s, u"{tmp}/t.png"_s, u"--scale"_s, u"nan"_s}
                               << QStringList{u"--scale"_s, u"'nan'"_s, u"1–3"_s} << QString();
    QTest::newRow("file name too long")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--summary"_s, u"{tmp}/"_s + QString(300, u'a') + u".json"_s}
        << QStringList{u"--summary"_s, u"File name too long"_s} << QString();
    for (const QString &bad : {u" 5"_s, u"5 "_s, u"+5"_s})
        QTest::addRow("calibrate-ms '%s'", qPrintable(bad))
            << QStringList{u"run"_s, u"factorial-threads"_s, u"--calibrate-ms"_s, bad, summary, summaryFile}
            << QStringList{u"--calibrate-ms"_s, u"not a whole number"_s, u"1–60000 ms"_s} << QString();
    QTest::newRow("n ' 5'") << QStringList{u"run"_s, u"factorial-threads"_s, u"--n"_s, u" 5"_s, summary, summaryFile}
                            << QStringList{u"--n"_s, u"not a whole number"_s} << QString();
    QTest::newRow("repeat '2 '") << QStringList{u"sweep"_s, u"--repeat"_s, u"2 "_s}
                                 << QStringList{u"--repeat"_s, u"not a whole number"_s, u"1–99"_s} << QString();
    QTest::newRow("trace into missing directory")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--trace"_s, u"{tmp}/missing/trace.json"_s}
        << QStringList{u"--trace"_s, u"cannot write"_s, u"missing/trace.json"_s} << QString();
    QTest::newRow("trace names a directory")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--trace"_s, u"{tmp}/adir"_s, summary, summaryFile}
        << QStringList{u"--trace"_s, u"is a directory"_s} << u"adir"_s;
    // The trace file is opened first and is valid: the refused summary must not
    // leave the trace's temporary file behind either.
    QTest::newRow("summary into missing directory")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--trace"_s, u"{tmp}/trace.json"_s, summary,
                       u"{tmp}/missing/summary.json"_s}
        << QStringList{u"--summary"_s, u"cannot write"_s, u"missing/summary.json"_s} << QString();
    QTest::newRow("trace and summary the same file")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--trace"_s, u"{tmp}/same.json"_s, summary, u"{tmp}/same.json"_s}
        << QStringList{u"--trace and --summary"_s, u"same file"_s} << QString();
    QTest::newRow("trace and summary the same file, spelt differently")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--trace"_s, u"{tmp}/same.json"_s, summary, u"{tmp}/./same.json"_s}
        << QStringList{u"--trace and --summary"_s, u"same file"_s} << QString();
    QTest::newRow("option of another experiment")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"--n"_s, u"5"_s, summary, summaryFile}
        << QStringList{u"--n does not apply to sleep-threads"_s, u"--sleep-ms"_s} << QString();
    QTest::newRow("start method unknown")
        << QStringList{u"run"_s, u"factorial-processes"_s, u"--start-method"_s, u"vfork"_s, summary, summaryFile}
        << QStringList{u"--start-method"_s, u"'vfork'"_s, u"fork | spawn"_s} << QString();
    QTest::newRow("gil unknown") << QStringList{u"run"_s, u"factorial-threads"_s, u"--gil"_s, u"maybe"_s, summary, summaryFile}
                                 << QStringList{u"--gil"_s, u"off | on"_s} << QString();
    QTest::newRow("n -1") << QStringList{u"run"_s, u"factorial-sequential"_s, u"--n"_s, u"-1"_s, summary, summaryFile}
                          << QStringList{u"--n"_s, u"out of range"_s, u"0–10000000"_s} << QString();
    QTest::newRow("chunksize 513")
        << QStringList{u"run"_s, u"factorial-process-pool"_s, u"--chunksize"_s, u"513"_s, summary, summaryFile}
        << QStringList{u"--chunksize"_s, u"0–512"_s} << QString();
    QTest::newRow("pool api unknown")
        << QStringList{u"run"_s, u"pool-order"_s, u"--pool-api"_s, u"futures"_s, summary, summaryFile}
        << QStringList{u"--pool-api"_s, u"'futures'"_s, u"pool | executor"_s} << QString();
    QTest::newRow("pool api on a thread pool")
        << QStringList{u"run"_s, u"factorial-thread-pool"_s, u"--pool-api"_s, u"pool"_s, summary, summaryFile}
        << QStringList{u"--pool-api does not apply to factorial-thread-pool"_s} << QString();
    QTest::newRow("interpreter start-up 1001")
        << QStringList{u"run"_s, u"factorial-processes"_s, u"--interpreter-startup-ms"_s, u"1001"_s, summary, summaryFile}
        << QStringList{u"--interpreter-startup-ms"_s, u"0–1000 ms"_s} << QString();
    QTest::newRow("workers 513") << QStringList{u"run"_s, u"factorial-process-pool"_s, u"--workers"_s, u"513"_s, summary, summaryFile}
                                 << QStringList{u"--workers"_s, u"0–512"_s} << QString();
    QTest::newRow("n and calibrate") << QStringList{u"run"_s, u"factorial-sequential"_s, u"--n"_s, u"5"_s, u"--calibrate-ms"_s, u"5"_s, summary, summaryFile}
                                     << QStringList{u"--calibrate-ms and --n"_s} << QString();
    QTest::newRow("calibrate 0") << QStringList{u"run"_s, u"factorial-sequential"_s, u"--calibrate-ms"_s, u"0"_s, summary, summaryFile}
                                 << QStringList{u"--calibrate-ms"_s, u"1–60000"_s} << QString();
    QTest::newRow("too much memory")
        << QStringList{u"run"_s, u"factorial-processes"_s, u"--tasks"_s, u"512"_s, u"--n"_s, u"10000000"_s, summary, summaryFile}
        << QStringList{u"--n"_s, u"MiB"_s} << QString();
    QTest::newRow("sweep workers 0") << QStringList{u"sweep"_s, u"--workers"_s, u"1,0"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                     << QStringList{u"--workers"_s, u"'0'"_s, u"1–512"_s} << QString();
    QTest::newRow("sweep workers twice") << QStringList{u"sweep"_s, u"--workers"_s, u"2,2"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                         << QStringList{u"--workers"_s, u"twice"_s} << QString();
    QTest::newRow("sweep pool") << QStringList{u"sweep"_s, u"--pool"_s, u"fibre"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                << QStringList{u"--pool"_s, u"process | thread"_s} << QString();
    QTest::newRow("sweep repeat") << QStringList{u"sweep"_s, u"--repeat"_s, u"0"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                  << QStringList{u"--repeat"_s, u"1–99"_s} << QString();
    QTest::newRow("sweep gil for processes") << QStringList{u"sweep"_s, u"--gil"_s, u"off"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                             << QStringList{u"--gil"_s, u"--pool thread"_s} << QString();
    QTest::newRow("sweep with a run option") << QStringList{u"sweep"_s, u"--sleep-ms"_s, u"5"_s, u"--csv"_s, u"{tmp}/s.csv"_s}
                                             << QStringList{u"--sleep-ms does not apply to sweep"_s} << QString();
    QTest::newRow("sweep csv into missing directory") << QStringList{u"sweep"_s, u"--csv"_s, u"{tmp}/missing/s.csv"_s}
                                                      << QStringList{u"--csv"_s, u"cannot write"_s} << QString();
    QTest::newRow("run with a sweep option")
        << QStringList{u"run"_s, u"factorial-process-pool"_s, u"--repeat"_s, u"3"_s, summary, summaryFile}
        << QStringList{u"--repeat belongs to the sweep command"_s} << QString();
    QTest::newRow("export without --png") << QStringList{u"export"_s, u"sleep-threads"_s}
                                          << QStringList{u"--png FILE is required"_s} << QString();
    QTest::newRow("export size") << QStringList{u"export"_s, u"sleep-threads"_s, u"--png"_s, u"{tmp}/t.png"_s, u"--size"_s, u"10x10"_s}
                                 << QStringList{u"--size"_s, u"'10x10'"_s, u"320–7680"_s} << QString();
    QTest::newRow("export scale") << QStringList{u"export"_s, u"sleep-threads"_s, u"--png"_s, u"{tmp}/t.png"_s, u"--scale"_s, u"4"_s}
                                  << QStringList{u"--scale"_s, u"1–3"_s} << QString();
    QTest::newRow("export png into missing directory")
        << QStringList{u"export"_s, u"sleep-threads"_s, u"--png"_s, u"{tmp}/missing/t.png"_s}
        << QStringList{u"--png"_s, u"cannot write"_s} << QString();
    QTest::newRow("export sweep workers without chart")
        << QStringList{u"export"_s, u"factorial-process-pool"_s, u"--png"_s, u"{tmp}/t.png"_s, u"--sweep-workers"_s, u"1,2"_s}
        << QStringList{u"--sweep-workers needs --chart"_s} << QString();
    QTest::newRow("extra positional argument")
        << QStringList{u"run"_s, u"sleep-threads"_s, u"extra"_s, summary, summaryFile}
        << QStringList{u"unexpected argument 'extra'"_s} << QString();
}

void tst_CommandLine::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expectedInMessage);
    QFETCH(QString, makeDir);

    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    QStringList expectedEntries;
    if (!makeDir.isEmpty()) {
        QVERIFY(QDir(tmp.path()).mkdir(makeDir));
        expectedEntries << makeDir;
    }
    for (QString &argument : arguments)
        argument.replace(u"{tmp}"_s, tmp.path());

    const Outcome r = runLab(arguments);
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    QVERIFY2(r.out.isEmpty(), qPrintable(u"stdout should be empty:\n"_s + r.stdOut()));
    const QString err = r.stdErr();
    QVERIFY2(!err.trimmed().isEmpty(), "no message on stderr");
    for (const QString &expected : expectedInMessage)
        QVERIFY2(err.contains(expected), qPrintable(u"stderr lacks '%1':\n%2"_s.arg(expected, err)));
    // Refused before any work: no console output, no summary line.
    QVERIFY2(!err.contains(u"Task "_s), qPrintable(err));
    QVERIFY2(!err.contains(u"wall time"_s), qPrintable(err));

    QCOMPARE(dirEntries(tmp.path()), expectedEntries);
    if (!makeDir.isEmpty())
        QCOMPARE(dirEntries(tmp.filePath(makeDir)), QStringList());
}

void tst_CommandLine::runQuietWritesSummaryAndTrace()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QString summaryPath = tmp.filePath(u"summary.json"_s);
    const QString tracePath = tmp.filePath(u"trace.json"_s);

    const Outcome r = runLab({u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"3"_s, u"--sleep-ms"_s, u"50"_s, u"--gil"_s, u"off"_s, u"--summary"_s,
                              summaryPath, u"--trace"_s, tracePath, u"--quiet"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());

    const QString out = r.stdOut();
    QVERIFY2(!out.contains(u"Task "_s), qPrintable(u"--quiet printed console output:\n"_s + out));
    const QStringList lines = nonEmptyLines(out);
    QVERIFY2(lines.size() == 1, qPrintable(u"expected only the summary line:\n"_s + out));
    QVERIFY2(lines.first().startsWith(u"sleep-threads: wall time "_s), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(u"(3 tasks, sleep 50 ms)"_s), qPrintable(lines.first()));
    QVERIFY2(!lines.first().contains(u"cancelled"_s), qPrintable(lines.first()));

    // Only the two requested files, no temporary leftovers.
    QCOMPARE(dirEntries(tmp.path()), (QStringList{u"summary.json"_s, u"trace.json"_s}));

    QString error;
    const QJsonObject summary = readJsonObject(summaryPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &key : {u"experiment"_s, u"params"_s, u"wall_s"_s, u"cpu_count"_s, u"lanes"_s, u"tasks"_s,
                               u"start_order"_s, u"finish_order"_s, u"console"_s, u"event_count"_s, u"cancelled"_s})
        QVERIFY2(summary.contains(key), qPrintable(u"summary lacks key "_s + key));

    QCOMPARE(summary.value(u"experiment"_s).toString(), u"sleep-threads"_s);
    const QJsonObject params = summary.value(u"params"_s).toObject();
    QCOMPARE(params.value(u"tasks"_s).toInt(-1), 3);
    QCOMPARE(params.value(u"sleep-ms"_s).toInt(-1), 50);
    QCOMPARE(params.value(u"write-us"_s).toInt(-1), 20); // the default

    const double wall = summary.value(u"wall_s"_s).toDouble(-1);
    QVERIFY2(wall >= 0.04 && wall <= 2.0, qPrintable(u"wall_s = %1"_s.arg(wall)));
    QVERIFY(summary.value(u"cpu_count"_s).toInt(0) >= 1);
    QVERIFY(summary.value(u"cancelled"_s).isBool());
    QCOMPARE(summary.value(u"cancelled"_s).toBool(true), false);
    QVERIFY(summary.value(u"event_count"_s).toInteger(0) > 0);

    const QJsonArray lanes = summary.value(u"lanes"_s).toArray();
    QCOMPARE(lanes.size(), 4);
    const QStringList expectedNames = {u"MainThread"_s, u"Thread-1"_s, u"Thread-2"_s, u"Thread-3"_s};
    QStringList names;
    const qint64 pid = lanes.first().toObject().value(u"pid"_s).toInteger(0);
    QVERIFY2(pid > 0, "lane pid is not positive");
    for (const QJsonValue &value : lanes) {
        const QJsonObject lane = value.toObject();
        names << lane.value(u"name"_s).toString();
        QCOMPARE(lane.value(u"kind"_s).toString(), u"thread"_s);
        QCOMPARE(lane.value(u"pid"_s).toInteger(0), pid);
        QVERIFY(lane.value(u"tid"_s).toInteger(0) > 0);
    }
    names.sort();
    QCOMPARE(names, expectedNames);

    const QJsonArray tasks = summary.value(u"tasks"_s).toArray();
    QCOMPARE(tasks.size(), 3);
    for (const QJsonValue &value : tasks) {
        const QJsonObject task = value.toObject();
        QVERIFY2(task.value(u"start_s"_s).isDouble() && task.value(u"end_s"_s).isDouble(),
                 qPrintable(QString::fromUtf8(QJsonDocument(task).toJson(QJsonDocument::Compact))));
        const double start = task.value(u"start_s"_s).toDouble();
        const double end = task.value(u"end_s"_s).toDouble();
        QVERIFY2(start >= 0 && start < end && end <= wall + 1e-6,
                 qPrintable(u"task %1: start %2, end %3, wall %4"_s.arg(task.value(u"id"_s).toInt()).arg(start).arg(end).arg(wall)));
        QVERIFY2(end - start >= 0.045, qPrintable(u"task slept less than 50 ms: %1 s"_s.arg(end - start)));
    }
    QCOMPARE(summary.value(u"start_order"_s).toArray().size(), 3);
    QCOMPARE(summary.value(u"finish_order"_s).toArray().size(), 3);
    // --quiet hides the console output on the terminal, not in the record.
    const QString console = QString::fromUtf8(QJsonDocument(summary.value(u"console"_s).toArray()).toJson(QJsonDocument::Compact));
    QVERIFY2(console.contains(u"Task 0: starting. "_s) && console.contains(u"Task 2: finishing. "_s), qPrintable(console));

    const QJsonObject trace = readJsonObject(tracePath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(trace.value(u"traceEvents"_s).isArray(), "trace has no traceEvents array");
    QVERIFY(!trace.value(u"traceEvents"_s).toArray().isEmpty());
}

void tst_CommandLine::summaryToStandardOutput()
{
    const Outcome r = runLab({u"run"_s, u"sleep-sequential"_s, u"--tasks"_s, u"2"_s, u"--sleep-ms"_s, u"20"_s,
                              u"--summary"_s, u"-"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError,
             qPrintable(u"stdout is not one JSON document (%1 at %2):\n%3"_s.arg(parseError.errorString())
                            .arg(parseError.offset)
                            .arg(r.stdOut())));
    QVERIFY(doc.isObject());
    QCOMPARE(doc.object().value(u"experiment"_s).toString(), u"sleep-sequential"_s);
    QCOMPARE(doc.object().value(u"params"_s).toObject().value(u"tasks"_s).toInt(-1), 2);
    QCOMPARE(doc.object().value(u"cancelled"_s).toBool(true), false);

    const QString err = r.stdErr();
    for (const QString &line : {u"Task 0: starting. \n"_s, u"Task 0: finishing. \n"_s, u"Task 1: starting. \n"_s,
                                u"Task 1: finishing. \n"_s})
        QVERIFY2(err.contains(line), qPrintable(u"stderr lacks '%1':\n%2"_s.arg(line.trimmed(), err)));
    QVERIFY2(err.contains(u"sleep-sequential: wall time "_s), qPrintable(err));
}

void tst_CommandLine::consoleLines()
{
    const Outcome r = runLab({u"run"_s, u"sleeper-lock"_s, u"--tasks"_s, u"3"_s, u"--sleep-ms"_s, u"20"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());

    const QStringList lines = nonEmptyLines(r.stdOut());
    QVERIFY2(lines.size() == 8, qPrintable(u"expected six console lines, the timing line and the summary line:\n"_s + r.stdOut()));
    QVERIFY2(lines.at(6).startsWith(u"Time spent inside the loop: "_s), qPrintable(lines.at(6)));
    const QRegularExpression consoleLine(u"^Task ([0-2]): (starting|finishing)\\. $"_s);
    QSet<QString> seen;
    for (int i = 0; i < 6; ++i) {
        const auto match = consoleLine.match(lines.at(i));
        QVERIFY2(match.hasMatch(), qPrintable(u"line %1 is not a clean console line: '%2'"_s.arg(i).arg(lines.at(i))));
        seen.insert(match.captured(1) + match.captured(2));
    }
    QCOMPARE(seen.size(), 6); // every task started and finished exactly once
    QVERIFY2(lines.at(7).startsWith(u"sleeper-lock: wall time "_s), qPrintable(lines.at(7)));
    QVERIFY2(lines.at(7).contains(u"(3 tasks, sleep 20 ms)"_s), qPrintable(lines.at(7)));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.stdErr()));
}

void tst_CommandLine::interruptCancelsAndWritesSummary_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGHUP") << int(SIGHUP);
}

void tst_CommandLine::interruptCancelsAndWritesSummary()
{
    QFETCH(int, signalNumber);
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QString summaryPath = tmp.filePath(u"summary.json"_s);

    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer clock;
    clock.start();
    process.start(executable(), {u"run"_s, u"sleep-sequential"_s, u"--tasks"_s, u"5"_s, u"--sleep-ms"_s, u"2000"_s,
                                 u"--summary"_s, summaryPath});
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    const auto cleanup = killedAtEnd(process);

    QByteArray out = readStdoutUntil(process, "Task 0: starting");
    QVERIFY2(out.contains("Task 0: starting"),
             "the run never printed 'Task 0: starting'; stdout:\n" + out + "\nstderr:\n" + process.readAllStandardError());

    const qint64 pid = process.processId();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), signalNumber), 0);

    QVERIFY2(process.waitForFinished(processTimeoutMs), "the run did not finish after the signal");
    const qint64 elapsedMs = clock.elapsed();
    out += process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, "killed by the signal instead of handling it\n" + err);
    QVERIFY2(process.exitCode() == 130, "exit code " + QByteArray::number(process.exitCode()) + "\n" + out + "\n" + err);
    // Five tasks of 2 s each would take 10 s; cancelled, the run stops within its first sleep.
    QVERIFY2(elapsedMs < 8'000, qPrintable(u"took %1 ms to stop"_s.arg(elapsedMs)));
    QVERIFY2(!out.contains("Task 1: starting"), out.constData());
    QVERIFY2(out.contains("wall time") && out.contains("cancelled"), out.constData());

    QString error;
    const QJsonObject summary = readJsonObject(summaryPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(summary.value(u"cancelled"_s).isBool());
    QCOMPARE(summary.value(u"cancelled"_s).toBool(false), true);
    QCOMPARE(summary.value(u"experiment"_s).toString(), u"sleep-sequential"_s);
    QVERIFY(summary.value(u"wall_s"_s).toDouble(100) < 8.0);
    QCOMPARE(dirEntries(tmp.path()), QStringList{u"summary.json"_s});
}

void tst_CommandLine::interruptDuringQtStartUpCancels_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("run (QCoreApplication)") << QStringList{u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"2"_s};
    QTest::newRow("export (QApplication)") << QStringList{u"export"_s, u"sleep-threads"_s, u"--tasks"_s, u"2"_s,
                                                            u"--png"_s, u"timeline.png"_s};
}

// A Ctrl+C while Qt starts is a cancel, not death by the default action: the
// handlers come before the application object. The signal is raised from Qt's own
// start-up (a preloaded setlocale), so this does not depend on timing.
void tst_CommandLine::interruptDuringQtStartUpCancels()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("ASan must be the first library loaded; a preloaded one is refused");
#endif
    QFETCH(QStringList, arguments);
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    QProcessEnvironment env = headlessEnvironment();
    env.insert(u"LD_PRELOAD"_s, QStringLiteral(LAB_SIGNAL_AT_QT_STARTUP));
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(tmp.path());
    process.start(executable(), arguments);
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    const auto cleanup = killedAtEnd(process);
    QVERIFY2(process.waitForFinished(processTimeoutMs), "the command did not finish");
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, "killed by SIGINT during Qt's start-up\n" + err);
    QVERIFY2(process.exitCode() == 130, "exit code " + QByteArray::number(process.exitCode()) + "\n" + err);
    QCOMPARE(dirEntries(tmp.path()), QStringList{}); // cancelled before the run: nothing written
}

// The reader of the console output goes away (`| head`): the run stops at its
// next write and says why, instead of running on or dying of SIGPIPE.
void tst_CommandLine::closedStandardOutputStopsTheRun()
{
    // concurrency-lab run ... | head -c 20: head leaves after the first line.
    QProcess process, head;
    process.setProcessEnvironment(headlessEnvironment());
    process.setStandardOutputProcess(&head);
    head.start(u"head"_s, {u"-c"_s, u"20"_s});
    QElapsedTimer clock;
    clock.start();
    process.start(executable(), {u"run"_s, u"sleep-sequential"_s, u"--tasks"_s, u"5"_s, u"--sleep-ms"_s, u"1000"_s});
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    const auto cleanup = killedAtEnd(process);
    QVERIFY(head.waitForFinished(processTimeoutMs));
    QCOMPARE(head.readAllStandardOutput(), QByteArray("Task 0: starting. \nT"));

    QVERIFY2(process.waitForFinished(processTimeoutMs), "the run went on with nobody reading");
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, "died of the broken pipe\n" + err);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.contains("console output could not be written"), err.constData());
    QVERIFY2(clock.elapsed() < 4'000, qPrintable(u"took %1 ms; five tasks take 5 s"_s.arg(clock.elapsed())));
}

// A summary written to a named pipe reaches its reader, and the pipe stays a
// pipe (renaming a temporary file over it would replace it, as it would /dev/null).
void tst_CommandLine::specialFileIsWrittenInPlace()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QByteArray fifo = tmp.filePath(u"summary.pipe"_s).toLocal8Bit();
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    auto closeReader = qScopeGuard([reader] { ::close(reader); });

    const Outcome r = runLab({u"run"_s, u"sleep-sequential"_s, u"--tasks"_s, u"1"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s,
                              u"--summary"_s, QString::fromLocal8Bit(fifo)});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());

    QByteArray received;
    char buffer[4096];
    for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;)
        received.append(buffer, qsizetype(n));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(received, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, received.constData());
    QCOMPARE(doc.object().value(u"experiment"_s).toString(), u"sleep-sequential"_s);
    struct stat info{};
    QCOMPARE(::lstat(fifo.constData(), &info), 0);
    QVERIFY(S_ISFIFO(info.st_mode));
    QCOMPARE(dirEntries(tmp.path()), QStringList{u"summary.pipe"_s});
}

// A scratch tmpfs of `kib` KiB, nearly filled so only a few KiB stay free: a
// full disk on demand. Root only; unmounted by the guard.
struct FullDisk
{
    QTemporaryDir mountPoint;
    bool mounted = false;
    FullDisk(int kib, int freeKib)
    {
        const QByteArray dir = QFile::encodeName(mountPoint.path());
        mounted = ::getuid() == 0
            && QProcess::execute(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=%1k"_s.arg(kib), u"tmpfs"_s, mountPoint.path()}) == 0;
        if (mounted) {
            std::ofstream fill(dir.toStdString() + "/fill", std::ios::binary);
            const std::string block(1024, '\0');
            for (int i = 0; i < kib - freeKib; ++i)
                fill.write(block.data(), std::streamsize(block.size()));
        }
    }
    ~FullDisk()
    {
        if (mounted)
            QProcess::execute(u"umount"_s, {mountPoint.path()});
    }
    QString path(const QString &name) const { return mountPoint.filePath(name); }
};

void tst_CommandLine::writeErrorOnADeviceIsReported_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("option");
    QTest::newRow("run --summary") << QStringList{u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s, u"--summary"_s, u"{full}"_s}
                                   << u"--summary"_s;
    QTest::newRow("run --trace") << QStringList{u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s, u"--trace"_s, u"{full}"_s}
                                 << u"--trace"_s;
    QTest::newRow("sweep --csv") << QStringList{u"sweep"_s, u"--workers"_s, u"1"_s, u"--tasks"_s, u"2"_s, u"--n"_s, u"1000"_s, u"--csv"_s, u"{full}"_s}
                                 << u"--csv"_s;
    QTest::newRow("export --png") << QStringList{u"export"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--png"_s, u"{full}"_s}
                                  << u"--png"_s;
}

// A full device takes the file in place and refuses every byte: the OS's reason
// is said, the exit code is not 0. As root the test makes a twin of /dev/full of
// its own: code that renamed over a device would otherwise replace the system's.
void tst_CommandLine::writeErrorOnADeviceIsReported()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, option);
    QTemporaryDir tmp;
    QString full = u"/dev/full"_s;
    if (::getuid() == 0) {
        full = tmp.filePath(u"full"_s);
        QCOMPARE(::mknod(QFile::encodeName(full).constData(), S_IFCHR | 0666, makedev(1, 7)), 0);
    } else if (::access("/dev/full", W_OK) != 0) {
        QSKIP("this system has no writable /dev/full");
    }
    for (QString &argument : arguments)
        argument.replace(u"{full}"_s, full);
    const Outcome r = runLab(arguments);
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    QVERIFY2(r.stdErr().contains(option + u": cannot write '%1': No space left on device"_s.arg(full)), r.describe().constData());
    struct stat info{};
    QCOMPARE(::lstat(QFile::encodeName(full).constData(), &info), 0);
    QVERIFY2(S_ISCHR(info.st_mode), "the device was replaced");
}

// Renaming a finished file over a device node would replace the node with a regular file.
void tst_CommandLine::deviceNodeIsNotReplaced()
{
    if (::getuid() != 0)
        QSKIP("mknod needs root");
    QTemporaryDir tmp;
    const QByteArray node = QFile::encodeName(tmp.filePath(u"null"_s));
    QCOMPARE(::mknod(node.constData(), S_IFCHR | 0666, makedev(1, 3)), 0); // a /dev/null of our own
    const Outcome r = runLab({u"export"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--png"_s, QFile::decodeName(node)});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    struct stat info{};
    QCOMPARE(::lstat(node.constData(), &info), 0);
    QVERIFY2(S_ISCHR(info.st_mode), "the device node was replaced");
    QCOMPARE(dirEntries(tmp.path()), QStringList{u"null"_s});
}

void tst_CommandLine::fullDiskLeavesNoFile_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<int>("freeKib");
    // Several sizes of the room left, so the failure falls at different points of the write.
    for (int freeKib : {1, 2, 4, 8, 12})
        QTest::addRow("--summary, %d KiB free", freeKib) << u"--summary"_s << freeKib;
    QTest::addRow("--trace, 8 KiB free") << u"--trace"_s << 8;
}

// On a nearly full disk a file is either whole and the exit code 0, or absent, the reason said and the exit code not 0.
void tst_CommandLine::fullDiskLeavesNoFile()
{
    QFETCH(QString, option);
    QFETCH(int, freeKib);
    const FullDisk disk(64, freeKib);
    if (!disk.mounted)
        QSKIP("mounting a small tmpfs needs root");
    const QString target = disk.path(u"out.json"_s);
    const Outcome r = runLab({u"run"_s, u"sleep-threads"_s, u"--tasks"_s, u"20"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s, option, target});
    VERIFY_RAN(r);
    const QStringList entries = dirEntries(disk.mountPoint.path());
    if (r.exitCode == 0) { // it fitted: then it is whole
        QString error;
        readJsonObject(target, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(entries, (QStringList{u"fill"_s, u"out.json"_s}));
        return;
    }
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    QVERIFY2(r.stdErr().contains(u"No space left on device"_s), r.describe().constData());
    QCOMPARE(entries, QStringList{u"fill"_s}); // no half file, no temporary file
}

// The chart is written only with the timeline, and the timeline only with the chart.
void tst_CommandLine::exportWritesBothImagesOrNeither()
{
    const FullDisk disk(64, 4);
    if (!disk.mounted)
        QSKIP("mounting a small tmpfs needs root");
    QTemporaryDir tmp;
    const QString timeline = tmp.filePath(u"timeline.png"_s);
    const Outcome r = runLab({u"export"_s, u"factorial-process-pool"_s, u"--n"_s, u"1000"_s, u"--tasks"_s, u"4"_s, u"--png"_s, timeline,
                              u"--chart"_s, disk.path(u"chart.png"_s), u"--sweep-workers"_s, u"1,2"_s});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    QVERIFY2(r.stdErr().contains(u"--chart: cannot write"_s) && r.stdErr().contains(u"No space left on device"_s), r.describe().constData());
    QCOMPARE(dirEntries(tmp.path()), QStringList());
    QCOMPARE(dirEntries(disk.mountPoint.path()), QStringList{u"fill"_s});
}

// Opening a FIFO that nobody reads blocks for good; the run waits for a reader, but Ctrl+C ends the wait.
void tst_CommandLine::fifoWithoutAReaderCanBeInterrupted()
{
    QTemporaryDir tmp;
    const QByteArray fifo = QFile::encodeName(tmp.filePath(u"summary.pipe"_s));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(executable(), {u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s, u"--summary"_s, QFile::decodeName(fifo)});
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    const auto cleanup = killedAtEnd(process);
    // The run is over once its summary line is out; then it waits for the FIFO's reader.
    const QByteArray out = readStdoutUntil(process, "wall time");
    QVERIFY2(out.contains("wall time"), out.constData());
    QVERIFY2(!process.waitForFinished(300), "it finished without a reader"); // it waits...
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY2(process.waitForFinished(10'000), "SIGINT did not end the wait for a reader"); // ...but not for good
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(u"waiting for a process to read the FIFO"_s));
}

// A factorial that would not fit under the process's address-space limit is
// refused before the run, not left to abort inside GMP.
void tst_CommandLine::addressSpaceLimitIsCheckedBeforeTheRun()
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    QSKIP("a sanitizer's shadow memory does not fit under an address-space limit");
#endif
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.setChildProcessModifier([] {
        const rlimit limit{300u << 20, 300u << 20}; // ulimit -v 307200
        ::setrlimit(RLIMIT_AS, &limit);
    });
    process.start(executable(), {u"run"_s, u"factorial-threads"_s, u"--tasks"_s, u"2"_s, u"--n"_s, u"10000000"_s, u"--quiet"_s});
    QVERIFY2(process.waitForStarted(processTimeoutMs), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(processTimeoutMs));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(err)); // not SIGABRT from GMP
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(u"--n: "_s) && err.contains(u"address space"_s) && err.contains(u"ulimit -v"_s), qPrintable(err));
    QVERIFY2(!err.contains(u"GNU MP"_s), qPrintable(err));
}

// A run saved with --save and drawn again with export --from gives the very same
// image: nothing of what the picture is made of is lost on the way.
void tst_CommandLine::aSavedRunExportsTheSamePicture()
{
    QTemporaryDir tmp;
    const QString saved = tmp.filePath(u"run.clrun"_s), fresh = tmp.filePath(u"fresh.png"_s), reopened = tmp.filePath(u"reopened.png"_s);
    const Outcome first = runLab({u"export"_s, u"factorial-process-pool"_s, u"--n"_s, u"20000"_s, u"--tasks"_s, u"8"_s, u"--workers"_s,
                                  u"2"_s, u"--png"_s, fresh, u"--save"_s, saved});
    VERIFY_RAN(first);
    QVERIFY2(first.exitCode == 0, first.describe().constData());
    const Outcome second = runLab({u"export"_s, u"--from"_s, saved, u"--png"_s, reopened});
    VERIFY_RAN(second);
    QVERIFY2(second.exitCode == 0, second.describe().constData());
    QVERIFY2(second.stdOut().contains(u"recorded on "_s), second.describe().constData()); // the machine is named
    QFile a(fresh), b(reopened);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray pixels = a.readAll();
    QVERIFY(pixels.startsWith("\x89PNG"));
    QVERIFY2(pixels == b.readAll(), "the reopened run draws a different picture");
    // A summary of the saved run, from run --save, reads back as well.
    const Outcome run = runLab({u"run"_s, u"sleep-threads"_s, u"--sleep-ms"_s, u"5"_s, u"--quiet"_s, u"--save"_s, saved});
    VERIFY_RAN(run);
    QVERIFY2(run.exitCode == 0, run.describe().constData());
    const Outcome drawn = runLab({u"export"_s, u"--from"_s, saved, u"--png"_s, reopened});
    QVERIFY2(drawn.exitCode == 0 && drawn.stdOut().contains(u"sleep-threads"_s), drawn.describe().constData());
}

void tst_CommandLine::aBadSavedRunIsRefused_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty with "missing": no file at all
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QByteArray() << u"No such file or directory"_s;
    QTest::newRow("cut short") << QByteArray(R"({"format": "concurrency-lab run", "version": 1, "experiment": "sleep-thr)")
                               << u"cut short"_s;
    QTest::newRow("not ours") << QByteArray(R"({"traceEvents": []})") << u"not a saved Concurrency Lab run"_s;
    QTest::newRow("another version") << QByteArray(R"({"format": "concurrency-lab run", "version": 7})") << u"format version 7"_s;
}

// One clear message, exit 2, and nothing written.
void tst_CommandLine::aBadSavedRunIsRefused()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const QString saved = tmp.filePath(u"run.clrun"_s);
    if (QString::fromLatin1(QTest::currentDataTag()) != u"missing"_s) {
        QFile file(saved);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size());
    }
    const Outcome r = runLab({u"export"_s, u"--from"_s, saved, u"--png"_s, tmp.filePath(u"out.png"_s)});
    VERIFY_RAN(r);
    QVERIFY2(r.exitCode == 2, r.describe().constData());
    QVERIFY2(r.stdErr().contains(u"--from: cannot read"_s) && r.stdErr().contains(expected), r.describe().constData());
    QVERIFY(!QFileInfo::exists(tmp.filePath(u"out.png"_s)));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
