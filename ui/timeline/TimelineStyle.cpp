#include "TimelineStyle.h"

#include <QGuiApplication>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

// Okabe & Ito (2008), "Color Universal Design".
const QColor okabeOrange{0xE6, 0x9F, 0x00};
const QColor okabeSkyBlue{0x56, 0xB4, 0xE9};
const QColor okabeGreen{0x00, 0x9E, 0x73};
const QColor okabeYellow{0xF0, 0xE4, 0x42};
const QColor okabeBlue{0x00, 0x72, 0xB2};
const QColor okabeVermillion{0xD5, 0x5E, 0x00};
const QColor okabePurple{0xCC, 0x79, 0xA7};

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

TimelineStyle TimelineStyle::make(Theme theme, bool lecture)
{
    TimelineStyle s;
    s.theme = theme;
    s.lectureMode = lecture;
    const bool light = theme == Theme::Light;
    if (light) {
        s.background = QColor(0xFF, 0xFF, 0xFF);
        s.alternateLane = QColor(0xF4, 0xF5, 0xF7);
        s.gutterBackground = QColor(0xEE, 0xEF, 0xF2);
        s.headerBackground = QColor(0xE6, 0xE8, 0xEC);
        s.text = QColor(0x00, 0x00, 0x00);
        s.mutedText = QColor(0x33, 0x33, 0x33);
        s.grid = QColor(0xC8, 0xCC, 0xD2);
        s.lockOutline = QColor(0x00, 0x00, 0x00);
        s.consoleTick = QColor(0x00, 0x00, 0x00);
        s.chunkBracket = QColor(0x3C, 0x3C, 0x3C); // softer than the lock outlines, still 11:1
        s.handoff = QColor(0x20, 0x20, 0x20);
        s.failure = QColor(0x00, 0x00, 0x00);
        s.highlight = QColor(0x00, 0x00, 0x00);
    } else {
        s.background = QColor(0x12, 0x13, 0x16);
        s.alternateLane = QColor(0x1B, 0x1C, 0x20);
        s.gutterBackground = QColor(0x1F, 0x21, 0x26);
        s.headerBackground = QColor(0x26, 0x28, 0x2E);
        s.text = QColor(0xFF, 0xFF, 0xFF);
        s.mutedText = QColor(0xD8, 0xD8, 0xD8);
        s.grid = QColor(0x3A, 0x3D, 0x45);
        s.lockOutline = QColor(0xFF, 0xFF, 0xFF);
        s.consoleTick = QColor(0xFF, 0xFF, 0xFF);
        s.chunkBracket = QColor(0xC4, 0xC4, 0xC4);
        s.handoff = QColor(0xF0, 0xF0, 0xF0);
        s.failure = QColor(0xFF, 0xFF, 0xFF);
        s.highlight = QColor(0xFF, 0xFF, 0xFF);
    }
    s.states[std::size_t(SpanState::Running)] = okabeGreen;
    s.states[std::size_t(SpanState::Sleeping)] = okabeSkyBlue;
    s.states[std::size_t(SpanState::Io)] = okabeBlue;
    s.states[std::size_t(SpanState::LockWait)] = okabeVermillion;
    s.states[std::size_t(SpanState::Joining)] = okabePurple;
    s.states[std::size_t(SpanState::GilWait)] = okabeYellow;
    s.states[std::size_t(SpanState::Startup)] = okabeOrange;
    s.states[std::size_t(SpanState::Idle)] = light ? QColor(0xB8, 0xB8, 0xB8) : QColor(0x5C, 0x5C, 0x5C);
    if (lecture) {
        s.fontPixelSize = 24;
        s.minLaneHeight = 24; // 32 lanes fit a 1080p projector
        s.maxLaneHeight = 56;
        s.lineWidth = 2;
        s.padding = 10;
    }
    return s;
}

TimelineStyle TimelineStyle::light() { return make(Theme::Light, false); }
TimelineStyle TimelineStyle::dark() { return make(Theme::Dark, false); }
TimelineStyle TimelineStyle::lecture(Theme theme) { return make(theme, true); }

QFont TimelineStyle::font(bool bold) const
{
    QFont f = qobject_cast<QGuiApplication *>(QCoreApplication::instance()) ? QGuiApplication::font() : QFont();
    if (!fontFamily.isEmpty())
        f.setFamily(fontFamily);
    f.setPixelSize(fontPixelSize);
    f.setBold(bold);
    return f;
}

QColor TimelineStyle::faded(const QColor &colour, qreal alpha) const
{
    // 8-bit channels, so the colour compares equal to the pixels it paints.
    auto mix = [alpha](int a, int b) { return qRound(a * alpha + b * (1 - alpha)); };
    return QColor(mix(colour.red(), background.red()), mix(colour.green(), background.green()),
                  mix(colour.blue(), background.blue()));
}

QString TimelineStyle::stateName(SpanState state)
{
    switch (state) {
    case SpanState::Running: return u"running"_s;
    case SpanState::Sleeping: return u"sleeping"_s;
    case SpanState::Io: return u"console I/O"_s;
    case SpanState::LockWait: return u"waiting for a lock"_s;
    case SpanState::Joining: return u"waiting on another thread"_s; // join(), start(), a pool's results
    case SpanState::GilWait: return u"waiting for the GIL (model)"_s;
    case SpanState::Startup: return u"process start-up"_s;
    case SpanState::Idle: return u"idle (no task)"_s;
    }
    return u"?"_s;
}

std::vector<TimelineStyle::LegendEntry> TimelineStyle::legend() const
{
    using E = LegendEntry;
    const QColor running = stateColor(SpanState::Running);
    // A projector's legend is one row of large type: the same entries in fewer words.
    const bool brief = lectureMode;
    auto label = [brief](const char16_t *full, const char16_t *shortLabel) {
        return QString::fromUtf16(brief ? shortLabel : full);
    };
    return {
        {E::Key::Running, E::Shape::Bar, u"running"_s, running, {}},
        {E::Key::NotOnCpu, E::Shape::NotOnCpu, label(u"running, not on a CPU (pale part)", u"not on a CPU"), running,
         faded(running, notOnCpuAlpha)},
        {E::Key::SleepingIo, E::Shape::SplitBar, label(u"sleeping / I/O", u"sleep / I/O"), stateColor(SpanState::Sleeping),
         stateColor(SpanState::Io)},
        {E::Key::LockWait, E::Shape::Bar, brief ? u"lock wait"_s : stateName(SpanState::LockWait),
         stateColor(SpanState::LockWait), {}},
        {E::Key::Joining, E::Shape::Bar, brief ? u"joining"_s : stateName(SpanState::Joining), stateColor(SpanState::Joining), {}},
        {E::Key::LockHeld, E::Shape::Outline, label(u"holding a lock", u"lock held"), lockOutline, {}},
        {E::Key::GilWait, E::Shape::Bar, brief ? u"GIL wait"_s : stateName(SpanState::GilWait), stateColor(SpanState::GilWait), {}},
        {E::Key::GilHeld, E::Shape::GilHolder, label(u"GIL held by the thread named", u"GIL holder"), running,
         faded(running, 0.6)},
        {E::Key::Startup, E::Shape::Bar, brief ? u"start-up"_s : stateName(SpanState::Startup), stateColor(SpanState::Startup), {}},
        {E::Key::Idle, E::Shape::Bar, brief ? u"idle"_s : stateName(SpanState::Idle), stateColor(SpanState::Idle), {}},
        {E::Key::ChunkBracket, E::Shape::Bracket, label(u"chunk of a map: tasks run back to back", u"chunk"), chunkBracket,
         running},
        {E::Key::ConsoleWrite, E::Shape::Tick, label(u"console write", u"write"), consoleTick, {}},
        {E::Key::Handoff, E::Shape::Arrow, label(u"release → acquire", u"hand-off"), handoff, {}},
        {E::Key::Failure, E::Shape::Failure, label(u"task failed", u"failed"), failure, {}},
    };
}

double TimelineStyle::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace lab
