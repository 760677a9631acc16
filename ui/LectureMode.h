#pragma once

#include "LecturePanes.h"

#include <QObject>

class QAction;
class QMainWindow;
class QTabBar;
class QToolBar;
class QWidget;

namespace lab {

class LectureBar;

// Lecture mode: full screen, large type, the experiment panel and the status bar out
// of the way, the lecture bar over the timeline, the other panes on keys (LecturePanes),
// and Space beside F5 to run. Leaving it brings the window back as it was (maximized or not).
class LectureMode : public QObject
{
    Q_OBJECT

public:
    // What lecture mode changes in the window.
    struct Parts
    {
        QMainWindow *window = nullptr;
        QAction *toggle = nullptr; // checkable; its toggled() switches the mode
        QAction *run = nullptr;    // Space joins its shortcut
        QWidget *panel = nullptr;  // hidden
        QTabBar *tabs = nullptr;   // larger type
        QToolBar *toolBar = nullptr; // larger icons and type
        LectureBar *bar = nullptr; // shown
        LecturePanes::Parts panes;  // the console, code and chart on keys
    };

    explicit LectureMode(const Parts &parts, QObject *parent = nullptr);

    bool isOn() const { return m_on; }
    LecturePanes *panes() const { return m_panes; }

public Q_SLOTS:
    void setOn(bool on);

Q_SIGNALS:
    void toggled(bool on); // after the window has changed; the fonts and styles are the window's to follow
    void statusMessage(const QString &text, int timeoutMs);

private:
    void enlarge(bool on);

    Parts m_parts;
    LecturePanes *m_panes = nullptr;
    bool m_on = false;
    bool m_wasMaximized = false;
    Qt::ToolButtonStyle m_toolStyle = Qt::ToolButtonTextBesideIcon;
};

} // namespace lab
