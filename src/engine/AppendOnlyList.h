#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <utility>

namespace lab {

// A list with one writer and any number of concurrent readers, without locks.
// Items live in fixed-size chunks that never move, so a reader may read every
// item below size() while the writer goes on appending.
template <class T, std::size_t ChunkSize = 1024>
class AppendOnlyList
{
    struct Chunk
    {
        T items[ChunkSize];
        std::atomic<Chunk *> next{nullptr};
    };

public:
    AppendOnlyList() : m_head(new Chunk), m_tail(m_head) { }
    AppendOnlyList(const AppendOnlyList &) = delete;
    AppendOnlyList &operator=(const AppendOnlyList &) = delete;
    ~AppendOnlyList()
    {
        for (Chunk *c = m_head; c;) {
            Chunk *next = c->next.load(std::memory_order_relaxed);
            delete c;
            c = next;
        }
    }

    // Writer only.
    void push_back(T value)
    {
        if (m_tailUsed == ChunkSize) {
            auto *chunk = new Chunk;
            m_tail->next.store(chunk, std::memory_order_release);
            m_tail = chunk;
            m_tailUsed = 0;
        }
        m_tail->items[m_tailUsed++] = std::move(value);
        m_size.store(m_size.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }

    // Any thread: every item below the returned size is complete and stays valid.
    std::size_t size() const { return m_size.load(std::memory_order_acquire); }

    // Any thread: calls f(item) for items [from, to); `to` must not exceed a size() read earlier.
    template <class F>
    void forEach(std::size_t from, std::size_t to, F &&f) const
    {
        const Chunk *chunk = m_head;
        std::size_t base = 0;
        while (chunk && base + ChunkSize <= from) {
            chunk = chunk->next.load(std::memory_order_acquire);
            base += ChunkSize;
        }
        for (std::size_t i = from; i < to; ++i) {
            if (i - base == ChunkSize) {
                chunk = chunk->next.load(std::memory_order_acquire);
                base += ChunkSize;
            }
            f(chunk->items[i - base]);
        }
    }

    static constexpr std::size_t chunkBytes() { return sizeof(Chunk); }

private:
    Chunk *m_head;
    Chunk *m_tail; // writer only
    std::size_t m_tailUsed = 0; // writer only
    std::atomic<std::size_t> m_size{0};
};

} // namespace lab
