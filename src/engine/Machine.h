#pragma once

#include <string>

namespace lab {

// The machine a run was recorded on: a saved run carries it, so a run shown on
// another machine says where its times come from.
struct MachineInfo
{
    int cores = 0;
    std::string cpuModel; // /proc/cpuinfo's "model name"
    std::string os;       // uname: "Linux 6.1.0-18-amd64 x86_64"

    static MachineInfo current();
    // "2 cores, Intel(R) Xeon(R) CPU @ 2.20GHz, Linux 6.1.0 x86_64"
    std::string describe() const;
};

// The CPUs online now, at least 1: the one place the engine asks.
int cpuCount();

} // namespace lab
