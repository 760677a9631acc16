#pragma once

// Runs the real concurrency-lab executable (LAB_EXECUTABLE) for the command-line
// tests: its exit status, code and output; a process that does not finish in time is
// killed and reported, so a test fails rather than hangs.
#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

namespace {

using namespace Qt::StringLiterals;

constexpr int processTimeoutMs = 60'000;

inline QString executable() { return QString::fromUtf8(LAB_EXECUTABLE); }

struct Outcome
{
    bool started = false;
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString stdOut() const { return QString::fromUtf8(out); }
    QString stdErr() const { return QString::fromUtf8(err); }
    // For failure messages: what the process said.
    QByteArray describe() const
    {
        return "exit status " + QByteArray::number(int(status)) + ", code " + QByteArray::number(exitCode)
            + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
};

inline QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

// Runs the executable to completion; a process that does not finish within the
// timeout is killed and reported as not finished, so the test fails, not hangs.
inline Outcome runLab(const QStringList &arguments, int timeoutMs = processTimeoutMs, const QProcessEnvironment &env = headlessEnvironment())
{
    Outcome result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(executable(), arguments);
    result.started = process.waitForStarted(timeoutMs);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5'000);
    }
    result.status = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

#define VERIFY_RAN(outcome)                                                                                              \
    do {                                                                                                                 \
        QVERIFY2((outcome).started, "the executable did not start: " LAB_EXECUTABLE);                                    \
        QVERIFY2((outcome).finished, "the executable did not finish within the timeout; it was killed");                 \
        QVERIFY2((outcome).status == QProcess::NormalExit, (outcome).describe().constData());                           \
    } while (false)
