#include "ExportController.h"

#include "CompareController.h"
#include "OutputFile.h"
#include "ScalingChart.h"
#include "SpanTable.h"
#include "SweepReport.h"
#include "TimelineView.h"

#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPainter>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgGenerator>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

bool isSvg(const QString &file)
{
    return file.endsWith(u".svg"_s, Qt::CaseInsensitive);
}

// Asks for a PNG's size and scale; false when cancelled.
bool askPngSize(QWidget *parent, QSize &size, qreal &scale)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(ExportController::tr("PNG size"));
    auto *form = new QFormLayout(&dialog);
    auto *width = new QSpinBox(&dialog);
    auto *height = new QSpinBox(&dialog);
    width->setRange(320, 7680);
    height->setRange(200, 4320);
    width->setValue(size.width());
    height->setValue(size.height());
    width->setSuffix(u" px"_s);
    height->setSuffix(u" px"_s);
    auto *factor = new QComboBox(&dialog);
    for (int f : {1, 2, 3})
        factor->addItem(QString::number(f) + u"×"_s, f);
    factor->setToolTip(ExportController::tr("Pixels per logical pixel: 2× gives sharp images on high-density screens and slides"));
    form->addRow(ExportController::tr("Width:"), width);
    form->addRow(ExportController::tr("Height:"), height);
    form->addRow(ExportController::tr("Scale:"), factor);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    size = QSize(width->value(), height->value());
    scale = factor->currentData().toInt();
    return true;
}

QString askFile(QWidget *parent, const QString &title, const QString &base)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    return QFileDialog::getSaveFileName(parent, title, dir + u'/' + base + u".png"_s,
                                        ExportController::tr("PNG image (*.png);;SVG image (*.svg)"));
}

} // namespace

ExportController::ExportController(const TimelineView *timeline, const ScalingChart *chart, const CompareController *runs,
                                   QWidget *window)
    : QObject(window), m_timeline(timeline), m_chart(chart), m_runs(runs), m_window(window)
{
}

TimelineExportOptions ExportController::options() const
{
    TimelineExportOptions options;
    const QString last = m_runs->last().label;
    if (!last.isEmpty())
        options.currentLabel = last;
    if (!m_runs->pinned().label.isEmpty())
        options.pinnedLabel = m_runs->pinned().label;
    options.title = tr("Concurrency Lab: %1").arg(last);
    return options;
}

QImage ExportController::timelineImage(QSize size, qreal scale) const
{
    auto data = m_timeline->data();
    if (!data)
        return {};
    return renderTimeline(*data, size, scale, m_timeline->timelineStyle(), m_runs->pinned().data.get(), options());
}

std::shared_ptr<const TimelineData> ExportController::runToExport(QString *error) const
{
    auto data = m_timeline->data();
    if (!data && error)
        *error = tr("there is no run to export yet");
    return data;
}

bool ExportController::saveTimeline(const QString &file, QSize size, qreal scale, QString *error) const
{
    const auto data = runToExport(error);
    if (!data)
        return false;
    const TimelineData *pinned = m_runs->pinned().data.get();
    if (isSvg(file))
        return writeTimelineSvg(*data, size, m_timeline->timelineStyle(), pinned, file, error, options());
    return writeTimelinePng(*data, size, scale, m_timeline->timelineStyle(), pinned, file, error, options());
}

bool ExportController::saveChart(const QString &file, QSize size, qreal scale, QString *error) const
{
    if (isSvg(file))
        return m_chart->writeSvg(file, size, error);
    return m_chart->writePng(file, size, scale, error);
}

void ExportController::paintBoth(QPainter &painter, const TimelineData &data, QSize size) const
{
    // The timeline above the chart, each `size` big.
    const QRectF top(0, 0, size.width(), size.height());
    const QRectF bottom(0, size.height(), size.width(), size.height());
    paintTimeline(painter, top, data, m_timeline->timelineStyle(), m_runs->pinned().data.get(), options());
    m_chart->render(&painter, bottom);
}

// Like the timeline's and the chart's exports, painted into memory first and
// written whole or not at all (OutputFile).
bool ExportController::saveBoth(const QString &file, QSize size, qreal scale, QString *error) const
{
    const auto data = runToExport(error);
    if (!data)
        return false;
    const QSize whole(size.width(), 2 * size.height());
    const QColor background = m_timeline->timelineStyle().background;
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    if (isSvg(file)) {
        QSvgGenerator svg;
        svg.setOutputDevice(&out);
        svg.setSize(whole);
        svg.setViewBox(QRect(QPoint(0, 0), whole));
        svg.setTitle(tr("Concurrency Lab: %1 and the scaling chart").arg(m_runs->last().label));
        QPainter p;
        if (!p.begin(&svg)) {
            if (error)
                *error = tr("cannot write %1: the SVG painter did not start").arg(file);
            return false;
        }
        p.fillRect(QRectF(QPointF(0, 0), QSizeF(whole)), background);
        paintBoth(p, *data, size);
        p.end();
    } else {
        if (scale < minExportScale || scale > maxExportScale) {
            if (error)
                *error = tr("the scale must be 1–3");
            return false;
        }
        QImage both(whole * scale, QImage::Format_ARGB32_Premultiplied);
        both.setDevicePixelRatio(scale);
        both.fill(background);
        {
            QPainter p(&both);
            paintBoth(p, *data, size);
        }
        both.save(&out, "PNG");
    }
    if (auto why = OutputFile::write(QFile::encodeName(file).toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())))) {
        if (error)
            *error = tr("cannot write %1: %2").arg(file, QString::fromStdString(*why));
        return false;
    }
    return true;
}

namespace {

bool writeWhole(const QString &file, const QByteArray &bytes, QString *error)
{
    if (auto why = OutputFile::write(QFile::encodeName(file).toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())))) {
        if (error)
            *error = QObject::tr("cannot write %1: %2").arg(file, QString::fromStdString(*why));
        return false;
    }
    return true;
}

} // namespace

bool ExportController::saveSweepFigures(const QString &file, QString *error) const
{
    const SweepResult *sweep = m_chart ? m_chart->lastSweep() : nullptr;
    if (!sweep || sweep->points.empty()) {
        if (error)
            *error = tr("there is no sweep yet: run one on the Scaling chart tab");
        return false;
    }
    const bool json = QFileInfo(file).suffix().compare(u"json"_s, Qt::CaseInsensitive) == 0;
    return writeWhole(file, json ? QJsonDocument(SweepReport::toJson(*sweep)).toJson(QJsonDocument::Indented) : SweepReport::toCsv(*sweep), error);
}

bool ExportController::saveSpans(const QString &file, QString *error) const
{
    const auto data = runToExport(error);
    return data && writeWhole(file, SpanTable::toCsv(*data), error);
}

void ExportController::exportSweepFigures()
{
    exportDataWith(tr("Export sweep figures"), u"sweep.csv"_s, tr("CSV (*.csv);;JSON (*.json)"), &ExportController::saveSweepFigures);
}

void ExportController::exportSpans(const QString &baseName)
{
    exportDataWith(tr("Export timeline spans"), baseName + u"-spans.csv"_s, tr("CSV (*.csv)"), &ExportController::saveSpans);
}

void ExportController::exportDataWith(const QString &title, const QString &fileName, const QString &filter, SaveData save)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString file = QFileDialog::getSaveFileName(m_window, title, folder + u'/' + fileName, filter);
    if (file.isEmpty())
        return;
    QString error;
    if (!(this->*save)(file, &error)) {
        QMessageBox::warning(m_window, title, error);
        return;
    }
    Q_EMIT statusMessage(tr("Written to %1").arg(file), 6000);
}

void ExportController::exportWith(const QString &title, const QString &baseName, Save save)
{
    const QString file = askFile(m_window, title, baseName);
    if (file.isEmpty())
        return;
    QSize size = defaultExportSize;
    qreal scale = 1;
    if (!isSvg(file) && !askPngSize(m_window, size, scale))
        return;
    QString error;
    if ((this->*save)(file, size, scale, &error))
        Q_EMIT statusMessage(tr("Saved %1").arg(QFileInfo(file).fileName()), 8000);
    else
        QMessageBox::warning(m_window, title, tr("Could not save %1: %2").arg(file, error));
}

void ExportController::exportTimeline(const QString &baseName)
{
    exportWith(tr("Export timeline"), baseName, &ExportController::saveTimeline);
}

void ExportController::exportChart()
{
    exportWith(tr("Export chart"), u"scaling"_s, &ExportController::saveChart);
}

void ExportController::exportBoth(const QString &baseName)
{
    exportWith(tr("Export timeline and chart"), baseName + u"-and-scaling"_s, &ExportController::saveBoth);
}

void ExportController::copyImage()
{
    const QImage image = timelineImage(defaultExportSize, 1.0);
    if (image.isNull())
        return;
    QGuiApplication::clipboard()->setImage(image);
    Q_EMIT statusMessage(tr("The timeline is on the clipboard (1920×1080)"), 5000);
}

} // namespace lab
