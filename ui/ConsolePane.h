#pragma once

#include "TimelineData.h"

#include <QColor>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace lab {

// The run's console output exactly as printed -- mangled lines stay mangled --
// with every write tinted by the lane (thread or process) that made it, and a
// legend naming the lanes. Clicking a write reports its index into
// TimelineData::writes, so the window can point at it in the timeline.
class ConsolePane : public QWidget
{
    Q_OBJECT

public:
    explicit ConsolePane(QWidget *parent = nullptr);

    // Shows the writes of `data`; cheap when only new writes were added.
    void setData(std::shared_ptr<const TimelineData> data);
    // Replay: shows only writes up to this time from the run's start; -1 shows all.
    void setRevealUntilNs(std::int64_t relativeNs);
    void clear();

    void setDark(bool dark);
    void setFontPointSize(qreal points);
    // Draws a faint ↵ where a write is a line end, so who ended each line shows.
    void setShowLineEnds(bool show);
    bool showLineEnds() const { return m_showLineEnds; }

    // What is shown: the writes' text (without ↵ marks) and how many writes.
    QString text() const;
    std::size_t shownWrites() const { return m_shown; }
    // The write at a document position, or -1.
    int writeAtPosition(int position) const;
    // The document range [first, second) of a shown write.
    std::pair<int, int> writeRange(std::size_t index) const;
    void highlightWrite(std::size_t index);
    int highlightedWrite() const { return m_highlighted; }
    QColor laneColor(std::uint32_t lane) const;
    QColor laneBackground(std::uint32_t lane) const;
    QPlainTextEdit *textView() const { return m_view; }

    static QColor laneHue(std::uint32_t lane, bool dark);

Q_SIGNALS:
    void writeClicked(std::size_t index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sync(bool rebuild);
    void appendWrites(std::size_t to);
    void updateLegend();

    QLabel *m_legend = nullptr;
    QToolButton *m_lineEnds = nullptr;
    QPlainTextEdit *m_view = nullptr;
    std::shared_ptr<const TimelineData> m_data;
    std::int64_t m_revealNs = -1;
    std::size_t m_shown = 0;
    std::vector<int> m_starts; // document position where each shown write begins
    int m_end = 0;
    int m_highlighted = -1;
    bool m_dark = false;
    bool m_showLineEnds = false;
    QPoint m_pressPos;
};

} // namespace lab
