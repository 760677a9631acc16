#include "KnownRun.h"
#include "TimelineChunks.h"
#include "TimelineExport.h"
#include "TimelinePainter.h"
#include "TimelineStyle.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>
#include <string>

using namespace Qt::StringLiterals;
using namespace lab;
using namespace lab::testdata;

Q_DECLARE_METATYPE(lab::SpanState)

namespace {

// A pool's map on two workers, 100 ms:
//   lane 0 MainThread        running 0–5, join-wait 5–100
//   lane 1 ForkPoolWorker-1  chunk 0: tasks 0–3 at 10–50 (10 ms each), idle 50–55, chunk 2: tasks 8–11 at 55–95
//   lane 2 ForkPoolWorker-2  chunk 1: tasks 4–7 at 12–52, chunk 3: task 12 alone at 60–70,
//                            chunk 4: tasks 13–14 in 50 µs at 80 ms (under a pixel wide at 1920 px)
// With oneTaskChunks, every chunk is one task (the executor's map) and the picture has no brackets.
TimelineData poolRun(bool oneTaskChunks = false)
{
    TimelineData d;
    d.originNs = origin;
    d.endNs = origin + 100 * ms;
    d.lanes = {{0, "MainThread", LaneKind::Thread, 1, 1}, {1, "ForkPoolWorker-1", LaneKind::Process, 2, 2},
               {2, "ForkPoolWorker-2", LaneKind::Process, 3, 3}};
    auto at = [](double t) { return origin + std::int64_t(t * double(ms)); };
    d.spans.push_back({0, SpanState::Running, -1, at(0), at(5)});
    d.spans.push_back({0, SpanState::Joining, -1, at(5), at(100)});
    auto chunk = [&](std::uint32_t lane, int index, int first, int last, double startMs, double taskMs) {
        for (int task = first; task <= last; ++task) {
            const double t = startMs + (task - first) * taskMs;
            d.spans.push_back({lane, SpanState::Running, task, at(t), at(t + taskMs)});
            if (oneTaskChunks)
                d.chunks.push_back({lane, index * 100 + task, task, task, at(t), at(t + taskMs)});
        }
        if (!oneTaskChunks)
            d.chunks.push_back({lane, index, first, last, at(startMs), at(startMs + (last - first + 1) * taskMs)});
    };
    chunk(1, 0, 0, 3, 10, 10);
    chunk(2, 1, 4, 7, 12, 10);
    d.spans.push_back({1, SpanState::Idle, -1, at(50), at(55)});
    chunk(1, 2, 8, 11, 55, 10);
    chunk(2, 3, 12, 12, 60, 10);
    chunk(2, 4, 13, 14, 80, 0.025);
    std::stable_sort(d.spans.begin(), d.spans.end(), [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    std::stable_sort(d.chunks.begin(), d.chunks.end(), [](const ChunkInterval &a, const ChunkInterval &b) { return a.startNs < b.startNs; });
    return d;
}

struct Rendered
{
    QImage image;
    TimelineFrame frame;
    TimelineScene scene;
};

// Renders as the export does, and keeps the export's frame to find pixels with.
std::unique_ptr<Rendered> render(const TimelineData &data, const TimelineStyle &style, QSize size, qreal scale,
                                 const TimelineData *pinned = nullptr, std::int64_t revealNs = -1)
{
    auto r = std::make_unique<Rendered>();
    TimelineExportOptions options;
    options.revealUntilNs = revealNs;
    r->image = renderTimeline(data, size, scale, style, pinned, options);
    r->scene.setCurrent(std::make_shared<TimelineData>(data));
    if (pinned)
        r->scene.setPinned(std::make_shared<TimelineData>(*pinned), options.pinnedLabel);
    r->frame = exportFrame(r->scene, QRectF(QPointF(0, 0), QSizeF(size)), style, revealNs);
    return r;
}

// The device pixel at a relative time on a row, `dy` lane heights below the row's centre.
QColor pixelAt(const Rendered &r, int row, double timeMs, double dy = 0)
{
    const double x = r.frame.axis.xAt(timeMs * ms);
    const double y = r.frame.layout.rowCenter(row) + dy * r.frame.layout.laneHeight();
    const qreal dpr = r.image.devicePixelRatio();
    return r.image.pixelColor(int(x * dpr), int(y * dpr));
}

// A busy run: back-to-back spans of every state with some gaps, CPU shares
// from none to all, and console writes; lanes as dense as `spansPerLane` makes them.
TimelineData busyRun(int lanes, int spansPerLane)
{
    TimelineData d;
    d.originNs = origin;
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> state(0, spanStateCount - 1), percent(0, 100);
    std::uniform_int_distribution<std::int64_t> length(1'000, 3'000'000);
    std::int64_t end = origin;
    for (int l = 0; l < lanes; ++l) {
        d.lanes.push_back({std::uint32_t(l), "Thread-" + std::to_string(l), LaneKind::Thread, 1, l});
        std::int64_t t = origin + length(rng);
        for (int i = 0; i < spansPerLane; ++i) {
            if (percent(rng) < 3)
                t += length(rng); // a gap
            const auto s = SpanState(state(rng));
            const std::int64_t ns = length(rng);
            const bool measured = (s == SpanState::Running || s == SpanState::Startup) && percent(rng) < 80;
            d.spans.push_back({std::uint32_t(l), s, i, t, t + ns, measured ? ns * percent(rng) / 100 : -1, measured ? 0 : -1});
            if (percent(rng) < 5)
                d.writes.push_back({std::uint32_t(l), i, t, "x"});
            t += ns;
        }
        end = std::max(end, t);
    }
    d.endNs = end;
    std::stable_sort(d.spans.begin(), d.spans.end(), [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    std::stable_sort(d.writes.begin(), d.writes.end(), [](const ConsoleMark &a, const ConsoleMark &b) { return a.timeNs < b.timeNs; });
    return d;
}

// Per device column from `timeMs` - `px` to `timeMs` + `px` (logical pixels): the pixels in
// the chunk bracket's colour from the bottom of the row's bars to the bottom of the row.
std::vector<int> bracketColumns(const Rendered &r, const TimelineStyle &s, int row, double timeMs, double px = 0)
{
    const qreal dpr = r.image.devicePixelRatio();
    const double x = r.frame.axis.xAt(timeMs * ms);
    const double rowTop = r.frame.layout.rowTop(row), h = r.frame.layout.laneHeight();
    const auto [top, height] = barExtent(rowTop, h);
    std::vector<int> columns;
    for (int dx = int(std::floor((x - px) * dpr)); dx <= int(std::floor((x + px) * dpr)); ++dx) {
        int n = 0;
        for (int y = int(std::floor((top + height) * dpr)); y < int(std::ceil((rowTop + h) * dpr)); ++y)
            n += r.image.pixelColor(dx, y) == s.chunkBracket;
        columns.push_back(n);
    }
    return columns;
}

int bracketPixelsAt(const Rendered &r, const TimelineStyle &s, int row, double timeMs, double px = 0)
{
    const auto columns = bracketColumns(r, s, row, timeMs, px);
    return std::accumulate(columns.begin(), columns.end(), 0);
}

int differentPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x)
            n += a.pixel(x, y) != b.pixel(x, y);
    }
    return n;
}

TimelineStyle styleNamed(const QString &name)
{
    if (name == u"dark")
        return TimelineStyle::dark();
    if (name == u"lecture")
        return TimelineStyle::lecture();
    if (name == u"lecture-dark")
        return TimelineStyle::lecture(TimelineStyle::Theme::Dark);
    return TimelineStyle::light();
}

} // namespace

class TstTimelinePainter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageHasRequestedSize_data();
    void imageHasRequestedSize();
    void stateColoursAtKnownSpans_data();
    void stateColoursAtKnownSpans();
    void cpuShareShowsAsPalePart();
    void subPixelSpansMergeToDominantState();
    void revealHidesTheFuture();
    void compareDrawsPinnedRunAbove();
    void lectureSizes();
    void textContrast_data();
    void textContrast();
    void legendFollowsTheData();
    void svgHasLaneNames();
    void exportErrorsNameFileAndReason();
    void paintsIntoAnyPainterRect();
    void directAndLayerPathsPaintAlike_data();
    void directAndLayerPathsPaintAlike();
    void lanePathsPaintAlike_data();
    void lanePathsPaintAlike();
    void lanesCutOffByTheViewPaintAlike_data();
    void lanesCutOffByTheViewPaintAlike();
    void bordersStayOverTheLanes_data();
    void bordersStayOverTheLanes();
    void chunkBracketGeometry_data();
    void chunkBracketGeometry();
    void chunkBracketsUnderTheirTasks_data();
    void chunkBracketsUnderTheirTasks();
    void oneTaskChunksPaintNoBrackets();
    void chunkBracketsOnlyInView();
    void thinLanesShowNoBrackets();
};

void TstTimelinePainter::imageHasRequestedSize_data()
{
    QTest::addColumn<QSize>("logical");
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<QSize>("pixels");
    QTest::newRow("1080p") << QSize(1920, 1080) << qreal(1) << QSize(1920, 1080);
    QTest::newRow("1080p at 2x") << QSize(1920, 1080) << qreal(2) << QSize(3840, 2160);
    QTest::newRow("small at 3x") << QSize(640, 360) << qreal(3) << QSize(1920, 1080);
    QTest::newRow("1.5x") << QSize(800, 600) << qreal(1.5) << QSize(1200, 900);
}

void TstTimelinePainter::imageHasRequestedSize()
{
    QFETCH(QSize, logical);
    QFETCH(qreal, scale);
    QFETCH(QSize, pixels);
    const TimelineData data = knownRun();
    const QImage image = renderTimeline(data, logical, scale, TimelineStyle::light());
    QCOMPARE(image.size(), pixels);
    QCOMPARE(image.devicePixelRatio(), scale);
    // Not blank: the background, the states, text.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

    QTemporaryDir dir;
    const QString file = dir.filePath(u"t.png"_s);
    QString error;
    QVERIFY2(writeTimelinePng(data, logical, scale, TimelineStyle::light(), nullptr, file, &error), qPrintable(error));
    const QImage read(file);
    QCOMPARE(read.size(), pixels);
    QCOMPARE(read.pixel(read.width() / 2, read.height() / 2), image.pixel(image.width() / 2, image.height() / 2));
}

void TstTimelinePainter::stateColoursAtKnownSpans_data()
{
    QTest::addColumn<QString>("style");
    QTest::addColumn<qreal>("scale");
    for (const QString &style : {u"light"_s, u"dark"_s, u"lecture"_s, u"lecture-dark"_s}) {
        for (qreal scale : {1.0, 2.0})
            QTest::addRow("%s %gx", qPrintable(style), scale) << style << scale;
    }
}

void TstTimelinePainter::stateColoursAtKnownSpans()
{
    QFETCH(QString, style);
    QFETCH(qreal, scale);
    const TimelineStyle s = styleNamed(style);
    const auto r = render(knownRun(), s, QSize(1920, 1080), scale);
    struct Probe
    {
        int row;
        double ms;
        SpanState state;
    };
    const Probe probes[] = {
        {0, 5, SpanState::Running}, {0, 55, SpanState::Joining}, {1, 30, SpanState::Sleeping},
        {1, 90, SpanState::Sleeping}, {2, 20, SpanState::LockWait}, {2, 45, SpanState::Running},
        {2, 70, SpanState::Sleeping},
    };
    for (const Probe &p : probes) {
        const QColor got = pixelAt(*r, p.row, p.ms);
        QVERIFY2(got == s.stateColor(p.state),
                 qPrintable(u"row %1 at %2 ms: %3, expected %4"_s.arg(p.row).arg(p.ms).arg(got.name(), s.stateColor(p.state).name())));
    }
    // Before a lane's first span there is no bar.
    QVERIFY(pixelAt(*r, 1, 2) != s.stateColor(SpanState::Sleeping));
    // The lock held 40–50 ms on row 2: an outline at its left edge.
    const double x = r->frame.axis.xAt(40.0 * ms);
    const double y = r->frame.layout.rowCenter(2);
    bool outline = false;
    for (int dx = 0; dx < int(3 * scale * s.lineWidth); ++dx)
        outline |= r->image.pixelColor(int(x * scale) + dx, int(y * scale)) == s.lockOutline;
    QVERIFY(outline);
}

void TstTimelinePainter::cpuShareShowsAsPalePart()
{
    const TimelineStyle s = TimelineStyle::light();
    const auto r = render(knownRun(), s, QSize(1920, 1080), 1);
    // Thread-1 ran 61–80 ms with half of it on a CPU: solid below, pale above.
    const QColor running = s.stateColor(SpanState::Running);
    QCOMPARE(pixelAt(*r, 1, 70, 0.2), running);
    QCOMPARE(pixelAt(*r, 1, 70, -0.2), s.faded(running, s.notOnCpuAlpha));
    // A running span without a measurement is solid.
    QCOMPARE(pixelAt(*r, 0, 5, -0.2), running);
}

void TstTimelinePainter::subPixelSpansMergeToDominantState()
{
    // 20 000 spans of 4 µs running then 1 µs sleeping: many per pixel column.
    TimelineData d;
    d.originNs = 0;
    d.lanes = {{0, "Busy", LaneKind::Thread, 1, 1}};
    std::int64_t t = 0;
    for (int i = 0; i < 20000; ++i) {
        d.spans.push_back({0, SpanState::Running, 0, t, t + 4000});
        d.spans.push_back({0, SpanState::Sleeping, 0, t + 4000, t + 5000});
        t += 5000;
    }
    d.endNs = t;
    const TimelineStyle s = TimelineStyle::light();
    const auto r = render(d, s, QSize(1000, 400), 1);
    QVERIFY(r->frame.axis.nsPerPixel() > 5000); // really several spans per pixel
    int running = 0, other = 0;
    for (double at = 1; at < 99; at += 0.5)
        (pixelAt(*r, 0, at) == s.stateColor(SpanState::Running) ? running : other)++;
    QCOMPARE(other, 0);
    QVERIFY(running > 100);
}

void TstTimelinePainter::revealHidesTheFuture()
{
    const TimelineStyle s = TimelineStyle::light();
    const auto r = render(knownRun(), s, QSize(1920, 1080), 1, nullptr, 30 * ms);
    QCOMPARE(pixelAt(*r, 1, 20), s.stateColor(SpanState::Sleeping));      // before t
    QVERIFY(pixelAt(*r, 1, 50) != s.stateColor(SpanState::Sleeping));     // the same span after t
    QVERIFY(pixelAt(*r, 2, 45) != s.stateColor(SpanState::Running));      // a span that starts after t
    // The whole run is still on the axis: replay does not rescale.
    QVERIFY(r->frame.axis.endNs() >= 100 * ms);
}

void TstTimelinePainter::compareDrawsPinnedRunAbove()
{
    TimelineData pinned = knownRun(77 * ms); // its own origin
    pinned.lanes[1].name = "Pinned-1";
    // In the pinned run, Thread-1 sleeps from 5 to 100 ms.
    pinned.spans.erase(std::remove_if(pinned.spans.begin(), pinned.spans.end(), [](const StateSpan &s) { return s.lane == 1; }),
                       pinned.spans.end());
    pinned.spans.push_back({1, SpanState::Sleeping, 1, pinned.originNs + 5 * ms, pinned.originNs + 100 * ms});
    const TimelineStyle s = TimelineStyle::light();
    const TimelineData current = knownRun();
    const auto r = render(current, s, QSize(1920, 1080), 1, &pinned);
    const int pinnedRow = r->scene.rowOf(TimelineScene::Pinned, 1);
    const int currentRow = r->scene.rowOf(TimelineScene::Current, 1);
    QVERIFY(pinnedRow < currentRow);
    QVERIFY(r->frame.layout.rowTop(currentRow) > r->frame.layout.rowTop(pinnedRow));
    QCOMPARE(pixelAt(*r, pinnedRow, 70), s.stateColor(SpanState::Sleeping));
    QCOMPARE(pixelAt(*r, currentRow, 70, 0.2), s.stateColor(SpanState::Running));
    QCOMPARE(r->frame.layout.sectionCount(), 2);
}

void TstTimelinePainter::lectureSizes()
{
    const TimelineStyle s = TimelineStyle::lecture();
    QVERIFY(s.fontPixelSize >= 24);
    QVERIFY(s.font().pixelSize() >= 24);
    QVERIFY(s.font(true).pixelSize() >= 24);
    // At 1920×1080, lanes stay ≥ 24 px with the known run and with 30 lanes.
    TimelineData many = knownRun();
    for (std::uint32_t i = 4; i < 30; ++i)
        many.lanes.push_back({i, "Thread-" + std::to_string(i), LaneKind::Thread, 1, int(i)});
    for (const TimelineData &d : {knownRun(), many}) {
        TimelineScene scene;
        scene.setCurrent(std::make_shared<TimelineData>(d));
        const TimelineFrame f = exportFrame(scene, QRectF(0, 0, 1920, 1080), s);
        QVERIFY2(f.layout.laneHeight() >= 24, qPrintable(QString::number(f.layout.laneHeight())));
    }
    // The widget's own minimum too: 32 lanes of it fit 1080 px.
    QVERIFY(s.minLaneHeight >= 24 && s.minLaneHeight <= 28);
    const TimelineStyle normal = TimelineStyle::light();
    QVERIFY(normal.fontPixelSize < s.fontPixelSize);
}

void TstTimelinePainter::textContrast_data()
{
    QTest::addColumn<QString>("style");
    for (const QString &style : {u"light"_s, u"dark"_s, u"lecture"_s, u"lecture-dark"_s})
        QTest::newRow(qPrintable(style)) << style;
}

void TstTimelinePainter::textContrast()
{
    QFETCH(QString, style);
    const TimelineStyle s = styleNamed(style);
    for (const QColor &text : {s.text, s.mutedText}) {
        for (const QColor &bg : {s.background, s.alternateLane, s.gutterBackground, s.headerBackground})
            QVERIFY2(TimelineStyle::contrastRatio(text, bg) >= 7,
                     qPrintable(u"%1 on %2: %3"_s.arg(text.name(), bg.name()).arg(TimelineStyle::contrastRatio(text, bg))));
    }
    // Every state colour is from the Okabe–Ito palette, except idle's neutral grey.
    const QSet<QString> okabeIto{u"#e69f00"_s, u"#56b4e9"_s, u"#009e73"_s, u"#f0e442"_s,
                                 u"#0072b2"_s, u"#d55e00"_s, u"#cc79a7"_s, u"#000000"_s};
    QSet<QString> used;
    for (int i = 0; i < spanStateCount; ++i) {
        const QColor c = s.states[std::size_t(i)];
        used.insert(c.name());
        if (SpanState(i) != SpanState::Idle)
            QVERIFY2(okabeIto.contains(c.name()), qPrintable(c.name()));
        else
            QCOMPARE(c.hslSaturation(), 0);
    }
    QCOMPARE(used.size(), spanStateCount); // each state its own colour
    QCOMPARE(TimelineStyle::contrastRatio(Qt::black, Qt::white), 21.0);
}

void TstTimelinePainter::legendFollowsTheData()
{
    const TimelineStyle s = TimelineStyle::light();
    const auto all = s.legend();
    QStringList labels;
    for (const auto &e : all)
        labels << e.label;
    for (const QString &needed : {u"running"_s, u"sleeping / I/O"_s, u"waiting for a lock"_s, u"waiting on another thread"_s,
                                  u"holding a lock"_s, u"waiting for the GIL (model)"_s, u"process start-up"_s,
                                  u"idle (no task)"_s, u"console write"_s})
        QVERIFY2(labels.contains(needed), qPrintable(needed));
    TimelineScene scene;
    scene.setCurrent(std::make_shared<TimelineData>(knownRun()));
    using Key = TimelineStyle::LegendEntry::Key;
    QVERIFY(scene.shows(Key::Running));
    QVERIFY(scene.shows(Key::LockHeld));
    QVERIFY(scene.shows(Key::GilHeld));
    QVERIFY(scene.shows(Key::NotOnCpu));
    QVERIFY(scene.shows(Key::Failure));
    QVERIFY(!scene.shows(Key::GilWait));
    QVERIFY(!scene.shows(Key::Startup));
    QVERIFY(!scene.shows(Key::Handoff));
    QVERIFY(!scene.shows(Key::ChunkBracket)); // threads, no pool
    QVERIFY(labels.contains(u"chunk of a map: tasks run back to back"_s));
}

void TstTimelinePainter::svgHasLaneNames()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"t.svg"_s);
    QString error;
    QVERIFY2(writeTimelineSvg(knownRun(), QSize(1920, 1080), TimelineStyle::light(), nullptr, file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(f.readAll());
    for (const QString &name : {u"MainThread"_s, u"Thread-1"_s, u"Thread-2"_s, u"GIL (model)"_s, u"waiting for a lock"_s})
        QVERIFY2(svg.contains(name), qPrintable(name));
    QXmlStreamReader xml(svg);
    int rects = 0;
    QString root;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            if (root.isEmpty())
                root = xml.name().toString();
            rects += xml.name() == u"rect"_s || xml.name() == u"path"_s;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, u"svg"_s);
    QVERIFY(rects > 5);
}

void TstTimelinePainter::exportErrorsNameFileAndReason()
{
    const TimelineData data = knownRun();
    QString error;
    const QString missing = u"/nonexistent-dir-for-tst/timeline.png"_s;
    QVERIFY(!writeTimelinePng(data, QSize(1920, 1080), 1, TimelineStyle::light(), nullptr, missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(!QFile::exists(missing));
    QVERIFY(!writeTimelineSvg(data, QSize(1920, 1080), TimelineStyle::light(), nullptr, u"/nonexistent-dir-for-tst/t.svg"_s, &error));
    QVERIFY2(error.contains(u"t.svg"_s), qPrintable(error));

    QTemporaryDir dir;
    const QString file = dir.filePath(u"big.png"_s);
    QVERIFY(!writeTimelinePng(data, QSize(1920, 1080), 5, TimelineStyle::light(), nullptr, file, &error));
    QVERIFY2(error.contains(u"scale"_s) && error.contains(file), qPrintable(error));
    QVERIFY(!QFile::exists(file));
    QVERIFY(!writeTimelinePng(data, QSize(0, 1080), 1, TimelineStyle::light(), nullptr, file, &error));
    QVERIFY2(error.contains(u"size"_s), qPrintable(error));
    QVERIFY(renderTimeline(data, QSize(1920, 1080), 0.5, TimelineStyle::light()).isNull());
    QVERIFY(renderTimeline(data, QSize(-1, 10), 1, TimelineStyle::light()).isNull());
    // An empty run paints without crashing.
    QVERIFY(!renderTimeline(TimelineData{}, QSize(320, 200), 1, TimelineStyle::light()).isNull());
}

void TstTimelinePainter::paintsIntoAnyPainterRect()
{
    // A combined picture: the timeline in the right half of a larger image.
    const TimelineStyle s = TimelineStyle::light();
    QImage image(1600, 500, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta);
    const QRectF bounds(800, 0, 800, 500);
    {
        QPainter p(&image);
        paintTimeline(p, bounds, knownRun(), s);
    }
    QCOMPARE(image.pixelColor(400, 250), QColor(Qt::magenta)); // untouched outside
    TimelineScene scene;
    scene.setCurrent(std::make_shared<TimelineData>(knownRun()));
    const TimelineFrame f = exportFrame(scene, bounds, s);
    QCOMPARE(image.pixelColor(int(f.axis.xAt(30.0 * ms)), int(f.layout.rowCenter(1))), s.stateColor(SpanState::Sleeping));
}

void TstTimelinePainter::directAndLayerPathsPaintAlike_data()
{
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<QRectF>("bounds");
    QTest::newRow("1x") << qreal(1) << QRectF(0, 0, 900, 500);
    QTest::newRow("1x fractional") << qreal(1) << QRectF(10.4, 7.6, 700.3, 400.5);
    QTest::newRow("1.5x fractional") << qreal(1.5) << QRectF(3.3, 2.7, 600.2, 300.9);
    QTest::newRow("2x") << qreal(2) << QRectF(0, 0, 640, 360);
}

void TstTimelinePainter::directAndLayerPathsPaintAlike()
{
    // In place, the painter writes the lanes into the image's pixels; else into
    // a layer drawn with one blit. The pixels must not tell them apart.
    QFETCH(qreal, scale);
    QFETCH(QRectF, bounds);
    const TimelineStyle s = TimelineStyle::light();
    const TimelineData data = knownRun();
    const QSize size(int(std::ceil((bounds.right() + 5) * scale)), int(std::ceil((bounds.bottom() + 5) * scale)));
    QImage images[2];
    for (int layer = 0; layer < 2; ++layer) {
        QImage &image = images[layer];
        image = QImage(size, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::magenta);
        TimelinePainter::setWritesInPlace(!layer);
        QPainter p(&image);
        paintTimeline(p, bounds, data, s);
    }
    TimelinePainter::setWritesInPlace(true);
    QCOMPARE(differentPixels(images[0], images[1]), 0);
}

void TstTimelinePainter::lanePathsPaintAlike_data()
{
    QTest::addColumn<int>("lanes");
    QTest::addColumn<int>("spansPerLane"); // 0: the known run
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<bool>("inBands");
    QTest::newRow("known run") << 0 << 0 << qreal(1) << false;
    QTest::newRow("known run 1.5x") << 0 << 0 << qreal(1.5) << true;
    QTest::newRow("sparse lanes") << 40 << 60 << qreal(1) << true;
    QTest::newRow("dense lanes") << 96 << 1500 << qreal(1) << true;
    QTest::newRow("dense lanes 2x") << 48 << 2500 << qreal(2) << true;
}

void TstTimelinePainter::lanePathsPaintAlike()
{
    // The raster path draws a lane bar by bar, or column by column where it
    // has about a span per pixel, and cuts a big frame into bands of lanes for
    // helper threads. Every way must give the same pixels.
    QFETCH(int, lanes);
    QFETCH(int, spansPerLane);
    QFETCH(qreal, scale);
    QFETCH(bool, inBands);
    const TimelineData data = spansPerLane > 0 ? busyRun(lanes, spansPerLane) : knownRun();
    const TimelineStyle s = TimelineStyle::light();
    const QSize size(1280, 720);
    const QImage reference = renderTimeline(data, size, scale, s);
    QVERIFY(TimelinePainter::lastLaneBands() >= 1);
    QCOMPARE(TimelinePainter::lastLaneBands() > 1, inBands);
    struct Way
    {
        const char *name;
        TimelinePainter::LaneDrawing drawing;
        bool helpers;
    };
    for (const Way way : {Way{"bars, in one piece", TimelinePainter::LaneDrawing::Bars, false},
                          Way{"columns, in bands", TimelinePainter::LaneDrawing::Columns, true},
                          Way{"by density, in one piece", TimelinePainter::LaneDrawing::Auto, false}}) {
        TimelinePainter::setLaneDrawing(way.drawing);
        TimelinePainter::setLaneHelpers(way.helpers);
        const QImage image = renderTimeline(data, size, scale, s);
        TimelinePainter::setLaneDrawing(TimelinePainter::LaneDrawing::Auto);
        TimelinePainter::setLaneHelpers(true);
        QVERIFY2(differentPixels(reference, image) == 0, way.name);
    }
    // Not a blank frame: the busy runs show every state.
    if (spansPerLane > 0) {
        QSet<QRgb> colours;
        for (int y = 0; y < reference.height(); y += 3) {
            for (int x = 0; x < reference.width(); x += 3)
                colours.insert(reference.pixel(x, y));
        }
        for (int st = 0; st < spanStateCount; ++st)
            QVERIFY2(colours.contains(s.states[std::size_t(st)].rgb()), qPrintable(TimelineStyle::stateName(SpanState(st))));
    }
}

void TstTimelinePainter::lanesCutOffByTheViewPaintAlike_data()
{
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<double>("scroll"); // in lane heights
    QTest::newRow("1x, last lane cut") << qreal(1) << 0.0;
    QTest::newRow("1x, scrolled half a lane") << qreal(1) << 2.5;
    QTest::newRow("1.5x, scrolled a third") << qreal(1.5) << 3.33;
}

void TstTimelinePainter::lanesCutOffByTheViewPaintAlike()
{
    // As in the window: tall dense lanes that do not fit, scrolled, so lanes
    // are cut at the top and bottom of the view; every way of drawing agrees.
    QFETCH(qreal, scale);
    QFETCH(double, scroll);
    TimelineScene scene;
    scene.setCurrent(std::make_shared<TimelineData>(busyRun(12, 400))); // dense, yet spans a few columns wide
    const TimelineStyle s = TimelineStyle::light();
    const TimelinePainter painter(scene, s);
    TimelineFrame f;
    TimelinePainter::LayoutOptions tall;
    tall.minLaneHeight = 43;
    tall.maxLaneHeight = 43;
    painter.layout(f, QRectF(0, 0, 1000, 330), tall);
    painter.fitTime(f);
    QVERIFY(f.layout.maxScrollOffset() > 0);
    f.layout.setScrollOffset(scroll * f.layout.laneHeight());
    auto paint = [&] {
        QImage image(QSize(1000, 330) * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::magenta);
        QPainter p(&image);
        painter.paint(p, f);
        return image;
    };
    const QImage reference = paint();
    struct Way
    {
        const char *name;
        TimelinePainter::LaneDrawing drawing;
        bool bands;
    };
    for (const Way way : {Way{"bars, in one piece", TimelinePainter::LaneDrawing::Bars, false},
                          Way{"columns, in bands", TimelinePainter::LaneDrawing::Columns, true},
                          Way{"bars, in bands", TimelinePainter::LaneDrawing::Bars, true}}) {
        TimelinePainter::setLaneDrawing(way.drawing);
        TimelinePainter::setLaneHelpers(way.bands);
        const QImage image = paint();
        TimelinePainter::setLaneDrawing(TimelinePainter::LaneDrawing::Auto);
        TimelinePainter::setLaneHelpers(true);
        QVERIFY2(differentPixels(reference, image) == 0, way.name);
    }
}

void TstTimelinePainter::bordersStayOverTheLanes_data()
{
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<bool>("bands");
    for (const qreal scale : {1.0, 1.25, 1.5, 1.75, 2.25}) {
        for (const bool bands : {false, true})
            QTest::addRow("%gx, %s", scale, bands ? "in bands" : "in one piece") << scale << bands;
    }
}

void TstTimelinePainter::bordersStayOverTheLanes()
{
    // The legend's top border (and the axis' bottom one) may fall on a device
    // row the lanes write at fractional scales: the lanes must not paint over it.
    QFETCH(qreal, scale);
    QFETCH(bool, bands);
    const TimelineStyle s = TimelineStyle::light();
    const TimelineData data = busyRun(20, 300);
    TimelinePainter::setLaneHelpers(bands);
    const auto r = render(data, s, QSize(900, 561), scale);
    TimelinePainter::setLaneHelpers(true);
    auto isBorderRow = [&](double logicalY) {
        const int x0 = int(std::ceil(r->frame.lanesRect.left() * scale)) + 2, x1 = int(r->frame.lanesRect.right() * scale) - 2;
        for (int y = int(std::floor(logicalY * scale)) - 1; y <= int(std::floor(logicalY * scale)) + 1; ++y) {
            int grid = 0;
            for (int x = x0; x < x1; ++x)
                grid += r->image.pixelColor(x, y) == s.grid;
            if (grid >= (x1 - x0) * 9 / 10)
                return true;
        }
        return false;
    };
    QVERIFY(isBorderRow(r->frame.legendRect.top()));
    QVERIFY(isBorderRow(r->frame.axisRect.bottom()));
}

void TstTimelinePainter::chunkBracketGeometry_data()
{
    QTest::addColumn<double>("laneHeight");
    QTest::addColumn<double>("x0");
    QTest::addColumn<double>("x1");
    QTest::addColumn<double>("lineWidth");
    QTest::addColumn<double>("dpr");
    QTest::addColumn<bool>("goesOn");
    QTest::addColumn<bool>("drawn");
    QTest::newRow("widget lane") << 36.0 << 10.0 << 110.0 << 1.0 << 1.0 << false << true;
    QTest::newRow("thinnest widget lane") << 18.0 << 10.0 << 110.0 << 1.0 << 1.0 << false << true;
    QTest::newRow("export lane, 2x") << 72.0 << 10.5 << 110.25 << 1.0 << 2.0 << false << true;
    QTest::newRow("lecture lane") << 32.0 << 10.0 << 110.0 << 2.0 << 1.0 << false << true;
    QTest::newRow("lecture lane, 1.5x") << 56.0 << 10.0 << 110.0 << 2.0 << 1.5 << false << true;
    QTest::newRow("going on") << 36.0 << 10.0 << 110.0 << 1.0 << 1.0 << true << true;
    QTest::newRow("just wide enough") << 36.0 << 10.0 << 15.0 << 1.0 << 1.0 << false << true;
    QTest::newRow("too narrow") << 36.0 << 10.0 << 14.0 << 1.0 << 1.0 << false << false;
    QTest::newRow("too narrow, lecture") << 36.0 << 10.0 << 19.0 << 2.0 << 1.0 << false << false;
    QTest::newRow("thin lane: no gap under the bars") << 7.0 << 10.0 << 110.0 << 1.0 << 1.0 << false << false;
}

void TstTimelinePainter::chunkBracketGeometry()
{
    QFETCH(double, laneHeight);
    QFETCH(double, x0);
    QFETCH(double, x1);
    QFETCH(double, lineWidth);
    QFETCH(double, dpr);
    QFETCH(bool, goesOn);
    QFETCH(bool, drawn);
    const double rowTop = 100;
    const auto [top, height] = barExtent(rowTop, laneHeight);
    const double barBottom = top + height, rowBottom = rowTop + laneHeight;
    const auto b = ChunkBracket::place(x0, x1, barBottom, rowBottom, lineWidth, dpr, goesOn);
    QCOMPARE(b.has_value(), drawn);
    if (!b)
        return;
    auto onDevicePixels = [dpr](double v) { return std::abs(v * dpr - std::round(v * dpr)) < 1e-9; };
    for (double v : {b->base.left(), b->base.top(), b->base.right(), b->base.bottom(), b->leftEnd.top()})
        QVERIFY2(onDevicePixels(v), qPrintable(QString::number(v)));
    // A line of at least a device pixel under the bars, inside the row and the chunk, clear of its edges.
    QVERIFY(b->base.height() >= 1 / dpr && b->base.height() <= std::max(1.0, lineWidth) + 1e-9);
    QVERIFY2(b->base.top() > barBottom && b->base.bottom() <= rowBottom + 1e-9,
             qPrintable(u"%1–%2 not in %3–%4"_s.arg(b->base.top()).arg(b->base.bottom()).arg(barBottom).arg(rowBottom)));
    QVERIFY(b->base.left() > x0 && b->base.right() < x1);
    // The ends turn up from the line to the bars, not into them.
    QCOMPARE(b->leftEnd.left(), b->base.left());
    QCOMPARE(b->leftEnd.bottom(), b->base.top());
    QVERIFY(b->leftEnd.top() >= barBottom - 1e-9);
    QCOMPARE(b->rightEnd.isEmpty(), goesOn);
    if (!goesOn) {
        QCOMPARE(b->rightEnd.right(), b->base.right());
        QCOMPARE(b->rightEnd.top(), b->leftEnd.top());
    }
}

void TstTimelinePainter::chunkBracketsUnderTheirTasks_data()
{
    QTest::addColumn<QString>("style");
    QTest::addColumn<qreal>("scale");
    for (const QString &style : {u"light"_s, u"dark"_s, u"lecture"_s, u"lecture-dark"_s}) {
        for (qreal scale : {1.0, 1.5, 2.0})
            QTest::addRow("%s %gx", qPrintable(style), scale) << style << scale;
    }
}

void TstTimelinePainter::chunkBracketsUnderTheirTasks()
{
    QFETCH(QString, style);
    QFETCH(qreal, scale);
    const TimelineStyle s = styleNamed(style);
    QVERIFY(TimelineStyle::contrastRatio(s.chunkBracket, s.background) >= 7);
    QVERIFY(TimelineStyle::contrastRatio(s.chunkBracket, s.alternateLane) >= 7);
    const auto r = render(poolRun(), s, QSize(1920, 1080), scale);
    const int worker1 = r->scene.rowOf(TimelineScene::Current, 1), worker2 = r->scene.rowOf(TimelineScene::Current, 2);
    struct Probe
    {
        int row;
        double ms;
    };
    // Under the first, a middle and the last task of each chunk of several tasks.
    for (const Probe p : {Probe{worker1, 11}, Probe{worker1, 30}, Probe{worker1, 49}, Probe{worker1, 75}, Probe{worker2, 13},
                          Probe{worker2, 51}}) {
        QVERIFY2(bracketPixelsAt(*r, s, p.row, p.ms) > 0, qPrintable(u"row %1 at %2 ms"_s.arg(p.row).arg(p.ms)));
    }
    // Not outside them: before the first, between two, after the last, under the chunk of one
    // task, under the one less than a pixel wide (with the pixels around it), on a lane without chunks.
    for (const Probe p : {Probe{worker1, 5}, Probe{worker1, 52.5}, Probe{worker1, 97}, Probe{worker2, 56}, Probe{worker2, 65},
                          Probe{worker2, 80}, Probe{0, 30}}) {
        const int n = bracketPixelsAt(*r, s, p.row, p.ms, 3);
        QVERIFY2(n == 0, qPrintable(u"row %1 at %2 ms: %3 pixels"_s.arg(p.row).arg(p.ms).arg(n)));
    }
    // The bracket turns up at the chunk's ends: taller there than along its line.
    const auto atStart = bracketColumns(*r, s, worker1, 10, 3 * s.lineWidth), along = bracketColumns(*r, s, worker1, 30);
    QVERIFY(*std::max_element(atStart.begin(), atStart.end()) > along.front() + 1);
    const auto atEnd = bracketColumns(*r, s, worker1, 50, 3 * s.lineWidth);
    QVERIFY(*std::max_element(atEnd.begin(), atEnd.end()) > along.front() + 1);
    // The bars keep their colour: the bracket goes under them.
    QCOMPARE(pixelAt(*r, worker1, 30, 0.3), s.stateColor(SpanState::Running));
    // And the legend names it.
    QVERIFY(r->scene.shows(TimelineStyle::LegendEntry::Key::ChunkBracket));
}

void TstTimelinePainter::oneTaskChunksPaintNoBrackets()
{
    // The executor's map sends one task at a time: its picture is the one without chunks.
    const TimelineStyle s = TimelineStyle::light();
    TimelineData executor = poolRun(true), none = poolRun(true);
    none.chunks.clear();
    QVERIFY(!executor.chunks.empty());
    const QImage withChunks = renderTimeline(executor, QSize(1280, 720), 1, s);
    QCOMPARE(differentPixels(withChunks, renderTimeline(none, QSize(1280, 720), 1, s)), 0);
    QVERIFY(differentPixels(withChunks, renderTimeline(poolRun(), QSize(1280, 720), 1, s)) > 0);
    TimelineScene scene;
    scene.setCurrent(std::make_shared<TimelineData>(executor));
    QVERIFY(!scene.shows(TimelineStyle::LegendEntry::Key::ChunkBracket));
    QVERIFY(scene.index(TimelineScene::Current).lane(2).chunks.empty());
}

void TstTimelinePainter::chunkBracketsOnlyInView()
{
    const TimelineStyle s = TimelineStyle::light();
    auto r = std::make_unique<Rendered>();
    r->scene.setCurrent(std::make_shared<TimelineData>(poolRun()));
    const TimelinePainter painter(r->scene, s);
    painter.layout(r->frame, QRectF(0, 0, 1000, 400));
    auto paint = [&](double fromMs, double toMs) {
        r->frame.axis.setVisibleRange(fromMs * ms, toMs * ms);
        r->image = QImage(1000, 400, QImage::Format_ARGB32_Premultiplied);
        r->image.fill(Qt::magenta);
        QPainter p(&r->image);
        painter.paint(p, r->frame);
    };
    const int worker1 = r->scene.rowOf(TimelineScene::Current, 1);
    // Zoomed into the idle time between two chunks: neither shows.
    paint(50.5, 54.5);
    for (double at = 50.6; at < 54.5; at += 0.2)
        QCOMPARE(bracketPixelsAt(*r, s, worker1, at), 0);
    // Inside one chunk: its line across the view, its ends out of sight.
    paint(20, 40);
    for (double at = 20.1; at < 40; at += 0.4)
        QVERIFY2(bracketPixelsAt(*r, s, worker1, at) == int(s.lineWidth), qPrintable(QString::number(at)));
    const double w = s.lineWidth;
    // (The gutter's border covers the lanes' first column.)
    for (const double x : {r->frame.lanesRect.left() + 2 * w + 1.5, r->frame.lanesRect.right() - 2 * w - 1.5}) {
        const auto edge = bracketColumns(*r, s, worker1, r->frame.axis.timeAt(x) / ms, 2 * w);
        QVERIFY2(*std::max_element(edge.begin(), edge.end()) == int(w), qPrintable(QString::number(x)));
        QVERIFY(*std::min_element(edge.begin(), edge.end()) == int(w));
    }
}

void TstTimelinePainter::thinLanesShowNoBrackets()
{
    // Lanes of about 10 px keep no gap under their bars: no brackets, and the legend
    // does not list them either. The picture is the one without chunks.
    const TimelineStyle s = TimelineStyle::light();
    TimelineData many = poolRun();
    for (std::uint32_t i = 3; i < 64; ++i)
        many.lanes.push_back({i, "Thread-" + std::to_string(i), LaneKind::Thread, 1, int(i)});
    TimelineData none = many;
    none.chunks.clear();
    const auto r = render(many, s, QSize(1280, 720), 1);
    QVERIFY2(!ChunkBracket::fitsLane(r->frame.layout.laneHeight(), s.lineWidth), qPrintable(QString::number(r->frame.layout.laneHeight())));
    QVERIFY(!r->frame.chunkBrackets);
    QCOMPARE(differentPixels(r->image, renderTimeline(none, QSize(1280, 720), 1, s)), 0);
    // With room for them, they are drawn.
    const auto tall = render(many, s, QSize(1280, 2400), 1);
    QVERIFY(tall->frame.chunkBrackets);
    QVERIFY(bracketPixelsAt(*tall, s, tall->scene.rowOf(TimelineScene::Current, 1), 30) > 0);
}

QTEST_MAIN(TstTimelinePainter)
#include "tst_timelinepainter.moc"
