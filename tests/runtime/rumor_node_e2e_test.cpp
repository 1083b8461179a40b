// rumor-node as Maelstrom sees it: a real process on real pipes, a scripted session, and every
// stdout line checked against the protocol rules of Maelstrom's doc/protocol.md and its errors,
// doc/workloads.md, broadcast.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/runtime/child_process.hpp"
#include "tests/runtime/test_support.hpp"

namespace rumor::testing {
namespace {

using namespace std::chrono_literals;

std::string rumor_node_path() { return env_or("RUMOR_NODE", "rumor-node"); }

// Joins pieces by appending (g++ 12 warns falsely on `"literal" + std::string` temporaries).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string joined;
  (joined.append(std::string_view(parts)), ...);
  return joined;
}

std::set<std::string> keys_of(const rapidjson::Value& object) {
  std::set<std::string> keys;
  for (const auto& entry : object.GetObject()) keys.insert(entry.name.GetString());
  return keys;
}

std::string to_json_array(const std::vector<std::int64_t>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(values[i]);
  }
  return text + "]";
}

// What a request expects back: the reply type, and for errors the code, for reads the set.
struct Expectation {
  std::string reply_type;
  int error_code = 0;
  std::multiset<std::int64_t> read_values;
};

// A Maelstrom session written as lines, remembering what each request should get back.
class Session {
 public:
  explicit Session(std::vector<std::string> node_ids) : node_ids_(std::move(node_ids)) {}

  void request(const std::string& client, const std::string& body_fields, Expectation expected) {
    const std::int64_t msg_id = ++msg_ids_[client];
    line(client, concat("{", body_fields, ",\"msg_id\":", std::to_string(msg_id), "}"));
    expectations_[{client, msg_id}] = std::move(expected);
  }
  void line(const std::string& src, const std::string& body) {
    raw(concat("{\"id\":", std::to_string(next_network_id_++), ",\"src\":\"", src,
               "\",\"dest\":\"n0\",\"body\":", body, "}"));
  }
  void raw(const std::string& text) { input_ += text + "\n"; }

  const std::string& input() const { return input_; }
  const std::vector<std::string>& node_ids() const { return node_ids_; }
  const std::map<std::pair<std::string, std::int64_t>, Expectation>& expectations() const {
    return expectations_;
  }

 private:
  std::vector<std::string> node_ids_;
  std::string input_;
  std::int64_t next_network_id_ = 0;
  std::map<std::string, std::int64_t> msg_ids_;
  std::map<std::pair<std::string, std::int64_t>, Expectation> expectations_;
};

// What the node sent to its peers, by peer.
using GossipValues = std::map<std::string, std::multiset<std::int64_t>>;

void check_reply(const rapidjson::Value& body, const Expectation& expected,
                 const std::string& line) {
  const std::string type = body["type"].GetString();
  EXPECT_EQ(type, expected.reply_type) << line;
  std::set<std::string> allowed{"type", "in_reply_to", "msg_id"};
  if (type == "read_ok") allowed.insert("messages");
  if (type == "error") allowed.insert({"code", "text"});
  for (const std::string& key : keys_of(body))
    EXPECT_TRUE(allowed.count(key)) << key << " in " << line;
  if (body.HasMember("msg_id")) {
    EXPECT_TRUE(body["msg_id"].IsInt64()) << line;
  }
  if (type == "error") {
    ASSERT_TRUE(body.HasMember("code") && body["code"].IsInt()) << line;
    EXPECT_EQ(body["code"].GetInt(), expected.error_code) << line;
  }
  if (type == "read_ok") {
    ASSERT_TRUE(body.HasMember("messages") && body["messages"].IsArray()) << line;
    std::multiset<std::int64_t> values;
    for (const auto& value : body["messages"].GetArray()) {
      ASSERT_TRUE(value.IsInt64()) << line;
      values.insert(value.GetInt64());
    }
    EXPECT_EQ(values, expected.read_values) << line;
  }
}

void check_gossip(const rapidjson::Value& body, const std::string& dest, GossipValues& sent,
                  const std::string& line) {
  const std::string type = body["type"].GetString();
  EXPECT_EQ(type, body.HasMember("v") ? "gossip" : "ack") << line;
  for (const std::string& key : keys_of(body)) {
    EXPECT_TRUE((std::set<std::string>{"type", "o", "v", "a"}.count(key))) << key << " in " << line;
  }
  if (body.HasMember("v")) {
    ASSERT_TRUE(body["v"].IsArray()) << line;
    for (const auto& value : body["v"].GetArray()) sent[dest].insert(value.GetInt64());
  }
}

// Checks every stdout line against the protocol; collects the values gossiped to each peer.
void check_output(const Session& session, const std::string& stdout_text, GossipValues& gossiped) {
  std::map<std::pair<std::string, std::int64_t>, int> replies;
  const std::set<std::string> node_ids(session.node_ids().begin(), session.node_ids().end());
  for (const std::string& line : lines_of(stdout_text)) {
    rapidjson::Document document;
    document.Parse(line.c_str());
    EXPECT_FALSE(document.HasParseError()) << "not JSON: " << line;
    if (document.HasParseError() || !document.IsObject()) continue;
    EXPECT_EQ(keys_of(document), (std::set<std::string>{"src", "dest", "body"})) << line;
    ASSERT_TRUE(document["src"].IsString() && document["dest"].IsString()) << line;
    ASSERT_TRUE(document["body"].IsObject() && document["body"]["type"].IsString()) << line;
    EXPECT_EQ(std::string(document["src"].GetString()), "n0") << line;
    const std::string dest = document["dest"].GetString();
    const rapidjson::Value& body = document["body"];
    if (node_ids.count(dest)) {
      EXPECT_NE(dest, "n0") << "sent to itself: " << line;
      check_gossip(body, dest, gossiped, line);
      continue;
    }
    ASSERT_TRUE(body.HasMember("in_reply_to") && body["in_reply_to"].IsInt64())
        << "a message to a client must be a reply with an integer in_reply_to: " << line;
    const std::pair<std::string, std::int64_t> request{dest, body["in_reply_to"].GetInt64()};
    auto expected = session.expectations().find(request);
    ASSERT_NE(expected, session.expectations().end()) << "reply to no request: " << line;
    ++replies[request];
    check_reply(body, expected->second, line);
  }
  for (const auto& [request, expected] : session.expectations()) {
    EXPECT_EQ(replies[request], 1) << "replies to " << request.first << " msg_id " << request.second
                                   << " (" << expected.reply_type << ")";
  }
}

GossipValues check_output(const Session& session, const std::string& stdout_text) {
  GossipValues gossiped;
  check_output(session, stdout_text, gossiped);
  return gossiped;
}

Expectation ok(const std::string& type) { return Expectation{type, 0, {}}; }
Expectation error(int code) { return Expectation{"error", code, {}}; }
Expectation read_of(std::multiset<std::int64_t> values) {
  return Expectation{"read_ok", 0, std::move(values)};
}

// Whether a complete stdout line so far is gossip to n1 whose values include 12.
bool gossip_to_n1_holds_12(std::string_view out) {
  std::istringstream lines{std::string(out.substr(0, out.rfind('\n') + 1))};
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("dest") || doc["dest"] != "n1" ||
        !doc.HasMember("body") || !doc["body"].IsObject()) {
      continue;
    }
    const auto& body = doc["body"];
    if (!body.HasMember("v") || !body["v"].IsArray()) continue;
    for (const auto& value : body["v"].GetArray()) {
      if (value.IsInt64() && value.GetInt64() == 12) return true;
    }
  }
  return false;
}

TEST(RumorNodeE2E, ScriptedMaelstromSessionFollowsTheProtocol) {
  Session session({"n0", "n1"});
  session.request("c9", R"("type":"broadcast","message":77)", error(11));  // before init
  session.request("c0", R"("type":"init","node_id":"n0","node_ids":["n0","n1"])", ok("init_ok"));
  session.request("c2", R"("type":"topology","topology":{"n0":["n1"],"n1":["n0"]})",
                  ok("topology_ok"));
  std::multiset<std::int64_t> from_clients;
  for (std::int64_t value = 0; value < 10; ++value) {
    session.request("c4", concat(R"("type":"broadcast","message":)", std::to_string(value)),
                    ok("broadcast_ok"));
    from_clients.insert(value);
  }
  session.request("c5", R"("type":"broadcast","message":3)", ok("broadcast_ok"));  // duplicate
  session.request("c4", R"("type":"read")", read_of(from_clients));
  session.raw("this is not json");
  session.raw(R"({"hello":"world"})");
  session.raw(R"([1,2,3])");
  session.request("c6", R"("type":"cas","key":1,"from":2,"to":3)", error(10));
  session.request("c6", R"("type":"broadcast","message":"3")", error(12));
  session.request("c6", R"("type":"broadcast","message":3.0)", error(12));
  session.line("n1", R"({"type":"gossip","o":0,"v":[100,101]})");
  session.line("n1", R"({"type":"gossip","o":0,"v":[100,101]})");  // resent: no duplicates
  std::multiset<std::int64_t> all = from_clients;
  all.insert({100, 101});
  session.request("c7", R"("type":"read")", read_of(all));
  session.request("c7", R"("type":"broadcast","message":12)", ok("broadcast_ok"));
  all.insert(12);
  session.request("c4", R"("type":"read")", read_of(all));

  // Stdin stays open until the hub's batch to n1 holds 12, the last client value (a retransmit
  // would come only retransmit_ms after the first batch), then EOF ends the node.
  const ChildResult result = run_child(ChildRun{
      .program = rumor_node_path(),
      .args = {"default"},
      .input = session.input(),
      .linger = 0ms,
      .deadline = 10000ms,
      .close_stdin_when = [](std::string_view out) { return gossip_to_n1_holds_12(out); }});
  ASSERT_FALSE(result.timed_out) << "rumor-node did not exit after EOF\n" << result.stderr_text;
  EXPECT_EQ(result.exit_code, 0) << result.stderr_text;
  const GossipValues gossiped = check_output(session, result.stdout_text);

  // Only n1 is a peer; it must have been sent every client value once and nothing it sent us.
  EXPECT_EQ(gossiped.size(), 1u);
  std::multiset<std::int64_t> expected_to_n1 = from_clients;
  expected_to_n1.insert(12);
  EXPECT_EQ(gossiped.count("n1") ? gossiped.at("n1") : std::multiset<std::int64_t>{},
            expected_to_n1);
  // Junk lines are reported on stderr, and stderr only.
  EXPECT_NE(result.stderr_text.find("this is not json"), std::string::npos) << result.stderr_text;
  EXPECT_NE(result.stderr_text.find("{\"hello\":\"world\"}"), std::string::npos);
}

TEST(RumorNodeE2E, ManyBroadcastsInOneBatchAreAllReadBack) {
  Session session({"n0"});
  session.request("c0", R"("type":"init","node_id":"n0","node_ids":["n0"])", ok("init_ok"));
  session.request("c1", R"("type":"topology","topology":{"n0":[]})", ok("topology_ok"));
  std::multiset<std::int64_t> values;
  for (std::int64_t value = 0; value < 5000; ++value) {
    session.request("c2", concat(R"("type":"broadcast","message":)", std::to_string(value * 7)),
                    ok("broadcast_ok"));
    values.insert(value * 7);
  }
  session.request("c3", R"("type":"read")", read_of(values));
  const ChildResult result = run_child({rumor_node_path(), {}, session.input(), 0ms, 20000ms});
  ASSERT_FALSE(result.timed_out) << result.stderr_text;
  EXPECT_EQ(result.exit_code, 0) << result.stderr_text;
  EXPECT_TRUE(check_output(session, result.stdout_text).empty());
}

TEST(RumorNodeE2E, LastLineWithoutNewlineIsStillHandled) {
  const std::string input =
      R"({"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0"],"msg_id":1}})";
  const ChildResult result = run_child({rumor_node_path(), {}, input, 0ms, 10000ms});
  ASSERT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.stdout_text,
            "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}\n");
}

TEST(RumorNodeE2E, ExitsAtOnceOnEmptyInput) {
  const ChildResult result = run_child({rumor_node_path(), {}, "", 0ms, 5000ms});
  ASSERT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.stdout_text, "");
}

TEST(RumorNodeE2E, HelpPrintsUsageAndProfiles) {
  const ChildResult result = run_child({rumor_node_path(), {"--help"}, "", 0ms, 5000ms});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.stdout_text.find("usage: rumor-node"), std::string::npos);
  EXPECT_NE(result.stdout_text.find("default"), std::string::npos);
}

TEST(RumorNodeE2E, UnknownProfileIsAUsageError) {
  const ChildResult result = run_child({rumor_node_path(), {"no-such-profile"}, "", 0ms, 5000ms});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.stdout_text, "");
  EXPECT_NE(result.stderr_text.find("unknown profile no-such-profile"), std::string::npos);
  EXPECT_NE(result.stderr_text.find("default"), std::string::npos);
}

TEST(RumorNodeE2E, ReadValuesAreIntegersInTheExactBroadcastSet) {
  // Large and negative values must come back as the same JSON integers.
  Session session({"n0"});
  session.request("c0", R"("type":"init","node_id":"n0","node_ids":["n0"])", ok("init_ok"));
  const std::vector<std::int64_t> values{9223372036854775807LL, -5, 0};
  for (std::int64_t value : values) {
    session.request("c1", concat(R"("type":"broadcast","message":)", std::to_string(value)),
                    ok("broadcast_ok"));
  }
  session.request("c1", R"("type":"read")", read_of({values.begin(), values.end()}));
  const ChildResult result = run_child({rumor_node_path(), {}, session.input(), 0ms, 10000ms});
  EXPECT_EQ(result.exit_code, 0);
  check_output(session, result.stdout_text);
  EXPECT_NE(result.stdout_text.find(to_json_array(values)), std::string::npos)
      << result.stdout_text;
}

}  // namespace
}  // namespace rumor::testing
