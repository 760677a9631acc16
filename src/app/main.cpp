#include "CommandLine.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>

int main(int argc, char *argv[])
{
    // Any argument means the command line; a signal from its very first moment cancels it.
    if (argc > 1)
        lab::installInterruptHandlers();
    QCoreApplication::setOrganizationName(QStringLiteral("Concurrency Lab"));
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAB_VERSION));

    // Any argument means the command line, which must work without a display.
    // export paints widgets (the chart is a QGraphicsWidget), so it needs a
    // QApplication; without a display it paints offscreen.
    if (argc > 1 && std::strcmp(argv[1], "export") == 0) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return lab::runCommandLine(QCoreApplication::arguments());
    }
    if (argc > 1) {
        QCoreApplication app(argc, argv);
        return lab::runCommandLine(QCoreApplication::arguments());
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
    lab::MainWindow window;
    window.show();
    return QApplication::exec();
}
