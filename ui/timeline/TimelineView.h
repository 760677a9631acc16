#pragma once

#include "TimelineData.h"
#include "TimelinePainter.h"
#include "TimelineStyle.h"

#include <QAbstractScrollArea>

#include <cstdint>
#include <memory>
#include <optional>

namespace lab {

// The live timeline: one lane per thread, process or GIL, each state a bar.
// Wheel zooms around the cursor, dragging pans, F fits, +/- zoom, and hovering
// tells what a bar is. Events are plain data painted in paintEvent: no QObject
// per event, so a run of 512 threads with a million spans stays smooth.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    // Called ~30×/s during a live run: cheap (the index is rebuilt on the next
    // paint); keeps the zoom and scroll unless following the run.
    void setData(std::shared_ptr<const TimelineData> data);
    std::shared_ptr<const TimelineData> data() const { return m_data; }
    void setPinned(std::shared_ptr<const TimelineData> pinned, const QString &label); // nullptr: compare off
    void setRevealUntilNs(std::int64_t relativeNs); // replay; -1 = show everything
    std::int64_t revealUntilNs() const { return m_frame.revealUntilNs; }
    void setFollowLive(bool follow); // while running: the x range grows to show the whole run so far
    bool followLive() const { return m_follow; }
    void setTimelineStyle(const TimelineStyle &style);
    const TimelineStyle &timelineStyle() const { return m_style; }
    void fitToWindow(); // also on key F
    void highlightWrite(std::size_t writeIndex); // index into data()->writes: mark that tick and scroll it into view

    // The mapping as last laid out, in viewport coordinates (for tests and overlays).
    const TimeAxis &timeAxis() const;
    const LaneLayout &laneLayout() const;
    const TimelineScene &scene() const;
    QString toolTipAt(QPoint viewportPos) const;

Q_SIGNALS:
    void viewChanged(); // zoom/pan changed
    // A click (not a drag) on a console write's tick of the current run: its index
    // into data()->writes. The view has highlighted it already.
    void writeClicked(std::size_t writeIndex);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void ensureLaidOut() const;     // rebuilds the scene and layout when the data changed
    void relayout() const;
    void applyFollow() const;
    void syncScrollBars() const;
    void zoomBy(double factor, double anchorX);
    void userMovedView();

    std::shared_ptr<const TimelineData> m_data;
    std::shared_ptr<const TimelineData> m_pinned;
    QString m_pinnedLabel;
    TimelineStyle m_style = TimelineStyle::light();
    bool m_follow = false;
    // Layout state is rebuilt lazily, so setData() costs nothing until the next paint.
    mutable TimelineScene m_scene;
    mutable TimelineFrame m_frame;
    mutable bool m_sceneDirty = true;
    mutable bool m_layoutDirty = true;
    mutable bool m_fitPending = true; // the first data is shown whole
    mutable bool m_showCurrentPending = false; // a new run beside a pinned one: scroll to its section
    mutable bool m_syncingScrollBars = false;
    std::optional<QPointF> m_dragLast;
    QPointF m_pressPos;
    bool m_dragged = false; // moved away from the press since: not a click, even if back
};

} // namespace lab
