#include "PythonPane.h"

#include "PythonHighlighter.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lab {

PythonPane::PythonPane(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_header = new QLabel(this);
    m_header->setObjectName(u"pythonHeader"_s);
    m_header->setContentsMargins(4, 2, 4, 0);
    layout->addWidget(m_header);

    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(u"pythonCode"_s);
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setTabStopDistance(4 * m_view->fontMetrics().horizontalAdvance(u' '));
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_view->setFont(mono);
    layout->addWidget(m_view, 1);
    m_highlighter = new PythonHighlighter(m_view->document());
}

QString PythonPane::snippet(const QString &id)
{
    QFile file(u":/snippets/"_s + id + u".py"_s);
    if (id.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll());
}

void PythonPane::setExperiment(const QString &id)
{
    m_id = id;
    const QString code = snippet(id);
    m_found = !code.isEmpty();
    m_header->setText(m_found ? tr("Python: <b>%1.py</b>").arg(id.toHtmlEscaped()) : tr("Python"));
    m_view->setPlainText(m_found ? code
                                 : tr("# There is no Python snippet for \"%1\" yet.\n"
                                      "# The experiment still runs; its timeline and console show what it does.\n")
                                       .arg(id));
}

QString PythonPane::code() const
{
    return m_view->toPlainText();
}

void PythonPane::setDark(bool dark)
{
    m_highlighter->setDark(dark);
}

void PythonPane::setFontPointSize(qreal points)
{
    QFont f = m_view->font();
    f.setPointSizeF(points);
    m_view->setFont(f);
    m_view->setTabStopDistance(4 * QFontMetricsF(f).horizontalAdvance(u' '));
    QFont hf = m_header->font();
    hf.setPointSizeF(std::max(points * 0.8, 8.0));
    m_header->setFont(hf);
}

} // namespace lab
