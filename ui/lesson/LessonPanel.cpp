#include "LessonPanel.h"

#include "LessonController.h"
#include "LessonText.h"
#include "QtStrings.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

QLabel *wrapped(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

LessonPanel::LessonPanel(LessonController *lesson, QWidget *parent) : QWidget(parent), m_lesson(lesson)
{
    setObjectName(u"lessonPanel"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 8, 16, 8);
    m_progress = wrapped(this, u"lessonProgress"_s);
    m_title = wrapped(this, u"lessonTitle"_s);
    m_explanation = wrapped(this, u"lessonExplanation"_s);
    m_question = wrapped(this, u"lessonQuestion"_s);
    m_choiceBox = new QVBoxLayout;
    m_reveal = wrapped(this, u"lessonReveal"_s);
    m_keys = wrapped(this, u"lessonKeys"_s);
    m_keys->setText(tr("PageDown / PageUp step · 1–4 pick · Space runs · B blanks · Esc leaves"));
    for (QWidget *w : {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_explanation),
                       static_cast<QWidget *>(m_question)})
        layout->addWidget(w);
    layout->addLayout(m_choiceBox);
    layout->addWidget(m_reveal);
    layout->addStretch(1);
    layout->addWidget(m_keys);
    connect(m_lesson, &LessonController::changed, this, &LessonPanel::refresh);
    setLecture(false);
    refresh();
}

void LessonPanel::setLecture(bool lecture)
{
    m_lecture = lecture;
    // At least 24 px on a projector, the back row's minimum.
    const int body = lecture ? 24 : 14;
    auto sized = [&](QWidget *w, int px, bool bold) {
        QFont f = font();
        f.setPixelSize(px);
        f.setBold(bold);
        w->setFont(f);
    };
    sized(m_progress, body, false);
    sized(m_title, lecture ? 34 : 20, true);
    sized(m_explanation, body, false);
    sized(m_question, body, true);
    sized(m_reveal, body, false);
    sized(m_keys, lecture ? 24 : 12, false);
    for (QPushButton *b : m_choices)
        sized(b, body, false);
    // A quarter of a 1080p projector: the timeline keeps room for a one-row legend.
    setMinimumWidth(lecture ? 470 : 340);
    setMaximumWidth(lecture ? 480 : 420);
}

void LessonPanel::rebuildChoices()
{
    for (QPushButton *b : m_choices)
        delete b;
    m_choices.clear();
    const auto &question = m_lesson->step().question;
    if (!question)
        return;
    for (std::size_t i = 0; i < question->choices.size(); ++i) {
        auto *button = new QPushButton(this);
        button->setObjectName(u"lessonChoice%1"_s.arg(i));
        button->setCheckable(true);
        // The pick (and after the run, the run's answer) must show from the back row.
        button->setStyleSheet(u"QPushButton { text-align: left; padding: 6px 10px; }"
                              "QPushButton:checked { border: 3px solid palette(highlight); }"_s);
        button->setFocusPolicy(Qt::NoFocus); // the keys stay the lesson's
        connect(button, &QPushButton::clicked, this, [this, i] { m_lesson->pick(int(i)); });
        m_choiceBox->addWidget(button);
        m_choices.push_back(button);
    }
    setLecture(m_lecture);
}

void LessonPanel::refresh()
{
    const LessonStep &step = m_lesson->step();
    if (m_choicesFor != m_lesson->stepIndex()) {
        m_choicesFor = m_lesson->stepIndex();
        rebuildChoices();
    }
    m_progress->setText(LessonText::progress(m_lesson->stepIndex(), m_lesson->stepCount()));
    m_title->setText(toQString(step.title).toHtmlEscaped());
    m_explanation->setText(toQString(step.explanation).toHtmlEscaped());
    m_question->setText(step.question ? toQString(fillIn(step.question->prompt, m_lesson->scale())).toHtmlEscaped()
                                      : tr("No question here: its run measures T1."));
    const bool revealed = m_lesson->phase() == LessonController::Phase::Revealed;
    const LessonReveal &reveal = m_lesson->reveal();
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
        QPushButton *b = m_choices[i];
        b->setText(LessonText::choice(step, int(i), m_lesson->picked(), revealed ? &reveal : nullptr, m_lesson->scale()));
        b->setChecked(int(i) == (revealed && reveal.decided() ? reveal.choice : m_lesson->picked()));
        b->setEnabled(m_lesson->phase() == LessonController::Phase::Asking || int(i) == reveal.choice || int(i) == m_lesson->picked());
    }
    // The answer first and bold; the figures below it, each on a line of its own.
    QStringList lines = revealText().toHtmlEscaped().split(u'\n');
    if (revealed && !lines.isEmpty())
        lines.first() = u"<b>%1</b>"_s.arg(lines.first());
    m_reveal->setText(lines.join(u"<br>"_s));
}

QString LessonPanel::revealText() const
{
    const LessonReveal &r = m_lesson->reveal();
    switch (m_lesson->phase()) {
    case LessonController::Phase::Asking: {
        const QString refused = m_lesson->refusal().isEmpty() ? QString() : tr("Not started: %1\n").arg(m_lesson->refusal());
        if (!m_lesson->step().question)
            return refused + tr("Press Space to run it.");
        return refused + (m_lesson->picked() >= 0 ? tr("Prediction %1. Press Space to run.").arg(m_lesson->picked() + 1)
                                                  : tr("Predict first (1–%1), then press Space to run.")
                                                        .arg(m_lesson->step().question->choices.size()));
    }
    case LessonController::Phase::Measuring:
        return m_lesson->measuring() == toQString(m_lesson->step().experiment)
            ? tr("Running %1…").arg(m_lesson->measuring())
            : tr("First the loop (%1), to measure T1…").arg(m_lesson->measuring());
    case LessonController::Phase::Revealed: break;
    }
    return LessonText::reveal(m_lesson->step(), r, m_lesson->picked(), m_lesson->scale()).join(u'\n');
}

} // namespace lab
