// Preloaded into the command line by tst_commandline: raises SIGINT from inside Qt's
// start-up (QCoreApplication's constructor calls setlocale), then lets the call go on.
// A program whose handler is installed only after its QCoreApplication dies of it.
#include <clocale>
#include <csignal>
#include <dlfcn.h>

extern "C" char *setlocale(int category, const char *locale)
{
    static bool raised = false;
    if (!raised) {
        raised = true;
        std::raise(SIGINT);
    }
    using Setlocale = char *(*)(int, const char *);
    static const auto next = reinterpret_cast<Setlocale>(dlsym(RTLD_NEXT, "setlocale"));
    return next(category, locale);
}
