// Builds small hand-made histories for the checker tests: ops get dense indices in the order they
// are appended, times are given in milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "replay/history/op.hpp"

namespace rumor::replay::history::testing {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

class HistoryBuilder {
 public:
  HistoryBuilder& op(OpType type, std::int64_t process, std::string f, OpValue value,
                     std::int64_t time_ms) {
    Op op;
    op.index = static_cast<std::int64_t>(history_.size());
    op.time_ns = time_ms * kNanosPerMilli;
    op.type = type;
    op.process = process;
    op.f = std::move(f);
    op.value = std::move(value);
    history_.push_back(std::move(op));
    return *this;
  }

  HistoryBuilder& invoke_broadcast(std::int64_t process, std::int64_t value, std::int64_t time_ms) {
    return op(OpType::invoke, process, "broadcast", value, time_ms);
  }
  HistoryBuilder& complete_broadcast(OpType type, std::int64_t process, std::int64_t value,
                                     std::int64_t time_ms) {
    return op(type, process, "broadcast", value, time_ms);
  }
  // An acknowledged broadcast: invoke at time_ms, ok 1 ms later.
  HistoryBuilder& broadcast(std::int64_t process, std::int64_t value, std::int64_t time_ms) {
    invoke_broadcast(process, value, time_ms);
    return complete_broadcast(OpType::ok, process, value, time_ms + 1);
  }

  HistoryBuilder& invoke_read(std::int64_t process, std::int64_t time_ms) {
    return op(OpType::invoke, process, "read", std::monostate{}, time_ms);
  }
  HistoryBuilder& complete_read(std::int64_t process, std::vector<std::int64_t> seen,
                                std::int64_t time_ms) {
    return op(OpType::ok, process, "read", std::move(seen), time_ms);
  }
  // A read invoked at time_ms that returns `seen` 1 ms later.
  HistoryBuilder& read(std::int64_t process, std::vector<std::int64_t> seen, std::int64_t time_ms) {
    invoke_read(process, time_ms);
    return complete_read(process, std::move(seen), time_ms + 1);
  }

  // Sets a nanosecond time on the last op, for sub-millisecond checks.
  HistoryBuilder& at_ns(std::int64_t time_ns) {
    history_.back().time_ns = time_ns;
    return *this;
  }

  const History& history() const { return history_; }

 private:
  History history_;
};

}  // namespace rumor::replay::history::testing
