#include "PythonHighlighter.h"

using namespace Qt::StringLiterals;

namespace lab {

namespace {

enum BlockState { Normal = 0, InTripleDouble = 1, InTripleSingle = 2 };

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const QString keywords = u"\\b(?:False|None|True|and|as|assert|async|await|break|class|continue|def|del|elif|else|"
                             "except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|"
                             "return|try|while|with|yield|match|case)\\b"_s;
    const QString builtins = u"\\b(?:print|range|len|list|tuple|dict|set|map|zip|sorted|enumerate|int|str|"
                             "super|self|min|max|sum|isinstance|__name__|__main__)\\b"_s;
    m_rules = {
        {QRegularExpression(keywords), Role::Keyword},
        {QRegularExpression(builtins), Role::Builtin},
        {QRegularExpression(u"^\\s*@[\\w.]+"_s), Role::Decorator},
        {QRegularExpression(u"\\b\\d[\\d_]*(?:\\.\\d+)?\\b"_s), Role::Number},
    };
}

void PythonHighlighter::setDark(bool dark)
{
    m_dark = dark;
    rehighlight();
}

QTextCharFormat PythonHighlighter::format(Role role) const
{
    QTextCharFormat f;
    switch (role) {
    case Role::Keyword:
        f.setForeground(m_dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x7b, 0x1f, 0xa2));
        f.setFontWeight(QFont::Bold);
        break;
    case Role::Builtin: f.setForeground(m_dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x15, 0x65, 0xc0)); break;
    case Role::Decorator: f.setForeground(m_dark ? QColor(0xff, 0xcb, 0x6b) : QColor(0x9e, 0x6a, 0x00)); break;
    case Role::Number: f.setForeground(m_dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0xc6, 0x28, 0x28)); break;
    case Role::String: f.setForeground(m_dark ? QColor(0xc3, 0xe8, 0x8d) : QColor(0x2e, 0x7d, 0x32)); break;
    case Role::Comment:
        f.setForeground(m_dark ? QColor(0x8a, 0x93, 0xa6) : QColor(0x75, 0x75, 0x75));
        f.setFontItalic(true);
        break;
    }
    return f;
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : m_rules) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), format(rule.role));
        }
    }

    // Strings and comments, scanned left to right so a '#' inside a string is
    // not a comment and quotes inside a comment open nothing.
    setCurrentBlockState(Normal);
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto closeTriple = [&](qsizetype from, const QString &quote, BlockState state) {
        const qsizetype end = text.indexOf(quote, from);
        if (end < 0) {
            setFormat(int(from), int(n - from), format(Role::String));
            setCurrentBlockState(state);
            return n;
        }
        setFormat(int(from), int(end + 3 - from), format(Role::String));
        return end + 3;
    };
    if (previousBlockState() == InTripleDouble)
        i = closeTriple(0, u"\"\"\""_s, InTripleDouble);
    else if (previousBlockState() == InTripleSingle)
        i = closeTriple(0, u"'''"_s, InTripleSingle);
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'#') {
            setFormat(int(i), int(n - i), format(Role::Comment));
            break;
        }
        if (c == u'"' || c == u'\'') {
            const QString triple(3, c);
            if (text.mid(i, 3) == triple) {
                const qsizetype start = i;
                const qsizetype after = closeTriple(i + 3, triple, c == u'"' ? InTripleDouble : InTripleSingle);
                setFormat(int(start), 3, format(Role::String));
                i = after;
                continue;
            }
            qsizetype j = i + 1;
            while (j < n && text.at(j) != c) {
                if (text.at(j) == u'\\')
                    ++j;
                ++j;
            }
            // An f-string's prefix belongs to the string too.
            qsizetype start = i;
            while (start > 0 && text.at(start - 1).isLetter() && QStringView(u"fFrRbBuU").contains(text.at(start - 1)))
                --start;
            setFormat(int(start), int(std::min(j + 1, n) - start), format(Role::String));
            i = j + 1;
            continue;
        }
        ++i;
    }
}

} // namespace lab
