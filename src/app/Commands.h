#pragma once

#include "Sweep.h"

#include <QStringList>

#include <cstdio>

class QCommandLineParser;

// The command line's commands, one file each; `positional` starts with the command's name.
namespace lab::cli {

int runCommand(const QCommandLineParser &parser, const QStringList &positional);    // RunCommand.cpp
int sweepCommand(const QCommandLineParser &parser, const QStringList &positional);  // SweepCommand.cpp
int exportCommand(const QCommandLineParser &parser, const QStringList &positional); // ExportCommand.cpp
int lessonCommand(const QCommandLineParser &parser, const QStringList &positional); // LessonCommand.cpp

// Runs a sweep on its own thread, printing each point's row as it arrives; an interrupt cancels it.
SweepResult sweepPrintingRows(const SweepSpec &spec, std::FILE *text);

} // namespace lab::cli
