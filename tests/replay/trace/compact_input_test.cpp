// Trace format v2's compact input lines (runtime/trace_format.hpp): whatever lines and times a
// node receives, InputWriter's lines read back through LineReader give the same lines and times,
// and v1 traces still read.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "replay/trace/node_trace.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::replay::trace {
namespace {

namespace format = runtime::trace;

struct Received {
  std::int64_t now_ms = 0;
  std::string line;  // empty: a tick
};

// Reads `log` back; every input as (time, line), a tick with an empty line.
std::vector<Received> read_back(const std::string& log) {
  format::LineReader reader;
  std::vector<Received> inputs;
  std::size_t begin = 0;
  while (begin < log.size()) {
    const std::size_t end = log.find('\n', begin);
    const format::Line line = reader.parse(std::string_view(log).substr(begin, end - begin));
    begin = end + 1;
    if (const auto* in = std::get_if<format::In>(&line)) {
      inputs.push_back({in->now_ms, std::string(in->line)});
    } else if (const auto* tick = std::get_if<format::TickIn>(&line)) {
      inputs.push_back({tick->now_ms, ""});
    } else {
      throw std::runtime_error("not an input line: " + log.substr(begin, end - begin));
    }
  }
  return inputs;
}

std::string envelope(const std::string& id, const std::string& src, const std::string& dest,
                     const std::string& body) {
  return "{\"id\":" + id + ",\"src\":\"" + src + "\",\"dest\":\"" + dest + "\",\"body\":" + body +
         "}";
}

TEST(CompactInput, MaelstromLinesAreShortAndReadBackExactly) {
  const std::vector<Received> inputs = {
      {1000,
       envelope("0", "c0", "n0", R"({"type":"init","node_id":"n0","node_ids":["n0"],"msg_id":1})")},
      {1004, envelope("17", "n3", "n0", R"({"type":"gossip","o":5,"v":[6,7],"a":1})")},
      {1004, ""},
      {990, envelope("18", "c4", "n0", R"({"type":"read"})")},
      {995, "not JSON at all"},
      {996, envelope("019", "c4", "n0", R"({"type":"read"})")},  // id not canonical: verbatim
      {997, envelope("20", "c 4", "n0", R"({"type":"read"})")},  // src not a token: verbatim
  };
  format::InputWriter writer;
  std::string log;
  for (const Received& input : inputs) {
    if (input.line.empty()) {
      writer.append_tick(log, input.now_ms);
    } else {
      writer.append_in(log, input.now_ms, input.line);
    }
  }
  EXPECT_EQ(log,
            "#i 1000 0 c0 n0 init ,\"node_id\":\"n0\",\"node_ids\":[\"n0\"],\"msg_id\":1}\n"
            "#i 4 17 n3 = gossip ,\"o\":5,\"v\":[6,7],\"a\":1}\n"
            "#tick 1004\n"
            "#i -14 18 c4 = read }\n"
            "#in 995 not JSON at all\n"
            "#in 996 " +
                inputs[5].line +
                "\n"
                "#in 997 " +
                inputs[6].line + "\n");
  const std::vector<Received> back = read_back(log);
  ASSERT_EQ(back.size(), inputs.size());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    EXPECT_EQ(back[k].now_ms, inputs[k].now_ms) << k;
    EXPECT_EQ(back[k].line, inputs[k].line) << k;
  }
}

TEST(CompactInput, FullCaptureWritesInputsVerbatim) {
  format::InputWriter writer(false);
  std::string log;
  const std::string line = envelope("1", "c0", "n0", R"({"type":"read"})");
  writer.append_in(log, 5, line);
  EXPECT_EQ(log, "#in 5 " + line + "\n");
}

TEST(CompactInput, ACompactLineNeedsTheLinesBeforeIt) {
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(format::parse_line("#i 4 17 n3 n0 read }")));
  format::LineReader reader;
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(reader.parse("#i 4 17 n3 = read }")));
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(reader.parse("#i x 17 n3 n0 read }")));
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(reader.parse("#i 4 17 n3 n0 read")));
  EXPECT_TRUE(std::holds_alternative<format::In>(reader.parse("#i 4 17 n3 n0 read }")));
  EXPECT_TRUE(std::holds_alternative<format::BadLine>(
      reader.parse("#i 9223372036854775807 18 n3 = read }")));  // 4 + that overflows
  EXPECT_TRUE(std::holds_alternative<format::In>(reader.parse("#i 1 18 n3 = read }")));
}

TEST(CompactInput, VersionOneTracesStillRead) {
  const std::string v1 =
      "#rumor-trace v1 rumor-node 0.1.0 profile=default args=[\"default\"]\n"
      "#in 10 {\"id\":1,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"read\",\"msg_id\":1}}\n"
      "#tick 20\n";
  const auto trace = parse_node_trace(v1, "n0");
  ASSERT_TRUE(trace.has_value());
  ASSERT_EQ(trace->inputs.size(), 2u);
  EXPECT_EQ(trace->inputs[0].now_ms, 10);
  EXPECT_EQ(trace->header.args, std::vector<std::string>{"default"});
}

// A token as Maelstrom's ids are, or sometimes something the compact form must not take.
rc::Gen<std::string> field() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("n0", "n1", "c12", "n0", "=", "", "a b", "q\"x"),
      rc::gen::container<std::string>(rc::gen::element('a', 'n', '1', '_', ' ', '"', '=')));
}

RC_GTEST_PROP(CompactInputProperty, EveryInputReadsBackExactly, ()) {
  const auto count = *rc::gen::inRange(0, 30);
  std::vector<Received> inputs;
  std::int64_t now_ms = *rc::gen::element<std::int64_t>(0, 1'796'011'704'875, -5);
  format::InputWriter writer;
  std::string log;
  for (int k = 0; k < count; ++k) {
    now_ms += *rc::gen::element<std::int64_t>(0, 1, 300, -2, 10'000'000);
    if (*rc::gen::inRange(0, 6) == 0) {
      writer.append_tick(log, now_ms);
      inputs.push_back({now_ms, ""});
      continue;
    }
    const std::string id = *rc::gen::element<std::string>("0", "7", "123456", "01", "-1", "");
    const std::string body = "{\"type\":\"" + *field() + "\"" +
                             *rc::gen::element<std::string>("}", ",\"v\":[1, 2]}", "", " }}");
    std::string line = envelope(id, *field(), *field(), body);
    if (*rc::gen::inRange(0, 8) == 0)
      line = *rc::gen::container<std::string>(rc::gen::element('{', '}', 'x', ' ', '"'));
    if (line.empty()) line = "x";  // the runtime never records a blank line
    writer.append_in(log, now_ms, line);
    inputs.push_back({now_ms, line});
  }
  const std::vector<Received> back = read_back(log);
  RC_ASSERT(back.size() == inputs.size());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    RC_ASSERT(back[k].now_ms == inputs[k].now_ms);
    RC_ASSERT(back[k].line == inputs[k].line);
  }
}

}  // namespace
}  // namespace rumor::replay::trace
