#pragma once

#include "TimelineData.h"
#include "TimelineIndex.h"
#include "TimelineStyle.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace lab {

// What a timeline shows: the current run and, in compare mode, a pinned run
// above it, as rows of (run, lane).
class TimelineScene
{
public:
    enum Dataset { Current = 0, Pinned = 1 };
    struct Row
    {
        Dataset dataset = Current;
        std::uint32_t lane = 0;
    };

    void setCurrent(std::shared_ptr<const TimelineData> data);
    void setPinned(std::shared_ptr<const TimelineData> data, QString label);
    void setCurrentLabel(QString label) { m_currentLabel = std::move(label); }

    const TimelineIndex &index(Dataset d) const { return m_index[d]; }
    const TimelineData *data(Dataset d) const { return m_index[d].data().get(); }
    bool comparing() const { return m_index[Pinned].data() != nullptr; }
    QString label(Dataset d) const { return d == Pinned ? m_pinnedLabel : m_currentLabel; }

    const std::vector<Row> &rows() const { return m_rows; }
    // The first row of each run in compare mode, else none.
    std::vector<int> sectionStarts() const;
    int rowOf(Dataset d, std::uint32_t lane) const;
    // The longer of the runs, each measured from its own origin.
    std::int64_t durationNs() const;
    // Legend entries that the shown runs need.
    bool shows(TimelineStyle::LegendEntry::Key key) const;
    // The lane's name, or its number where the data has no such lane.
    static QString laneName(const TimelineData &data, std::uint32_t lane);

private:
    void rebuildRows();

    TimelineIndex m_index[2];
    QString m_pinnedLabel;
    QString m_currentLabel = QStringLiteral("this run");
    std::vector<Row> m_rows;
};

} // namespace lab
