// What the fuzzer checks, fed by the simulation as the run goes:
// safety at every step — a node holds only values some client broadcast, its set never shrinks,
// every client request gets exactly one well-formed reply — and liveness at the end: every node
// reads every value a client was acknowledged or any node ever held.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "replay/fuzz/verdict.hpp"

namespace rumor::replay::fuzz {

// Thrown inside a run at the first broken check; the simulation turns it into the Verdict.
struct Failure : std::runtime_error {
  Failure(Outcome outcome_in, const std::string& reason)
      : std::runtime_error(reason), outcome(outcome_in) {}
  Outcome outcome;
};

class Oracle {
 public:
  // Values are expected in [0, value_limit); `values_expected` (how many values the run
  // broadcasts, at most value_limit) is room reserved in each node's log.
  Oracle(int nodes, core::Value value_limit, std::size_t values_expected = 0);

  // A client sends `request` to node `node`; the client is the node's client c<node>.
  void on_request(int node, const core::Message& request);

  // A node just stepped: `values` is its set after the step. Its size before is the one the
  // oracle saw last (every step of the node passes here), so the host is not asked twice.
  void after_step(int node, const core::ValueLog& values) {
    const auto n = static_cast<std::size_t>(node);
    const std::size_t size_before = held_count_[n];
    if (values.size() == size_before && (size_before == 0 || values.back() == last_learnt_[n])) {
      held_count_[n] = values.size();
      return;  // most steps learn nothing: nothing to check, no name to build (and no call)
    }
    check_learnt(node, values, size_before);
  }

  // Node `node` sent `reply` to its client.
  void on_reply(int node, const core::Message& reply);

  // Every node holds every required value and no request waits for a reply.
  bool converged() const;

  // At the end of the run: unanswered requests are a safety failure; nodes whose last read
  // misses required values a liveness failure, naming what is pending.
  void check_end(std::int64_t liveness_elapsed_ms) const;

  std::size_t required_count() const { return required_count_; }

 private:
  struct Request {
    bool asked = false;
    bool read = false;
    bool answered = false;
    core::Value value = 0;
  };
  // The client's request msg_id of node `node`, or nullptr if it never asked it. Inline: every
  // reply asks it, and the call cost as much as the look-up.
  Request* request(int node, std::int64_t msg_id) {
    auto& requests = requests_[static_cast<std::size_t>(node)];
    if (msg_id < 0 || static_cast<std::uint64_t>(msg_id) >= requests.size()) return nullptr;
    Request& found = requests[static_cast<std::size_t>(msg_id)];
    return found.asked ? &found : nullptr;
  }
  bool in_range(core::Value value) const { return value >= 0 && value < value_limit_; }
  std::size_t index(core::Value value) const { return static_cast<std::size_t>(value); }
  void require_value(core::Value value) {
    if (required_[index(value)]) return;
    required_[index(value)] = true;
    ++required_count_;
  }
  void check_learnt(int node, const core::ValueLog& values, std::size_t size_before);
  void check_read(int node, const core::ValueLog& messages);

  int nodes_;
  core::Value value_limit_;
  // A byte per value, not std::vector<bool>'s bit: every learnt value tests and sets three.
  using Flags = std::vector<std::uint8_t>;
  Flags broadcast_;  // some client's broadcast of the value reached a node
  Flags required_;   // acknowledged to a client, or held by some node
  std::size_t required_count_ = 0;
  std::vector<Flags> held_;  // per node
  std::vector<std::size_t> held_count_;
  std::vector<core::Value> last_learnt_;  // per node: its newest value, to see the log rewritten
  std::vector<std::vector<core::Value>> logs_;  // per node: its values in the order learnt
  // Per node, its own log's storage as checked last, whose first checked_sizes_ values are
  // logs_ (empty when that could not be told cheaply). Held, not just its address: the storage
  // stays alive, so a read reply sharing it at that length lists exactly logs_ (a log's storage
  // never changes below a length a copy saw: core/value_log.hpp). Only the length moves while
  // the node appends in place, so most checks copy no log (two atomic reference counts each).
  // The fuzzer's runs each have their own oracle and nodes, on one thread, so nothing here is
  // shared between threads.
  std::vector<core::ValueLog> checked_logs_;
  std::vector<std::size_t> checked_sizes_;
  // Per node, its last read: the first N values of its log (the usual case), or else a copy.
  static constexpr std::size_t kNoRead = static_cast<std::size_t>(-1);
  std::vector<std::size_t> last_read_prefix_;
  std::vector<std::optional<core::ValueLog>> last_read_;
  // Per node, by msg_id: clients number their requests 1, 2, ..., so a vector, not a hash map.
  std::vector<std::vector<Request>> requests_;
  std::size_t unanswered_ = 0;
};

}  // namespace rumor::replay::fuzz
