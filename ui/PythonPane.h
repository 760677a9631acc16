#pragma once

#include "Catalog.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace lab {

class PythonHighlighter;

// The Python code an experiment stands for, read from :/snippets/<id>.py.
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

    // The snippet's text, or an empty string when the experiment has none.
    static QString snippet(const QString &id);
    // A snippet with its constants set as the run sets them: TASKS, N, PAUSE,
    // a pool's workers (when not its default) and the start method.
    static QString withValues(const QString &code, const ExperimentParams &params);

private:
    void showCode(const QString &id, const QString &code);

    QLabel *m_header = nullptr;
    QPlainTextEdit *m_view = nullptr;
    PythonHighlighter *m_highlighter = nullptr;
    QString m_id;
    bool m_found = false;
};

} // namespace lab
