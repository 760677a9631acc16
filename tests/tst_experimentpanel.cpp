#include "ExperimentPanel.h"
#include "LessonPace.h"
#include "QtStrings.h"

#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QComboBox>
#include <QSpinBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace lab;

class TestExperimentPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsFollowTheCatalog()
    {
        ExperimentPanel panel;
        auto *tree = panel.findChild<QTreeWidget *>(u"experimentTree"_s);
        QVERIFY(tree);
        int experiments = 0;
        QStringList seen;
        for (int g = 0; g < tree->topLevelItemCount(); ++g) {
            QTreeWidgetItem *group = tree->topLevelItem(g);
            for (int i = 0; i < group->childCount(); ++i) {
                const QString id = group->child(i)->data(0, Qt::UserRole).toString();
                const ExperimentInfo *info = findExperiment(id.toStdString());
                QVERIFY2(info, qPrintable(id));
                QCOMPARE(group->text(0), toQString(toString(info->group)));
                QCOMPARE(group->child(i)->text(0), toQString(info->title));
                seen << id;
                ++experiments;
            }
        }
        QCOMPARE(experiments, int(catalog().size()));
        // Within a group, the catalog's order.
        QStringList expected;
        for (auto group : {ExperimentGroup::IoBound, ExperimentGroup::CpuBound, ExperimentGroup::Scaling})
            for (const auto &info : catalog())
                if (info.group == group)
                    expected << toQString(info.id);
        QCOMPARE(seen, expected);
        QCOMPARE(panel.currentExperiment(), toQString(catalog().front().id));
    }

    void editorsComeFromTheSpecs()
    {
        ExperimentPanel panel;
        for (const auto &info : catalog()) {
            QVERIFY(panel.setCurrentExperiment(toQString(info.id)));
            const ExperimentParams defaults = defaultParams(info);
            for (const auto &key : info.params) {
                const ParamSpec *spec = findParam(key);
                QVERIFY(spec);
                QWidget *editor = panel.editor(toQString(key));
                QVERIFY2(editor, key.c_str());
                QVERIFY(editor->toolTip().contains(toQString(spec->help)));
                if (spec->choices.empty()) {
                    auto *spin = qobject_cast<QSpinBox *>(editor);
                    QVERIFY2(spin, key.c_str());
                    QCOMPARE(spin->minimum(), spec->minimum);
                    QCOMPARE(spin->maximum(), spec->maximum);
                    QCOMPARE(spin->value(), defaults.*spec->field);
                    if (!spec->unit.empty())
                        QCOMPARE(spin->suffix(), u" "_s + toQString(spec->unit));
                    QVERIFY(editor->toolTip().contains(toQString(spec->allowedRange())));
                } else {
                    auto *combo = qobject_cast<QComboBox *>(editor);
                    QVERIFY2(combo, key.c_str());
                    QCOMPARE(combo->count(), int(spec->choices.size()));
                    for (std::size_t i = 0; i < std::size_t(combo->count()); ++i) // the GUI's label where a choice has one
                        QCOMPARE(combo->itemText(int(i)), toQString(i < spec->choiceLabels.size() ? spec->choiceLabels[i] : spec->choices[i]));
                    QCOMPARE(combo->currentIndex(), defaults.*spec->field);
                }
            }
            // No editor for a parameter the experiment does not take.
            for (const auto &spec : paramSpecs())
                if (std::find(info.params.begin(), info.params.end(), spec.key) == info.params.end())
                    QVERIFY(!panel.editor(toQString(spec.key)));
        }
    }

    void poolApiShowsPythonsNames()
    {
        ExperimentPanel panel;
        QVERIFY(panel.setCurrentExperiment(u"factorial-process-pool"_s));
        auto *api = qobject_cast<QComboBox *>(panel.editor(u"pool-api"_s));
        QVERIFY(api);
        QCOMPARE(api->itemText(0), u"multiprocessing.Pool"_s);
        QCOMPARE(api->itemText(1), u"ProcessPoolExecutor"_s);
        api->setCurrentIndex(1);
        QCOMPARE(panel.params().poolApi, 1);
        QVERIFY(panel.editor(u"chunksize"_s));
        QVERIFY(panel.editor(u"n"_s));
        QVERIFY(panel.setCurrentExperiment(u"factorial-thread-pool"_s));
        QVERIFY(!panel.editor(u"pool-api"_s)); // ThreadPoolExecutor has no chunks to choose
    }

    void lessonPaceIsSaidUnderN()
    {
        QTemporaryDir cache;
        const QByteArray previousCache = qgetenv("XDG_CACHE_HOME");
        qputenv("XDG_CACHE_HOME", cache.path().toLocal8Bit());
        const auto restore = qScopeGuard([&] { qputenv("XDG_CACHE_HOME", previousCache); });
        ExperimentPanel panel;
        QVERIFY(panel.setCurrentExperiment(u"factorial-sequential"_s));
        auto *n = qobject_cast<QSpinBox *>(panel.editor(u"n"_s));
        QVERIFY(n);
        QCOMPARE(n->value(), 0);
        QCOMPARE(n->text(), u"lesson pace"_s);
        auto *note = panel.findChild<QLabel *>(u"paceNote"_s);
        QVERIFY(note);
        QVERIFY2(note->text().contains(u"measured on the first run"_s), qPrintable(note->text()));

        // Once measured on this machine, the note says what n is.
        const QString file = QString::fromStdString(LessonPace::cacheFile());
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(QJsonObject{{u"machine"_s, toQString(LessonPace::machineKey())}, {u"target_ms"_s, LessonPace::targetMs},
                                            {u"n"_s, 1046793}})
                      .toJson());
        out.close();
        panel.refreshPaceNote();
        QVERIFY2(note->text().contains(u"n = 1\u2009046\u2009793"_s), qPrintable(note->text()));
        QVERIFY(note->text().contains(u"lesson pace"_s));

        n->setValue(5000); // an n of one's own: no note
        QVERIFY(note->isHidden());
    }

    void outputModelSaysWhyLinesMangle()
    {
        ExperimentPanel panel;
        QVERIFY(panel.setCurrentExperiment(u"sleep-threads"_s));
        auto *mode = qobject_cast<QComboBox *>(panel.editor(u"stdout"_s));
        QVERIFY(mode);
        QCOMPARE(mode->currentText(), u"unbuffered (python -u, a notebook)"_s); // what the lesson shows
        auto *note = panel.findChild<QLabel *>(u"stdoutNote"_s);
        QVERIFY(note);
        QVERIFY2(note->text().contains(u"can mangle"_s) && note->text().contains(u"terminal"_s), qPrintable(note->text()));
        mode->setCurrentIndex(0);
        QCOMPARE(panel.params().stdoutMode, 0);
        QVERIFY2(note->text().contains(u"never mangle"_s), qPrintable(note->text()));
        QVERIFY(panel.setCurrentExperiment(u"factorial-sequential"_s));
        QVERIFY(!panel.editor(u"stdout"_s)); // a factorial prints one line: no output model to choose
    }

    void editedValuesAreKeptPerExperiment()
    {
        ExperimentPanel panel;
        QVERIFY(panel.setCurrentExperiment(u"sleep-threads"_s));
        auto *tasks = qobject_cast<QSpinBox *>(panel.editor(u"tasks"_s));
        QVERIFY(tasks);
        tasks->setValue(12);
        QCOMPARE(panel.params().tasks, 12);
        QVERIFY(panel.setCurrentExperiment(u"sleep-sequential"_s));
        QCOMPARE(panel.params().tasks, 5);
        QVERIFY(panel.setCurrentExperiment(u"sleep-threads"_s));
        QCOMPARE(qobject_cast<QSpinBox *>(panel.editor(u"tasks"_s))->value(), 12);
        panel.resetParams();
        QCOMPARE(panel.params().tasks, 5);
        QCOMPARE(qobject_cast<QSpinBox *>(panel.editor(u"tasks"_s))->value(), 5);
    }

    void spinBoxesClampToTheRange()
    {
        ExperimentPanel panel;
        QVERIFY(panel.setCurrentExperiment(u"sleep-threads"_s));
        auto *sleep = qobject_cast<QSpinBox *>(panel.editor(u"sleep-ms"_s));
        QVERIFY(sleep);
        sleep->setValue(findParam("sleep-ms")->maximum + 1000);
        QCOMPARE(panel.params().sleepMs, findParam("sleep-ms")->maximum);
    }

    void nextAndPreviousWalkTheCatalog()
    {
        ExperimentPanel panel;
        QSignalSpy changed(&panel, &ExperimentPanel::experimentChanged);
        for (std::size_t i = 1; i < catalog().size(); ++i) {
            QVERIFY(panel.selectNext());
            QCOMPARE(panel.currentExperiment(), toQString(catalog()[i].id));
        }
        QVERIFY(!panel.selectNext());
        QCOMPARE(changed.count(), int(catalog().size()) - 1);
        QVERIFY(panel.selectPrevious());
        QCOMPARE(panel.currentExperiment(), toQString(catalog()[catalog().size() - 2].id));
        QVERIFY(panel.setCurrentExperiment(toQString(catalog().front().id)));
        QVERIFY(!panel.selectPrevious());
        QVERIFY(!panel.setCurrentExperiment(u"no-such-experiment"_s));
    }

    // Down and Up in the list cross the group headings: from the first item to the
    // last and back, every experiment is reached in the catalog's order.
    void arrowKeysCrossTheGroupHeadings()
    {
        ExperimentPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tree = panel.findChild<QTreeWidget *>(u"experimentTree"_s);
        QVERIFY(tree);
        QVERIFY(panel.setCurrentExperiment(toQString(catalog().front().id)));
        tree->setFocus();
        for (std::size_t i = 1; i < catalog().size(); ++i) {
            QTest::keyClick(tree, Qt::Key_Down);
            QCOMPARE(panel.currentExperiment(), toQString(catalog()[i].id));
            QVERIFY(!tree->currentItem()->data(0, Qt::UserRole).toString().isEmpty()); // never a heading
        }
        QTest::keyClick(tree, Qt::Key_Down); // the last stays put
        QCOMPARE(panel.currentExperiment(), toQString(catalog().back().id));
        for (std::size_t i = catalog().size() - 1; i-- > 0;) {
            QTest::keyClick(tree, Qt::Key_Up);
            QCOMPARE(panel.currentExperiment(), toQString(catalog()[i].id));
        }
        QTest::keyClick(tree, Qt::Key_Up); // above the first is only its heading
        QCOMPARE(panel.currentExperiment(), toQString(catalog().front().id));
    }

    void buttonsCarryTheWindowsActions()
    {
        ExperimentPanel panel;
        QAction run(u"Run"_s), stop(u"Stop"_s);
        panel.setRunActions(&run, &stop);
        auto *runButton = panel.findChild<QToolButton *>(u"runButton"_s);
        QVERIFY(runButton);
        QSignalSpy triggered(&run, &QAction::triggered);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::mouseClick(runButton, Qt::LeftButton);
        QCOMPARE(triggered.count(), 1);
        run.setEnabled(false);
        QVERIFY(!runButton->isEnabled());
    }

    void resultTextShowsErrors()
    {
        ExperimentPanel panel;
        panel.setResultText(u"failed"_s, true);
        auto *label = panel.findChild<QLabel *>(u"resultLabel"_s);
        QVERIFY(label);
        QCOMPARE(label->text(), u"failed"_s);
        QVERIFY(label->styleSheet().contains(u"color"_s));
        panel.setResultText(u"fine"_s);
        QVERIFY(label->styleSheet().isEmpty());
    }
};

QTEST_MAIN(TestExperimentPanel)
#include "tst_experimentpanel.moc"
