#include "LessonText.h"

#include "QtStrings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace lab::LessonText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LessonText", text);
}

} // namespace

QString choice(const LessonStep &step, int index, int picked, const LessonReveal *reveal, const LessonScale &scale)
{
    QString mark = u"   "_s;
    if (reveal && reveal->decided()) {
        if (index == reveal->choice)
            mark = u"✓ "_s;
        else if (index == picked)
            mark = u"✗ "_s;
    }
    return mark + u"%1  %2"_s.arg(index + 1).arg(toQString(step.question->choices[std::size_t(index)].textFor(scale)));
}

QStringList reveal(const LessonStep &step, const LessonReveal &r, int picked, const LessonScale &scale)
{
    QStringList lines;
    if (!r.decided() && !r.undecided.empty())
        lines << toQString(r.undecided);
    if (r.decided()) {
        const auto &choices = step.question->choices;
        const QString answer = u"%1 (%2)"_s.arg(r.choice + 1).arg(toQString(choices[std::size_t(r.choice)].textFor(scale)));
        if (picked < 0)
            lines << tr("The run says %1.").arg(answer);
        else if (picked == r.choice)
            lines << tr("✓ As predicted: the run says %1.").arg(answer);
        else
            lines << tr("✗ Predicted %1; the run says %2.").arg(picked + 1).arg(answer);
    }
    if (!r.here.empty())
        lines << toQString(r.here);
    lines << toQString(r.lesson);
    if (!r.differs.empty())
        lines << toQString(r.differs);
    return lines;
}

QString progress(int index, int count)
{
    return tr("Step %1 of %2").arg(index + 1).arg(count);
}

} // namespace lab::LessonText
