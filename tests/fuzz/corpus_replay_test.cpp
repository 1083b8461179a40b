// Runs every committed input of one fuzz target's corpus (seeds, and each crash ever found, kept
// as a regression input) through the target, in every build, with or without libFuzzer: a
// target's checks abort the test on any input that breaks them.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

TEST(FuzzCorpus, EveryCommittedInputRunsClean) {
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(RUMOR_FUZZ_CORPUS)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
    SCOPED_TRACE(entry.path().string());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++inputs;
  }
  EXPECT_GT(inputs, 0u) << "no corpus in " << RUMOR_FUZZ_CORPUS;
}

}  // namespace
