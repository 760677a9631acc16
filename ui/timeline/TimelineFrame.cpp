#include "TimelineFrame.h"

#include <cmath>

namespace lab {

std::pair<double, double> barExtent(double rowTop, double laneHeight)
{
    const double inset = laneHeight >= 8 ? std::round(laneHeight * 0.12) : 0;
    return {rowTop + inset, laneHeight - 2 * inset};
}

} // namespace lab
