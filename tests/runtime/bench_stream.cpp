// Writes a recorded Maelstrom stream for one node of a cluster, for throughput_bench.sh:
// init, topology, then a mix of client broadcasts, reads and gossip from peers, the way a node
// of the default (star) profile sees a busy test: the hub n0 (gossip from every leaf, each value
// relayed to 23 others) or, with --leaf 1, the leaf n1 (gossip from the hub only).
// Deterministic: same arguments, same bytes.
//
// usage: rumor-bench-stream [--lines N] [--nodes K] [--read-every R] [--broadcast-percent P]
//                           [--values-per-gossip-max M] [--leaf 0|1]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct StreamShape {
  std::int64_t lines = 1'000'000;     // messages after init and topology
  int nodes = 25;                     // as in Gossip Glomers 3d/3e
  std::int64_t read_every = 100'000;  // one read per this many lines: reads grow with the set
  int broadcast_percent = 30;         // the rest (minus reads) is gossip from peers
  int values_per_gossip_max = 3;      // each gossip carries 1..max new values
  bool leaf = false;                  // the stream of leaf n1 instead of hub n0
};

StreamShape parse_shape(int argc, char** argv) {
  StreamShape shape;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::int64_t value = std::strtoll(argv[i + 1], nullptr, 10);
    if (flag == "--lines")
      shape.lines = value;
    else if (flag == "--nodes")
      shape.nodes = static_cast<int>(value);
    else if (flag == "--read-every")
      shape.read_every = value;
    else if (flag == "--broadcast-percent")
      shape.broadcast_percent = static_cast<int>(value);
    else if (flag == "--values-per-gossip-max")
      shape.values_per_gossip_max = static_cast<int>(value);
    else if (flag == "--leaf")
      shape.leaf = value != 0;
    else {
      std::fprintf(stderr, "rumor-bench-stream: unknown flag %s\n", argv[i]);
      std::exit(2);
    }
  }
  if (shape.nodes < 2 || shape.values_per_gossip_max < 1 || shape.read_every < 1) {
    std::fprintf(stderr, "rumor-bench-stream: need --nodes >= 2, positive counts\n");
    std::exit(2);
  }
  return shape;
}

// splitmix64: a fixed stream of choices, so the recorded stream is reproducible.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Joins pieces by appending (g++ 12 warns falsely on `"literal" + std::string` temporaries).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string joined;
  (joined.append(std::string_view(parts)), ...);
  return joined;
}

std::string node(int index) { return concat("n", std::to_string(index)); }

// Maelstrom's grid topology (Maelstrom's workload/broadcast.clj, topologies), as real runs send it.
std::string grid_topology_json(int nodes) {
  int side = 1;
  while (side * side < nodes) ++side;
  std::string json = "{";
  for (int k = 0; k < nodes; ++k) {
    const int row = k / side;
    const int column = k % side;
    std::vector<int> neighbours;
    if ((row + 1) * side + column < nodes) neighbours.push_back((row + 1) * side + column);
    if (row > 0) neighbours.push_back((row - 1) * side + column);
    if (column + 1 < side && k + 1 < nodes) neighbours.push_back(k + 1);
    if (column > 0) neighbours.push_back(k - 1);
    json += concat(k ? "," : "", "\"", node(k), "\":[");
    for (std::size_t i = 0; i < neighbours.size(); ++i) {
      json += concat(i ? "," : "", "\"", node(neighbours[i]), "\"");
    }
    json += "]";
  }
  return json + "}";
}

class StreamWriter {
 public:
  explicit StreamWriter(StreamShape shape)
      : shape_(shape),
        client_msg_ids_(static_cast<std::size_t>(shape.nodes), 0),
        peer_offsets_(static_cast<std::size_t>(shape.nodes), 0),
        queued_to_peer_(static_cast<std::size_t>(shape.nodes), 0) {}

  void write_all() {
    std::string node_ids;
    for (int k = 0; k < shape_.nodes; ++k) node_ids += concat(k ? "," : "", "\"", node(k), "\"");
    emit("c0", concat(R"({"type":"init","node_id":")", self(), R"(","node_ids":[)", node_ids,
                      R"(],"msg_id":1})"));
    emit(concat("c", std::to_string(shape_.nodes)),
         concat(R"({"type":"topology","topology":)", grid_topology_json(shape_.nodes),
                R"(,"msg_id":1})"));
    for (std::int64_t line = 1; line <= shape_.lines; ++line) {
      if (line % shape_.read_every == 0) {
        write_client_request(R"("type":"read")");
      } else if (static_cast<int>(next_random(rng_) % 100) < shape_.broadcast_percent) {
        write_client_request(
            concat(R"("type":"broadcast","message":)", std::to_string(new_value(-1))));
      } else {
        write_gossip();
      }
    }
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
  }

 private:
  std::string self() const { return node(shape_.leaf ? 1 : 0); }

  // A value no one has seen (from = -1: from a client). The hub relays it to every leaf but
  // `from`; a leaf sends its clients' values to the hub and relays nothing it hears.
  std::int64_t new_value(int from) {
    if (shape_.leaf) {
      if (from < 0) ++queued_to_peer_[0];
      return next_value_++;
    }
    for (int peer = 1; peer < shape_.nodes; ++peer) {
      if (peer != from) ++queued_to_peer_[static_cast<std::size_t>(peer)];
    }
    return next_value_++;
  }

  void write_client_request(const std::string& fields) {
    // Worker clients c(2N).., one per node, as Maelstrom numbers them after init and setup.
    const auto worker = static_cast<std::size_t>(next_random(rng_) % client_msg_ids_.size());
    const std::int64_t msg_id = ++client_msg_ids_[worker];
    emit(concat("c", std::to_string(2 * shape_.nodes + static_cast<int>(worker))),
         concat("{", fields, ",\"msg_id\":", std::to_string(msg_id), "}"));
  }

  // A peer's next stream positions (a leaf's to the hub, or the hub's to the leaf), carrying an
  // ack of everything queued for that peer so far (the node clamps acks to what it has actually
  // sent, so nothing is ever resent).
  void write_gossip() {
    const int peer = shape_.leaf ? 0 : 1 + static_cast<int>(next_random(rng_) % (shape_.nodes - 1));
    const auto index = static_cast<std::size_t>(peer);
    const int count = 1 + static_cast<int>(next_random(rng_) % shape_.values_per_gossip_max);
    std::string body =
        concat(R"({"type":"gossip","o":)", std::to_string(peer_offsets_[index]), ",\"v\":[");
    for (int i = 0; i < count; ++i) body += concat(i ? "," : "", std::to_string(new_value(peer)));
    body += concat("],\"a\":", std::to_string(queued_to_peer_[index]), "}");
    peer_offsets_[index] += static_cast<std::uint64_t>(count);
    emit(node(peer), body);
  }

  void emit(const std::string& src, const std::string& body) {
    buffer_ += concat("{\"id\":", std::to_string(network_id_++), ",\"src\":\"", src,
                      "\",\"dest\":\"", self(), "\",\"body\":", body, "}\n");
    if (buffer_.size() > (1 << 20)) {
      std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
      buffer_.clear();
    }
  }

  StreamShape shape_;
  std::uint64_t rng_ = 1;
  std::int64_t network_id_ = 0;
  std::int64_t next_value_ = 0;
  std::vector<std::int64_t> client_msg_ids_;
  std::vector<std::uint64_t> peer_offsets_;
  std::vector<std::uint64_t> queued_to_peer_;
  std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
  StreamWriter(parse_shape(argc, argv)).write_all();
  return 0;
}
