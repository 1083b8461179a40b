#include "replay/model/merge.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

namespace rumor::replay::model {

namespace {

std::vector<std::uint64_t> read_fingerprints(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<std::uint64_t> out;
  unsigned char bytes[8];
  while (in.read(reinterpret_cast<char*>(bytes), 8)) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
    out.push_back(value);
  }
  if (in.gcount() != 0) throw std::runtime_error(file + " is not a whole number of fingerprints");
  return out;
}

std::string read_text(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

MergedModelResult merge_model_results(const std::vector<std::string>& files) {
  MergedModelResult merged;
  std::vector<std::uint64_t> all;
  std::set<int> indices;
  int count = 0;
  bool all_exhausted = true;
  for (const auto& file : files) {
    rapidjson::Document doc;
    doc.Parse(read_text(file).c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("kind") ||
        !doc["kind"].IsString() || std::string(doc["kind"].GetString()) != "rumor-model" ||
        !doc.HasMember("shard") || !doc.HasMember("verdict")) {
      throw std::runtime_error(file + " is not a rumor model --json result");
    }
    ++merged.shards;
    const auto& shard = doc["shard"];
    indices.insert(shard["index"].GetInt());
    if (count != 0 && count != shard["count"].GetInt()) {
      throw std::runtime_error(file + " belongs to a split into another number of shards");
    }
    count = shard["count"].GetInt();
    merged.explored_states += doc["explored_states"].GetUint64();
    merged.cpu_seconds += doc["cpu_seconds"].GetDouble();
    all_exhausted = all_exhausted && doc["exhausted"].GetBool();
    const std::string verdict = doc["verdict"].GetString();
    if (verdict != "pass") {
      if (merged.verdict == "pass") merged.verdict = verdict;
      merged.violations.push_back(
          file + ": " + (doc.HasMember("violation") ? doc["violation"].GetString() : verdict));
    }
    if (doc.HasMember("fingerprints_file")) {
      std::filesystem::path path = doc["fingerprints_file"].GetString();
      if (path.is_relative() && !std::filesystem::exists(path)) {
        path = std::filesystem::path(file).parent_path() / path.filename();
      }
      auto part = read_fingerprints(path.string());
      all.insert(all.end(), part.begin(), part.end());
    } else {
      merged.distinct_states += doc["distinct_states"].GetUint64();
    }
  }
  std::sort(all.begin(), all.end());
  merged.distinct_states +=
      static_cast<std::uint64_t>(std::unique(all.begin(), all.end()) - all.begin());
  merged.complete = all_exhausted && count > 0 && static_cast<int>(indices.size()) == count &&
                    *indices.begin() == 1 && *indices.rbegin() == count;
  return merged;
}

std::string merged_json(const MergedModelResult& merged) {
  std::string out = "{\"kind\":\"rumor-model-merged\",\"shards\":" + std::to_string(merged.shards) +
                    ",\"distinct_states\":" + std::to_string(merged.distinct_states) +
                    ",\"explored_states\":" + std::to_string(merged.explored_states) +
                    ",\"complete\":" + (merged.complete ? "true" : "false") + ",\"verdict\":\"" +
                    merged.verdict +
                    "\",\"violations\":" + std::to_string(merged.violations.size()) + "}";
  return out;
}

}  // namespace rumor::replay::model
