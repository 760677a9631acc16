// OutputFile: a file is written whole or not at all; special files in place,
// with every error reported; waits that an interrupt can end.
#include "OutputFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

QStringList entries(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
}

std::string pathIn(const QTemporaryDir &dir, const QString &name) { return QFile::encodeName(dir.filePath(name)).toStdString(); }

QByteArray contents(const std::string &path)
{
    QFile file(QFile::decodeName(QByteArray::fromStdString(path)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

} // namespace

class tst_OutputFile : public QObject
{
    Q_OBJECT

private slots:
    void writesANewFileWhole();
    void replacesAFileKeepingItsPermissions();
    void anUncommittedStageLeavesNothing();
    void checkRefusesWhatCannotBeWritten_data();
    void checkRefusesWhatCannotBeWritten();
    void aDeviceIsWrittenInPlaceAndItsErrorSaid();
    void aFifoIsWrittenInPlace();
    void aFifoWithoutAReaderWaitsUntilInterrupted();
};

void tst_OutputFile::writesANewFileWhole()
{
    QTemporaryDir dir;
    const std::string path = pathIn(dir, u"out.json"_s);
    QCOMPARE(OutputFile::write(path, "{\"a\": 1}\n"), std::nullopt);
    QCOMPARE(contents(path), QByteArray("{\"a\": 1}\n"));
    QCOMPARE(entries(dir), QStringList{u"out.json"_s}); // no temporary file left beside it
}

void tst_OutputFile::replacesAFileKeepingItsPermissions()
{
    QTemporaryDir dir;
    const std::string path = pathIn(dir, u"out.csv"_s);
    QCOMPARE(OutputFile::write(path, "old, longer than the new\n"), std::nullopt);
    QCOMPARE(::chmod(path.c_str(), 0640), 0);
    QCOMPARE(OutputFile::write(path, "new\n"), std::nullopt);
    QCOMPARE(contents(path), QByteArray("new\n"));
    struct stat st{};
    QCOMPARE(::stat(path.c_str(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0640);
}

// Staged but never committed (a later file failed, or the program stopped): the
// old file is as it was and the temporary one is gone.
void tst_OutputFile::anUncommittedStageLeavesNothing()
{
    QTemporaryDir dir;
    const std::string path = pathIn(dir, u"out.json"_s);
    QCOMPARE(OutputFile::write(path, "kept"), std::nullopt);
    {
        OutputFile file(path);
        QCOMPARE(file.stage("discarded"), std::nullopt);
        QCOMPARE(entries(dir).size(), 2); // the target and its staged twin
    }
    QCOMPARE(contents(path), QByteArray("kept"));
    QCOMPARE(entries(dir), QStringList{u"out.json"_s});
}

void tst_OutputFile::checkRefusesWhatCannotBeWritten_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << u"the file name is empty"_s;
    QTest::newRow("missing directory") << u"{dir}/missing/out.json"_s << u"No such file or directory"_s;
    QTest::newRow("a directory") << u"{dir}"_s << u"it is a directory"_s;
    QTest::newRow("name too long") << u"{dir}/"_s + QString(300, u'x') << u"File name too long"_s;
}

void tst_OutputFile::checkRefusesWhatCannotBeWritten()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    name.replace(u"{dir}"_s, dir.path());
    const auto error = OutputFile(QFile::encodeName(name).toStdString()).check();
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(*error), reason);
    QCOMPARE(entries(dir), QStringList()); // the probe leaves nothing behind
}

// As root, on a twin of /dev/full of its own: code that renamed over a device
// would otherwise replace the system's.
void tst_OutputFile::aDeviceIsWrittenInPlaceAndItsErrorSaid()
{
    QTemporaryDir dir;
    std::string full = "/dev/full";
    if (::getuid() == 0) {
        full = pathIn(dir, u"full"_s);
        QCOMPARE(::mknod(full.c_str(), S_IFCHR | 0666, makedev(1, 7)), 0);
    } else if (::access("/dev/full", W_OK) != 0) {
        QSKIP("no writable /dev/full here");
    }
    QCOMPARE(OutputFile(full).check(), std::nullopt); // it can be opened...
    const auto error = OutputFile::write(full, "x");  // ...but takes no byte
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(*error), u"No space left on device"_s);
    struct stat st{};
    QCOMPARE(::lstat(full.c_str(), &st), 0);
    QVERIFY(S_ISCHR(st.st_mode)); // still the device
}

void tst_OutputFile::aFifoIsWrittenInPlace()
{
    QTemporaryDir dir;
    const std::string fifo = pathIn(dir, u"pipe"_s);
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QCOMPARE(OutputFile(fifo).check(), std::nullopt); // without opening it: a reader would see its end
    // More than a pipe holds, so the writer waits on a reader that reads slowly.
    const std::string bytes(256 * 1024, 'x');
    QByteArray received;
    std::thread reader([&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        char buffer[4096];
        for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
            received.append(buffer, qsizetype(n));
        if (fd >= 0)
            ::close(fd);
    });
    const auto error = OutputFile::write(fifo, bytes);
    reader.join();
    QCOMPARE(error, std::nullopt);
    QCOMPARE(received.size(), qsizetype(bytes.size()));
    struct stat st{};
    QCOMPARE(::lstat(fifo.c_str(), &st), 0);
    QVERIFY(S_ISFIFO(st.st_mode));
}

void tst_OutputFile::aFifoWithoutAReaderWaitsUntilInterrupted()
{
    QTemporaryDir dir;
    const std::string fifo = pathIn(dir, u"pipe"_s);
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QElapsedTimer clock;
    clock.start();
    std::atomic<int> asked{0};
    // Interrupted on the fifth look: it had waited before, and stops once told.
    const auto error = OutputFile::write(fifo, "x", [&] { return ++asked >= 5; });
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(*error), u"interrupted while waiting for a process to read the FIFO"_s);
    QCOMPARE(asked.load(), 5);
    QVERIFY2(clock.elapsed() < 5'000, "the wait did not end when interrupted");
}

QTEST_GUILESS_MAIN(tst_OutputFile)
#include "tst_outputfile.moc"
