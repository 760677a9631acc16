#include "LessonPace.h"

#include "Machine.h"

#include "Factorial.h"
#include "QtStrings.h"

#include <gmp.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace lab::LessonPace {
namespace {

// Well above what a slow machine calibrates to (about 10^6 on this project's 2-core VM).
constexpr int generousN = 2'000'000;

QJsonObject readCache()
{
    QFile file(toQString(cacheFile()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void writeCache(int n)
{
    const QString path = toQString(cacheFile());
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return; // not remembered: the next run measures again
    const QJsonObject entry{{u"machine"_s, toQString(machineKey())}, {u"target_ms"_s, targetMs}, {u"n"_s, n}};
    file.write(QJsonDocument(entry).toJson());
    file.commit();
}

} // namespace

std::string machineKey()
{
    const MachineInfo machine = MachineInfo::current();
    return machine.cpuModel + "; " + std::to_string(machine.cores) + " cores; GMP " + gmp_version;
}

std::string cacheFile()
{
    const char *xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg)
        return std::string(xdg) + "/concurrency-lab/lesson-pace.json";
    const char *home = std::getenv("HOME");
    if (!home || !*home) { // not a shared directory such as /tmp: another user could plant an n there
        const passwd *user = ::getpwuid(::getuid());
        home = user && user->pw_dir ? user->pw_dir : "/";
    }
    const std::string base = std::string(home) + "/.cache";
    return base + "/concurrency-lab/lesson-pace.json";
}

std::optional<int> cachedN()
{
    const QJsonObject entry = readCache();
    const int n = entry.value(u"n"_s).toInt();
    if (entry.value(u"machine"_s).toString() != toQString(machineKey()) || entry.value(u"target_ms"_s).toInt() != targetMs || n < 1
        || n > Factorial::maxN)
        return std::nullopt;
    return n;
}

std::optional<int> resolve(int n, const std::function<bool()> &stop)
{
    if (n > 0)
        return n;
    if (const auto cached = cachedN())
        return cached;
    const auto calibrated = Factorial::calibrate(targetMs, stop);
    if (calibrated)
        writeCache(*calibrated);
    return calibrated;
}

int nForChecks(int n)
{
    if (n > 0)
        return n;
    return cachedN().value_or(generousN);
}

} // namespace lab::LessonPace
