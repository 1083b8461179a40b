#include "replay/journal/journal.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "replay/journal/fressian.hpp"
#include "replay/journal/jsonl_journal.hpp"

namespace rumor::replay::journal {

bool is_client(const std::string& node_id) { return !node_id.empty() && node_id[0] == 'c'; }

bool involves_client(const Message& message) {
  return is_client(message.src) || is_client(message.dest);
}

std::string body_type(const Message& message) {
  const Edn* type = message.body.find_named("type");
  if (type && (type->kind == Edn::Kind::string || type->kind == Edn::Kind::keyword)) {
    return type->text;
  }
  return "?";
}

const char* event_type_name(EventType type) { return type == EventType::send ? "send" : "recv"; }

namespace {

// Field access for a record that is either a tagged struct (positional fields) or a map.
class Record {
 public:
  Record(const Edn& value, const char* tag, std::vector<std::string> field_names,
         const std::string& source)
      : value_(value), names_(std::move(field_names)), source_(source) {
    const bool tagged_ok =
        value.kind == Edn::Kind::tagged && value.text == tag && fields().size() == names_.size();
    if (!tagged_ok && value.kind != Edn::Kind::map) {
      throw JournalError(source + ": expected a journal record #" + tag + ", found " +
                         truncated(to_edn(value)));
    }
  }

  const Edn& field(std::size_t index) const {
    if (value_.kind == Edn::Kind::tagged) return fields()[index];
    const Edn* found = value_.find_named(names_[index]);
    if (!found) throw JournalError(source_ + ": record without :" + names_[index]);
    return *found;
  }

  std::int64_t integer(std::size_t index) const {
    const Edn& v = field(index);
    if (v.kind != Edn::Kind::integer) throw wrong(index, "an integer", v);
    return v.integer;
  }

  std::string name(std::size_t index) const {
    const Edn& v = field(index);
    if (v.kind != Edn::Kind::string && v.kind != Edn::Kind::keyword) {
      throw wrong(index, "a string or keyword", v);
    }
    return v.text;
  }

 private:
  // A struct's positional fields: its tag stands over a vector of them (see fressian.hpp).
  const std::vector<Edn>& fields() const { return value_.items.front().items; }

  static std::string truncated(std::string text) {
    if (text.size() > 120) text = text.substr(0, 120) + "...";
    return text;
  }

  JournalError wrong(std::size_t index, const char* expected, const Edn& found) const {
    return JournalError(source_ + ": field :" + names_[index] + " should be " + expected +
                        ", found " + truncated(to_edn(found)));
  }

  const Edn& value_;
  std::vector<std::string> names_;
  const std::string& source_;
};

Message message_from_value(const Edn& value, const std::string& source) {
  const Record record(value, "msg", {"id", "src", "dest", "body"}, source);
  Message message;
  message.id = record.integer(0);
  message.src = record.name(1);
  message.dest = record.name(2);
  message.body = record.field(3);
  return message;
}

std::vector<std::filesystem::path> journal_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".fressian") files.push_back(entry.path());
  }
  if (error) throw JournalError(dir.string() + ": cannot list the net journal: " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Event event_from_value(const Edn& value, const std::string& source_name) {
  const Record record(value, "ev", {"id", "time", "type", "message"}, source_name);
  Event event;
  event.id = record.integer(0);
  event.time_ns = record.integer(1);
  const std::string type = record.name(2);
  if (type != "send" && type != "recv") {
    throw JournalError(source_name + ": event " + std::to_string(event.id) + " has type :" + type +
                       " (expected :send or :recv)");
  }
  event.type = type == "send" ? EventType::send : EventType::recv;
  event.message = message_from_value(record.field(3), source_name);
  return event;
}

std::vector<std::int64_t> missing_journal_chunks(const std::string& dir) {
  std::filesystem::path journal_dir = dir;
  if (std::filesystem::is_directory(journal_dir / "net-journal")) journal_dir /= "net-journal";
  if (!std::filesystem::is_directory(journal_dir)) return {};
  std::vector<std::int64_t> present;
  for (const auto& file : journal_files(journal_dir)) {
    const std::string stem = file.stem().string();
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(stem.data(), stem.data() + stem.size(), number);
    if (error == std::errc{} && end == stem.data() + stem.size() && number >= 0) {
      present.push_back(number);
    }
  }
  std::sort(present.begin(), present.end());
  std::vector<std::int64_t> missing;
  std::int64_t expected = 0;
  for (const std::int64_t number : present) {
    for (; expected < number; ++expected) missing.push_back(expected);
    expected = number + 1;
  }
  return missing;
}

bool has_journal(const std::string& dir) {
  const std::filesystem::path run_dir = dir;
  return std::filesystem::is_directory(run_dir / "net-journal") ||
         std::filesystem::is_regular_file(run_dir / jsonl_journal_file);
}

std::vector<Event> read_journal(const std::string& dir) {
  std::filesystem::path journal_dir = dir;
  const std::filesystem::path jsonl = journal_dir / jsonl_journal_file;
  if (!std::filesystem::is_directory(journal_dir / "net-journal") &&
      std::filesystem::is_regular_file(jsonl)) {
    return read_jsonl_journal(jsonl.string());
  }
  if (std::filesystem::is_directory(journal_dir / "net-journal")) journal_dir /= "net-journal";
  if (!std::filesystem::is_directory(journal_dir)) {
    throw JournalError(dir + ": no net-journal directory (this run has no network journal)");
  }
  const std::vector<std::filesystem::path> files = journal_files(journal_dir);
  if (files.empty()) throw JournalError(journal_dir.string() + ": no .fressian files");
  std::vector<Event> events;
  for (const auto& file : files) {
    for (const Edn& value : read_fressian_file(file.string())) {
      events.push_back(event_from_value(value, file.string()));
    }
  }
  // Sends sort before deliveries at equal times so a message never arrives before it leaves.
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    if (a.type != b.type) return a.type == EventType::send;
    return a.id < b.id;
  });
  return events;
}

}  // namespace rumor::replay::journal
