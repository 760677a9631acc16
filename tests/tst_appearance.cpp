#include "Appearance.h"
#include "ConsolePane.h"
#include "PythonHighlighter.h"
#include "PythonPane.h"
#include "ScalingChart.h"
#include "TimelineStyle.h"
#include "TimelineView.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lab;

namespace {

struct Panes
{
    ConsolePane console;
    PythonPane python;
    TimelineView timeline;
    ScalingChart chart;
    Appearance appearance{{&console, &python, &timeline, &chart}};

    qreal consolePoints() const { return console.textView()->font().pointSizeF(); }
    qreal pythonPoints() const { return python.findChild<QPlainTextEdit *>(u"pythonCode"_s)->font().pointSizeF(); }
    QColor keywordColour() const
    {
        return python.findChild<PythonHighlighter *>()->format(PythonHighlighter::Role::Keyword).foreground().color();
    }
};

} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QApplication::setPalette(QApplication::style()->standardPalette()); }

    void startsLightInNormalType()
    {
        Panes p;
        QCOMPARE(p.appearance.theme(), Appearance::Theme::Light);
        QVERIFY(!p.appearance.isLecture());
        QCOMPARE(p.consolePoints(), Appearance::normalCodePoints);
        QCOMPARE(p.pythonPoints(), Appearance::normalCodePoints);
        QCOMPARE(p.timeline.timelineStyle().theme, TimelineStyle::Theme::Light);
        QVERIFY(!p.timeline.timelineStyle().lectureMode);
        QCOMPARE(p.chart.theme(), ScalingChart::Theme::Light);
        QVERIFY(!p.chart.isLecture());
    }

    void theDarkThemeReachesEveryPane()
    {
        Panes p;
        const QColor lightKeyword = p.keywordColour();
        p.appearance.setTheme(Appearance::Theme::Dark);
        QCOMPARE(QApplication::palette().color(QPalette::Window), Appearance::darkPalette().color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::Base), Appearance::darkPalette().color(QPalette::Base));
        QCOMPARE(p.timeline.timelineStyle().theme, TimelineStyle::Theme::Dark);
        QCOMPARE(p.chart.theme(), ScalingChart::Theme::Dark);
        QVERIFY(p.keywordColour() != lightKeyword);

        p.appearance.setTheme(Appearance::Theme::Light);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QApplication::style()->standardPalette().color(QPalette::Window));
        QCOMPARE(p.timeline.timelineStyle().theme, TimelineStyle::Theme::Light);
        QCOMPARE(p.chart.theme(), ScalingChart::Theme::Light);
        QCOMPARE(p.keywordColour(), lightKeyword);
    }

    void lectureTypeKeepsTheTheme()
    {
        Panes p;
        p.appearance.setTheme(Appearance::Theme::Dark);
        p.appearance.setLecture(true);
        QCOMPARE(p.consolePoints(), Appearance::lectureCodePoints);
        QCOMPARE(p.pythonPoints(), Appearance::lectureCodePoints);
        QVERIFY(p.timeline.timelineStyle().lectureMode);
        QCOMPARE(p.timeline.timelineStyle().theme, TimelineStyle::Theme::Dark);
        QVERIFY(p.chart.isLecture());
        QCOMPARE(p.chart.theme(), ScalingChart::Theme::Dark);

        p.appearance.setLecture(false);
        QCOMPARE(p.consolePoints(), Appearance::normalCodePoints);
        QVERIFY(!p.timeline.timelineStyle().lectureMode);
        QVERIFY(!p.chart.isLecture());
        QCOMPARE(p.timeline.timelineStyle().theme, TimelineStyle::Theme::Dark);
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
