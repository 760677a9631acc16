#include "SweepReport.h"

#include <QJsonArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

double seconds(double ns) { return ns / 1e9; }

QString poolName(const SweepSpec &spec)
{
    if (spec.pool == PoolKind::Process)
        return u"process pool (%1)"_s.arg(spec.startMethod == StartMethod::Spawn ? u"spawn"_s : u"fork"_s);
    return spec.gil ? u"thread pool, GIL on (model)"_s : u"thread pool, GIL off"_s;
}

} // namespace

QJsonObject SweepReport::toJson(const SweepResult &result)
{
    QJsonArray points;
    for (const SweepPoint &p : result.points) {
        QJsonArray repeats;
        for (const auto ns : p.repeatsNs)
            repeats.append(seconds(double(ns)));
        points.append(QJsonObject{{u"workers"_s, p.workers},
                                  {u"wall_s"_s, seconds(double(p.wallNs))},
                                  {u"ideal_s"_s, seconds(p.idealNs)},
                                  {u"speedup"_s, p.speedup},
                                  {u"efficiency"_s, p.efficiency},
                                  {u"repeats_s"_s, repeats}});
    }
    QJsonArray workers;
    for (int w : result.spec.workers)
        workers.append(w);
    QJsonObject json{
        {u"pool"_s, result.spec.pool == PoolKind::Process ? u"process"_s : u"thread"_s},
        {u"label"_s, poolName(result.spec)},
        {u"gil"_s, result.spec.pool == PoolKind::Thread ? QJsonValue(result.spec.gil) : QJsonValue()},
        {u"switch_interval_ms"_s, result.spec.pool == PoolKind::Thread && result.spec.gil ? QJsonValue(result.spec.switchMs) : QJsonValue()},
        {u"start_method"_s, result.spec.pool == PoolKind::Process
                                ? QJsonValue(result.spec.startMethod == StartMethod::Spawn ? u"spawn"_s : u"fork"_s)
                                : QJsonValue()},
        {u"tasks"_s, result.spec.tasks},
        {u"n"_s, result.spec.n},
        {u"repeat"_s, result.spec.repeat},
        {u"workers"_s, workers},
        {u"cpu_count"_s, result.cpuCount},
        {u"t1_s"_s, seconds(double(result.t1Ns))},
        {u"points"_s, points},
        {u"cancelled"_s, result.cancelled},
    };
    if (!result.error.empty())
        json.insert(u"error"_s, QString::fromStdString(result.error));
    return json;
}

QByteArray SweepReport::toCsv(const SweepResult &result)
{
    QByteArray out = "workers,wall_s,ideal_s,speedup,efficiency,repeats_s\n";
    for (const SweepPoint &p : result.points) {
        QStringList repeats;
        for (const auto ns : p.repeatsNs)
            repeats << QString::number(seconds(double(ns)), 'f', 6);
        out += u"%1,%2,%3,%4,%5,%6\n"_s.arg(p.workers)
                   .arg(seconds(double(p.wallNs)), 0, 'f', 6)
                   .arg(seconds(p.idealNs), 0, 'f', 6)
                   .arg(p.speedup, 0, 'f', 4)
                   .arg(p.efficiency, 0, 'f', 4)
                   .arg(repeats.join(u';'))
                   .toUtf8();
    }
    return out;
}

QString SweepReport::tableHeader(const SweepSpec &spec)
{
    return u"%1: %2 tasks of %3!\n%4  %5  %6  %7  %8\n"_s.arg(poolName(spec))
        .arg(spec.tasks)
        .arg(spec.n)
        .arg(u"workers"_s, 7)
        .arg(u"time s"_s, 8)
        .arg(u"ideal s"_s, 8)
        .arg(u"speedup"_s, 8)
        .arg(u"efficiency"_s, 10);
}

QString SweepReport::tableRow(const SweepPoint &p)
{
    return u"%1  %2  %3  %4  %5\n"_s.arg(p.workers, 7)
        .arg(seconds(double(p.wallNs)), 8, 'f', 3)
        .arg(seconds(p.idealNs), 8, 'f', 3)
        .arg(u"%1x"_s.arg(p.speedup, 0, 'f', 2), 8)
        .arg(u"%1 %"_s.arg(p.efficiency * 100, 0, 'f', 0), 10);
}

QString SweepReport::tableFooter(const SweepResult &result)
{
    return u"T1 = %1 s on %2 core%3%4\n"_s.arg(seconds(double(result.t1Ns)), 0, 'f', 3)
        .arg(result.cpuCount)
        .arg(result.cpuCount == 1 ? u""_s : u"s"_s)
        .arg(result.cancelled ? u" -- cancelled"_s : QString());
}

QString SweepReport::toTable(const SweepResult &result)
{
    QString out = tableHeader(result.spec);
    for (const SweepPoint &p : result.points)
        out += tableRow(p);
    return out + tableFooter(result);
}

} // namespace lab
