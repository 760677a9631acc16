#include "PythonPane.h"

#include "PythonHighlighter.h"
#include "QtStrings.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
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

QString PythonPane::snippet(const QString &name)
{
    QFile file(u":/snippets/"_s + name + u".py"_s);
    if (name.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString PythonPane::snippetName(const QString &id, const ExperimentParams &params)
{
    const QString executor = id + u"-executor"_s;
    if (params.poolApi == 1 && QFile::exists(u":/snippets/"_s + executor + u".py"_s))
        return executor;
    return id;
}

namespace {

// 100000 as Python writes a big int literal: 100_000.
QString pythonInt(int value) { return value < 10'000 ? QString::number(value) : groupedDigits(value, u'_'); }

// A pool built at its default size gets the run's: Pool() becomes Pool(processes=8),
// ProcessPoolExecutor(initializer=…) becomes ProcessPoolExecutor(max_workers=8, initializer=…).
// A "# default: …" comment on that line describes the default, so it goes.
QString withPoolSize(const QString &code, int workers)
{
    static const QRegularExpression pool(
        uR"(\b(Pool|ProcessPoolExecutor|ThreadPoolExecutor)\((?!processes=|max_workers=)(\)?)([^\n]*?)(\s*# default:[^\n]*)?$)"_s,
        QRegularExpression::MultilineOption);
    QString out;
    qsizetype copied = 0;
    for (auto it = pool.globalMatch(code); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString keyword = m.captured(1) == u"Pool"_s ? u"processes"_s : u"max_workers"_s;
        const QString rest = m.captured(2).isEmpty() ? u", "_s : u")"_s; // more arguments follow, or none
        out += code.mid(copied, m.capturedStart() - copied);
        out += u"%1(%2=%3%4%5"_s.arg(m.captured(1), keyword, QString::number(workers), rest, m.captured(3));
        copied = m.capturedEnd(); // without group 4, the comment
    }
    return out + code.mid(copied);
}

} // namespace

QString PythonPane::withValues(const QString &code, const ExperimentParams &params)
{
    QString out = code;
    // A constant's value on its own line; what follows it (a comment) stays.
    auto setConstant = [&](const QString &name, const QString &value) {
        static const QString pattern = uR"(^(%1 = )[0-9_.]+)"_s;
        out.replace(QRegularExpression(pattern.arg(name), QRegularExpression::MultilineOption), u"\\1"_s + value);
    };
    setConstant(u"TASKS"_s, QString::number(params.tasks));
    // n = 0 is the lesson's pace: the engine scales n to GMP's speed; the Python stays the lesson's 10**5.
    setConstant(u"N"_s, pythonInt(params.n > 0 ? params.n : 100'000));
    setConstant(u"PAUSE"_s, QString::number(params.sleepMs / 1000.0, 'g', 6));
    if (params.workers > 0) {
        static const QRegularExpression defaultWorkers(uR"(^(\s*workers = ).*# the executor's default$)"_s,
                                                       QRegularExpression::MultilineOption);
        out.replace(defaultWorkers, u"\\1%1"_s.arg(params.workers));
        out = withPoolSize(out, params.workers);
    }
    if (params.chunksize > 0) {
        // pool.map(f, args) — one level of parentheses inside, as in range(TASKS).
        static const QRegularExpression map(uR"(\b(pool\.map\((?![^\n]*chunksize=)(?:[^()\n]|\([^()\n]*\))*)\))"_s);
        out.replace(map, u"\\1, chunksize=%1)"_s.arg(params.chunksize));
    }
    if (params.startMethod == 1) {
        static const QRegularExpression fork(uR"(set_start_method\("fork"\)(\s*)#.*$)"_s, QRegularExpression::MultilineOption);
        out.replace(fork, uR"(set_start_method("spawn")\1# or "fork": a copy of this process, quicker to start)"_s);
    }
    return out;
}

void PythonPane::setExperiment(const QString &id)
{
    showCode(id, id, snippet(id));
}

void PythonPane::setExperiment(const QString &id, const ExperimentParams &params)
{
    const QString name = snippetName(id, params);
    showCode(id, name, withValues(snippet(name), params));
}

void PythonPane::showCode(const QString &id, const QString &name, const QString &code)
{
    // A pool-API variant is the same experiment's code, line for line: it keeps the scroll position too.
    const bool sameSnippet = id == m_id && m_found;
    m_id = id;
    m_found = !code.isEmpty();
    m_header->setText(m_found ? tr("Python: <b>%1.py</b>").arg(name.toHtmlEscaped()) : tr("Python"));
    const QString text = m_found ? code
                                 : tr("# There is no Python snippet for \"%1\" yet.\n"
                                      "# The experiment still runs; its timeline and console show what it does.\n")
                                       .arg(id);
    if (text == m_view->toPlainText())
        return;
    // A value changed in the panel: the code changes under the reader's eyes, not its scroll position.
    const int scrolled = m_view->verticalScrollBar()->value();
    m_view->setPlainText(text);
    if (sameSnippet)
        m_view->verticalScrollBar()->setValue(scrolled);
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
