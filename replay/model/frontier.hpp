// One level of the breadth-first search's queue, kept compact and out of memory as TLC keeps its
// queue (README, `rumor model`): states in the codec's byte form (world_codec.hpp), buffered in
// chunks and spilled to an anonymous temporary file, read back once in the order written. Memory
// is then the visited set and the state graph plus two bounded buffers, whatever the level's size.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "replay/model/world.hpp"
#include "replay/model/world_codec.hpp"

namespace rumor::replay::model {

struct FrontierEntry {
  std::uint32_t index = 0;  // the state's number in the graph
  World world;
};

class FrontierLevel {
 public:
  // Records are buffered, spilled and read back in chunks of about `chunk_bytes`.
  explicit FrontierLevel(const World& initial, std::size_t chunk_bytes = std::size_t{8} << 20);
  void push(std::uint32_t index, const World& world);
  std::uint64_t size() const { return size_; }
  std::uint64_t bytes() const { return bytes_; }  // encoded size of every state pushed
  // Entries in the order pushed; after the first pop, nothing more may be pushed.
  std::optional<FrontierEntry> pop();

 private:
  void spill();
  bool refill();

  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, Close> file_;  // created at the first spill
  std::size_t chunk_bytes_;
  WorldEncoder encoder_;
  WorldDecoder decoder_;
  std::string buffer_;  // records not yet spilled (writing), or read and not yet decoded
  std::string record_;  // the record being encoded, reused
  std::size_t read_at_ = 0;
  bool reading_ = false;
  std::uint64_t size_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace rumor::replay::model
