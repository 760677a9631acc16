#include "MainWindow.h"

#include <QLabel>

namespace lab {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Concurrency Lab"));
    auto *label = new QLabel(tr("<h2>Concurrency Lab</h2>"
                                "<p>The desktop app (timeline, console, charts) is not built yet.</p>"
                                "<p>The engine already runs every I/O-bound experiment from the command line:</p>"
                                "<pre>concurrency-lab --list\nconcurrency-lab run sleep-threads --trace run.json</pre>"
                                "<p>Open the trace in ui.perfetto.dev to see one lane per thread.</p>"),
                             this);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignCenter);
    label->setMargin(24);
    setCentralWidget(label);
    resize(640, 360);
}

} // namespace lab
