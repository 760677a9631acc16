#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace lab {

// The vertical mapping of a timeline: rows (lanes) of one adaptive height below
// a fixed area, grouped in sections that each start with a header band (the
// compare mode's "pinned" and "this run"), scrolled by a vertical offset.
// All y values are in the painter's coordinates, like viewportTop().
class LaneLayout
{
public:
    LaneLayout() = default;

    // The area the rows are shown in, below the axis and above the legend.
    void setViewport(double top, double height);
    double viewportTop() const { return m_top; }
    double viewportHeight() const { return m_height; }
    double viewportBottom() const { return m_top + m_height; }

    void setRowCount(int rows);
    int rowCount() const { return m_rows; }
    // Sections start at these rows (ascending); each gets a header band of headerHeight above it.
    void setSections(std::vector<int> firstRows, double headerHeight);
    int sectionCount() const { return int(m_sections.size()); }
    int sectionOf(int row) const; // -1 without sections
    double headerHeight() const { return m_headerHeight; }

    // The lane height: all rows fit the viewport if that keeps them between
    // the limits; below the minimum the rows scroll.
    void setLaneHeightLimits(double minimum, double maximum);
    double laneHeight() const;
    double contentHeight() const;

    double scrollOffset() const { return m_scroll; }
    double maxScrollOffset() const;
    void setScrollOffset(double offset); // clamped to [0, maxScrollOffset()]
    void scrollToRow(int row);           // the least scrolling that shows the whole row

    double rowTop(int row) const;
    double rowCenter(int row) const { return rowTop(row) + laneHeight() / 2; }
    double sectionHeaderTop(int section) const;
    // The row under y, or nothing for a header band, outside the viewport or past the last row.
    std::optional<int> rowAt(double y) const;
    // Rows at least partly inside the viewport: [first, last).
    std::pair<int, int> visibleRows() const;

private:
    int headersUpTo(int row) const; // header bands above the row (its own section's included)

    double m_top = 0;
    double m_height = 0;
    int m_rows = 0;
    std::vector<int> m_sections;
    double m_headerHeight = 0;
    double m_minLaneHeight = 16;
    double m_maxLaneHeight = 40;
    double m_scroll = 0;
};

} // namespace lab
