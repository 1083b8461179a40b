#include "replay/main_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace rumor::replay {

namespace {

constexpr std::uintptr_t huge_page_bytes = std::uintptr_t{2} << 20;
constexpr int mmap_threshold_bytes = 32 << 20;    // glibc's largest (HEAP_MAX_SIZE / 2 on 64 bits)
constexpr int default_top_pad_bytes = 128 << 10;  // glibc's default M_TOP_PAD
constexpr int never_trim = -1;                    // mallopt(3): -1 disables trimming

// Held for the process's life and never touched: it fills the heap up to the first 2 MiB
// boundary, so later blocks land where the huge-page advice applies. Untouched, it costs
// address space only.
void* heap_head_block = nullptr;

std::uintptr_t align_up(std::uintptr_t address) {
  return (address + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
}

std::uintptr_t align_down(std::uintptr_t address) { return address & ~(huge_page_bytes - 1); }

}  // namespace

void prepare_heap() {
  if (heap_head_block != nullptr) return;
  mallopt(M_TRIM_THRESHOLD, never_trim);
  mallopt(M_MMAP_THRESHOLD, mmap_threshold_bytes);
  // The head block is larger than what is left of the start-up heap, so glibc grows the heap
  // for it by its size plus the pad, in one brk.
  mallopt(M_TOP_PAD, static_cast<int>(heap_reserve_bytes));
  heap_head_block = std::malloc(huge_page_bytes);
  mallopt(M_TOP_PAD, default_top_pad_bytes);
  if (heap_head_block == nullptr) return;
  const std::uintptr_t start = align_up(reinterpret_cast<std::uintptr_t>(heap_head_block));
  const std::uintptr_t end = align_down(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  // Fails harmlessly (EINVAL) where the kernel has no transparent huge pages, or where the
  // block came from elsewhere than the brk heap (end below start).
  if (end > start) {
    madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
  }
}

}  // namespace rumor::replay
