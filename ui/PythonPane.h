#pragma once

#include "Catalog.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace lab {

class PythonHighlighter;

// The Python program an experiment runs, read from :/snippets/<id>.py
// (or <id>-executor.py, the ProcessPoolExecutor variant, when the run uses that pool).
class PythonPane : public QWidget
{
    Q_OBJECT

public:
    explicit PythonPane(QWidget *parent = nullptr);

    // The experiment's snippet as it is, or with the values a run of it uses.
    void setExperiment(const QString &id);
    void setExperiment(const QString &id, const ExperimentParams &params);
    QString experiment() const { return m_id; }
    QString code() const;
    bool hasSnippet() const { return m_found; }
    void setDark(bool dark);
    void setFontPointSize(qreal points);

    // The snippet's text, or an empty string when there is none. `name` is a
    // file's base name: an experiment's id, or a variant's (snippetName()).
    static QString snippet(const QString &name);
    // Which snippet a run shows: <id>-executor when the run uses ProcessPoolExecutor
    // and the experiment has that variant, else <id>.
    static QString snippetName(const QString &id, const ExperimentParams &params);
    // A snippet with its constants set as the run sets them: TASKS, N, PAUSE,
    // a pool's size and map's chunksize (when not their defaults) and the start method.
    static QString withValues(const QString &code, const ExperimentParams &params);

private:
    void showCode(const QString &id, const QString &name, const QString &code);

    QLabel *m_header = nullptr;
    QPlainTextEdit *m_view = nullptr;
    PythonHighlighter *m_highlighter = nullptr;
    QString m_id;
    bool m_found = false;
};

} // namespace lab
