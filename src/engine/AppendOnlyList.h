#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

#include <sys/mman.h>

namespace lab {

// A list with one writer and any number of concurrent readers, without locks.
// Items live in chunks that never move, so a reader may read every item below
// size() while the writer goes on appending. Chunks double in capacity up to
// MaxChunkBytes: a lane with few events costs little, a busy one allocates rarely.
template <class T, std::size_t FirstChunkItems = 256, std::size_t MaxChunkBytes = std::size_t(4) << 20>
class AppendOnlyList
{
    struct Chunk
    {
        T *items = nullptr;
        std::size_t capacity = 0;
        std::size_t bytes = 0;
        bool mapped = false;
        std::atomic<Chunk *> next{nullptr};
    };

public:
    AppendOnlyList() : m_head(newChunk(FirstChunkItems)), m_tail(m_head) { }
    AppendOnlyList(const AppendOnlyList &) = delete;
    AppendOnlyList &operator=(const AppendOnlyList &) = delete;
    ~AppendOnlyList()
    {
        for (Chunk *c = m_head; c;) {
            Chunk *next = c->next.load(std::memory_order_relaxed);
            freeChunk(c);
            c = next;
        }
    }

    // Writer only.
    void push_back(T value)
    {
        if (m_tailUsed == m_tail->capacity) {
            const std::size_t maxItems = std::max<std::size_t>(1, MaxChunkBytes / sizeof(T));
            Chunk *chunk = newChunk(std::min(m_tail->capacity * 2, maxItems));
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
        while (from < to && base + chunk->capacity <= from) {
            base += chunk->capacity;
            chunk = chunk->next.load(std::memory_order_acquire);
        }
        for (std::size_t i = from; i < to; ++i) {
            if (i - base == chunk->capacity) {
                base += chunk->capacity;
                chunk = chunk->next.load(std::memory_order_acquire);
            }
            f(chunk->items[i - base]);
        }
    }

private:
    static constexpr std::size_t hugePage = std::size_t(2) << 20;

    // Chunks of a huge page or more are mapped directly and marked for
    // transparent huge pages: touching fresh memory page by page would
    // otherwise cost more than recording the events that fill it.
    static Chunk *newChunk(std::size_t capacity)
    {
        auto *chunk = new Chunk;
        chunk->capacity = capacity;
        chunk->bytes = capacity * sizeof(T);
        void *memory = nullptr;
        if (std::size_t mapped = chunk->bytes; mapped >= hugePage && (memory = mapHugePages(mapped))) {
            chunk->mapped = true;
            chunk->bytes = mapped;
            chunk->capacity = mapped / sizeof(T); // use the whole rounded-up mapping
        } else {
            memory = ::operator new(chunk->bytes, std::align_val_t(alignof(T)));
        }
        chunk->items = static_cast<T *>(memory);
        std::uninitialized_default_construct_n(chunk->items, chunk->capacity);
        return chunk;
    }

    // `bytes` rounded up to whole huge pages, mapped at a huge-page boundary.
    static void *mapHugePages(std::size_t &bytes)
    {
        bytes = (bytes + hugePage - 1) / hugePage * hugePage;
        void *raw = mmap(nullptr, bytes + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            return nullptr;
        const auto start = reinterpret_cast<std::uintptr_t>(raw);
        const auto aligned = (start + hugePage - 1) / hugePage * hugePage;
        if (aligned > start)
            munmap(raw, aligned - start);
        if (const auto tail = start + hugePage - aligned; tail > 0)
            munmap(reinterpret_cast<void *>(aligned + bytes), tail);
        madvise(reinterpret_cast<void *>(aligned), bytes, MADV_HUGEPAGE);
        return reinterpret_cast<void *>(aligned);
    }

    static void freeChunk(Chunk *chunk)
    {
        std::destroy_n(chunk->items, chunk->capacity);
        if (chunk->mapped)
            munmap(chunk->items, chunk->bytes);
        else
            ::operator delete(chunk->items, std::align_val_t(alignof(T)));
        delete chunk;
    }

    Chunk *m_head;
    Chunk *m_tail; // writer only
    std::size_t m_tailUsed = 0; // writer only
    std::atomic<std::size_t> m_size{0};
};

} // namespace lab
