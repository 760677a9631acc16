#include "LessonSlide.h"

#include "ExportFile.h"
#include "LessonText.h"
#include "QtStrings.h"
#include "ScalingChart.h"
#include "TimelineData.h"
#include "TimelineExport.h"
#include "TimelineStyle.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

constexpr double sideShare = 0.32; // of the width, for the words

} // namespace

QString LessonSlide::sideHtml() const
{
    const LessonStep &step = lessonPlan()[std::size_t(stepIndex)];
    const int body = lecture ? 24 : 14;
    QString html = u"<div style=\"font-size:%1px\">"_s.arg(body);
    html += u"<p>%1</p>"_s.arg(toQString(step.explanation).toHtmlEscaped());
    if (step.question) {
        html += u"<p><b>%1</b></p>"_s.arg(toQString(fillIn(step.question->prompt, scale)).toHtmlEscaped());
        for (std::size_t i = 0; i < step.question->choices.size(); ++i) {
            const QString line = LessonText::choice(step, int(i), picked, reveal ? &*reveal : nullptr, scale).toHtmlEscaped();
            const bool marked = reveal ? int(i) == reveal->choice : int(i) == picked;
            html += (marked ? u"<p style=\"white-space:pre-wrap\"><b>%1</b></p>"_s : u"<p style=\"white-space:pre-wrap\">%1</p>"_s).arg(line);
        }
    }
    if (reveal) {
        const QStringList lines = LessonText::reveal(step, *reveal, picked, scale);
        for (qsizetype i = 0; i < lines.size(); ++i)
            html += (i == 0 ? u"<p><b>%1</b></p>"_s : u"<p>%1</p>"_s).arg(lines[i].toHtmlEscaped());
    }
    return html + u"</div>"_s;
}

QImage LessonSlide::render(const TimelineData *timeline, const SweepResult *sweep, QSize logicalSize, qreal scale) const
{
    if (logicalSize.width() < 320 || logicalSize.height() < 240 || !(scale >= 1 && scale <= 3)
        || stepIndex < 0 || stepIndex >= int(lessonPlan().size()))
        return {};
    const TimelineStyle style = TimelineStyle::make(dark ? TimelineStyle::Theme::Dark : TimelineStyle::Theme::Light, lecture);
    QImage image = exportfile::canvas(logicalSize, scale, style.background);
    if (image.isNull())
        return {};
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all(QPointF(0, 0), QSizeF(logicalSize));
    const double pad = style.padding * 2;

    // The title line.
    const LessonStep &step = lessonPlan()[std::size_t(stepIndex)];
    QFont titleFont = style.font(true);
    titleFont.setPixelSize(lecture ? 34 : 20);
    p.setFont(titleFont);
    p.setPen(style.text);
    const double titleHeight = QFontMetricsF(titleFont).height() + pad;
    const QString title = LessonText::progress(stepIndex, int(lessonPlan().size())) + u"  ·  "_s + toQString(step.title);
    p.drawText(QRectF(pad, 0, all.width() - 2 * pad, titleHeight), Qt::AlignLeft | Qt::AlignVCenter, title);

    // The run's picture, and the words beside it.
    const double sideWidth = std::round(all.width() * sideShare);
    const QRectF picture(0, titleHeight, all.width() - sideWidth, all.height() - titleHeight);
    const QRectF side(picture.right() + pad, titleHeight, sideWidth - 2 * pad, all.height() - titleHeight - pad);
    if (sweep) {
        ScalingChart chart;
        chart.setLecture(lecture);
        chart.setTheme(dark ? ScalingChart::Theme::Dark : ScalingChart::Theme::Light);
        chart.addSweep(*sweep);
        chart.render(&p, picture);
    } else if (timeline) {
        paintTimeline(p, picture, *timeline, style);
    }
    QTextDocument doc;
    doc.setDefaultFont(style.font());
    doc.setDefaultStyleSheet(u"p { margin-bottom: %1px; } div { color: %2; }"_s.arg(lecture ? 10 : 6).arg(style.text.name()));
    doc.setHtml(sideHtml());
    doc.setTextWidth(side.width());
    p.save();
    p.translate(side.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, style.text);
    context.clip = QRectF(QPointF(0, 0), side.size());
    p.setClipRect(context.clip);
    doc.documentLayout()->draw(&p, context);
    p.restore();
    return image;
}

std::optional<QByteArray> LessonSlide::png(const TimelineData *timeline, const SweepResult *sweep, QSize logicalSize, qreal scale,
                                           QString *error) const
{
    const QImage image = render(timeline, sweep, logicalSize, scale);
    if (image.isNull()) {
        if (error)
            *error = u"cannot draw a %1×%2 image at scale %3"_s.arg(logicalSize.width()).arg(logicalSize.height()).arg(scale);
        return std::nullopt;
    }
    return exportfile::png(image, error);
}

} // namespace lab
