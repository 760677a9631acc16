#include "RunFile.h"

#include "QtStrings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <limits>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

const QString formatName = u"concurrency-lab run"_s;

template <typename T>
QJsonArray numbers(const std::vector<T> &values)
{
    QJsonArray out;
    for (const T &v : values)
        out.append(double(v));
    return out;
}

QJsonArray strings(const std::vector<std::string> &values)
{
    QJsonArray out;
    for (const std::string &v : values)
        out.append(toQString(v));
    return out;
}

QJsonObject recordingToJson(const Snapshot &rec)
{
    QJsonArray lanes, texts, events;
    for (const Lane &lane : rec.lanes)
        lanes.append(QJsonArray{int(lane.id), toQString(lane.name), int(lane.kind), lane.pid, lane.tid});
    for (const auto &laneTexts : rec.texts)
        texts.append(strings(laneTexts));
    for (const Event &e : rec.events)
        events.append(QJsonArray{double(e.timeNs - rec.originNs), e.task, double(e.arg), double(e.lane), int(e.kind),
                                 int(e.state), int(e.cpu)});
    return {{u"origin_ns"_s, double(rec.originNs)}, {u"taken_ns"_s, double(rec.takenNs - rec.originNs)},
            {u"lanes"_s, lanes}, {u"texts"_s, texts}, {u"events"_s, events}};
}

// Reading: every value is checked for its type and range, and the first
// problem ends the reading with a message naming where it is.
class Reader
{
public:
    std::string error;

    bool fail(const std::string &what)
    {
        if (error.empty())
            error = what;
        return false;
    }
    // A whole number in [min, max]; the caller says what is wrong otherwise.
    static bool whole(const QJsonValue &v, double min, double max, std::int64_t &out)
    {
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || !(d >= min && d <= max) || std::floor(d) != d)
            return false;
        out = std::int64_t(d);
        return true;
    }
    bool whole(const QJsonValue &v, double min, double max, const std::string &where, std::int64_t &out)
    {
        return whole(v, min, max, out) || fail(where + " is not a whole number in range");
    }
    bool array(const QJsonValue &v, const std::string &where, QJsonArray &out)
    {
        if (!v.isArray())
            return fail(where + " is missing or not a list");
        out = v.toArray();
        return true;
    }
    template <typename T>
    bool numberList(const QJsonValue &v, double min, double max, const std::string &where, std::vector<T> &out)
    {
        QJsonArray a;
        if (!array(v, where, a))
            return false;
        out.clear();
        for (const auto &item : a) {
            std::int64_t n = 0;
            if (!whole(item, min, max, where, n))
                return false;
            out.push_back(T(n));
        }
        return true;
    }
};

bool readLanes(Reader &r, const QJsonObject &rec, Snapshot &out)
{
    QJsonArray lanes;
    if (!r.array(rec.value(u"lanes"_s), "recording.lanes", lanes))
        return false;
    for (const auto &item : lanes) {
        const QJsonArray l = item.toArray();
        std::int64_t id = 0, kind = 0, pid = 0, tid = 0;
        if (l.size() != 5 || !r.whole(l[0], 0, double(out.lanes.size()), "a lane's id", id) || id != std::int64_t(out.lanes.size())
            || !l[1].isString() || !r.whole(l[2], 0, 2, "a lane's kind", kind) || !r.whole(l[3], 0, 1 << 30, "a lane's pid", pid)
            || !r.whole(l[4], 0, 1 << 30, "a lane's tid", tid))
            return r.fail("recording.lanes: lane " + std::to_string(out.lanes.size()) + " is not [id, name, kind, pid, tid]");
        out.lanes.push_back(Lane{std::uint32_t(id), l[1].toString().toStdString(), LaneKind(kind), int(pid), int(tid)});
    }
    QJsonArray texts;
    if (!r.array(rec.value(u"texts"_s), "recording.texts", texts) || texts.size() != qsizetype(out.lanes.size()))
        return r.fail("recording.texts: not one list per lane");
    for (const auto &laneTexts : texts) {
        out.texts.emplace_back();
        for (const auto &t : laneTexts.toArray())
            out.texts.back().push_back(t.toString().toStdString());
    }
    return true;
}

bool readEvents(Reader &r, const QJsonObject &rec, Snapshot &out)
{
    QJsonArray events;
    if (!r.array(rec.value(u"events"_s), "recording.events", events))
        return false;
    out.events.reserve(std::size_t(events.size()));
    constexpr double maxNs = double(std::int64_t(1) << 53);
    for (const auto &item : events) {
        const QJsonArray e = item.toArray();
        std::int64_t t = 0, task = 0, arg = 0, lane = 0, kind = 0, state = 0, cpu = 0;
        const bool ok = e.size() == 7 && Reader::whole(e[0], -maxNs, maxNs, t)
            && Reader::whole(e[1], -1, std::numeric_limits<std::int32_t>::max(), task)
            && Reader::whole(e[2], 0, std::numeric_limits<std::uint32_t>::max(), arg)
            && Reader::whole(e[3], 0, double(out.lanes.size()) - 1, lane) && Reader::whole(e[4], 0, int(EventKind::ChunkEnd), kind)
            && Reader::whole(e[5], 0, spanStateCount - 1, state) && Reader::whole(e[6], 0, 0xFFFF, cpu);
        if (!ok)
            return r.fail("recording.events: event " + std::to_string(out.events.size())
                          + " is not [time, task, arg, lane, kind, state, cpu] within the run's lanes and the known kinds");
        Event ev;
        ev.timeNs = out.originNs + t;
        ev.task = std::int32_t(task);
        ev.arg = std::uint32_t(arg);
        ev.lane = std::uint32_t(lane);
        ev.kind = EventKind(kind);
        ev.state = SpanState(state);
        ev.cpu = std::uint16_t(cpu);
        if (ev.kind == EventKind::ConsoleWrite && ev.arg >= out.texts[ev.lane].size())
            return r.fail("recording.events: a console write names a text its lane does not have");
        out.events.push_back(ev);
    }
    return true;
}

bool readRecording(Reader &r, const QJsonValue &value, Snapshot &out)
{
    if (!value.isObject())
        return r.fail("recording is missing");
    const QJsonObject rec = value.toObject();
    std::int64_t origin = 0, taken = 0;
    constexpr double maxNs = double(std::int64_t(1) << 53);
    if (!r.whole(rec.value(u"origin_ns"_s), 0, maxNs, "recording.origin_ns", origin)
        || !r.whole(rec.value(u"taken_ns"_s), 0, maxNs, "recording.taken_ns", taken))
        return false;
    out.originNs = origin;
    out.takenNs = origin + taken;
    return readLanes(r, rec, out) && readEvents(r, rec, out);
}

bool readParams(Reader &r, const QJsonObject &params, ExperimentParams &out)
{
    for (const ParamSpec &spec : paramSpecs()) {
        const QJsonValue v = params.value(toQString(spec.key));
        if (v.isUndefined())
            continue; // not the experiment's: its default stands
        const std::string text = v.isString() ? v.toString().toStdString() : std::to_string(v.toInteger(-1));
        if (auto problem = spec.parse(text, out.*spec.field))
            return r.fail("params: " + *problem);
    }
    return true;
}

bool readFailed(Reader &r, const QJsonValue &value, std::vector<FailedWorker> &out)
{
    QJsonArray failed;
    if (!r.array(value, "failed", failed))
        return false;
    for (const auto &item : failed) {
        const QJsonObject o = item.toObject();
        FailedWorker w;
        w.name = o.value(u"name"_s).toString().toStdString();
        w.pid = o.value(u"pid"_s).toInt();
        w.signal = o.value(u"signal"_s).toInt();
        w.exitCode = o.value(u"exit_code"_s).toInt();
        w.reason = o.value(u"reason"_s).toString().toStdString();
        if (!r.numberList(o.value(u"tasks"_s), 0, 1 << 20, "failed.tasks", w.tasks))
            return false;
        out.push_back(std::move(w));
    }
    return true;
}

bool readResults(Reader &r, const QJsonObject &o, RunResult &run)
{
    std::int64_t wall = 0, chunksize = 0, handoffs = 0, switchMs = 0;
    if (!r.whole(o.value(u"wall_ns"_s), 0, double(std::int64_t(1) << 53), "wall_ns", wall)
        || !r.whole(o.value(u"chunksize"_s), 0, 1 << 20, "chunksize", chunksize)
        || !r.numberList(o.value(u"results"_s), -1, double(std::int64_t(1) << 53), "results", run.results)
        || !r.numberList(o.value(u"completion_order"_s), 0, 1 << 20, "completion_order", run.completionOrder)
        || !readFailed(r, o.value(u"failed"_s), run.failed))
        return false;
    QJsonArray checks, console;
    if (!r.array(o.value(u"checks"_s), "checks", checks) || !r.array(o.value(u"console"_s), "console", console))
        return false;
    for (const auto &c : checks) {
        bool ok = false;
        run.checks.push_back(c.toString().toULongLong(&ok));
        if (!ok)
            return r.fail("checks: not decimal numbers");
    }
    for (const auto &line : console)
        run.console.push_back(line.toString().toStdString());
    const QJsonObject gil = o.value(u"gil"_s).toObject();
    if (!r.whole(gil.value(u"handoffs"_s), 0, double(std::int64_t(1) << 53), "gil.handoffs", handoffs)
        || !r.whole(gil.value(u"switch_interval_ms"_s), 0, 1 << 20, "gil.switch_interval_ms", switchMs))
        return false;
    run.wallNs = wall;
    run.chunksize = int(chunksize);
    run.gil = {gil.value(u"enabled"_s).toBool(), int(switchMs), std::uint64_t(handoffs)};
    run.cancelled = o.value(u"cancelled"_s).toBool();
    run.error = o.value(u"error"_s).toString().toStdString();
    run.startMethod = o.value(u"start_method"_s).toString().toStdString();
    return true;
}

} // namespace

QByteArray RunFile::toJson(const RunResult &run)
{
    QJsonObject params;
    for (const ParamSpec &spec : paramSpecs()) {
        const int value = run.params.*spec.field;
        params.insert(toQString(spec.key), spec.choices.empty() ? QJsonValue(value) : QJsonValue(toQString(spec.format(value))));
    }
    QJsonArray failed, checks;
    for (const FailedWorker &w : run.failed)
        failed.append(QJsonObject{{u"name"_s, toQString(w.name)}, {u"pid"_s, w.pid}, {u"signal"_s, w.signal},
                                  {u"exit_code"_s, w.exitCode}, {u"tasks"_s, numbers(w.tasks)}, {u"reason"_s, toQString(w.reason)}});
    for (std::uint64_t c : run.checks)
        checks.append(QString::number(c));
    const QJsonObject root{
        {u"format"_s, formatName}, {u"version"_s, version}, {u"experiment"_s, toQString(run.experiment)}, {u"params"_s, params},
        {u"machine"_s, QJsonObject{{u"cores"_s, run.machine.cores}, {u"cpu_model"_s, toQString(run.machine.cpuModel)},
                                    {u"os"_s, toQString(run.machine.os)}}},
        {u"wall_ns"_s, double(run.wallNs)}, {u"cancelled"_s, run.cancelled}, {u"error"_s, toQString(run.error)},
        {u"chunksize"_s, run.chunksize}, {u"start_method"_s, toQString(run.startMethod)},
        {u"gil"_s, QJsonObject{{u"enabled"_s, run.gil.enabled}, {u"switch_interval_ms"_s, run.gil.switchIntervalMs},
                                {u"handoffs"_s, double(run.gil.handoffs)}}},
        {u"console"_s, strings(run.console)}, {u"results"_s, numbers(run.results)}, {u"checks"_s, checks},
        {u"completion_order"_s, numbers(run.completionOrder)}, {u"failed"_s, failed},
        {u"recording"_s, recordingToJson(run.recording)}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<RunResult> RunFile::fromJson(const QByteArray &bytes, std::string *error)
{
    auto failed = [error](const std::string &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        // A parser stopped at the very end was given a file cut short.
        const bool cutShort = !bytes.trimmed().isEmpty() && parse.offset >= bytes.trimmed().size() - 1;
        return failed("not a saved run: " + (cutShort ? std::string("the file is cut short") : parse.errorString().toStdString())
                      + " (at byte " + std::to_string(parse.offset) + ")");
    }
    const QJsonObject o = doc.object();
    if (o.value(u"format"_s).toString() != formatName)
        return failed("not a saved Concurrency Lab run");
    if (const int v = o.value(u"version"_s).toInt(-1); v != version)
        return failed("a saved run of format version " + std::to_string(v) + "; this version of the app reads version "
                      + std::to_string(version));
    RunResult run;
    run.experiment = o.value(u"experiment"_s).toString().toStdString();
    const ExperimentInfo *info = findExperiment(run.experiment);
    if (!info)
        return failed("a saved run of an experiment this app does not know: '" + run.experiment + "'");
    run.params = defaultParams(*info);
    const QJsonObject machine = o.value(u"machine"_s).toObject();
    run.machine = {machine.value(u"cores"_s).toInt(), machine.value(u"cpu_model"_s).toString().toStdString(),
                   machine.value(u"os"_s).toString().toStdString()};
    run.cpuCount = run.machine.cores;
    Reader r;
    if (run.machine.cores < 1)
        r.fail("machine.cores is missing");
    if (!r.error.empty() || !readParams(r, o.value(u"params"_s).toObject(), run.params) || !readResults(r, o, run)
        || !readRecording(r, o.value(u"recording"_s), run.recording))
        return failed("a damaged saved run: " + r.error);
    run.deriveTasks(run.params.tasks);
    return run;
}

std::optional<RunResult> RunFile::read(const std::string &path, std::string *error)
{
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in)
        bytes << in.rdbuf();
    if (!in || in.bad()) {
        if (error)
            *error = errno ? std::strerror(errno) : "it cannot be read";
        return std::nullopt;
    }
    const std::string text = bytes.str();
    auto run = fromJson(QByteArray(text.data(), qsizetype(text.size())), error);
    if (run)
        run->openedFrom = path;
    return run;
}

} // namespace lab
