#include "ConsolePane.h"

#include "QtStrings.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

constexpr QChar lineEndMark = QChar(0x21B5); // ↵

} // namespace

ConsolePane::ConsolePane(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 2, 4, 0);
    m_legend = new QLabel(this);
    m_legend->setObjectName(u"consoleLegend"_s);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_legend->setToolTip(tr("Each lane (thread or process) has its colour; its writes are tinted with it"));
    header->addWidget(m_legend, 1);
    m_lineEnds = new QToolButton(this);
    m_lineEnds->setObjectName(u"showLineEnds"_s);
    m_lineEnds->setText(QString(lineEndMark));
    m_lineEnds->setCheckable(true);
    m_lineEnds->setToolTip(tr("Mark line ends with ↵: a print writes its text and its line end separately, "
                              "and this shows which thread wrote each line end"));
    connect(m_lineEnds, &QToolButton::toggled, this, &ConsolePane::setShowLineEnds);
    header->addWidget(m_lineEnds, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(u"consoleText"_s);
    m_view->setReadOnly(true);
    m_view->setUndoRedoEnabled(false);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->viewport()->setCursor(Qt::PointingHandCursor);
    m_view->setToolTip(tr("The console output exactly as printed; click a write to find it in the timeline"));
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_view->setFont(mono);
    m_view->viewport()->installEventFilter(this);
    layout->addWidget(m_view, 1);
    updateLegend();
}

QColor ConsolePane::laneHue(std::uint32_t lane, bool dark)
{
    // Golden-angle hues: neighbouring lanes get clearly different colours.
    const int hue = int(std::fmod(20.0 + lane * 137.508, 360.0));
    // Dark enough on the light tint (and light enough on the dark one) to read at a glance.
    return QColor::fromHsl(hue, dark ? 170 : 220, dark ? 180 : 72);
}

QColor ConsolePane::laneColor(std::uint32_t lane) const
{
    return laneHue(lane, m_dark);
}

QColor ConsolePane::laneBackground(std::uint32_t lane) const
{
    QColor c = laneHue(lane, m_dark);
    return QColor::fromHsl(c.hslHue(), m_dark ? 90 : 160, m_dark ? 55 : 228);
}

void ConsolePane::setData(std::shared_ptr<const TimelineData> data)
{
    // Append only when what is shown is still the start of the new data. A live
    // snapshot reads its lanes one after another, so a write can turn up later
    // in front of one shown already; then the text is rebuilt in the new order.
    bool samePrefix = data && m_data && data->originNs == m_data->originNs && data->writes.size() >= m_shown;
    for (std::size_t i = 0; samePrefix && i < m_shown; ++i) {
        const ConsoleMark &a = data->writes[i];
        const ConsoleMark &b = m_data->writes[i];
        samePrefix = a.timeNs == b.timeNs && a.lane == b.lane;
    }
    m_data = std::move(data);
    sync(!samePrefix);
}

void ConsolePane::setRevealUntilNs(std::int64_t relativeNs)
{
    m_revealNs = relativeNs;
    sync(false);
}

void ConsolePane::clear()
{
    m_data.reset();
    sync(true);
}

void ConsolePane::setDark(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    sync(true);
}

void ConsolePane::setFontPointSize(qreal points)
{
    QFont f = m_view->font();
    f.setPointSizeF(points);
    m_view->setFont(f);
    QFont lf = m_legend->font();
    lf.setPointSizeF(std::max(points * 0.8, 8.0));
    m_legend->setFont(lf);
}

void ConsolePane::setShowLineEnds(bool show)
{
    if (m_lineEnds->isChecked() != show)
        m_lineEnds->setChecked(show); // comes back here through toggled()
    if (m_showLineEnds == show)
        return;
    m_showLineEnds = show;
    sync(true);
}

void ConsolePane::sync(bool rebuild)
{
    std::size_t target = 0;
    if (m_data) {
        const auto &writes = m_data->writes;
        target = writes.size();
        if (m_revealNs >= 0) {
            const std::int64_t until = m_data->originNs + m_revealNs;
            target = std::size_t(std::upper_bound(writes.begin(), writes.end(), until,
                                                  [](std::int64_t t, const ConsoleMark &m) { return t < m.timeNs; })
                                 - writes.begin());
        }
    }
    if (rebuild || target < m_shown) {
        m_view->clear();
        m_starts.clear();
        m_shown = 0;
        m_end = 0;
        m_highlighted = -1;
        m_view->setExtraSelections({});
    }
    if (target > m_shown)
        appendWrites(target);
    updateLegend();
}

void ConsolePane::appendWrites(std::size_t to)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_view->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    for (std::size_t i = m_shown; i < to; ++i) {
        const ConsoleMark &mark = m_data->writes[i];
        m_starts.push_back(cursor.position());
        QTextCharFormat format;
        format.setForeground(laneColor(mark.lane));
        format.setBackground(laneBackground(mark.lane));
        QString text = toQString(mark.text);
        if (m_showLineEnds && text.endsWith(u'\n')) {
            QTextCharFormat markFormat = format;
            markFormat.setForeground(laneColor(mark.lane));
            cursor.insertText(text.chopped(1) + lineEndMark, markFormat);
            text = u"\n"_s;
        }
        cursor.insertText(text, format);
    }
    cursor.endEditBlock();
    m_end = cursor.position();
    m_shown = to;
    if (atBottom)
        bar->setValue(bar->maximum());
}

void ConsolePane::updateLegend()
{
    if (!m_data || m_shown == 0) {
        m_legend->setText(tr("<i>Console output appears here, each write in its lane's colour.</i>"));
        return;
    }
    std::set<std::uint32_t> lanes;
    for (std::size_t i = 0; i < m_shown; ++i)
        lanes.insert(m_data->writes[i].lane);
    QStringList parts;
    for (const std::uint32_t lane : lanes) {
        const QString name = lane < m_data->lanes.size() ? toQString(m_data->lanes[lane].name) : QString::number(lane);
        parts << u"<span style=\"background-color:%1; color:%2; white-space:nowrap\">&nbsp;%3&nbsp;</span>"_s.arg(
            laneBackground(lane).name(), laneColor(lane).name(), name.toHtmlEscaped());
    }
    m_legend->setText(parts.join(u" "_s));
}

QString ConsolePane::text() const
{
    QString out;
    if (!m_data)
        return out;
    for (std::size_t i = 0; i < m_shown; ++i)
        out += toQString(m_data->writes[i].text);
    return out;
}

int ConsolePane::writeAtPosition(int position) const
{
    if (m_starts.empty() || position < 0 || position >= m_end)
        return -1;
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), position);
    return int(it - m_starts.begin()) - 1;
}

std::pair<int, int> ConsolePane::writeRange(std::size_t index) const
{
    if (index >= m_starts.size())
        return {-1, -1};
    return {m_starts[index], index + 1 < m_starts.size() ? m_starts[index + 1] : m_end};
}

void ConsolePane::highlightWrite(std::size_t index)
{
    const auto [first, last] = writeRange(index);
    if (first < 0)
        return;
    m_highlighted = int(index);
    QTextEdit::ExtraSelection sel;
    sel.cursor = QTextCursor(m_view->document());
    sel.cursor.setPosition(first);
    sel.cursor.setPosition(last, QTextCursor::KeepAnchor);
    sel.format.setBackground(m_dark ? QColor(255, 235, 59) : QColor(255, 214, 0));
    sel.format.setForeground(Qt::black);
    sel.format.setFontUnderline(true);
    m_view->setExtraSelections({sel});
    QTextCursor visible(m_view->document());
    visible.setPosition(first);
    m_view->setTextCursor(visible);
    m_view->ensureCursorVisible();
}

bool ConsolePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressPos = static_cast<QMouseEvent *>(event)->position().toPoint();
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto *me = static_cast<QMouseEvent *>(event);
            const QPoint pos = me->position().toPoint();
            // A drag selects text; only a click picks a write.
            if (me->button() == Qt::LeftButton && (pos - m_pressPos).manhattanLength() < 4) {
                QTextCursor cursor = m_view->cursorForPosition(pos);
                int position = cursor.position();
                // cursorForPosition rounds to the nearest gap; take the character under the mouse.
                if (pos.x() < m_view->cursorRect(cursor).left() && position > cursor.block().position())
                    --position;
                const int index = writeAtPosition(position);
                if (index >= 0) {
                    highlightWrite(std::size_t(index));
                    Q_EMIT writeClicked(std::size_t(index));
                }
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace lab
