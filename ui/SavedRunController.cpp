#include "SavedRunController.h"

#include "OutputFile.h"
#include "QtStrings.h"
#include "RunController.h"
#include "RunFile.h"

#include <QAction>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

const QString filter = QObject::tr("Concurrency Lab runs (*.clrun)");

} // namespace

SavedRunController::SavedRunController(QWidget *window, RunController *runs, QObject *parent)
    : QObject(parent), m_window(window), m_runs(runs)
{
    m_save = new QAction(tr("&Save run…"), this);
    m_save->setObjectName(u"actionSaveRun"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the whole run — its parameters, this machine, every event — to open later or on another machine (Ctrl+S)"));
    connect(m_save, &QAction::triggered, this, &SavedRunController::askToSave);
    m_open = new QAction(tr("&Open run…"), this);
    m_open->setObjectName(u"actionOpenRun"_s);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open a saved run (.clrun) and show it as it was recorded (Ctrl+O)"));
    connect(m_open, &QAction::triggered, this, &SavedRunController::askToOpen);
    // The window's title names a reopened run and its machine, until a fresh run starts.
    const QString title = window->windowTitle();
    connect(this, &SavedRunController::opened, window, [window, title](const QString &file, const QString &recordedOn) {
        window->setWindowTitle(tr("%1 — %2, recorded on %3").arg(title, QFileInfo(file).fileName(), recordedOn));
    });
    connect(runs, &RunController::started, window, [window, title] { window->setWindowTitle(title); });
    updateActions();
}

bool SavedRunController::isSavedRunFile(const QString &file)
{
    return QFileInfo(file).suffix().compare(u"clrun"_s, Qt::CaseInsensitive) == 0;
}

void SavedRunController::openDropsOn(QWidget *window)
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool SavedRunController::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::DragEnter && event->type() != QEvent::Drop)
        return QObject::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event); // QDragEnterEvent is a QDropEvent
    const auto urls = drop->mimeData()->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile() || !isSavedRunFile(urls.front().toLocalFile()))
        return false;
    drop->acceptProposedAction();
    if (event->type() == QEvent::Drop)
        if (const QString error = open(urls.front().toLocalFile()); !error.isEmpty())
            QMessageBox::warning(m_window, tr("Open run"), error);
    return true;
}

void SavedRunController::updateActions()
{
    m_save->setEnabled(m_runs->lastResult() && !m_runs->isRunning());
    m_open->setEnabled(!m_runs->isRunning());
}

QString SavedRunController::saveTo(const QString &file) const
{
    const RunResult *run = m_runs->lastResult();
    if (!run)
        return tr("There is no run to save yet.");
    const QByteArray bytes = RunFile::toJson(*run);
    if (auto why = OutputFile::write(QFile::encodeName(file).toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size()))))
        return tr("Cannot write %1: %2").arg(file, toQString(*why));
    return {};
}

QString SavedRunController::open(const QString &file)
{
    if (m_runs->isRunning())
        return tr("Stop the run first: a saved run replaces what the window shows.");
    std::string why;
    auto run = RunFile::read(QFile::encodeName(file).toStdString(), &why);
    if (!run)
        return tr("Cannot open %1: %2").arg(file, toQString(why));
    const QString recordedOn = toQString(run->machine.describe());
    Q_EMIT opening(toQString(run->experiment), run->params);
    m_runs->showSaved(std::move(*run));
    Q_EMIT opened(file, recordedOn);
    return {};
}

void SavedRunController::askToSave()
{
    const RunResult *run = m_runs->lastResult();
    if (!run)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString file = QFileDialog::getSaveFileName(m_window, tr("Save run"), folder + u'/' + toQString(run->experiment) + u".clrun"_s, filter);
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += u".clrun"_s;
    if (const QString error = saveTo(file); !error.isEmpty())
        QMessageBox::warning(m_window, tr("Save run"), error);
}

void SavedRunController::askToOpen()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Open run"), folder, filter);
    if (file.isEmpty())
        return;
    if (const QString error = open(file); !error.isEmpty())
        QMessageBox::warning(m_window, tr("Open run"), error);
}

} // namespace lab
