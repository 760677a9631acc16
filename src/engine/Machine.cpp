#include "Machine.h"

#include <algorithm>
#include <fstream>

#include <sys/utsname.h>
#include <unistd.h>

namespace lab {
namespace {

std::string readCpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0)
            if (const auto colon = line.find(':'); colon != std::string::npos && colon + 1 < line.size())
                return line.substr(line.find_first_not_of(' ', colon + 1));
    return "unknown CPU";
}

std::string operatingSystem()
{
    utsname name{};
    if (uname(&name) != 0)
        return "unknown OS";
    return std::string(name.sysname) + " " + name.release + " " + name.machine;
}

} // namespace

int cpuCount() { return std::max(1, int(sysconf(_SC_NPROCESSORS_ONLN))); }

MachineInfo MachineInfo::current()
{
    static const MachineInfo here{cpuCount(), readCpuModel(), operatingSystem()};
    MachineInfo info = here;
    info.cores = cpuCount(); // CPUs can go on- and offline while the app runs
    return info;
}

std::string MachineInfo::describe() const
{
    return std::to_string(cores) + (cores == 1 ? " core, " : " cores, ") + cpuModel + ", " + os;
}

} // namespace lab
