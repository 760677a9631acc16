#include "TimelineView.h"

#include "TimelineHitTest.h"
#include "TimelineLayout.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace lab {
namespace {

constexpr double keyZoomFactor = 1.5;
constexpr double wheelZoomPerNotch = 1.25; // one wheel notch (120 units)

} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setCursor(Qt::OpenHandCursor);
    setMinimumSize(200, 120);
}

void TimelineView::setData(std::shared_ptr<const TimelineData> data)
{
    if (!m_data && !m_pinned)
        m_fitPending = true;
    // A new run drawn under a pinned one would start out of sight below it.
    if (m_pinned && data && (!m_data || data->originNs != m_data->originNs))
        m_showCurrentPending = true;
    m_data = std::move(data);
    m_sceneDirty = true;
    viewport()->update();
}

void TimelineView::setPinned(std::shared_ptr<const TimelineData> pinned, const QString &label)
{
    m_pinned = std::move(pinned);
    m_pinnedLabel = label;
    m_sceneDirty = true;
    viewport()->update();
}

void TimelineView::setRevealUntilNs(std::int64_t relativeNs)
{
    m_frame.revealUntilNs = relativeNs < 0 ? -1 : relativeNs;
    viewport()->update();
}

void TimelineView::setFollowLive(bool follow)
{
    m_follow = follow;
    m_layoutDirty = true;
    viewport()->update();
}

void TimelineView::setTimelineStyle(const TimelineStyle &style)
{
    m_style = style;
    m_layoutDirty = true;
    viewport()->update();
}

const TimeAxis &TimelineView::timeAxis() const
{
    ensureLaidOut();
    return m_frame.axis;
}

const LaneLayout &TimelineView::laneLayout() const
{
    ensureLaidOut();
    return m_frame.layout;
}

const TimelineScene &TimelineView::scene() const
{
    ensureLaidOut();
    return m_scene;
}

QString TimelineView::toolTipAt(QPoint viewportPos) const
{
    ensureLaidOut();
    return TimelineHitTest(m_scene).toolTip(m_frame, viewportPos);
}

void TimelineView::ensureLaidOut() const
{
    if (m_sceneDirty) {
        m_sceneDirty = false;
        const bool rowsWere = m_scene.rows().size();
        m_scene.setCurrent(m_data);
        m_scene.setPinned(m_pinned, m_pinnedLabel);
        m_layoutDirty = true;
        if (!rowsWere)
            m_fitPending = true;
    }
    if (m_layoutDirty)
        relayout();
}

void TimelineView::relayout() const
{
    m_layoutDirty = false;
    const TimelineLayout timeline(m_scene, m_style);
    const double start = m_frame.axis.startNs(), end = m_frame.axis.endNs();
    timeline.layOut(m_frame, QRectF(viewport()->rect()));
    // A resize or a wider gutter keeps the time range in view rather than the scale.
    m_frame.axis.setVisibleRange(start, end);
    if (m_follow) {
        applyFollow();
        m_fitPending = m_scene.rows().empty();
    } else if (m_fitPending && !m_scene.rows().empty()) {
        m_fitPending = false;
        timeline.fitTime(m_frame);
    }
    if (m_showCurrentPending && m_scene.comparing() && m_scene.data(TimelineScene::Current)) {
        m_showCurrentPending = false;
        // The current run's section header at the top of the view.
        const LaneLayout &l = m_frame.layout;
        const int first = m_scene.rowOf(TimelineScene::Current, 0);
        if (first >= 0 && l.sectionOf(first) >= 0)
            m_frame.layout.setScrollOffset(l.scrollOffset() + l.sectionHeaderTop(l.sectionOf(first)) - l.viewportTop());
    }
    syncScrollBars();
}

void TimelineView::applyFollow() const
{
    // The range grows in 1-2-5 steps, so the axis stays still between them.
    const double duration = double(std::max<std::int64_t>(m_scene.durationNs(), 1'000'000));
    const double shown = TimeAxis::niceStep(duration * 1.05);
    const TimelineLayout timeline(m_scene, m_style);
    timeline.updateTimeLimits(m_frame);
    m_frame.axis.fitTo(0, shown, timeline.fitMarginPx());
}

void TimelineView::syncScrollBars() const
{
    m_syncingScrollBars = true;
    const LaneLayout &l = m_frame.layout;
    QScrollBar *v = verticalScrollBar();
    v->setRange(0, int(std::ceil(l.maxScrollOffset())));
    v->setPageStep(std::max(1, int(l.viewportHeight())));
    v->setSingleStep(std::max(1, int(l.laneHeight())));
    v->setValue(int(std::lround(l.scrollOffset())));

    // Horizontal: where the start of the view can go, in whole pixels (or coarser units when zoomed far in).
    const TimeAxis &a = m_frame.axis;
    const double visible = a.durationNs();
    const double lo = a.contentStartNs() - 0.1 * visible;
    const double hi = a.contentEndNs() + 0.1 * visible - visible;
    QScrollBar *h = horizontalScrollBar();
    if (hi <= lo || !(a.contentEndNs() > a.contentStartNs())) {
        h->setRange(0, 0);
    } else {
        const double unitPx = std::max(1.0, std::ceil((hi - lo) / a.nsPerPixel() / 1e9));
        const double unitNs = unitPx * a.nsPerPixel();
        h->setRange(0, int(std::lround((hi - lo) / unitNs)));
        h->setPageStep(std::max(1, int(a.width() / unitPx)));
        h->setSingleStep(std::max(1, int(20 / unitPx)));
        h->setValue(int(std::lround((a.startNs() - lo) / unitNs)));
    }
    m_syncingScrollBars = false;
}

void TimelineView::scrollContentsBy(int, int)
{
    if (m_syncingScrollBars)
        return;
    ensureLaidOut();
    m_frame.layout.setScrollOffset(verticalScrollBar()->value());
    TimeAxis &a = m_frame.axis;
    const double visible = a.durationNs();
    const double lo = a.contentStartNs() - 0.1 * visible;
    const double hi = a.contentEndNs() + 0.1 * visible - visible;
    if (hi > lo && horizontalScrollBar()->maximum() > 0) {
        const double unitPx = std::max(1.0, std::ceil((hi - lo) / a.nsPerPixel() / 1e9));
        const double start = lo + horizontalScrollBar()->value() * unitPx * a.nsPerPixel();
        if (std::abs(start - a.startNs()) >= unitPx * a.nsPerPixel() / 2) {
            a.setVisibleRange(start, start + visible);
            m_follow = false;
        }
    }
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::userMovedView()
{
    m_follow = false; // the user took over the view from the live run
    syncScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::fitToWindow()
{
    ensureLaidOut();
    TimelineLayout(m_scene, m_style).fitTime(m_frame);
    m_fitPending = m_scene.rows().empty();
    syncScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::highlightWrite(std::size_t writeIndex)
{
    ensureLaidOut();
    m_frame.highlightedWrite = writeIndex;
    if (m_data && writeIndex < m_data->writes.size()) {
        const ConsoleMark &w = m_data->writes[writeIndex];
        const double t = double(w.timeNs - m_data->originNs);
        TimeAxis &a = m_frame.axis;
        const double margin = 0.05 * a.durationNs();
        if (t < a.startNs() + margin || t > a.endNs() - margin) {
            const double visible = a.durationNs();
            a.setVisibleRange(t - visible / 2, t + visible / 2);
            m_follow = false;
        }
        m_frame.layout.scrollToRow(m_scene.rowOf(TimelineScene::Current, w.lane));
        syncScrollBars();
        Q_EMIT viewChanged();
    }
    viewport()->update();
}

void TimelineView::zoomBy(double factor, double anchorX)
{
    ensureLaidOut();
    const TimeAxis &a = m_frame.axis;
    m_frame.axis.zoomAt(std::clamp(anchorX, a.left(), a.right()), factor);
    userMovedView();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    ensureLaidOut();
    QPainter painter(viewport());
    TimelinePainter(m_scene, m_style).paint(painter, m_frame);
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_layoutDirty = true;
    ensureLaidOut();
    viewport()->update();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        // Shift+wheel scrolls the lanes (some platforms turn it into a horizontal delta).
        const int d = delta.y() != 0 ? delta.y() : delta.x();
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d * verticalScrollBar()->singleStep() / 40);
    } else if (std::abs(delta.x()) > std::abs(delta.y())) {
        ensureLaidOut();
        m_frame.axis.panBy(delta.x() / 2.0);
        userMovedView();
    } else if (delta.y() != 0) {
        zoomBy(std::pow(wheelZoomPerNotch, delta.y() / 120.0), event->position().x());
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragLast = event->position();
        m_pressPos = event->position();
        m_dragged = false;
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragLast) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    ensureLaidOut();
    const QPointF delta = event->position() - *m_dragLast;
    m_dragLast = event->position();
    m_dragged = m_dragged || (event->position() - m_pressPos).manhattanLength() >= QApplication::startDragDistance();
    m_frame.axis.panBy(delta.x());
    m_frame.layout.setScrollOffset(m_frame.layout.scrollOffset() - delta.y());
    userMovedView();
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragLast) {
        m_dragLast.reset();
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        if (m_dragged || (event->position() - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
            return;
        // A click: on a console tick, it points at the write (the console pane shows which).
        ensureLaidOut();
        const auto hit = TimelineHitTest(m_scene).at(m_frame, event->position());
        if (hit && hit->write && hit->dataset == TimelineScene::Current) {
            m_frame.highlightedWrite = *hit->write;
            viewport()->update();
            Q_EMIT writeClicked(*hit->write);
        }
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    ensureLaidOut();
    const TimeAxis &a = m_frame.axis;
    const double centre = (a.left() + a.right()) / 2;
    switch (event->key()) {
    case Qt::Key_F:
    case Qt::Key_Home:
        fitToWindow();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(keyZoomFactor, centre);
        break;
    case Qt::Key_Minus:
        zoomBy(1 / keyZoomFactor, centre);
        break;
    case Qt::Key_Left:
        m_frame.axis.panBy(a.width() / 10);
        userMovedView();
        break;
    case Qt::Key_Right:
        m_frame.axis.panBy(-a.width() / 10);
        userMovedView();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace lab
