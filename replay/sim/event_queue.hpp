// `rumor test`'s events on the simulated world's queue (replay/world/event_queue.hpp), and the
// queue as the network's wake-up sink: an endpoint's delivery loop wakes as an event.
#pragma once

#include <cstdint>

#include "replay/world/event_queue.hpp"
#include "replay/world/network.hpp"

namespace rumor::replay::sim {

using world::Delivery;
using world::EndpointId;
using world::Network;
using world::Rng;
using world::SendResult;

using world::ns_per_ms;
using world::ns_per_s;

enum class EventKind : std::uint8_t {
  wake_endpoint,   // an endpoint's delivery loop finished sleeping on its head message
  tick,            // a node's periodic Tick
  client_timeout,  // a worker's RPC timed out (5 s)
  setup_timeout,   // an init (10 s) or topology (5 s) RPC timed out
  generator,       // the op generator's next scheduled op is due
  phase,           // a phase's sleep ended
};

using Event = world::Event<EventKind>;

class EventQueue final : public world::EventQueue<EventKind>, public world::EndpointWakes {
 public:
  // At a constant latency, wakes on freshly sent messages come in time order: their lane takes
  // them without the heap (the others fall back to it).
  void wake_endpoint(world::EndpointId endpoint, std::int64_t at_ns) override {
    schedule(at_ns, EventKind::wake_endpoint, endpoint, 0, Lane::deliveries);
  }
};

}  // namespace rumor::replay::sim
