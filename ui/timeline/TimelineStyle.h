#pragma once

#include "Event.h"

#include <QColor>
#include <QFont>
#include <QString>

#include <array>
#include <vector>

namespace lab {

// Colours, sizes and legend of the timeline. Every state colour comes from the
// Okabe–Ito palette, which stays distinguishable with the common colour-vision
// deficiencies; text colours keep a contrast of at least 7:1 on their backgrounds.
struct TimelineStyle
{
    enum class Theme { Light, Dark };

    Theme theme = Theme::Light;
    bool lectureMode = false; // sizes for a projector: text ≥ 24 px and lanes ≥ 24 px at 1080p, a brief legend

    QColor background;
    QColor alternateLane;     // every other lane's background
    QColor gutterBackground;  // lane names
    QColor headerBackground;  // axis, section headers and legend
    QColor text;
    QColor mutedText;         // still ≥ 7:1 on every background above
    QColor grid;
    QColor lockOutline;       // lock-held intervals
    QColor consoleTick;
    QColor chunkBracket;      // a pool's map chunk of several tasks, under its bars
    QColor handoff;           // arrows from a release to the acquire it let through
    QColor failure;
    QColor highlight;         // the highlighted console write, the replay line
    std::array<QColor, spanStateCount> states;
    qreal notOnCpuAlpha = 0.35; // the part of a running span without a CPU is drawn this opaque

    QString fontFamily;     // empty: the application's font
    int fontPixelSize = 13;
    int minLaneHeight = 18; // the widget scrolls rather than going below this
    int maxLaneHeight = 36;
    qreal lineWidth = 1;    // ticks, outlines, arrows
    int padding = 6;

    static TimelineStyle light();
    static TimelineStyle dark();
    static TimelineStyle lecture(Theme theme = Theme::Light); // light() or dark() sized for a projector
    static TimelineStyle make(Theme theme, bool lecture);

    QColor stateColor(SpanState state) const { return states[std::size_t(state)]; }
    QFont font(bool bold = false) const;
    // A bar's colour with the given alpha blended onto the background: opaque, so SVG and PNG agree.
    QColor faded(const QColor &colour, qreal alpha) const;

    struct LegendEntry
    {
        enum class Shape { Bar, SplitBar, NotOnCpu, Outline, Tick, Arrow, Failure, GilHolder, Bracket };
        // What the entry explains, so a legend can leave out what a run does not show.
        enum class Key { Running, NotOnCpu, SleepingIo, LockWait, Joining, LockHeld, GilWait, GilHeld,
                         Startup, Idle, ChunkBracket, ConsoleWrite, Handoff, Failure };
        Key key = Key::Running;
        Shape shape = Shape::Bar;
        QString label;
        QColor colour;
        QColor second; // SplitBar: the other half
    };
    // Every entry, in reading order.
    std::vector<LegendEntry> legend() const;

    static QString stateName(SpanState state); // "sleeping", "waiting for the GIL (model)", …
    static double contrastRatio(const QColor &a, const QColor &b); // WCAG 2 definition, 1–21
};

} // namespace lab
