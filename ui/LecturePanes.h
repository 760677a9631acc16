#pragma once

#include <QList>
#include <QObject>

class QAction;
class QBoxLayout;
class QMainWindow;
class QSplitter;
class QTabWidget;
class QWidget;

namespace lab {

// The projection layout of lecture mode: the timeline is the point, so the console,
// the code and the scaling chart are hidden until their key (C, P, S) opens one of them
// below it — the chart borrowed from its tab — and the timeline keeps at least 60 % of
// the screen's height. The menu bar and the tab bar make way too. Leaving lecture mode
// puts all back.
class LecturePanes : public QObject
{
    Q_OBJECT

public:
    enum class Pane { None, Console, Code, Chart };
    Q_ENUM(Pane)

    struct Parts
    {
        QMainWindow *window = nullptr;
        QSplitter *vertical = nullptr; // the timeline's area above, the bottom panes below
        QSplitter *bottom = nullptr;   // the console and the code side by side
        QWidget *console = nullptr;
        QWidget *code = nullptr;
        QTabWidget *tabs = nullptr;    // the timeline's tab and the chart's
        QWidget *timelineTab = nullptr;
        QWidget *chart = nullptr;      // in its tab's box layout, borrowed while shown
    };

    // The share of the window's height the timeline keeps with a pane open.
    static constexpr double timelineShare = 0.6;

    explicit LecturePanes(const Parts &parts, QObject *parent = nullptr);

    QAction *consoleAction() const { return m_console; }
    QAction *codeAction() const { return m_code; }
    QAction *chartAction() const { return m_chart; }
    Pane pane() const { return m_pane; }
    bool isOn() const { return m_on; }

public Q_SLOTS:
    void setOn(bool on);
    // Opens `pane`, closing any other; the open one's own key closes it.
    void show(Pane pane);
    void toggle(Pane pane) { show(m_pane == pane ? Pane::None : pane); }

Q_SIGNALS:
    void paneChanged(lab::LecturePanes::Pane pane);

private:
    QAction *makeAction(const QString &name, const QString &text, Qt::Key key, Pane pane);
    void layOut();
    void borrowChart(bool borrow);

    Parts m_parts;
    bool m_on = false;
    Pane m_pane = Pane::None;
    QList<int> m_sizesBefore;
    QBoxLayout *m_chartHome = nullptr; // where the chart goes back to
    int m_chartIndex = -1;
    int m_chartStretch = 0;
    QAction *m_console = nullptr;
    QAction *m_code = nullptr;
    QAction *m_chart = nullptr;
};

} // namespace lab
