#include "TimelineScene.h"

#include "QtStrings.h"

#include <algorithm>

namespace lab {

using Key = TimelineStyle::LegendEntry::Key;

void TimelineScene::setCurrent(std::shared_ptr<const TimelineData> data)
{
    m_index[Current].update(std::move(data));
    rebuildRows();
}

void TimelineScene::setPinned(std::shared_ptr<const TimelineData> data, QString label)
{
    m_index[Pinned].update(std::move(data));
    m_pinnedLabel = std::move(label);
    rebuildRows();
}

void TimelineScene::rebuildRows()
{
    m_rows.clear();
    for (Dataset d : {Pinned, Current}) {
        for (std::uint32_t lane = 0; lane < m_index[d].laneCount(); ++lane)
            m_rows.push_back({d, lane});
    }
}

std::vector<int> TimelineScene::sectionStarts() const
{
    if (!comparing())
        return {};
    return {0, int(m_index[Pinned].laneCount())};
}

int TimelineScene::rowOf(Dataset d, std::uint32_t lane) const
{
    if (lane >= m_index[d].laneCount())
        return -1;
    return int(lane) + (d == Current ? int(m_index[Pinned].laneCount()) : 0);
}

std::int64_t TimelineScene::durationNs() const
{
    return std::max(m_index[Current].durationNs(), m_index[Pinned].durationNs());
}

bool TimelineScene::shows(Key key) const
{
    for (const TimelineIndex &index : m_index) {
        const TimelineData *d = index.data().get();
        if (!d)
            continue;
        bool yes = false;
        switch (key) {
        case Key::Running: yes = index.hasState(SpanState::Running); break;
        case Key::NotOnCpu: yes = index.hasCpu(); break;
        case Key::SleepingIo: yes = index.hasState(SpanState::Sleeping) || index.hasState(SpanState::Io); break;
        case Key::LockWait: yes = index.hasState(SpanState::LockWait); break;
        case Key::Joining: yes = index.hasState(SpanState::Joining); break;
        case Key::LockHeld: yes = !d->locks.empty(); break;
        case Key::GilWait: yes = index.hasState(SpanState::GilWait); break;
        case Key::GilHeld: yes = !d->gil.empty(); break;
        case Key::Startup: yes = index.hasState(SpanState::Startup); break;
        case Key::Idle: yes = index.hasState(SpanState::Idle); break;
        case Key::ChunkBracket: yes = index.hasChunkBrackets(); break;
        case Key::ConsoleWrite: yes = !d->writes.empty(); break;
        case Key::Handoff: yes = !d->handoffs.empty(); break;
        case Key::Failure: yes = !d->failures.empty(); break;
        }
        if (yes)
            return true;
    }
    return false;
}

QString TimelineScene::laneName(const TimelineData &data, std::uint32_t lane)
{
    return lane < data.lanes.size() ? toQString(data.lanes[lane].name) : QString::number(lane);
}

} // namespace lab
