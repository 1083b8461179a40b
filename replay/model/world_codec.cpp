#include "replay/model/world_codec.hpp"

#include <span>
#include <stdexcept>
#include <utility>

namespace rumor::replay::model {

namespace {

// The codec writes every field of core::State and core::Link that a step may change; a field
// added there must be added here too (and to the fingerprint), which these sizes are a reminder
// of. The other fields are fixed once init and the topology have run (checked on encoding).
static_assert(sizeof(core::Link) == 120, "core::Link changed: update world_codec.cpp");
static_assert(sizeof(core::State) == 280, "core::State changed: update world_codec.cpp");

constexpr std::uint8_t node_same = 0;
constexpr std::uint8_t node_full = 1;

void put(std::string& out, std::uint64_t x) {  // unsigned LEB128
  while (x >= 0x80) {
    out.push_back(static_cast<char>((x & 0x7f) | 0x80));
    x >>= 7;
  }
  out.push_back(static_cast<char>(x));
}

void put_signed(std::string& out, std::int64_t x) {  // zigzag: small magnitudes stay short
  const auto u = static_cast<std::uint64_t>(x);
  put(out, (u << 1) ^ (x < 0 ? ~std::uint64_t{0} : 0));
}

void put_fixed(std::string& out, std::uint64_t x) {  // generator states: all 64 bits are noise
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((x >> (8 * i)) & 0xff));
}

struct Reader {
  const std::uint8_t*& at;
  const std::uint8_t* end;

  std::uint8_t byte() {
    if (at == end) throw std::runtime_error("model frontier: truncated record");
    return *at++;
  }
  std::uint64_t get() {
    std::uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      x |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return x;
    }
    throw std::runtime_error("model frontier: overlong varint");
  }
  std::int64_t get_signed() {
    const std::uint64_t u = get();
    return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  std::uint64_t get_fixed() {
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x |= static_cast<std::uint64_t>(byte()) << (8 * i);
    return x;
  }
  std::size_t count() {
    const std::uint64_t n = get();
    if (n > static_cast<std::uint64_t>(end - at))
      throw std::runtime_error("model frontier: bad count");
    return static_cast<std::size_t>(n);
  }
};

void put_values(std::string& out, std::span<const core::Value> values) {
  put(out, values.size());
  for (core::Value value : values) put_signed(out, value);
}

// Into the container the world holds: a node's ValueLog or a gossip's InlineValues.
template <typename Values>
Values get_values(Reader& in) {
  Values values;
  for (std::size_t count = in.count(); count > 0; --count) values.push_back(in.get_signed());
  return values;
}

void put_link(std::string& out, const core::Link& link) {
  put(out, link.out_acked);
  put(out, link.out_unacked.size());
  for (std::size_t i = 0; i < link.out_unacked.size(); ++i) put_signed(out, link.out_unacked[i]);
  put(out, link.out_sent);
  put_signed(out, link.out_first_unsent_ms);
  put_signed(out, link.out_retransmit_due_ms);
  put(out, link.out_resend_until);
  put(out, link.in_contiguous);
  put(out, link.in_ranges.size());
  for (const auto& [begin, stop] : link.in_ranges) {
    put(out, begin);
    put(out, stop);
  }
  put(out, link.ack_owed_since_ms.has_value());
  if (link.ack_owed_since_ms) put_signed(out, *link.ack_owed_since_ms);
}

core::Link get_link(Reader& in) {
  core::Link link;
  link.out_acked = in.get();
  for (std::size_t n = in.count(); n > 0; --n) link.out_unacked.push_back(in.get_signed());
  link.out_sent = in.get();
  link.out_first_unsent_ms = in.get_signed();
  link.out_retransmit_due_ms = in.get_signed();
  link.out_resend_until = in.get();
  link.in_contiguous = in.get();
  for (std::size_t n = in.count(); n > 0; --n) {
    const std::uint64_t begin = in.get();
    link.in_ranges.emplace_back(begin, in.get());
  }
  if (in.get() != 0) link.ack_owed_since_ms = in.get_signed();
  return link;
}

// What init and the topology fixed must not change afterwards: the decoder takes it from the
// initialised node.
void check_fixed(const core::State& state, const core::State& initial) {
  if (state.links.size() != initial.links.size() ||
      (state.cluster != initial.cluster && *state.cluster != *initial.cluster)) {
    throw std::logic_error("model frontier: " + initial.self() +
                           " changed what init and the topology fixed");
  }
}

void put_node(std::string& out, const core::State& state) {
  put_fixed(out, state.rng);
  put_values(out, state.values);
  for (const auto& link : state.links) put_link(out, link);
  for (std::uint64_t word : state.busy_links) put(out, word);  // as many words as init made
  put_signed(out, state.links_due_ms);
  put_signed(out, state.last_now_ms);
}

std::shared_ptr<const core::State> get_node(Reader& in, const core::State& initial) {
  auto state = std::make_shared<core::State>(initial);
  state->rng = in.get_fixed();
  state->values = get_values<core::ValueLog>(in);
  state->known = core::ValueSet{};  // the same values as `values` (core/state.hpp)
  for (core::Value value : state->values) state->known.insert(value);
  for (auto& link : state->links) link = get_link(in);
  for (auto& word : state->busy_links) word = in.get();
  state->links_due_ms = in.get_signed();
  state->last_now_ms = in.get_signed();
  return state;
}

}  // namespace

WorldEncoder::WorldEncoder(const World& initial)
    : templates_(initial.nodes), previous_(initial.nodes.size()) {}

void WorldEncoder::encode(const World& world, std::string& out) {
  put_signed(out, world.now_ms);
  put(out, static_cast<std::uint64_t>(world.next_value));
  put(out, static_cast<std::uint64_t>(world.drops_left));
  put(out, static_cast<std::uint64_t>(world.dups_left));
  put(out, static_cast<std::uint64_t>(world.partitions_left));
  put(out, world.partition_mask);
  put_signed(out, world.partition_wakes_left);
  put_signed(out, world.next_packet_id);
  put(out, world.in_flight.size());
  for (const auto& packet : world.in_flight) {
    put(out, packet.src);
    put(out, packet.dest);
    put(out, packet.gossip.offset);
    put(out, packet.gossip.ack);
    put_values(out, packet.gossip.values);
    put_signed(out, packet.id);
    put(out, packet.age);
  }
  for (std::size_t i = 0; i < templates_.size(); ++i) {
    if (world.nodes[i] == previous_[i]) {
      out.push_back(static_cast<char>(node_same));
      continue;
    }
    check_fixed(*world.nodes[i], *templates_[i]);
    out.push_back(static_cast<char>(node_full));
    put_node(out, *world.nodes[i]);
    previous_[i] = world.nodes[i];
  }
}

WorldDecoder::WorldDecoder(const World& initial)
    : templates_(initial.nodes), previous_(initial.nodes.size()) {}

World WorldDecoder::decode(const std::uint8_t*& at, const std::uint8_t* end) {
  Reader in{at, end};
  World world;
  world.now_ms = in.get_signed();
  world.next_value = static_cast<int>(in.get());
  world.drops_left = static_cast<int>(in.get());
  world.dups_left = static_cast<int>(in.get());
  world.partitions_left = static_cast<int>(in.get());
  world.partition_mask = static_cast<std::uint32_t>(in.get());
  world.partition_wakes_left = static_cast<int>(in.get_signed());
  world.next_packet_id = in.get_signed();
  world.in_flight.resize(in.count());
  for (auto& packet : world.in_flight) {
    packet.src = static_cast<std::uint8_t>(in.get());
    packet.dest = static_cast<std::uint8_t>(in.get());
    packet.gossip.offset = in.get();
    packet.gossip.ack = in.get();
    packet.gossip.values = get_values<core::InlineValues>(in);
    packet.id = in.get_signed();
    packet.age = static_cast<std::uint8_t>(in.get());
  }
  world.nodes.resize(templates_.size());
  for (std::size_t i = 0; i < templates_.size(); ++i) {
    const std::uint8_t tag = in.byte();
    if (tag == node_full) {
      previous_[i] = get_node(in, *templates_[i]);
    } else if (tag != node_same || !previous_[i]) {
      throw std::runtime_error("model frontier: bad node tag");
    }
    world.nodes[i] = previous_[i];
  }
  return world;
}

}  // namespace rumor::replay::model
