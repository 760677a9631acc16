#pragma once

#include <QList>

class QMainWindow;
class QSettings;
class QSplitter;

namespace lab {

class ExperimentPanel;
class ScalingTab;

// What the window remembers between sessions (QSettings): its geometry, toolbars and
// splitters (the normal window's: lecture mode's full screen is not remembered), the
// last experiment and every experiment's parameters, the view and the sweep's form.
class WindowSettings
{
public:
    // What the window applies itself once the rest is restored.
    struct View
    {
        bool dark = false;
        bool lecture = false;
        bool lineEnds = false; // the console's ↵ marks
        int replaySpeed = 0;   // index of the replay speed
    };

    // The splitters are remembered by their object names.
    WindowSettings(QMainWindow *window, const QList<QSplitter *> &splitters, ExperimentPanel *panel, ScalingTab *scaling);

    void save(const View &view) const;
    // Restores the window, the parameters, the experiment and the sweep's form; returns the view.
    View load() const;

private:
    void saveParams(QSettings &settings) const;
    void loadParams(QSettings &settings) const; // a value out of today's range is dropped

    QMainWindow *m_window = nullptr;
    QList<QSplitter *> m_splitters;
    ExperimentPanel *m_panel = nullptr;
    ScalingTab *m_scaling = nullptr;
};

} // namespace lab
