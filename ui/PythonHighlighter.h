#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace lab {

// A small Python highlighter: keywords, built-ins, decorators, numbers,
// strings (triple-quoted ones across lines too) and comments.
class PythonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit PythonHighlighter(QTextDocument *document);
    void setDark(bool dark);

    enum class Role { Keyword, Builtin, Decorator, Number, String, Comment };
    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        Role role;
    };
    std::vector<Rule> m_rules;
    bool m_dark = false;
};

} // namespace lab
