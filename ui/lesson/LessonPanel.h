#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace lab {

class LessonController;

// Beside the timeline while the lesson runs: the step, its explanation, the question
// and its choices before the run; after it, the choice the run decided, the class's
// prediction against it, and the lesson's figure beside this machine's.
class LessonPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LessonPanel(LessonController *lesson, QWidget *parent = nullptr);

    void setLecture(bool lecture);
    // The reveal's text as shown (plain), for tests and the status line.
    QString revealText() const;

private:
    void refresh();
    void rebuildChoices();

    LessonController *m_lesson = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_question = nullptr;
    QVBoxLayout *m_choiceBox = nullptr;
    std::vector<QPushButton *> m_choices;
    QLabel *m_reveal = nullptr;
    QLabel *m_keys = nullptr;
    int m_choicesFor = -1; // the step the buttons were made for
    bool m_lecture = false;
};

} // namespace lab
