#pragma once

#include "TimelineIndex.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lab::timeline {

// Turns one lane's spans into bars of whole device pixels: a span covering
// several pixels becomes one bar; spans sharing a pixel column become one
// column in the colour of the state that covers most of it (the first state
// with the largest cover). Neighbouring bars of one state merge.
//
// A million spans make add() the hot loop of a frame, at about one span per
// column, so it has almost no branches: device x is fixed point (1/16384 px,
// the scale folded exactly into the one multiply-add per end), the current
// column's covers per state are eight int16 in one register, every span
// writes its column's code (state, CPU share) and, speculatively, its own code
// into the next columns; later spans overwrite those, in column order.
class ColumnBuilder
{
public:
    static constexpr int shift = 14;
    static constexpr std::int64_t one = std::int64_t(1) << shift;
    static constexpr std::uint16_t empty = 0xffff;
    static constexpr int ahead = 8; // columns written speculatively past a span's first

    // Columns 0 … lastColumn (of x relative to the left edge, in 1/2^shift px).
    void reset(int lastColumn)
    {
        m_codes.resize(std::size_t(lastColumn) + 2 + ahead);
        m_first = -1;
        m_column = -1;
        clearCovers();
    }

    // d0 < d1, both in 0 … (lastColumn + 1) · one, spans in order and not overlapping.
    Q_ALWAYS_INLINE void add(std::int64_t d0, std::int64_t d1, SpanState state, int cpuShare)
    {
        const int c0 = int(d0 >> shift), c1 = int(d1 >> shift);
        if (c0 != m_column) [[unlikely]]
            startAt(c0);
        const auto s = unsigned(state);
        const std::uint16_t code = std::uint16_t(s | unsigned(cpuShare) << 8);
        addCover(s, int(std::min(d1, std::int64_t(c0 + 1) << shift) - d0));
        const bool crossed = c1 > c0;
        // A span from the column's left edge into the next one owns the column as part of its bar.
        const bool ownsFirst = crossed & ((d0 & (one - 1)) == 0);
        std::uint16_t *out = m_codes.data();
        const std::uint16_t column = dominant();
        out[c0] = std::uint16_t(column ^ ((column ^ code) & -unsigned(ownsFirst)));
        fillAhead(out + c0 + 1, code);
        if (c1 - c0 - 1 > ahead) [[unlikely]]
            std::fill(out + c0 + 1 + ahead, out + c1, code);
        // The tail of the span opens the next column: a blend, not a branch.
        restartCoversIf(crossed, s, int(d1 & (one - 1)));
        m_column = c1;
    }

    // The code of every column from first to last (empty where no span is); none when last < first.
    struct Columns
    {
        int first = 0, last = -1;
        const std::uint16_t *codes = nullptr;
    };
    Columns close()
    {
        if (m_first < 0)
            return {};
        m_codes[std::size_t(m_column)] = dominant();
        return {m_first, m_column, m_codes.data()};
    }

    // Calls bar(x0, x1, code) for runs of equal codes, x relative to the left edge.
    template <class Bar>
    void finish(Bar &&bar)
    {
        const auto [first, last, out] = close();
        for (int c = first; c <= last;) {
            const std::uint16_t code = out[c];
            int e = c + 1;
            while (e <= last && out[e] == code)
                ++e;
            if (code != empty)
                bar(c, e, code);
            c = e;
        }
    }

private:
    void startAt(int c0)
    {
        if (m_first < 0) {
            m_first = c0;
        } else {
            m_codes[std::size_t(m_column)] = dominant();
            if (c0 > m_column + 1) // a gap: columns of no span, some written ahead
                std::fill(m_codes.begin() + m_column + 1, m_codes.begin() + c0, empty);
        }
        m_column = c0;
        clearCovers();
    }

#if defined(__SSE2__)
    static const __m128i &stateMask(unsigned s)
    {
        // Row s: all ones in lane s.
        alignas(16) static constexpr std::int16_t masks[8][8] = {
            {-1, 0, 0, 0, 0, 0, 0, 0}, {0, -1, 0, 0, 0, 0, 0, 0}, {0, 0, -1, 0, 0, 0, 0, 0}, {0, 0, 0, -1, 0, 0, 0, 0},
            {0, 0, 0, 0, -1, 0, 0, 0}, {0, 0, 0, 0, 0, -1, 0, 0}, {0, 0, 0, 0, 0, 0, -1, 0}, {0, 0, 0, 0, 0, 0, 0, -1}};
        return *reinterpret_cast<const __m128i *>(masks[s]);
    }
    void clearCovers() { m_covers = _mm_setzero_si128(); }
    Q_ALWAYS_INLINE void addCover(unsigned s, int cover)
    {
        m_covers = _mm_adds_epi16(m_covers, _mm_and_si128(_mm_set1_epi16(std::int16_t(cover)), stateMask(s)));
    }
    Q_ALWAYS_INLINE void restartCoversIf(bool restart, unsigned s, int cover)
    {
        const __m128i keep = _mm_set1_epi16(std::int16_t(restart - 1)); // all ones unless restarting
        m_covers = _mm_or_si128(_mm_and_si128(m_covers, keep),
                                _mm_andnot_si128(keep, _mm_and_si128(_mm_set1_epi16(std::int16_t(cover)), stateMask(s))));
    }
    Q_ALWAYS_INLINE std::uint16_t dominant() const
    {
        __m128i m = _mm_max_epi16(m_covers, _mm_shuffle_epi32(m_covers, 0x4e));
        m = _mm_max_epi16(m, _mm_shuffle_epi32(m, 0xb1));
        m = _mm_max_epi16(m, _mm_shufflelo_epi16(_mm_shufflehi_epi16(m, 0xb1), 0xb1));
        const unsigned first = unsigned(std::countr_zero(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi16(m_covers, m))) | 0x10000u)) / 2;
        return _mm_cvtsi128_si32(m) > 0 ? std::uint16_t(first | unsigned(TimelineIndex::Span::noCpu) << 8) : empty;
    }
    static Q_ALWAYS_INLINE void fillAhead(std::uint16_t *out, std::uint16_t code)
    {
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_set1_epi16(std::int16_t(code)));
    }
    __m128i m_covers = _mm_setzero_si128();
#else
    void clearCovers() { m_covers.fill(0); }
    Q_ALWAYS_INLINE void addCover(unsigned s, int cover) { m_covers[s] += cover; }
    Q_ALWAYS_INLINE void restartCoversIf(bool restart, unsigned s, int cover)
    {
        if (restart) {
            m_covers.fill(0);
            m_covers[s] = cover;
        }
    }
    Q_ALWAYS_INLINE std::uint16_t dominant() const
    {
        unsigned best = 0;
        for (unsigned s = 1; s < 8; ++s)
            best = m_covers[s] > m_covers[best] ? s : best;
        return m_covers[best] > 0 ? std::uint16_t(best | unsigned(TimelineIndex::Span::noCpu) << 8) : empty;
    }
    static Q_ALWAYS_INLINE void fillAhead(std::uint16_t *out, std::uint16_t code) { std::fill(out, out + ahead, code); }
    std::array<int, 8> m_covers{};
#endif
    static_assert(spanStateCount <= 8, "covers are eight lanes of one register");

    std::vector<std::uint16_t> m_codes; // per column: state | CPU share << 8, or empty
    int m_first = -1;                   // the lane's first column
    int m_column = -1;                  // the column the covers are of
};

} // namespace lab::timeline
