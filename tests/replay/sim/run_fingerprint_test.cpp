// The run fingerprint: equal for equal runs, different when any field of any op, a node id or a
// final value differs.
#include "replay/sim/run_fingerprint.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstddef>
#include <utility>

namespace rumor::replay::sim {
namespace {

using history::History;
using history::Op;
using history::OpType;
using history::OpValue;

rc::Gen<OpValue> gen_value() {
  return rc::gen::oneOf(
      rc::gen::just(OpValue{}),
      rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t v) { return OpValue{v}; }),
      rc::gen::map(rc::gen::arbitrary<std::vector<std::int64_t>>(),
                   [](std::vector<std::int64_t> v) { return OpValue{std::move(v)}; }),
      rc::gen::map(rc::gen::arbitrary<std::string>(),
                   [](std::string text) { return OpValue{history::RawEdn{std::move(text)}}; }));
}

rc::Gen<Op> gen_op() {
  return rc::gen::exec([] {
    Op op;
    op.index = *rc::gen::arbitrary<std::int64_t>();
    op.time_ns = *rc::gen::arbitrary<std::int64_t>();
    op.type = *rc::gen::element(OpType::invoke, OpType::ok, OpType::fail, OpType::info);
    if (*rc::gen::arbitrary<bool>()) op.process = *rc::gen::arbitrary<std::int64_t>();
    op.f = *rc::gen::element<std::string>("broadcast", "read", "start-partition", "");
    op.value = *gen_value();
    if (*rc::gen::arbitrary<bool>()) op.error = *rc::gen::arbitrary<std::string>();
    op.final_read = *rc::gen::arbitrary<bool>();
    op.extra = *rc::gen::container<std::vector<std::pair<std::string, std::string>>>(
        rc::gen::pair(rc::gen::arbitrary<std::string>(), rc::gen::arbitrary<std::string>()));
    return op;
  });
}

// One field of `op` changed to a different value.
void mutate(Op& op, int field) {
  switch (field) {
    case 0:
      op.index += 1;
      break;
    case 1:
      op.time_ns ^= 1;
      break;
    case 2:
      op.type = op.type == OpType::ok ? OpType::fail : OpType::ok;
      break;
    case 3:
      op.process = op.process ? std::optional<std::int64_t>{} : std::optional<std::int64_t>{0};
      break;
    case 4:
      op.f += "x";
      break;
    case 5:
      if (auto* values = std::get_if<core::ValueLog>(&op.value)) {
        values->push_back(0);
      } else {
        op.value = core::ValueLog{};
      }
      break;
    case 6:
      op.error = op.error ? std::optional<std::string>{} : std::optional<std::string>{""};
      break;
    case 7:
      op.final_read = !op.final_read;
      break;
    default:
      op.extra.emplace_back("exception", "nil");
      break;
  }
}

RC_GTEST_PROP(RunFingerprint, SameRunSameFingerprint, ()) {
  const History history = *rc::gen::container<History>(gen_op());
  const auto nodes = *rc::gen::arbitrary<std::vector<std::string>>();
  const auto finals = *rc::gen::arbitrary<std::vector<std::vector<std::int64_t>>>();
  const History copy = history;
  RC_ASSERT(run_fingerprint(history, nodes, finals) == run_fingerprint(copy, nodes, finals));
}

RC_GTEST_PROP(RunFingerprint, AnyChangedOpFieldChangesIt, ()) {
  History history = *rc::gen::nonEmpty(rc::gen::container<History>(gen_op()));
  const std::vector<std::string> nodes{"n0", "n1"};
  const std::vector<std::vector<std::int64_t>> finals{{1, 2}, {1, 2}};
  const std::uint64_t before = run_fingerprint(history, nodes, finals);
  const std::size_t at = *rc::gen::inRange<std::size_t>(0, history.size());
  mutate(history[at], *rc::gen::inRange(0, 9));
  RC_ASSERT(run_fingerprint(history, nodes, finals) != before);
}

RC_GTEST_PROP(RunFingerprint, AnyChangedFinalValueChangesIt, ()) {
  const History history = *rc::gen::container<History>(gen_op());
  const std::vector<std::string> nodes{"n0", "n1", "n2"};
  auto finals = *rc::gen::container<std::vector<std::vector<std::int64_t>>>(
      3, rc::gen::arbitrary<std::vector<std::int64_t>>());
  const std::uint64_t before = run_fingerprint(history, nodes, finals);
  auto& changed = finals[*rc::gen::inRange<std::size_t>(0, 3)];
  if (changed.empty()) {
    changed.push_back(*rc::gen::arbitrary<std::int64_t>());
  } else {
    changed[*rc::gen::inRange<std::size_t>(0, changed.size())] ^= 1;
  }
  RC_ASSERT(run_fingerprint(history, nodes, finals) != before);
}

// A simulated history's reads share their node's log, each a prefix of the storage later reads
// see, in any order of lengths (clients read at different times): they hash exactly as reads
// holding copies of their own.
RC_GTEST_PROP(RunFingerprint, ReadsSharingALogHashAsTheirOwnCopies, ()) {
  const auto values = *rc::gen::arbitrary<std::vector<std::int64_t>>();
  core::ValueLog node_log;  // appended to as reads are taken from it, like a node's
  std::vector<core::ValueLog> reads{node_log};
  for (const std::int64_t value : values) {
    node_log.push_back(value);
    if (*rc::gen::arbitrary<bool>()) reads.push_back(node_log);
  }
  const auto order =
      *rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, reads.size()));
  History shared;
  History copied;
  for (const std::size_t read : order) {
    Op op;
    op.f = "read";
    op.value = reads[read];
    shared.push_back(op);
    op.value = std::vector<std::int64_t>(reads[read].begin(), reads[read].end());
    copied.push_back(op);
  }
  const std::vector<std::string> nodes{"n0"};
  const std::vector<std::vector<std::int64_t>> finals{values};
  RC_ASSERT(run_fingerprint(shared, nodes, finals) == run_fingerprint(copied, nodes, finals));
}

// Values may not slide from one field or op into the next: these runs' words would be the same
// if lengths were not hashed.
TEST(RunFingerprint, ValueBoundariesCount) {
  Op a;
  a.value = std::vector<std::int64_t>{1, 2};
  Op b;
  b.value = std::vector<std::int64_t>{3};
  Op a2 = a;
  a2.value = std::vector<std::int64_t>{1};
  Op b2 = b;
  b2.value = std::vector<std::int64_t>{2, 3};
  EXPECT_NE(run_fingerprint({a, b}, {}, {}), run_fingerprint({a2, b2}, {}, {}));
  EXPECT_NE(run_fingerprint({}, {"n1", "n2"}, {{1}, {}}),
            run_fingerprint({}, {"n1", "n2"}, {{}, {1}}));
  EXPECT_NE(run_fingerprint({}, {"n1"}, {}), run_fingerprint({}, {"n1"}, {{}}));
}

// Recorded fingerprints (tests/benchmarks.md, README) stay valid: this run's value was computed
// by the plain four-lane loop before it was vectorised, over reads of every length 0..40 (whole
// groups of four and every remainder) with values wide enough to use all 64 bits.
TEST(RunFingerprint, KeepsTheValueRecordedRunsWereHashedWith) {
  History history;
  std::vector<std::vector<std::int64_t>> finals;
  for (std::int64_t length = 0; length <= 40; ++length) {
    Op op;
    op.index = length;
    op.time_ns = length * 1'000'003;
    op.type = OpType::ok;
    op.process = length % 7;
    op.f = "read";
    std::vector<std::int64_t> values;
    for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(length); ++k) {
      values.push_back(static_cast<std::int64_t>((k * 0x9e3779b97f4a7c15ULL) ^ (k << 40)) ^ length);
    }
    finals.push_back(values);
    op.value = std::move(values);
    history.push_back(std::move(op));
  }
  const std::vector<std::string> nodes(finals.size(), "n0");
  EXPECT_EQ(run_fingerprint(history, nodes, finals), 0xea1e80667619765fULL);
}

}  // namespace
}  // namespace rumor::replay::sim
