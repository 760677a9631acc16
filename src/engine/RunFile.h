#pragma once

#include "RunResult.h"

#include <QByteArray>

#include <optional>
#include <string>

namespace lab {

// A saved run (.clrun): the whole run -- parameters, the machine it was
// recorded on, every lane and event, the console and the results -- as
// versioned JSON, so a run recorded on one machine is drawn, replayed,
// compared and exported on another exactly as it was.
//
// Format "concurrency-lab run", version 1: an object with "format", "version",
// "experiment", "params" (each parameter by its option name; a choice by its
// name), "machine" {cores, cpu_model, os}, "wall_ns", "cancelled", "error",
// "chunksize", "start_method", "gil" {enabled, switch_interval_ms, handoffs},
// "console" [lines], "results" [n per task], "checks" [decimal strings: 61-bit
// values], "completion_order", "failed" [{name, pid, signal, exit_code, tasks, reason}],
// and "recording" {"origin_ns", "taken_ns", "lanes" [[id, name, kind, pid, tid]],
// "texts" [[strings] per lane], "events" [[t_ns from origin, task, arg, lane,
// kind, state, cpu]]}. Kinds and states are the enums' numbers. Task timings
// and orders are derived again on reading.
struct RunFile
{
    static constexpr int version = 1;
    static QByteArray toJson(const RunResult &run);
    // The run, or std::nullopt and *error saying what is wrong with the bytes.
    static std::optional<RunResult> fromJson(const QByteArray &bytes, std::string *error);
    // The same from a file; *error also gives the OS's reason it could not be read.
    static std::optional<RunResult> read(const std::string &path, std::string *error);
};

} // namespace lab
