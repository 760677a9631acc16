#include "LectureBar.h"

#include "QtStrings.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lab {

LectureBar::LectureBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"lectureBar"_s);
    // One line, so the timeline keeps the screen: the title with its values, the last
    // result in what room is left (whole in its tooltip), the big clock at the right.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 2, 12, 2);
    layout->setSpacing(24);
    m_title = new QLabel(this);
    m_title->setObjectName(u"lectureTitle"_s);
    m_result = new QLabel(this);
    m_result->setObjectName(u"lectureResult"_s);
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(u"lectureElapsed"_s);
    m_elapsed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont big = m_title->font();
    big.setPixelSize(30);
    big.setBold(true);
    m_title->setFont(big);
    QFont mid = big;
    mid.setPixelSize(24);
    mid.setBold(false);
    m_result->setFont(mid);
    m_result->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->setMinimumWidth(1); // a long title is cut at the screen's edge, never widens the window
    QFont huge(u"monospace"_s);
    huge.setStyleHint(QFont::Monospace);
    huge.setPixelSize(40);
    huge.setBold(true);
    m_elapsed->setFont(huge);
    layout->addWidget(m_title);
    layout->addWidget(m_result, 1);
    layout->addWidget(m_elapsed);
    hide();
}

QString LectureBar::titleText(const ExperimentInfo &info, const ExperimentParams &params)
{
    QStringList values;
    for (const auto &key : info.params) {
        const ParamSpec *spec = findParam(key);
        if (!spec || key == "write-us" || key == "switch-ms" || (key == "interpreter-startup-ms" && params.startMethod == 0))
            continue; // modelling details (the start-up model is spawn's); the panel shows them
        const int v = params.*spec->field;
        const std::size_t choice = std::size_t(std::clamp(v, 0, std::max(0, int(spec->choices.size()) - 1)));
        QString value;
        if (!spec->choices.empty())
            value = toQString(choice < spec->choiceLabels.size() ? spec->choiceLabels[choice] : spec->choices[choice]);
        else if (v == 0 && !spec->zeroMeans.empty())
            value = toQString(spec->zeroMeans);
        else
            value = QLocale().toString(v) + (spec->unit.empty() ? QString() : u" "_s + toQString(spec->unit));
        values << toQString(spec->label) + u" "_s + value;
    }
    if (values.isEmpty()) // the sweep: its values are the chart's form
        return toQString(info.title).toHtmlEscaped();
    return u"%1 <span style=\"font-size:80%; font-weight:normal\">· %2</span>"_s.arg(
        toQString(info.title).toHtmlEscaped(), values.join(u" · "_s).toHtmlEscaped());
}

void LectureBar::showExperiment(const QString &experiment, const ExperimentParams &params)
{
    if (const ExperimentInfo *info = findExperiment(experiment.toStdString()))
        m_title->setText(titleText(*info, params));
    else
        m_title->clear();
}

void LectureBar::setResult(const QString &richText)
{
    m_result->setText(richText);
    m_result->setToolTip(richText);
}

void LectureBar::setElapsed(const QString &text)
{
    m_elapsed->setText(text);
}

QString LectureBar::elapsed() const
{
    return m_elapsed->text();
}

} // namespace lab
