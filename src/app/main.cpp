#include "CommandLine.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <memory>

int main(int argc, char *argv[])
{
    // Any argument means the command line; a signal from its very first moment cancels it.
    if (argc > 1 && !(argc == 2 && (std::string_view(argv[1]).ends_with(".clrun") || std::string_view(argv[1]) == "--lesson")))
        lab::installInterruptHandlers();
    QCoreApplication::setOrganizationName(QStringLiteral("Concurrency Lab"));
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAB_VERSION));

    // Any argument means the command line, which must work without a display.
    // export paints widgets (the chart is a QGraphicsWidget), so it needs a
    // QApplication; without a display it paints offscreen.
    // One argument naming a saved run opens it in the window (a file manager's double-click).
    const bool openSavedRun = argc == 2 && std::string_view(argv[1]).ends_with(".clrun");
    const bool openLesson = argc == 2 && std::string_view(argv[1]) == "--lesson"; // the teacher's launcher
    // export and a lesson's step paint widgets (the chart is a QGraphicsWidget).
    const bool paints = argc > 1 && (std::strcmp(argv[1], "export") == 0
                                     || (std::strcmp(argv[1], "lesson") == 0 && std::find_if(argv + 2, argv + argc, [](const char *a) {
                                            return std::string_view(a).starts_with("--png");
                                        }) != argv + argc));
    if (paints) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return lab::runCommandLine(QCoreApplication::arguments());
    }
    if (argc > 1 && !openSavedRun && !openLesson) {
        QCoreApplication app(argc, argv);
        return lab::runCommandLine(QCoreApplication::arguments());
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
    lab::MainWindow window;
    window.show();
    if (openSavedRun)
        window.openRun(QString::fromLocal8Bit(argv[1]));
    if (openLesson)
        window.openLesson();
    return QApplication::exec();
}
