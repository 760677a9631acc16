#include "TextCache.h"

#include "RasterTarget.h"

#include <QPainter>
#include <QRectF>
#include <QTransform>

namespace lab::timeline {

TextCache::TextCache(const QFont &font) : m_font(font), m_metrics(font)
{
    thread_local QHash<QString, std::shared_ptr<Entries>> fonts;
    if (fonts.size() > 32)
        fonts.clear();
    auto &entries = fonts[font.key()];
    if (!entries || entries->size() > 4096)
        entries = std::make_shared<Entries>();
    m_entries = entries; // kept alive by this object even if the table is cleared meanwhile
}

void TextCache::draw(QPainter &p, const QRectF &rect, Qt::Alignment horizontal, const QString &text)
{
    if (!RasterTarget::usable(p)) {
        p.drawText(rect, int(Qt::AlignVCenter | horizontal), text);
        return;
    }
    Entry &e = entry(text);
    if (!e.prepared) {
        e.text.setText(text);
        e.text.setTextFormat(Qt::PlainText);
        QTransform scale = p.combinedTransform();
        scale.setMatrix(scale.m11(), scale.m12(), scale.m13(), scale.m21(), scale.m22(), scale.m23(), 0, 0, scale.m33());
        e.text.prepare(scale, m_font);
        e.prepared = true;
    }
    double x = rect.left();
    if (horizontal & Qt::AlignHCenter)
        x += (rect.width() - e.advance) / 2;
    else if (horizontal & Qt::AlignRight)
        x = rect.right() - e.advance;
    p.drawStaticText(QPointF(x, rect.top() + (rect.height() - m_metrics.height()) / 2), e.text);
}

QString TextCache::elided(const QString &text, Qt::TextElideMode mode, double width)
{
    Entry &e = entry(text);
    if (e.elidedWidth != width || e.elideMode != mode) {
        e.elided = m_metrics.elidedText(text, mode, width);
        e.elidedWidth = width;
        e.elideMode = mode;
    }
    return e.elided;
}

TextCache::Entry &TextCache::entry(const QString &text)
{
    auto it = m_entries->find(text);
    if (it == m_entries->end()) {
        it = m_entries->insert(text, Entry{});
        it->advance = m_metrics.horizontalAdvance(text);
    }
    return *it;
}

} // namespace lab::timeline
