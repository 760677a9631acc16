#pragma once

#include "Catalog.h"

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace lab {

class RunController;

// File ▸ Save run… and Open run…: the last run to a .clrun file (RunFile), and
// a saved run back into the window, drawn, replayed, pinned and exported like a
// fresh one. A file that cannot be read gets one message and changes nothing.
class SavedRunController : public QObject
{
    Q_OBJECT

public:
    SavedRunController(QWidget *window, RunController *runs, QObject *parent = nullptr);

    QAction *saveAction() const { return m_save; }
    QAction *openAction() const { return m_open; }

    // Without dialogs (tests, the command line, a drop): an error message, or empty.
    QString saveTo(const QString &file) const;
    QString open(const QString &file);
    // Asks where, then saves or opens; errors in a message box.
    void askToSave();
    void askToOpen();
    // The save action follows whether there is a run to save.
    void updateActions();

    static bool isSavedRunFile(const QString &file);
    // A .clrun dropped on `window` opens (errors in a message box).
    void openDropsOn(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // A saved run was read and is about to be shown: the window selects its experiment and values.
    void opening(const QString &experiment, const lab::ExperimentParams &params);
    // A saved run is shown: for the window's title.
    void opened(const QString &file, const QString &recordedOn);

private:
    QWidget *m_window = nullptr;
    RunController *m_runs = nullptr;
    QAction *m_save = nullptr;
    QAction *m_open = nullptr;
};

} // namespace lab
