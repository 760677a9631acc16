#include "CommandLine.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Concurrency Lab"));
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAB_VERSION));

    // Any argument means the command line, which must work without a display.
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
