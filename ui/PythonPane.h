#pragma once

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

    void setExperiment(const QString &id);
    QString experiment() const { return m_id; }
    QString code() const;
    bool hasSnippet() const { return m_found; }
    void setDark(bool dark);
    void setFontPointSize(qreal points);

    // The snippet's text, or an empty string when the experiment has none.
    static QString snippet(const QString &id);

private:
    QLabel *m_header = nullptr;
    QPlainTextEdit *m_view = nullptr;
    PythonHighlighter *m_highlighter = nullptr;
    QString m_id;
    bool m_found = false;
};

} // namespace lab
