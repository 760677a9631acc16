// cmake --install, end to end: the installed tree holds what a desktop needs,
// its metadata validates, and the installed program runs -- spawn workers
// included -- without the build tree.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString appId = u"io.github.concurrencylab.ConcurrencyLab"_s;

struct Result
{
    int exitCode = -1;
    QString out, err;
};

Result run(const QString &program, const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    Result r;
    if (!process.waitForStarted(30'000) || !process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished(5'000);
        r.err = u"did not run or finish: "_s + program;
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

// The installed program's environment: no LAB_WORKER, so it must find its own worker.
QProcessEnvironment installedEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"LAB_WORKER"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

} // namespace

class tst_Install : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void installsWhatADesktopNeeds();
    void theManPageIsTheHelp();
    void theMetadataValidates();
    void theInstalledProgramFindsItsOwnWorker();
    void noBinaryHasALibrarySearchPath();

private:
    QTemporaryDir m_prefix;
};

void tst_Install::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    const Result r = run(QString::fromUtf8(LAB_CMAKE), {u"--install"_s, QString::fromUtf8(LAB_BUILD_DIR), u"--prefix"_s, m_prefix.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
}

void tst_Install::installsWhatADesktopNeeds()
{
    for (const QString &file : {u"bin/concurrency-lab"_s, u"libexec/concurrency-lab/concurrency-lab-worker"_s,
                                u"share/applications/%1.desktop"_s.arg(appId), u"share/icons/hicolor/scalable/apps/%1.svg"_s.arg(appId),
                                u"share/metainfo/%1.metainfo.xml"_s.arg(appId), u"share/mime/packages/concurrency-lab-run.xml"_s,
                                u"share/man/man1/concurrency-lab.1"_s})
        QVERIFY2(QFileInfo::exists(m_prefix.filePath(file)), qPrintable(file));
    QVERIFY(QFileInfo(m_prefix.filePath(u"bin/concurrency-lab"_s)).isExecutable());
}

// Written from --help at build time: every option the program knows is in it.
void tst_Install::theManPageIsTheHelp()
{
    QFile page(m_prefix.filePath(u"share/man/man1/concurrency-lab.1"_s));
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString man = QString::fromUtf8(page.readAll());
    const Result help = run(m_prefix.filePath(u"bin/concurrency-lab"_s), {u"--help"_s}, installedEnvironment());
    QCOMPARE(help.exitCode, 0);
    int options = 0;
    for (const QString &line : help.out.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (!trimmed.startsWith(u"--"_s))
            continue;
        const QString option = trimmed.section(u' ', 0, 0).section(u',', 0, 0).replace(u"-"_s, u"\\-"_s); // roff's hyphen
        QVERIFY2(man.contains(option) || man.contains(trimmed.section(u' ', 0, 0)), qPrintable(option));
        ++options;
    }
    QVERIFY(options > 20);
    QVERIFY(man.startsWith(u".TH CONCURRENCY-LAB 1"_s));
    QVERIFY2(!man.contains(QString::fromUtf8(LAB_BUILD_DIR)), "the man page names the build directory");
}

void tst_Install::theMetadataValidates()
{
    const QString desktopValidate = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    const QString appstream = QStandardPaths::findExecutable(u"appstreamcli"_s);
    if (desktopValidate.isEmpty() || appstream.isEmpty())
        QSKIP("desktop-file-validate or appstreamcli is not installed (./lab setup installs both)");
    const Result desktop = run(desktopValidate, {m_prefix.filePath(u"share/applications/%1.desktop"_s.arg(appId))});
    QVERIFY2(desktop.exitCode == 0 && !desktop.out.contains(u"error"_s), qPrintable(desktop.out + desktop.err));
    const Result meta = run(appstream, {u"validate"_s, u"--no-net"_s, m_prefix.filePath(u"share/metainfo/%1.metainfo.xml"_s.arg(appId))});
    QVERIFY2(meta.exitCode == 0, qPrintable(meta.out + meta.err));
}

// Spawn starts the worker installed beside the program's prefix, and only that
// one: with it moved away, spawn is refused with a message, not served by the build tree.
void tst_Install::theInstalledProgramFindsItsOwnWorker()
{
    const QString program = m_prefix.filePath(u"bin/concurrency-lab"_s);
    const QStringList spawnRun{u"run"_s, u"factorial-processes"_s, u"--tasks"_s, u"2"_s, u"--n"_s, u"1000"_s,
                               u"--start-method"_s, u"spawn"_s, u"--quiet"_s};
    const Result list = run(program, {u"--list"_s}, installedEnvironment());
    QVERIFY2(list.exitCode == 0 && list.out.contains(u"pool-order"_s), qPrintable(list.err));
    const Result spawned = run(program, spawnRun, installedEnvironment());
    QVERIFY2(spawned.exitCode == 0, qPrintable(spawned.out + spawned.err));

    const QString worker = m_prefix.filePath(u"libexec/concurrency-lab/concurrency-lab-worker"_s);
    QVERIFY(QFile::rename(worker, worker + u".away"_s));
    const Result without = run(program, spawnRun, installedEnvironment());
    QVERIFY(QFile::rename(worker + u".away"_s, worker));
    QVERIFY2(without.exitCode != 0 && without.err.contains(u"libexec/concurrency-lab"_s), qPrintable(without.out + without.err));
}

// Every library comes from the system's search path: an installed RUNPATH breaks
// Debian policy, and an empty entry (the build tree's padding for one) makes the
// loader look for libgmp and Qt in whatever directory the program is started from.
void tst_Install::noBinaryHasALibrarySearchPath()
{
    const QString readelf = QStandardPaths::findExecutable(u"readelf"_s);
    if (readelf.isEmpty())
        QSKIP("readelf (binutils, which g++ brings) is not installed");
    const QString build = QString::fromUtf8(LAB_BUILD_DIR);
    for (const QString &binary : {m_prefix.filePath(u"bin/concurrency-lab"_s),
                                  m_prefix.filePath(u"libexec/concurrency-lab/concurrency-lab-worker"_s),
                                  build + u"/concurrency-lab"_s, build + u"/concurrency-lab-worker"_s}) {
        const Result dynamic = run(readelf, {u"--dynamic"_s, binary});
        QVERIFY2(dynamic.exitCode == 0 && dynamic.out.contains(u"(NEEDED)"_s), qPrintable(binary + dynamic.err));
        QVERIFY2(!dynamic.out.contains(u"RUNPATH"_s) && !dynamic.out.contains(u"(RPATH)"_s),
                 qPrintable(binary + u":\n"_s + dynamic.out));
    }
}

QTEST_GUILESS_MAIN(tst_Install)
#include "tst_install.moc"
