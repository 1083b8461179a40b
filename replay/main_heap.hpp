// How `rumor test` and `rumor fuzz` set up glibc's heap before they run (replay/main.cpp).
#pragma once

#include <cstddef>

namespace rumor::replay {

// Bytes of heap `prepare_heap` reserves at once and advises for transparent huge pages: a whole
// `rumor test` of 3e peaks at about 6 MiB of heap.
inline constexpr std::size_t heap_reserve_bytes = std::size_t{32} << 20;

// A whole `rumor test` builds megabytes of history in a process that lives ~15 ms; first touches of
// fresh 4 KiB heap pages (≈ 1,400 of its 1,726 faults, each charged to the memory cgroup) were a
// third of its CPU (tests/benchmarks.md, "Fuzzer and process, third pass"). So, once at start: the
// heap grows by `heap_reserve_bytes` in one step and that range is advised for 2 MiB pages (a fault
// per 2 MiB; nothing is committed until touched, and the advice is a no-op where transparent huge
// pages are off), freed memory is never trimmed back to the system (a process ends soon after its
// peak), and blocks up to 32 MiB come from the heap instead of their own mappings, so a growing
// vector reuses freed heap. Without glibc's malloc (sanitizers, valgrind) the options are ignored
// and only the reservation's 2 MiB block is held. For simulations (`rumor test`, `rumor fuzz`)
// only: on 30 MB histories it raised `rumor check`'s peak RSS by 2-11 % (freed blocks stay in the
// heap instead of being unmapped).
void prepare_heap();

}  // namespace rumor::replay
