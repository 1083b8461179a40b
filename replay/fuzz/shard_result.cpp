#include "replay/fuzz/shard_result.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cstdio>

#include "core/hex.hpp"
#include "replay/json_members.hpp"

namespace rumor::replay::fuzz {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_campaign(JsonWriter& w, const CampaignKey& campaign) {
  w.Key("options");
  w.StartObject();
  json::member(w, "seed_start", campaign.seed_start);
  json::member(w, "seeds", campaign.seeds);
  json::member(w, "nodes", campaign.nodes);
  json::member(w, "profile", campaign.profile);
  json::member(w, "keep_going", campaign.keep_going);
  w.EndObject();
}

void write_coverage(JsonWriter& w, const ShardResult& result) {
  w.Key("shard");
  w.StartObject();
  json::member(w, "index", result.shard_index);
  json::member(w, "count", result.shard_count);
  json::member(w, "split", "strided");
  w.EndObject();
  const std::uint64_t first =
      result.campaign.seed_start + static_cast<std::uint64_t>(result.shard_index - 1);
  const auto stride = static_cast<std::uint64_t>(result.shard_count);
  w.Key("seeds");
  w.StartObject();
  json::member(w, "first", first);
  json::member(w, "stride", stride);
  json::member(w, "planned", result.planned);
  w.Key("last_run");
  if (result.runs == 0) {
    w.Null();
  } else {
    w.Uint64(first + (result.runs - 1) * stride);
  }
  w.EndObject();
  json::member(w, "complete", result.runs == result.planned);
}

void write_failure(JsonWriter& w, const FailedRun& failure) {
  w.StartObject();
  json::member(w, "seed", failure.seed);
  json::member(w, "outcome", outcome_name(failure.outcome));
  json::member(w, "reason", failure.reason);
  json::member(w, "at_ms", failure.at_ms);
  json::member(w, "events", failure.events);
  json::member(w, "fingerprint", core::hex64(failure.fingerprint));
  w.EndObject();
}

void write_first_failure(JsonWriter& w, const std::optional<ShrunkSchedule>& schedule) {
  w.Key("first_failure");
  if (!schedule) {
    w.Null();
    return;
  }
  w.StartObject();
  json::member(w, "seed", schedule->seed);
  w.Key("schedule");
  w.StartObject();
  json::member(w, "path", schedule->path);
  json::member(w, "text", schedule->text);
  w.EndObject();
  w.EndObject();
}

// ---- reading ----

const rapidjson::Value& member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject())
    throw ResultError("expected an object holding \"" + std::string(name) + "\"");
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd()) throw ResultError("no \"" + std::string(name) + "\"");
  return found->value;
}

std::uint64_t read_u64(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsUint64()) throw ResultError("\"" + std::string(name) + "\" is not a count");
  return value.GetUint64();
}

std::int64_t read_i64(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsInt64()) throw ResultError("\"" + std::string(name) + "\" is not an integer");
  return value.GetInt64();
}

int read_int(const rapidjson::Value& object, const char* name, int min, int max) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsInt() || value.GetInt() < min || value.GetInt() > max) {
    throw ResultError("\"" + std::string(name) + "\" is not an integer in [" + std::to_string(min) +
                      ", " + std::to_string(max) + "]");
  }
  return value.GetInt();
}

double read_seconds(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsNumber() || value.GetDouble() < 0) {
    throw ResultError("\"" + std::string(name) + "\" is not a number of seconds");
  }
  return value.GetDouble();
}

std::string read_string(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsString()) throw ResultError("\"" + std::string(name) + "\" is not a string");
  return {value.GetString(), value.GetStringLength()};
}

bool read_bool(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = member(object, name);
  if (!value.IsBool()) throw ResultError("\"" + std::string(name) + "\" is not true or false");
  return value.GetBool();
}

std::uint64_t read_hex(const rapidjson::Value& object, const char* name) {
  const std::string text = read_string(object, name);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw ResultError("\"" + std::string(name) + "\" is not a hexadecimal 64-bit word");
  }
  return value;
}

Outcome read_outcome(const rapidjson::Value& object) {
  const std::string name = read_string(object, "outcome");
  for (const Outcome outcome : {Outcome::safety, Outcome::liveness}) {
    if (name == outcome_name(outcome)) return outcome;
  }
  throw ResultError("a failure's \"outcome\" is '" + name + "', not safety or liveness");
}

FailedRun read_failure(const rapidjson::Value& object) {
  return FailedRun{.seed = read_u64(object, "seed"),
                   .outcome = read_outcome(object),
                   .reason = read_string(object, "reason"),
                   .at_ms = read_i64(object, "at_ms"),
                   .events = read_u64(object, "events"),
                   .fingerprint = read_hex(object, "fingerprint")};
}

CampaignKey read_campaign(const rapidjson::Value& object) {
  return CampaignKey{.seed_start = read_u64(object, "seed_start"),
                     .seeds = read_u64(object, "seeds"),
                     .nodes = read_string(object, "nodes"),
                     .profile = read_string(object, "profile"),
                     .keep_going = read_bool(object, "keep_going")};
}

std::optional<ShrunkSchedule> read_first_failure(const rapidjson::Value& object) {
  const rapidjson::Value& value = member(object, "first_failure");
  if (value.IsNull()) return std::nullopt;
  const rapidjson::Value& schedule_json = member(value, "schedule");
  return ShrunkSchedule{.seed = read_u64(value, "seed"),
                        .path = read_string(schedule_json, "path"),
                        .text = read_string(schedule_json, "text")};
}

}  // namespace

Outcome worst_outcome(const std::vector<FailedRun>& failures) {
  Outcome worst = Outcome::pass;
  for (const FailedRun& failure : failures) {
    if (failure.outcome == Outcome::safety || worst == Outcome::pass) worst = failure.outcome;
  }
  return worst;
}

ShardResult shard_result(const CampaignOptions& options, const CampaignResult& result,
                         std::optional<ShrunkSchedule> first_failure) {
  ShardResult shard;
  const SwarmLimits& limits = options.limits;
  shard.campaign = CampaignKey{
      .seed_start = options.seed_start,
      .seeds = options.seeds,
      .nodes = std::to_string(limits.nodes_min) + ".." + std::to_string(limits.nodes_max),
      .profile = limits.profile.empty() ? "all" : limits.profile,
      .keep_going = options.keep_going};
  shard.shard_index = options.shard_index;
  shard.shard_count = options.shard_count;
  shard.planned = shard_seed_count(options);
  shard.runs = result.runs;
  shard.events = result.events;
  shard.digest = result.digest;
  for (const SeedFailure& failure : result.failures) {
    const Verdict& verdict = failure.verdict;
    shard.failures.push_back(FailedRun{failure.seed, verdict.outcome, verdict.reason, verdict.at_ms,
                                       verdict.events, verdict.fingerprint});
  }
  shard.first_failure = std::move(first_failure);
  shard.wall_s = result.seconds;
  shard.cpu_s = result.cpu_seconds;
  shard.jobs = options.jobs;
  return shard;
}

std::string to_json(const ShardResult& result) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  json::member(w, "kind", fuzz_result_kind);
  json::member(w, "version", fuzz_result_version);
  write_campaign(w, result.campaign);
  write_coverage(w, result);
  json::member(w, "runs", result.runs);
  json::member(w, "events", result.events);
  json::member(w, "digest", core::hex64(result.digest));
  w.Key("failures");
  w.StartArray();
  for (const FailedRun& failure : result.failures) write_failure(w, failure);
  w.EndArray();
  write_first_failure(w, result.first_failure);
  json::member(w, "wall_s", result.wall_s);
  json::member(w, "cpu_s", result.cpu_s);
  json::member(w, "jobs", result.jobs);
  json::member(w, "exit", exit_code(worst_outcome(result.failures)));
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

ShardResult parse_shard_result(const rapidjson::Value& object) {
  ShardResult result;
  const int version = read_int(object, "version", 0, 1'000'000);
  if (version != fuzz_result_version) {
    throw ResultError("version " + std::to_string(version) + "; this rumor reads version " +
                      std::to_string(fuzz_result_version));
  }
  result.campaign = read_campaign(member(object, "options"));
  const rapidjson::Value& shard = member(object, "shard");
  result.shard_count = read_int(shard, "count", 1, 65536);
  result.shard_index = read_int(shard, "index", 1, result.shard_count);
  if (read_string(shard, "split") != "strided") throw ResultError("\"split\" is not strided");
  result.planned = read_u64(member(object, "seeds"), "planned");
  result.runs = read_u64(object, "runs");
  result.events = read_u64(object, "events");
  result.digest = read_hex(object, "digest");
  const rapidjson::Value& failures = member(object, "failures");
  if (!failures.IsArray()) throw ResultError("\"failures\" is not an array");
  for (const rapidjson::Value& failure : failures.GetArray()) {
    result.failures.push_back(read_failure(failure));
  }
  result.first_failure = read_first_failure(object);
  result.wall_s = read_seconds(object, "wall_s");
  result.cpu_s = read_seconds(object, "cpu_s");
  result.jobs = read_int(object, "jobs", 1, 256);
  return result;
}

bool seed_in_shard(const CampaignKey& campaign, int index, int count, std::uint64_t seed) {
  if (seed < campaign.seed_start || seed - campaign.seed_start >= campaign.seeds) return false;
  return (seed - campaign.seed_start) % static_cast<std::uint64_t>(count) ==
         static_cast<std::uint64_t>(index - 1);
}

}  // namespace rumor::replay::fuzz
