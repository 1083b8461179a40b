// replay/main_heap.cpp: what `rumor test` and `rumor fuzz` set up in glibc's heap before they run.
#include "replay/main_heap.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace rumor::replay {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool glibc_malloc = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
constexpr bool glibc_malloc = false;
#else
constexpr bool glibc_malloc = true;
#endif
#else
constexpr bool glibc_malloc = true;
#endif

std::uintptr_t program_break() { return reinterpret_cast<std::uintptr_t>(sbrk(0)); }

// The /proc/self/smaps block of the mapping holding `address`, or "" if none does.
std::string smaps_block_of(const void* address) {
  const auto target = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  std::string block;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t low = 0;
    std::uintptr_t high = 0;
    char dash = 0;
    std::istringstream header(line);
    if (header >> std::hex >> low >> dash >> high && dash == '-') {
      if (inside) return block;
      inside = low <= target && target < high;
      block.clear();
    }
    if (inside) block += line + "\n";
  }
  return inside ? block : "";
}

bool transparent_huge_pages_possible() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(enabled, modes);
  return !modes.empty() && modes.find("[never]") == std::string::npos;
}

class MainHeapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!glibc_malloc) GTEST_SKIP() << "glibc's malloc is replaced in this build";
    prepare_heap();
  }
};

TEST_F(MainHeapTest, BlocksAboveGlibcsDefaultMmapThresholdComeFromTheBrkHeap) {
  // glibc's default would give a 1 MiB block its own mapping, faulted afresh on every regrowth.
  void* block = std::malloc(std::size_t{1} << 20);
  ASSERT_NE(block, nullptr);
  EXPECT_LT(reinterpret_cast<std::uintptr_t>(block), program_break());
  std::free(block);
}

TEST_F(MainHeapTest, ReservesTheHeapAtOnceAndAdvisesHugePages) {
  const std::uintptr_t break_before = program_break();
  void* block = std::malloc(std::size_t{4} << 20);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(program_break(), break_before) << "the reservation should hold a 4 MiB block";
  const std::string mapping = smaps_block_of(block);
  ASSERT_NE(mapping, "");
  if (transparent_huge_pages_possible()) {
    // "hg": the mapping carries MADV_HUGEPAGE (proc(5), VmFlags).
    const auto flags = mapping.find("VmFlags:");
    ASSERT_NE(flags, std::string::npos) << mapping;
    EXPECT_NE(mapping.find(" hg", flags), std::string::npos) << mapping;
  }
  std::free(block);
}

TEST_F(MainHeapTest, FreedMemoryStaysWithTheProcess) {
  const std::size_t bytes = heap_reserve_bytes + (std::size_t{8} << 20);
  auto* block = static_cast<char*>(std::malloc(bytes));
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, bytes);
  const std::uintptr_t break_grown = program_break();
  std::free(block);
  EXPECT_EQ(program_break(), break_grown);
}

TEST_F(MainHeapTest, PreparingTwiceKeepsTheFirstReservation) {
  const std::uintptr_t break_before = program_break();
  prepare_heap();
  EXPECT_EQ(program_break(), break_before);
}

}  // namespace
}  // namespace rumor::replay
