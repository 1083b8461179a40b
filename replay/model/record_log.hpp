// A log of fixed-size records kept on disk: appended during the search, read back whole in order
// by the liveness check (README, `rumor model`, memory). Only a 1 MiB buffer stays in memory; the
// rest goes to an anonymous temporary file, so the state graph's fault-free edges, several per
// state, cost no memory while the visited set grows.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace rumor::replay::model {

template <typename Record>
class RecordLog {
  static_assert(std::is_trivially_copyable_v<Record>, "records are written as bytes");

 public:
  explicit RecordLog(std::size_t buffer_records = (std::size_t{1} << 20) / sizeof(Record))
      : buffer_records_(buffer_records) {
    buffer_.reserve(buffer_records_);
  }
  void push(const Record& record) {
    buffer_.push_back(record);
    ++size_;
    if (buffer_.size() >= buffer_records_) spill();
  }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return buffer_.capacity() * sizeof(Record); }
  std::size_t disk_bytes() const { return spilled_ * sizeof(Record); }

  // Calls visit(record) for every record in the order pushed; may be called again, and more
  // records pushed after.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    if (file_) {
      if (std::fseek(file_.get(), 0, SEEK_SET) != 0) throw io_error("cannot rewind");
      std::vector<Record> chunk(buffer_records_);
      for (std::size_t left = spilled_; left > 0;) {
        const std::size_t want = std::min(left, chunk.size());
        if (std::fread(chunk.data(), sizeof(Record), want, file_.get()) != want) {
          throw io_error("cannot read the temporary file");
        }
        for (std::size_t i = 0; i < want; ++i) visit(chunk[i]);
        left -= want;
      }
    }
    for (const Record& record : buffer_) visit(record);
  }

 private:
  static std::runtime_error io_error(const char* what) {
    return std::runtime_error(std::string("model record log: ") + what + ": " +
                              std::strerror(errno));
  }
  void spill() {
    if (!file_) {
      file_.reset(std::tmpfile());
      if (!file_) throw io_error("cannot create a temporary file");
    }
    if (std::fseek(file_.get(), 0, SEEK_END) != 0) throw io_error("cannot seek");
    if (std::fwrite(buffer_.data(), sizeof(Record), buffer_.size(), file_.get()) !=
        buffer_.size()) {
      throw io_error("cannot write the temporary file");
    }
    spilled_ += buffer_.size();
    buffer_.clear();
  }

  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, Close> file_;  // created at the first spill
  std::size_t buffer_records_;
  std::vector<Record> buffer_;
  std::size_t spilled_ = 0;
  std::size_t size_ = 0;
};

}  // namespace rumor::replay::model
