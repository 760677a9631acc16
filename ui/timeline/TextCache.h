#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QStaticText>
#include <QString>

#include <memory>

class QPainter;
class QRectF;

namespace lab::timeline {

// Text shaped once per thread and font, then drawn from its glyphs
// (QStaticText): shaping every name and label again each frame took a third
// of a 10 000-span frame. A painter lives for one frame; the cache outlives it.
class TextCache
{
public:
    explicit TextCache(const QFont &font);

    const QFontMetricsF &metrics() const { return m_metrics; }
    double advance(const QString &text) { return entry(text).advance; }

    // p.drawText(rect, Qt::AlignVCenter | horizontal, text) for text on one line
    // that fits, in the painter's font and pen, which must be this font.
    void draw(QPainter &p, const QRectF &rect, Qt::Alignment horizontal, const QString &text);

    // fm.elidedText(text, mode, width), remembered per width.
    QString elided(const QString &text, Qt::TextElideMode mode, double width);

private:
    struct Entry
    {
        double advance = 0;
        QStaticText text;
        bool prepared = false;
        QString elided;
        double elidedWidth = -1;
        Qt::TextElideMode elideMode = Qt::ElideNone;
    };
    using Entries = QHash<QString, Entry>;

    Entry &entry(const QString &text);

    QFont m_font;
    QFontMetricsF m_metrics;
    std::shared_ptr<Entries> m_entries;
};

} // namespace lab::timeline
