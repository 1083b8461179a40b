#include "replay/sim/process_cluster.hpp"

#include <poll.h>
#include <sys/prctl.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <variant>

#include "core/codec.hpp"
#include "replay/sim/stdout_check.hpp"

namespace rumor::replay::sim {
namespace {

constexpr std::size_t crash_report_lines = 32;  // Maelstrom shows the last 32 of each stream
// The longest a single wait lasts, so a process that dies is noticed soon even in a long sleep.
constexpr std::int64_t poll_slice_ms = 200;

// The line Maelstrom writes to a node's stdin: the network id first, then the envelope.
std::string delivered_line(const Delivery& delivery) {
  if (delivery.raw_body.empty()) return core::encode(delivery.message(), delivery.id);
  std::string line = "{\"id\":" + std::to_string(delivery.id) + ",\"src\":";
  core::append_json_string(line, delivery.message().src);
  line += ",\"dest\":";
  core::append_json_string(line, delivery.message().dest);
  line += ",\"body\":";
  line += delivery.raw_body;
  line += '}';
  return line;
}

bool is_client(const std::string& id) { return !id.empty() && id[0] == 'c'; }

std::string last_lines_of_file(const std::filesystem::path& path, std::size_t count) {
  std::ifstream in(path, std::ios::binary);
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (lines.size() > count) lines.pop_front();
  }
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

}  // namespace

ProcessCluster::ProcessCluster(const std::vector<std::string>& nodes, const std::string& program,
                               const std::vector<std::string>& args,
                               const std::filesystem::path& logs_dir) {
  StartGate gate;
  nodes_.resize(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    Node& node = nodes_[k];
    node.name = nodes[k];
    if (!logs_dir.empty()) node.log_path = logs_dir / (nodes[k] + ".log");
    node.process = std::make_unique<ChildProcess>(program, args, node.log_path.string(), gate);
  }
  // The harness's own waits to the µs (Linux's default slack is 50 µs); set after the forks,
  // so the nodes keep the default.
  ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  start_ = gate.release(nodes_.size());  // every child was parked: time 0 is the release
  await_exec();
}

void ProcessCluster::await_exec() {
  std::vector<pollfd> fds;
  for (;;) {
    fds.clear();
    for (Node& node : nodes_) {
      if (node.process->exec_done()) continue;  // throws when the exec failed
      fds.push_back(pollfd{node.process->exec_report_fd(), POLLIN, 0});
    }
    if (fds.empty()) break;
    ::poll(fds.data(), fds.size(), static_cast<int>(poll_slice_ms));
  }
  // Measured by the children themselves: this process may see their exec reports late.
  const std::int64_t release_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(start_.time_since_epoch()).count();
  for (const Node& node : nodes_) {
    const auto exec_ns = node.process->exec_started_ns();
    if (exec_ns) start_spread_ns_ = std::max(start_spread_ns_, *exec_ns - release_ns);
  }
}

void ProcessCluster::note_reply(Node& node, const core::Message& message, std::int64_t now_ns) {
  if (!message.in_reply_to) return;
  const auto request = node.unanswered.find({message.dest, *message.in_reply_to});
  if (request == node.unanswered.end()) return;
  reply_times_ns_.push_back(now_ns - request->second);
  node.unanswered.erase(request);
}

std::int64_t ProcessCluster::wall_now_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              start_)
      .count();
}

void ProcessCluster::deliver(std::size_t index, Delivery&& delivery, std::int64_t /*now_ns*/,
                             Network& /*network*/, EventQueue& /*events*/) {
  std::string line = delivered_line(delivery);
  line += '\n';
  Node& node = nodes_[index];
  node.process->write(line);
  const core::Message& message = delivery.message();
  if (is_client(message.src) && message.msg_id) {
    node.unanswered[{message.src, *message.msg_id}] = wall_now_ns();
  }
}

void ProcessCluster::mute(Node& node, std::string reason) {
  if (node.mute_reason) return;
  std::cerr << "rumor test: WARN " << node.name << " stdout - Error! " << reason
            << " (Maelstrom reads nothing more from this node)\n";
  node.mute_reason = std::move(reason);
}

void ProcessCluster::handle_line(Node& node, std::string_view line, std::int64_t now_ns,
                                 Network& network, EventQueue& events) {
  node.last_stdout.emplace_back(line);
  if (node.last_stdout.size() > crash_report_lines) node.last_stdout.pop_front();
  if (node.mute_reason) return;  // Maelstrom's reader thread for this node is dead
  auto checked = check_node_output(line);
  if (auto* violation = std::get_if<OutputViolation>(&checked)) {
    mute(node, node.name + " " + violation->text);
    return;
  }
  NodeOutput& output = std::get<NodeOutput>(checked);
  const std::string src = output.message.src;
  const std::string dest = output.message.dest;
  if (is_client(dest)) note_reply(node, output.message, now_ns);
  const SendResult sent =
      network.send(std::move(output.message), now_ns, events, std::move(output.raw_body));
  if (sent == SendResult::sent) return;
  mute(node, std::string(sent == SendResult::invalid_dest ? "Invalid dest" : "Invalid src") +
                 " for message from " + src + " to " + dest + " at " +
                 std::to_string(now_ns / ns_per_ms) + " ms: " + std::string(line));
}

bool ProcessCluster::read_node(Node& node, Network& network, EventQueue& events) {
  node.read_buffer.clear();
  const bool open = node.process->read_available(node.read_buffer);
  bool handled = false;
  if (!node.read_buffer.empty()) {
    const std::int64_t now_ns = wall_now_ns();  // bytes read together arrived together
    node.stdout_lines.append(node.read_buffer);
    node.stdout_lines.for_each_line([&](std::string_view line) {
      handle_line(node, line, now_ns, network, events);
      handled = true;
    });
  }
  if (!open) {
    node.stdout_open = false;
    const std::string_view rest = node.stdout_lines.take_rest();
    if (!rest.empty()) handle_line(node, rest, wall_now_ns(), network, events);
  }
  return handled;
}

std::int64_t ProcessCluster::advance(std::int64_t now_ns, std::int64_t deadline_ns,
                                     Network& network, EventQueue& events) {
  std::vector<pollfd> fds;
  std::vector<Node*> owners;
  for (Node& node : nodes_) {
    if (node.process->has_pending_input()) node.process->flush();
    short input_events = node.process->has_pending_input() ? POLLOUT : 0;
    if (input_events != 0) {
      fds.push_back(pollfd{node.process->stdin_fd(), input_events, 0});
      owners.push_back(&node);
    }
    if (node.stdout_open) {
      fds.push_back(pollfd{node.process->stdout_fd(), POLLIN, 0});
      owners.push_back(&node);
    } else if (!node.early_exit) {
      node.early_exit = node.process->poll_exit();
    }
  }
  // To the ns: rounding up to whole ms would make every client op slip ≈ 0.5 ms, and the
  // generator schedules each op from the previous one's actual time, so slip compounds.
  const std::int64_t wait_ns =
      std::clamp<std::int64_t>(deadline_ns - wall_now_ns(), 0, poll_slice_ms * ns_per_ms);
  const timespec timeout{.tv_sec = static_cast<time_t>(wait_ns / ns_per_s),
                         .tv_nsec = static_cast<long>(wait_ns % ns_per_s)};
  const int ready = ::ppoll(fds.data(), fds.size(), &timeout, nullptr);
  if (ready > 0) {
    for (std::size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      Node& node = *owners[k];
      if (fds[k].fd == node.process->stdin_fd()) {
        node.process->flush();
      } else {
        read_node(node, network, events);
      }
    }
  }
  return std::max(now_ns, wall_now_ns());
}

void ProcessCluster::teardown() {
  for (Node& node : nodes_) {
    const std::optional<int> ended_before = node.process->kill_and_reap();
    if (ended_before && !node.early_exit) node.early_exit = ended_before;
  }
}

std::vector<std::string> ProcessCluster::problems() const {
  std::vector<std::string> problems;
  for (const Node& node : nodes_) {
    if (node.mute_reason) problems.push_back(node.name + " went mute: " + *node.mute_reason);
    if (node.early_exit) {
      problems.push_back(node.name + " exited with status " + std::to_string(*node.early_exit));
    }
  }
  return problems;
}

std::optional<std::string> ProcessCluster::crash_report(std::size_t index) const {
  const Node& node = nodes_[index];
  if (!node.early_exit) return std::nullopt;
  std::string stdout_text;
  for (const auto& line : node.last_stdout) stdout_text += line + "\n";
  const std::string stderr_text =
      node.log_path.empty() ? "" : last_lines_of_file(node.log_path, crash_report_lines);
  return "Node " + node.name + " crashed with exit status " + std::to_string(*node.early_exit) +
         ". Before crashing, it wrote to STDOUT:\n\n" + stdout_text + "\nAnd to STDERR:\n\n" +
         stderr_text;
}

}  // namespace rumor::replay::sim
