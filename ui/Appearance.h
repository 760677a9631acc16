#pragma once

#include <QPalette>

namespace lab {

class ConsolePane;
class PythonPane;
class ScalingChart;
class TimelineView;

// How the window's panes look: the light or the dark theme (the application's palette
// too), and lecture mode's large type and lanes.
class Appearance
{
public:
    enum class Theme { Light, Dark };

    struct Panes
    {
        ConsolePane *console = nullptr;
        PythonPane *python = nullptr;
        TimelineView *timeline = nullptr;
        ScalingChart *chart = nullptr;
    };

    // Gives the panes the light theme's normal type.
    explicit Appearance(const Panes &panes);

    Theme theme() const { return m_theme; }
    void setTheme(Theme theme);
    bool isLecture() const { return m_lecture; }
    void setLecture(bool lecture);

    static QPalette darkPalette();

    static constexpr qreal normalCodePoints = 10.0;
    static constexpr qreal lectureCodePoints = 20.0;

private:
    void applyFonts();
    void applyStyles();

    Panes m_panes;
    Theme m_theme = Theme::Light;
    bool m_lecture = false;
};

} // namespace lab
