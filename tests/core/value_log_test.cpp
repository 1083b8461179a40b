// ValueLog (core/value_log.hpp): copies share one storage, yet each behaves as its own vector.
#include "core/value_log.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstddef>
#include <thread>
#include <vector>

namespace rumor::core {
namespace {

// A random program over a handful of logs, each mirrored by the vector it must equal: append to
// one, copy one over another, move one, clear one. Copies append past each other, diverge, outlive
// their source and are destroyed, in every order the program draws.
RC_GTEST_PROP(ValueLog, EveryCopyListsExactlyWhatWasAppendedToIt, ()) {
  constexpr std::size_t logs_count = 4;
  std::vector<ValueLog> logs(logs_count);
  std::vector<std::vector<Value>> expected(logs_count);
  const auto steps = *rc::gen::inRange(0, 300);
  for (int step = 0; step < steps; ++step) {
    const auto op = *rc::gen::inRange(0, 10);
    const auto a = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, logs_count));
    const auto b = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, logs_count));
    if (op < 6) {
      const Value value = *rc::gen::arbitrary<Value>();
      logs[a].push_back(value);
      expected[a].push_back(value);
    } else if (op < 8) {
      logs[a] = logs[b];
      expected[a] = expected[b];
    } else if (op < 9) {
      if (a != b) {
        logs[a] = std::move(logs[b]);
        expected[a] = std::move(expected[b]);
        logs[b] = ValueLog{};
        expected[b].clear();
      }
    } else {
      logs[a].clear();
      expected[a].clear();
    }
    for (std::size_t k = 0; k < logs_count; ++k) {
      RC_ASSERT(logs[k].size() == expected[k].size());
      RC_ASSERT(std::vector<Value>(logs[k].begin(), logs[k].end()) == expected[k]);
    }
  }
}

TEST(ValueLog, ACopyAppendsInPlaceUntilAnotherCopyAppendedPastIt) {
  ValueLog log;
  log.push_back(1);  // room for more: appended logs grow by doubling
  log.push_back(2);
  const ValueLog before = log;
  log.push_back(3);  // nobody appended past `before`'s length: the same storage
  EXPECT_TRUE(log.shares_storage_with(before));
  EXPECT_EQ(before, (std::vector<Value>{1, 2}));
  ValueLog other = before;
  other.push_back(9);  // slot 2 already holds 3: `other` moves to storage of its own
  EXPECT_FALSE(other.shares_storage_with(log));
  EXPECT_EQ(other, (std::vector<Value>{1, 2, 9}));
  EXPECT_EQ(log, (std::vector<Value>{1, 2, 3}));
}

TEST(ValueLog, EqualityComparesValuesNotStorage) {
  EXPECT_EQ(ValueLog({4, 5}), ValueLog(std::vector<Value>{4, 5}));
  EXPECT_NE(ValueLog({4, 5}), ValueLog({4}));
  EXPECT_NE(ValueLog({4, 5}), ValueLog({5, 4}));
  EXPECT_EQ(ValueLog{}, ValueLog(std::vector<Value>{}));
}

// Copies used on different threads, as the model checker's do: each thread appends to its own
// copies of one shared log, racing for the same next slot; each copy must list its own values.
TEST(ValueLog, CopiesOnDifferentThreadsEachKeepTheirOwnValues) {
  ValueLog shared{0};
  constexpr int threads_count = 4;
  constexpr int rounds = 2000;
  std::vector<std::vector<ValueLog>> results(threads_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_count; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < rounds; ++round) {
        ValueLog mine = shared;
        mine.push_back(t);
        mine.push_back(round);
        if (round % 500 == 0) results[static_cast<std::size_t>(t)].push_back(mine);
        ASSERT_EQ(mine, (std::vector<Value>{0, t, round}));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(shared, (std::vector<Value>{0}));
  for (int t = 0; t < threads_count; ++t) {
    for (std::size_t k = 0; k < results[static_cast<std::size_t>(t)].size(); ++k) {
      EXPECT_EQ(results[static_cast<std::size_t>(t)][k],
                (std::vector<Value>{0, t, static_cast<Value>(k * 500)}));
    }
  }
}

}  // namespace
}  // namespace rumor::core
