#pragma once

#include <QStringList>

namespace lab {

// Exit codes of the command line.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitBadInput = 2, ExitInterrupted = 130 };

// The headless command line (`--list`, `run ID ...`). `arguments` includes the
// program name, as QCoreApplication::arguments() does.
int runCommandLine(const QStringList &arguments);

// SIGINT, SIGTERM and SIGHUP cancel the command's work instead of ending the
// program, so its threads are joined and its files written or removed; SIGPIPE
// is ignored. Installed first thing in main, before Qt starts.
void installInterruptHandlers();

} // namespace lab
