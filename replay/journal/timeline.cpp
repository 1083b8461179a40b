#include "replay/journal/timeline.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

namespace rumor::replay::journal {
namespace {

constexpr double kWidth = 960, kLeft = 90, kRight = 20, kTop = 24, kLane = 46;
constexpr const char* kLaneNames[] = {"ok", "lost", "never-read"};

constexpr const char* kStyle = R"CSS(
body { font: 13px sans-serif; margin: 12px; color: #222; }
h1 { font-size: 16px; margin: 0 0 8px; } h2 { font-size: 14px; margin: 16px 0 6px; }
svg text { font: 11px sans-serif; }
.partition { fill: #F5E6C8; opacity: 0.8; }
.tick { stroke-width: 2; } .tick.ok { stroke: #8FBC8F; } .tick.lost { stroke: #D62728; }
.tick.never-read { stroke: #FF8C00; } a:hover .tick { stroke-width: 5; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; border-bottom: 1px solid #ddd;
  text-align: left; vertical-align: top; }
#rendered { font-family: monospace; color: #555; }
)CSS";

// Counts the ticks the browser actually laid out, so a test can compare them with the checker.
constexpr const char* kScript = R"JS(
(function () {
  var lanes = ["ok", "lost", "never-read"], parts = [];
  lanes.forEach(function (lane) {
    parts.push(lane + " " + document.querySelectorAll("svg .tick." + lane).length);
  });
  document.getElementById("rendered").textContent = "rendered ticks: " + parts.join(", ");
})();
)JS";

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

struct Scale {
  double end_ms;
  double x(double ms) const {
    return kLeft + (kWidth - kLeft - kRight) * (end_ms > 0 ? std::clamp(ms / end_ms, 0.0, 1.0) : 0);
  }
};

void write_axes(std::ostream& out, const RunDiagnosis& run, const Scale& scale, double height) {
  for (const SpanMs& p : run.model.partitions) {
    out << "<rect class=\"partition\" x=\"" << number(scale.x(p.from_ms)) << "\" y=\"" << kTop
        << "\" width=\"" << number(std::max(1.0, scale.x(p.to_ms) - scale.x(p.from_ms)))
        << "\" height=\"" << number(3 * kLane) << "\"><title>partition " << number(p.from_ms)
        << " to " << number(p.to_ms) << " ms</title></rect>\n";
  }
  for (int lane = 0; lane < 3; ++lane) {
    out << "<text x=\"4\" y=\"" << number(kTop + kLane * lane + kLane / 2 + 4) << "\">"
        << kLaneNames[lane] << "</text>\n";
  }
  for (int step = 0; step <= 10; ++step) {
    const double ms = scale.end_ms * step / 10;
    out << "<text x=\"" << number(scale.x(ms) - 10) << "\" y=\"" << number(height - 6) << "\">"
        << number(ms / 1000) << " s</text>\n";
  }
}

std::string value_href(const std::optional<std::string>& diagram_href, std::int64_t value) {
  return diagram_href ? html_escape(*diagram_href) + "#value=" + std::to_string(value) : "";
}

void write_ticks(std::ostream& out, const RunDiagnosis& run, const Scale& scale,
                 const std::optional<std::string>& diagram_href) {
  std::map<std::int64_t, const ValueDiagnosis*> failed;
  for (const ValueDiagnosis& v : run.diagnosis.values) failed[v.value] = &v;
  std::set<std::int64_t> drawn;
  for (const ClientBroadcast& b : run.model.broadcasts) {
    if (!drawn.insert(b.value).second) continue;
    const auto found = failed.find(b.value);
    const ValueDiagnosis* v = found == failed.end() ? nullptr : found->second;
    const int lane = !v ? 0 : v->outcome == Outcome::lost ? 1 : 2;
    const double x = scale.x(b.sent_ms), y = kTop + kLane * lane;
    std::string title = "value " + std::to_string(b.value) + " entered at " + number(b.sent_ms) +
                        " ms via " + b.node;
    if (v) title += ": " + std::string(cause_name(v->cause)) + " — " + v->why;
    const std::string href = v ? value_href(diagram_href, b.value) : "";
    if (!href.empty()) out << "<a href=\"" << href << "\">";
    out << "<line class=\"tick " << kLaneNames[lane] << "\" x1=\"" << number(x) << "\" x2=\""
        << number(x) << "\" y1=\"" << number(y + 6) << "\" y2=\"" << number(y + kLane - 6)
        << "\"><title>" << html_escape(title) << "</title></line>";
    out << (href.empty() ? "\n" : "</a>\n");
  }
}

std::string lacking_text(const ValueDiagnosis& v) {
  std::string text;
  for (const Lack& l : v.lacking) text += (text.empty() ? "" : ", ") + l.node;
  return text.empty() ? "none" : html_escape(text);
}

void write_table(std::ostream& out, const RunDiagnosis& run,
                 const std::optional<std::string>& diagram_href) {
  out << "<h2>Causes</h2>\n<table id=\"causes\"><tr><th>count</th><th>cause</th><th>meaning</th>"
      << "</tr>\n";
  for (const auto& [cause, count] : run.diagnosis.counts) {
    out << "<tr><td id=\"cause-" << cause_name(cause) << "\">" << count << "</td><td>"
        << cause_name(cause) << "</td><td>" << html_escape(cause_sentence(cause)) << "</td></tr>\n";
  }
  out << "</table>\n<h2>Every lost and never-read value</h2>\n<table id=\"values\">"
      << "<tr><th>value</th><th>outcome</th><th>cause</th><th>entered</th><th>lacking at the end"
      << "</th><th>why</th></tr>\n";
  for (const ValueDiagnosis& v : run.diagnosis.values) {
    const std::string href = value_href(diagram_href, v.value);
    out << "<tr><td>"
        << (href.empty() ? std::to_string(v.value)
                         : "<a href=\"" + href + "\">" + std::to_string(v.value) + "</a>")
        << "</td><td>" << (v.outcome == Outcome::lost ? "lost" : "never-read") << "</td><td>"
        << cause_name(v.cause) << "</td><td>"
        << (v.entry ? html_escape(v.entry->client + " \u2192 " + v.entry->node + " at " +
                                  number(v.entry->sent_ms) + " ms")
                    : std::string("not recorded"))
        << "</td><td>" << lacking_text(v) << "</td><td>" << html_escape(v.why) << "</td></tr>\n";
  }
  out << "</table>\n";
}

}  // namespace

TimelineCounts timeline_counts(const RunDiagnosis& run) {
  TimelineCounts counts;
  for (const ValueDiagnosis& v : run.diagnosis.values) {
    ++(v.outcome == Outcome::lost ? counts.lost : counts.never_read);
  }
  std::set<std::int64_t> values;
  for (const ClientBroadcast& b : run.model.broadcasts) values.insert(b.value);
  counts.ok = std::ssize(values) - counts.lost - counts.never_read;
  return counts;
}

void write_timeline_html(std::ostream& out, const RunDiagnosis& run,
                         const std::optional<std::string>& diagram_href) {
  const std::string title = html_escape(run.header.run_dir);
  const TimelineCounts counts = timeline_counts(run);
  const double height = kTop + 3 * kLane + 24;
  const Scale scale{std::max(run.model.end_ms, 1.0)};
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>rumor report: " << title << "</title>\n<style>" << kStyle << "</style>\n"
      << "</head>\n<body>\n<h1>Broadcast values: " << title << "</h1>\n<p id=\"counts\">"
      << "<span id=\"count-ok\">" << counts.ok << "</span> ok, <span id=\"count-lost\">"
      << counts.lost << "</span> lost, <span id=\"count-never-read\">" << counts.never_read
      << "</span> never read (verdict from "
      << (run.header.recomputed ? "the checker over history.edn" : "results.edn") << "; from "
      << source_name(run.model.source) << ")</p>\n<p>Each tick is a broadcast value at the time "
      << "its client sent it (ms since the first "
      << (run.model.source == ModelSource::history ? "history op" : "journal event")
      << "); partitions shaded; hover for the cause"
      << (diagram_href ? ", click a lost value for its path in the Lamport diagram" : "")
      << ".</p>\n<svg width=\"" << kWidth << "\" height=\"" << number(height) << "\">\n";
  write_axes(out, run, scale, height);
  write_ticks(out, run, scale, diagram_href);
  out << "</svg>\n<div id=\"rendered\">not rendered</div>\n";
  write_table(out, run, diagram_href);
  out << "<script>" << kScript << "</script>\n</body>\n</html>\n";
}

std::string sibling_diagram_path(const std::string& report_path) {
  return (std::filesystem::path(report_path).parent_path() / "diagram.html").string();
}

void write_timeline(const std::string& path, const std::optional<RunDiagnosis>& run,
                    const std::optional<std::string>& diagram_path) {
  if (!run) throw std::runtime_error("--report needs the run's history.edn");
  std::optional<std::string> href;
  if (diagram_path) {
    const auto folder = std::filesystem::absolute(path).parent_path();
    href = std::filesystem::absolute(*diagram_path).lexically_relative(folder).string();
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error(path + ": cannot write the report");
  write_timeline_html(out, *run, href);
  out.close();
  if (!out) throw std::runtime_error(path + ": error while writing the report");
}

}  // namespace rumor::replay::journal
