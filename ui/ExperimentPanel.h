#pragma once

#include "Catalog.h"

#include <QHash>
#include <QString>
#include <QWidget>

class QAction;
class QFormLayout;
class QLabel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace lab {

// The catalog, grouped I/O-bound / CPU-bound / Scaling, and the selected
// experiment's parameters. Everything is built from lab::catalog() and
// lab::paramSpecs(), so a new experiment or parameter appears without code here.
class ExperimentPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ExperimentPanel(QWidget *parent = nullptr);

    // Buttons for the window's Run and Stop actions (shortcuts and state stay there).
    void setRunActions(QAction *run, QAction *stop);

    QString currentExperiment() const { return m_current; }
    bool setCurrentExperiment(const QString &id);
    // The next or previous experiment in catalog order; false at either end.
    bool selectNext();
    bool selectPrevious();

    // The values in the editors; every experiment remembers its own.
    ExperimentParams params() const;
    void setParams(const QString &experiment, const ExperimentParams &params);
    ExperimentParams paramsFor(const QString &experiment) const;
    void resetParams();
    void setEditable(bool editable);
    // Takes what is typed in a spin box but not yet confirmed (Enter or focus loss),
    // so F5 runs with the value the teacher sees.
    void commitEdits();

    // The note under n when it is 0: the lesson-pace n measured on this machine, or that it will be.
    void refreshPaceNote();
    // The note under the output model: why lines mangle here, or why they do not.
    void refreshStdoutNote();

    void setElapsedText(const QString &text);
    void setResultText(const QString &text, bool error = false);

    // The editor of one parameter, named "param-<key>"; nullptr when the
    // current experiment has no such parameter.
    QWidget *editor(const QString &key) const;

Q_SIGNALS:
    void experimentChanged(const QString &id);
    void paramsChanged();

private:
    void createTree();
    void createDescription(QVBoxLayout *layout); // the title, the description and the parameters' form
    void createRunControls(QVBoxLayout *layout); // Run, Stop, Defaults, the elapsed time and the result
    void onItemChanged(QTreeWidgetItem *item);
    void rebuildEditors();
    void storeEditorValue(const ParamSpec &spec, int value);

    QTreeWidget *m_tree = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
    QWidget *m_paramBox = nullptr;
    QFormLayout *m_form = nullptr;
    QToolButton *m_runButton = nullptr;
    QToolButton *m_stopButton = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_paceNote = nullptr;   // under the n editor, when the experiment has one
    QLabel *m_stdoutNote = nullptr; // under the output model's editor, likewise
    QString m_current;
    QHash<QString, ExperimentParams> m_params;
    QHash<QString, QTreeWidgetItem *> m_items;
    bool m_editable = true;
};

} // namespace lab
