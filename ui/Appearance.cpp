#include "Appearance.h"

#include "ConsolePane.h"
#include "PythonPane.h"
#include "ScalingChart.h"
#include "TimelineStyle.h"
#include "TimelineView.h"

#include <QApplication>
#include <QStyle>

namespace lab {

Appearance::Appearance(const Panes &panes) : m_panes(panes)
{
    applyFonts();
    applyStyles();
}

void Appearance::setTheme(Theme theme)
{
    m_theme = theme;
    const bool dark = theme == Theme::Dark;
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    m_panes.console->setDark(dark);
    m_panes.python->setDark(dark);
    applyStyles();
}

void Appearance::setLecture(bool lecture)
{
    m_lecture = lecture;
    applyFonts();
    applyStyles();
}

void Appearance::applyFonts()
{
    const qreal points = m_lecture ? lectureCodePoints : normalCodePoints;
    m_panes.console->setFontPointSize(points);
    m_panes.python->setFontPointSize(points);
}

void Appearance::applyStyles()
{
    const bool dark = m_theme == Theme::Dark;
    m_panes.timeline->setTimelineStyle(TimelineStyle::make(dark ? TimelineStyle::Theme::Dark : TimelineStyle::Theme::Light, m_lecture));
    m_panes.chart->setLecture(m_lecture);
    m_panes.chart->setTheme(dark ? ScalingChart::Theme::Dark : ScalingChart::Theme::Light);
}

QPalette Appearance::darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
    p.setColor(QPalette::Highlight, QColor(0x42, 0x7f, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace lab
