#include "TimelineHitTest.h"

#include "QtStrings.h"
#include "TimeAxis.h"
#include "TimelineChunks.h"

#include <QStringList>

#include <cmath>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

QString percent(double share)
{
    return QString::number(std::lround(share * 100)) + u" %"_s;
}

} // namespace

std::optional<TimelineHitTest::Hit> TimelineHitTest::at(const TimelineFrame &f, QPointF pos) const
{
    if (!f.lanesRect.contains(pos))
        return std::nullopt;
    const auto row = f.layout.rowAt(pos.y());
    if (!row || std::size_t(*row) >= m_scene.rows().size())
        return std::nullopt;
    const auto r = m_scene.rows()[std::size_t(*row)];
    const TimelineIndex &index = m_scene.index(r.dataset);
    Hit hit;
    hit.dataset = r.dataset;
    hit.lane = r.lane;
    hit.timeNs = std::int64_t(std::llround(f.axis.timeAt(pos.x())));
    if (f.revealUntilNs >= 0 && hit.timeNs > f.revealUntilNs)
        return hit;
    const auto &lane = index.lane(r.lane);
    const auto near = std::int64_t(std::ceil(4 * f.axis.nsPerPixel())); // a few pixels
    auto closest = [&](const std::vector<TimelineIndex::Interval> &v) -> std::optional<std::size_t> {
        const auto [b, e] = TimelineIndex::overlapping(v, 0, hit.timeNs - near, hit.timeNs + near + 1);
        const TimelineIndex::Interval *best = nullptr;
        for (const auto *i = b; i != e; ++i) {
            if (!best || std::abs(i->startNs - hit.timeNs) < std::abs(best->startNs - hit.timeNs))
                best = i;
        }
        return best ? std::optional<std::size_t>(best->index) : std::nullopt;
    };
    hit.write = closest(lane.writes);
    hit.failure = closest(lane.failures);
    if (const auto *s = index.spanAt(r.lane, hit.timeNs))
        hit.span = s->index;
    const auto [gb, ge] = TimelineIndex::overlapping(lane.gil, lane.longestGilNs, hit.timeNs, hit.timeNs + 1);
    for (const auto *g = gb; g != ge; ++g) {
        if (g->startNs <= hit.timeNs && hit.timeNs < g->endNs)
            hit.gil = g->index;
    }
    const auto [lb, le] = TimelineIndex::overlapping(lane.locks, lane.longestLockNs, hit.timeNs, hit.timeNs + 1);
    for (const auto *k = lb; k != le; ++k) {
        if (k->startNs <= hit.timeNs && hit.timeNs < k->endNs)
            hit.lock = k->index;
    }
    if (const auto *c = index.chunkAt(r.lane, hit.timeNs))
        hit.chunk = c->index;
    return hit;
}

QString TimelineHitTest::toolTip(const TimelineFrame &f, QPointF pos) const
{
    const auto hit = at(f, pos);
    if (!hit)
        return {};
    const TimelineData *d = m_scene.data(hit->dataset);
    if (!d)
        return {};
    const auto origin = double(d->originNs);
    QStringList lines;
    QString title = TimelineScene::laneName(*d, hit->lane);
    if (m_scene.comparing())
        title += u"  ("_s + (hit->dataset == TimelineScene::Pinned ? u"pinned: "_s + m_scene.label(TimelineScene::Pinned)
                                                                    : m_scene.label(TimelineScene::Current)) + u')';
    lines << title;
    auto taskText = [](int task) { return task >= 0 ? u"task "_s + QString::number(task) : u"no task"_s; };
    if (hit->write) {
        const ConsoleMark &w = d->writes[*hit->write];
        QString text = toQString(w.text);
        text.replace(u'\n', u"\\n"_s);
        lines << u"console write at "_s + TimeAxis::formatDuration(double(w.timeNs) - origin) + u": \""_s + text + u'"';
    }
    if (hit->failure) {
        const TaskFailure &fail = d->failures[*hit->failure];
        lines << taskText(fail.task) + u" failed at "_s + TimeAxis::formatDuration(double(fail.timeNs) - origin)
                + (fail.signal ? u" (signal "_s + QString::number(fail.signal) + u')' : QString());
    }
    if (hit->gil) {
        const GilInterval &g = d->gil[*hit->gil];
        lines << u"GIL held by "_s + TimelineScene::laneName(*d, g.holder) + u", "_s + taskText(g.task);
        lines << u"from "_s + TimeAxis::formatDuration(double(g.startNs) - origin) + u" for "_s
                + TimeAxis::formatDuration(double(g.endNs - g.startNs));
    }
    if (hit->span) {
        const StateSpan &s = d->spans[*hit->span];
        lines << taskText(s.task) + u", "_s + TimelineStyle::stateName(s.state);
        lines << u"start "_s + TimeAxis::formatDuration(double(s.startNs) - origin) + u", duration "_s
                + TimeAxis::formatDuration(double(s.durationNs()));
        if (s.cpuNs >= 0) {
            const double share = s.durationNs() > 0 ? double(s.cpuNs) / double(s.durationNs()) : 0;
            lines << u"CPU time "_s + TimeAxis::formatDuration(double(s.cpuNs)) + u" ("_s + percent(share) + u" of the span)"_s
                    + (s.cpu >= 0 ? u", CPU "_s + QString::number(s.cpu) : QString());
        } else {
            lines << u"CPU time not measured"_s;
        }
    }
    if (hit->chunk)
        lines << chunkDescription(d->chunks[*hit->chunk], TimelineScene::laneName(*d, d->chunks[*hit->chunk].lane));
    if (hit->lock) {
        const LockInterval &k = d->locks[*hit->lock];
        lines << u"holding lock "_s + QString::number(k.lock) + u" for "_s + TimeAxis::formatDuration(double(k.endNs - k.startNs));
    }
    if (lines.size() == 1)
        return {};
    return lines.join(u'\n');
}

} // namespace lab
