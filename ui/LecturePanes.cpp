#include "LecturePanes.h"

#include <QAction>
#include <QBoxLayout>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lab {

LecturePanes::LecturePanes(const Parts &parts, QObject *parent) : QObject(parent), m_parts(parts)
{
    m_console = makeAction(u"actionLectureConsole"_s, tr("Console pane"), Qt::Key_C, Pane::Console);
    m_code = makeAction(u"actionLectureCode"_s, tr("Code pane"), Qt::Key_P, Pane::Code);
    m_chart = makeAction(u"actionLectureChart"_s, tr("Scaling chart"), Qt::Key_S, Pane::Chart);
}

QAction *LecturePanes::makeAction(const QString &name, const QString &text, Qt::Key key, Pane pane)
{
    auto *action = new QAction(text, m_parts.window);
    action->setObjectName(name);
    action->setShortcut(QKeySequence(key));
    action->setCheckable(true);
    action->setEnabled(false); // lecture mode only: elsewhere the letters are the panel's to type
    action->setToolTip(tr("%1 (%2): shown below the timeline in lecture mode; the key again hides it")
                           .arg(text, QKeySequence(key).toString(QKeySequence::NativeText)));
    m_parts.window->addAction(action);
    connect(action, &QAction::triggered, this, [this, pane] { toggle(pane); });
    return action;
}

void LecturePanes::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    for (QAction *a : {m_console, m_code, m_chart})
        a->setEnabled(on);
    // The menus' own shortcuts (Open, Save, Quit) must outlive their hidden menu bar.
    for (QAction *menu : m_parts.window->menuBar()->actions())
        if (menu->menu())
            m_parts.window->addActions(menu->menu()->actions());
    m_parts.window->menuBar()->setVisible(!on);
    m_parts.tabs->tabBar()->setVisible(!on);
    if (on) {
        m_sizesBefore = m_parts.vertical->sizes();
        m_pane = Pane::None;
    } else {
        m_pane = Pane::None;
        m_parts.console->setVisible(true);
        m_parts.code->setVisible(true);
        m_parts.bottom->setVisible(true);
        borrowChart(false);
        m_parts.tabs->setCurrentWidget(m_parts.timelineTab);
        if (!m_sizesBefore.isEmpty())
            m_parts.vertical->setSizes(m_sizesBefore);
    }
    if (on)
        layOut();
    for (QAction *a : {m_console, m_code, m_chart})
        a->setChecked(false);
}

void LecturePanes::show(Pane pane)
{
    if (!m_on)
        return;
    m_pane = pane;
    layOut();
    m_console->setChecked(pane == Pane::Console);
    m_code->setChecked(pane == Pane::Code);
    m_chart->setChecked(pane == Pane::Chart);
    Q_EMIT paneChanged(pane);
}

// The chart lives in its tab; below the timeline it is borrowed, and given back after.
void LecturePanes::borrowChart(bool borrow)
{
    QWidget *chart = m_parts.chart;
    if (borrow && !m_chartHome) {
        m_chartHome = qobject_cast<QBoxLayout *>(chart->parentWidget()->layout());
        if (!m_chartHome)
            return;
        m_chartIndex = m_chartHome->indexOf(chart);
        m_chartStretch = m_chartHome->stretch(m_chartIndex);
        m_parts.bottom->addWidget(chart);
    } else if (!borrow && m_chartHome) {
        m_chartHome->insertWidget(m_chartIndex, chart, m_chartStretch);
        chart->show();
        m_chartHome = nullptr;
    }
}

void LecturePanes::layOut()
{
    const bool below = m_pane != Pane::None;
    borrowChart(m_pane == Pane::Chart);
    m_parts.console->setVisible(m_pane == Pane::Console);
    m_parts.code->setVisible(m_pane == Pane::Code);
    m_parts.bottom->setVisible(below);
    m_parts.tabs->setCurrentWidget(m_parts.timelineTab);
    if (!below)
        return;
    // What the timeline's area keeps: 60 % of the window, plus what sits above the
    // timeline inside that area (the lecture bar).
    const int total = std::max(1, m_parts.vertical->height());
    const int above = m_parts.tabs->mapTo(m_parts.vertical->widget(0), QPoint(0, 0)).y();
    const int keep = int(std::ceil(timelineShare * m_parts.window->height())) + above;
    const int pane = std::max(0, total - m_parts.vertical->handleWidth() - keep);
    m_parts.vertical->setSizes({total - pane, pane});
}

} // namespace lab
