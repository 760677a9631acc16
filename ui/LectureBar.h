#pragma once

#include "Catalog.h"

#include <QString>
#include <QWidget>

class QLabel;

namespace lab {

// Over the timeline in lecture mode, one line large enough for the back row: the
// experiment's title with the values it runs with, the last result, and a big clock.
class LectureBar : public QWidget
{
    Q_OBJECT

public:
    explicit LectureBar(QWidget *parent = nullptr);

    // The title for `experiment` with `params`; cleared for an unknown experiment.
    void showExperiment(const QString &experiment, const ExperimentParams &params);
    void setResult(const QString &richText); // empty: none
    void setElapsed(const QString &text);
    QString elapsed() const;

    // The title (rich text): the experiment's, and in a smaller line the values the class
    // is about to see run, as the lesson says them ("Workers pool default").
    static QString titleText(const ExperimentInfo &info, const ExperimentParams &params);

private:
    QLabel *m_title = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_elapsed = nullptr;
};

} // namespace lab
