// The fast set-full tracker against the reference one (tests/replay/history/set_full_reference.*)
// on random histories: concurrent clients, re-broadcast values, reads with duplicates, unknown
// values and text-kept values, failed and indeterminate completions, out-of-order indices.
#include "replay/history/set_full.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <sstream>

#include "replay/history/history_io.hpp"
#include "tests/replay/history/set_full_reference.hpp"

namespace rumor::replay::history {
namespace {

struct Client {
  std::optional<Op> open;  // the invocation awaiting its completion
};

// A read's value: a subset of the values broadcast so far, plus noise.
OpValue read_value(const std::vector<std::int64_t>& broadcast, std::int64_t value_span) {
  std::vector<std::int64_t> seen;
  for (const std::int64_t value : broadcast) {
    if (*rc::gen::inRange(0, 4) != 0) seen.push_back(value);
  }
  if (*rc::gen::inRange(0, 5) == 0)
    seen.push_back(*rc::gen::inRange<std::int64_t>(-2, value_span + 3));
  if (!seen.empty() && *rc::gen::inRange(0, 6) == 0) seen.push_back(seen.front());  // duplicate
  if (*rc::gen::inRange(0, 3) == 0) std::reverse(seen.begin(), seen.end());
  switch (*rc::gen::inRange(0, 12)) {
    case 0:
      return std::monostate{};
    case 1: {
      OpValue typed = seen;
      return RawEdn{"#{" + op_value_edn(typed).substr(1, std::string::npos)};  // a set as text
    }
    default:
      return seen;
  }
}

History random_history() {
  const int clients = *rc::gen::inRange(1, 5);
  const int steps = *rc::gen::inRange(0, 80);
  const std::int64_t value_span = *rc::gen::element<std::int64_t>(8, 40, 1'000'000'000'000);
  std::vector<Client> state(static_cast<std::size_t>(clients));
  std::vector<std::int64_t> broadcast;
  History history;
  std::int64_t time_ns = 0;
  auto append = [&](Op op) {
    op.index = static_cast<std::int64_t>(history.size());
    time_ns += *rc::gen::inRange<std::int64_t>(0, 3'000'000);
    op.time_ns = time_ns;
    history.push_back(std::move(op));
  };
  for (int step = 0; step < steps; ++step) {
    const int process = *rc::gen::inRange(0, clients);
    Client& client = state[static_cast<std::size_t>(process)];
    if (!client.open) {
      Op op;
      op.type = OpType::invoke;
      op.process = process;
      if (*rc::gen::inRange(0, 2) == 0) {
        op.f = "broadcast";
        op.value = (value_span / 40) * *rc::gen::inRange<std::int64_t>(0, 40);
        broadcast.push_back(std::get<std::int64_t>(op.value));
      } else {
        op.f = "read";
      }
      client.open = op;
      append(op);
      continue;
    }
    Op op = *client.open;
    op.type = *rc::gen::element(OpType::ok, OpType::ok, OpType::ok, OpType::fail, OpType::info);
    if (op.f == "read" && op.type == OpType::ok) op.value = read_value(broadcast, value_span);
    client.open.reset();
    append(op);
  }
  if (*rc::gen::inRange(0, 4) == 0 && history.size() > 1) {  // indices out of file order
    const auto a = *rc::gen::inRange<std::size_t>(0, history.size());
    const auto b = *rc::gen::inRange<std::size_t>(0, history.size());
    std::swap(history[a].index, history[b].index);
  }
  return history;
}

template <typename Check>
std::string results_or_error(const Check& check) {
  try {
    return to_edn(check());
  } catch (const std::exception& error) {
    return std::string("error: ") + error.what();
  }
}

RC_GTEST_PROP(SetFullProperty, AgreesWithTheReferenceTracker, ()) {
  const History history = random_history();
  // Both must give the same results, or throw the same error.
  const std::string fast = results_or_error([&] { return check_set_full(history); });
  const std::string reference = results_or_error(
      [&] { return set_full_results(testing::reference_track_elements(history)); });
  RC_TAG(fast.starts_with("error") ? "error" : "results");
  if (fast != reference) {
    std::ostringstream lines;
    write_history_edn(history, lines);
    RC_FAIL(lines.str() + "\nfast:      " + fast + "\nreference: " + reference);
  }
}

TEST(SetFull, AgreesWithTheReferenceOnAReadOfUntrackedAndRepeatedValues) {
  History history;
  auto add = [&](OpType type, std::int64_t process, std::string f, OpValue value) {
    Op op;
    op.index = static_cast<std::int64_t>(history.size());
    op.time_ns = op.index * 1'000'000;
    op.type = type;
    op.process = process;
    op.f = std::move(f);
    op.value = std::move(value);
    history.push_back(std::move(op));
  };
  add(OpType::invoke, 0, "broadcast", std::int64_t{5});
  add(OpType::invoke, 1, "read", std::monostate{});
  add(OpType::ok, 1, "read", std::vector<std::int64_t>{5, 5, 9});
  add(OpType::ok, 0, "broadcast", std::int64_t{5});
  add(OpType::invoke, 1, "read", std::monostate{});
  add(OpType::ok, 1, "read", std::vector<std::int64_t>{});
  add(OpType::invoke, 0, "broadcast", std::int64_t{5});  // tracked anew
  add(OpType::ok, 0, "broadcast", std::int64_t{5});
  add(OpType::invoke, 1, "read", std::monostate{});
  add(OpType::ok, 1, "read", std::vector<std::int64_t>{5});
  const Edn fast = check_set_full(history);
  EXPECT_EQ(to_edn(fast), to_edn(set_full_results(testing::reference_track_elements(history))));
  EXPECT_EQ(fast.find("stable-count")->integer, 1);
  EXPECT_EQ(fast.find("stale-count")->integer, 0);
}

}  // namespace
}  // namespace rumor::replay::history
