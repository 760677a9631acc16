#include "LaneLayout.h"

#include <algorithm>
#include <cmath>

namespace lab {

void LaneLayout::setViewport(double top, double height)
{
    m_top = top;
    m_height = std::max(0.0, height);
    setScrollOffset(m_scroll);
}

void LaneLayout::setRowCount(int rows)
{
    m_rows = std::max(0, rows);
    setScrollOffset(m_scroll);
}

void LaneLayout::setSections(std::vector<int> firstRows, double headerHeight)
{
    std::sort(firstRows.begin(), firstRows.end());
    m_sections = std::move(firstRows);
    m_headerHeight = m_sections.empty() ? 0 : std::max(0.0, headerHeight);
    setScrollOffset(m_scroll);
}

int LaneLayout::sectionOf(int row) const
{
    const auto it = std::upper_bound(m_sections.begin(), m_sections.end(), row);
    return int(it - m_sections.begin()) - 1;
}

int LaneLayout::headersUpTo(int row) const
{
    return int(std::upper_bound(m_sections.begin(), m_sections.end(), row) - m_sections.begin());
}

void LaneLayout::setLaneHeightLimits(double minimum, double maximum)
{
    m_minLaneHeight = std::max(0.5, minimum);
    m_maxLaneHeight = std::max(m_minLaneHeight, maximum);
    setScrollOffset(m_scroll);
}

double LaneLayout::laneHeight() const
{
    if (m_rows == 0)
        return m_maxLaneHeight;
    const double available = m_height - double(m_sections.size()) * m_headerHeight;
    return std::clamp(available / m_rows, m_minLaneHeight, m_maxLaneHeight);
}

double LaneLayout::contentHeight() const
{
    return double(m_sections.size()) * m_headerHeight + m_rows * laneHeight();
}

double LaneLayout::maxScrollOffset() const
{
    // Rounded so that a fitting layout never scrolls by a rounding error.
    return std::max(0.0, std::round((contentHeight() - m_height) * 1e6) / 1e6);
}

void LaneLayout::setScrollOffset(double offset)
{
    m_scroll = std::clamp(offset, 0.0, maxScrollOffset());
}

void LaneLayout::scrollToRow(int row)
{
    if (row < 0 || row >= m_rows)
        return;
    const double top = rowTop(row);
    const double h = laneHeight();
    if (top < m_top)
        setScrollOffset(m_scroll - (m_top - top));
    else if (top + h > viewportBottom())
        setScrollOffset(m_scroll + (top + h - viewportBottom()));
}

double LaneLayout::rowTop(int row) const
{
    return m_top - m_scroll + headersUpTo(row) * m_headerHeight + row * laneHeight();
}

double LaneLayout::sectionHeaderTop(int section) const
{
    if (section < 0 || section >= int(m_sections.size()))
        return m_top;
    return rowTop(m_sections[std::size_t(section)]) - m_headerHeight;
}

std::optional<int> LaneLayout::rowAt(double y) const
{
    if (m_rows == 0 || y < m_top || y >= viewportBottom())
        return std::nullopt;
    // The last row starting at or above y; y may still be in a header band below it.
    int lo = 0, hi = m_rows;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (rowTop(mid) <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    const int row = lo - 1;
    if (row < 0 || y >= rowTop(row) + laneHeight())
        return std::nullopt;
    return row;
}

std::pair<int, int> LaneLayout::visibleRows() const
{
    if (m_rows == 0)
        return {0, 0};
    const double h = laneHeight();
    // Row tops grow with the row, so both ends are binary searches.
    int lo = 0, hi = m_rows;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (rowTop(mid) + h <= m_top)
            lo = mid + 1;
        else
            hi = mid;
    }
    const int first = lo;
    hi = m_rows;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (rowTop(mid) < viewportBottom())
            lo = mid + 1;
        else
            hi = mid;
    }
    return {first, lo};
}

} // namespace lab
