#include "LectureMode.h"

#include "LectureBar.h"

#include <QAction>
#include <QMainWindow>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QToolBar>

namespace lab {

LectureMode::LectureMode(const Parts &parts, QObject *parent) : QObject(parent), m_parts(parts)
{
    if (m_parts.panes.window)
        m_panes = new LecturePanes(m_parts.panes, this);
    connect(m_parts.toggle, &QAction::toggled, this, &LectureMode::setOn);
}

void LectureMode::setOn(bool on)
{
    if (m_parts.toggle->isChecked() != on)
        m_parts.toggle->setChecked(on); // comes back here through toggled()
    if (m_on == on)
        return;
    m_on = on;
    QMainWindow *window = m_parts.window;
    if (on) {
        m_wasMaximized = window->isMaximized();
        window->showFullScreen();
        m_parts.run->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::Key_Space)});
    } else {
        if (m_wasMaximized)
            window->showMaximized();
        else
            window->showNormal();
        m_parts.run->setShortcuts({QKeySequence(Qt::Key_F5)});
    }
    m_parts.panel->setVisible(!on);
    window->statusBar()->setVisible(!on);
    enlarge(on);
    m_parts.bar->setVisible(on);
    if (m_panes)
        m_panes->setOn(on);
    Q_EMIT toggled(on);
    Q_EMIT statusMessage(on ? QString() : tr("Lecture mode off"), 3000);
}

void LectureMode::enlarge(bool on)
{
    QFont tabFont = m_parts.window->font();
    if (on)
        tabFont.setPointSizeF(tabFont.pointSizeF() * 1.6);
    m_parts.tabs->setFont(tabFont);
    const int icon = m_parts.window->style()->pixelMetric(QStyle::PM_ToolBarIconSize);
    m_parts.toolBar->setIconSize(on ? QSize(2 * icon, 2 * icon) : QSize(icon, icon));
    // Large icons with their words beside them overflow the screen's width; the words stay in the tooltips.
    if (on)
        m_toolStyle = m_parts.toolBar->toolButtonStyle();
    m_parts.toolBar->setToolButtonStyle(on ? Qt::ToolButtonIconOnly : m_toolStyle);
    QFont barFont = m_parts.window->font();
    if (on)
        barFont.setPointSizeF(barFont.pointSizeF() * 1.5);
    m_parts.toolBar->setFont(barFont);
}

} // namespace lab
