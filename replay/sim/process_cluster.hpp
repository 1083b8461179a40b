// `rumor test --bin PATH [ARGS...]`: the test's server nodes are child processes (any Maelstrom
// node, in any language) over pipes, in wall-clock time. Delivered messages are written to a
// node's stdin as Maelstrom writes them (with the network id); its stdout lines are checked as
// Maelstrom checks them (stdout_check.hpp) and enter the network when read. A line that fails
// the checks, or names an unknown src or dest, makes the node mute for the rest of the test, as
// it kills Maelstrom's reader thread. Each node's stderr goes straight to its node log.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replay/sim/child_process.hpp"
#include "replay/sim/node_host.hpp"
#include "runtime/line_buffer.hpp"

namespace rumor::replay::sim {

class ProcessCluster : public NodeHost {
 public:
  // Starts one process per node, all released together from a StartGate, and waits until each
  // has exec'd; `logs_dir` empty sends their stderr to /dev/null. Throws std::runtime_error when
  // a process cannot be started. Time 0 is the release.
  ProcessCluster(const std::vector<std::string>& nodes, const std::string& program,
                 const std::vector<std::string>& args, const std::filesystem::path& logs_dir);

  std::size_t size() const override { return nodes_.size(); }
  void deliver(std::size_t node, Delivery&& delivery, std::int64_t now_ns, Network& network,
               EventQueue& events) override;
  bool needs_ticks() const override { return false; }
  void tick(std::size_t, std::int64_t, Network&, EventQueue&) override {}
  std::int64_t advance(std::int64_t now_ns, std::int64_t deadline_ns, Network& network,
                       EventQueue& events) override;
  void teardown() override;

  std::vector<core::Value> values(std::size_t) const override { return {}; }
  const std::string& log(std::size_t) const override { return no_log_; }
  std::vector<std::string> problems() const override;
  std::optional<std::string> crash_report(std::size_t node) const override;

  // From the release to the last node's exec: how far apart the nodes started.
  std::int64_t start_spread_ns() const { return start_spread_ns_; }
  // Each client request's time from being written to a node to the node's reply being read.
  const std::vector<std::int64_t>& reply_times_ns() const { return reply_times_ns_; }

 private:
  struct Node {
    std::string name;
    std::filesystem::path log_path;
    std::unique_ptr<ChildProcess> process;
    runtime::LineBuffer stdout_lines;
    std::string read_buffer;
    std::deque<std::string> last_stdout;  // for the crash report
    bool stdout_open = true;
    std::optional<std::string> mute_reason;
    std::optional<int> early_exit;  // ended by itself before teardown, with this status
    // Client requests written to the node and not yet answered: (client, msg_id) -> when.
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> unanswered;
  };

  std::int64_t wall_now_ns() const;
  void await_exec();
  void note_reply(Node& node, const core::Message& message, std::int64_t now_ns);
  // Reads what the node wrote; returns whether it handled any line.
  bool read_node(Node& node, Network& network, EventQueue& events);
  void handle_line(Node& node, std::string_view line, std::int64_t now_ns, Network& network,
                   EventQueue& events);
  void mute(Node& node, std::string reason);

  std::vector<Node> nodes_;
  std::chrono::steady_clock::time_point start_;
  std::string no_log_;
  std::int64_t start_spread_ns_ = 0;
  std::vector<std::int64_t> reply_times_ns_;
};

}  // namespace rumor::replay::sim
