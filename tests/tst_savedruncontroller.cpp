// SavedRunController, and the window around it: a run saved and opened again is
// shown as it was recorded, named by its machine; a bad file changes nothing.
#include "ExperimentPanel.h"
#include "ExportController.h"
#include "MainWindow.h"
#include "RunController.h"
#include "SavedRunController.h"
#include "TimelineData.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

ExperimentParams quick()
{
    ExperimentParams p = defaultParams(*findExperiment("sleep-threads"));
    p.tasks = 3;
    p.sleepMs = 10;
    return p;
}

bool runOnce(RunController &runs)
{
    QSignalSpy finished(&runs, &RunController::finished);
    return runs.start(u"sleep-threads"_s, quick()).isEmpty() && finished.wait(20'000);
}

} // namespace

class TestSavedRunController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesAndOpensTheRunAsItWas()
    {
        QWidget window;
        RunController runs;
        SavedRunController saved(&window, &runs);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"sleep.clrun"_s);
        QVERIFY(!saved.saveAction()->isEnabled());
        QVERIFY(!saved.saveTo(file).isEmpty()); // nothing to save yet
        QVERIFY(runOnce(runs));
        saved.updateActions();
        QVERIFY(saved.saveAction()->isEnabled());
        QCOMPARE(saved.saveTo(file), QString());
        const std::size_t spans = runs.data()->spans.size();
        const std::int64_t wall = runs.lastResult()->wallNs;

        QSignalSpy finished(&runs, &RunController::finished);
        QSignalSpy opened(&saved, &SavedRunController::opened);
        QCOMPARE(saved.open(file), QString());
        QCOMPARE(finished.count(), 1); // shown as a run that has just finished
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.front().at(1).toString().contains(u" core"_s));
        QCOMPARE(runs.lastResult()->wallNs, wall);
        QCOMPARE(runs.lastResult()->openedFrom, QFile::encodeName(file).toStdString());
        QCOMPARE(runs.data()->spans.size(), spans);
    }

    void aBadFileChangesNothing()
    {
        QWidget window;
        RunController runs;
        SavedRunController saved(&window, &runs);
        QVERIFY(runOnce(runs));
        const RunResult *before = runs.lastResult();
        QTemporaryDir dir;
        const QString file = dir.filePath(u"broken.clrun"_s);
        QFile broken(file);
        QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("{\"format\": \"concurrency-lab run\", \"vers") > 0);
        broken.close();
        QSignalSpy finished(&runs, &RunController::finished);
        const QString error = saved.open(file);
        QVERIFY2(error.contains(u"cut short"_s), qPrintable(error));
        QVERIFY(saved.open(dir.filePath(u"missing.clrun"_s)).contains(u"No such file"_s));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(runs.lastResult(), before);
    }

    // In the window: the title names the machine, and the reopened run pins and exports like a fresh one.
    void theWindowShowsAReopenedRunLikeAFreshOne()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"sleep.clrun"_s);
        MainWindow w;
        QVERIFY(runOnce(*w.runController()));
        QCOMPARE(w.savedRuns()->saveTo(file), QString());
        QVERIFY(w.experimentPanel()->setCurrentExperiment(u"factorial-sequential"_s));
        QVERIFY(w.openRun(file));
        QCOMPARE(w.experimentPanel()->currentExperiment(), u"sleep-threads"_s); // the panel follows the saved run
        QCOMPARE(w.experimentPanel()->params().tasks, 3);
        QVERIFY2(w.windowTitle().contains(u"sleep.clrun, recorded on "_s), qPrintable(w.windowTitle()));
        QVERIFY2(w.resultText().contains(u"recorded on"_s), qPrintable(w.resultText()));
        QVERIFY(w.action(u"actionPin"_s)->isEnabled());
        QString error;
        QVERIFY2(w.exports()->saveTimeline(dir.filePath(u"t.png"_s), QSize(800, 600), 1, &error), qPrintable(error));
        QVERIFY(w.action(u"actionSaveRun"_s) && w.action(u"actionOpenRun"_s));
    }
};

QTEST_MAIN(TestSavedRunController)
#include "tst_savedruncontroller.moc"
