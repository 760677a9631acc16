#include "SpanTable.h"

#include <string>

namespace lab {
namespace {

// RFC 4180: a field with a comma, a quote or a line end is quoted, its quotes doubled.
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + '"';
}

} // namespace

QByteArray SpanTable::toCsv(const TimelineData &timeline)
{
    std::string out = "lane,lane_name,pid,tid,state,task,start_ns,end_ns\n";
    for (const StateSpan &span : timeline.spans) {
        const Lane &lane = timeline.lanes[span.lane];
        out += std::to_string(span.lane) + ',' + csvField(lane.name) + ',' + std::to_string(lane.pid) + ',' + std::to_string(lane.tid)
            + ',' + std::string(toString(span.state)) + ',' + std::to_string(span.task) + ','
            + std::to_string(span.startNs - timeline.originNs) + ',' + std::to_string(span.endNs - timeline.originNs) + '\n';
    }
    return QByteArray::fromStdString(out);
}

} // namespace lab
