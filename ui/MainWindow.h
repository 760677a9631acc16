#pragma once

#include <QMainWindow>

namespace lab {

// The desktop app's main window. The experiment panel, timeline, console and
// charts arrive with their own issue; until then it points to the command line.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace lab
