#include "replay/sim/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace rumor::replay::sim {
namespace {

constexpr double kWidth = 900, kHeight = 420, kLeft = 70, kRight = 190, kTop = 36, kBottom = 46;

std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string label(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

struct Frame {
  double x_min, x_max, y_min, y_max;
  bool log_y;

  double x(double v) const {
    return kLeft + (kWidth - kLeft - kRight) * (v - x_min) / std::max(x_max - x_min, 1e-9);
  }
  double y(double v) const {
    const double t = log_y ? (std::log10(std::max(v, y_min)) - std::log10(y_min)) /
                                 std::max(std::log10(y_max) - std::log10(y_min), 1e-9)
                           : (v - y_min) / std::max(y_max - y_min, 1e-9);
    return kHeight - kBottom - (kHeight - kTop - kBottom) * std::clamp(t, 0.0, 1.0);
  }
};

Frame frame_of(const Plot& plot) {
  double x_max = 1, y_max = 1, y_min_positive = std::numeric_limits<double>::max();
  for (const PlotSeries& s : plot.series) {
    for (const PlotPoint& p : s.points) {
      x_max = std::max(x_max, p.x);
      y_max = std::max(y_max, p.y);
      if (p.y > 0) y_min_positive = std::min(y_min_positive, p.y);
    }
  }
  for (const PlotSpan& span : plot.shaded) x_max = std::max(x_max, span.to);
  if (!plot.log_y) return Frame{0, x_max, 0, y_max * 1.05, false};
  const double floor = std::pow(10, std::floor(std::log10(std::min(y_min_positive, y_max))));
  return Frame{0, x_max, floor, std::pow(10, std::ceil(std::log10(y_max * 1.01))), true};
}

void axes(std::string& out, const Plot& plot, const Frame& f) {
  const double bottom = kHeight - kBottom, right = kWidth - kRight;
  out += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(bottom) + "\" x2=\"" + num(right) +
         "\" y2=\"" + num(bottom) + "\" stroke=\"#444\"/>\n<line x1=\"" + num(kLeft) + "\" y1=\"" +
         num(kTop) + "\" x2=\"" + num(kLeft) + "\" y2=\"" + num(bottom) + "\" stroke=\"#444\"/>\n";
  for (int i = 0; i <= 10; ++i) {
    const double v = f.x_min + (f.x_max - f.x_min) * i / 10;
    out += "<text x=\"" + num(f.x(v)) + "\" y=\"" + num(bottom + 14) +
           "\" text-anchor=\"middle\">" + label(std::round(v * 10) / 10) + "</text>\n";
  }
  std::vector<double> ticks;
  if (f.log_y) {
    for (double v = f.y_min; v <= f.y_max * 1.001; v *= 10) ticks.push_back(v);
  } else {
    for (int i = 0; i <= 5; ++i) ticks.push_back(f.y_min + (f.y_max - f.y_min) * i / 5);
  }
  for (double v : ticks) {
    out += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(right) + "\" y1=\"" + num(f.y(v)) +
           "\" y2=\"" + num(f.y(v)) + "\" stroke=\"#eee\"/>\n<text x=\"" + num(kLeft - 4) +
           "\" y=\"" + num(f.y(v) + 4) + "\" text-anchor=\"end\">" +
           label(std::round(v * 100) / 100) + "</text>\n";
  }
  out += "<text x=\"" + num((kLeft + right) / 2) + "\" y=\"" + num(kHeight - 8) +
         "\" text-anchor=\"middle\">" + escaped(plot.x_label) + "</text>\n<text x=\"14\" y=\"" +
         num((kTop + bottom) / 2) + "\" transform=\"rotate(-90 14 " + num((kTop + bottom) / 2) +
         ")\" text-anchor=\"middle\">" + escaped(plot.y_label) + "</text>\n";
}

void series(std::string& out, const PlotSeries& s, const Frame& f, std::size_t index) {
  out += "<g class=\"series\" data-name=\"" + escaped(s.name) + "\" data-points=\"" +
         std::to_string(s.points.size()) + "\">";
  if (s.lines && !s.points.empty()) {
    out += "<polyline fill=\"none\" stroke=\"" + s.color + "\" stroke-width=\"1.5\"" +
           (s.dashed ? " stroke-dasharray=\"5 3\"" : "") + " points=\"";
    for (const PlotPoint& p : s.points) out += num(f.x(p.x)) + "," + num(f.y(p.y)) + " ";
    out += "\"/>";
  } else {
    for (const PlotPoint& p : s.points) {
      out += "<circle cx=\"" + num(f.x(p.x)) + "\" cy=\"" + num(f.y(p.y)) + "\" r=\"1.6\" fill=\"" +
             s.color + "\"/>";
    }
  }
  out += "</g>\n";
  const double y = kTop + 14 * static_cast<double>(index);
  out += "<rect x=\"" + num(kWidth - kRight + 12) + "\" y=\"" + num(y - 8) +
         "\" width=\"10\" height=\"10\" fill=\"" + s.color + "\"/><text x=\"" +
         num(kWidth - kRight + 26) + "\" y=\"" + num(y + 1) + "\">" + escaped(s.name) + " (" +
         std::to_string(s.points.size()) + ")</text>\n";
}

}  // namespace

std::string plot_svg(const Plot& plot) {
  const Frame f = frame_of(plot);
  std::string out;
  out.reserve(4096);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"" +
      num(kWidth) + "\" height=\"" + num(kHeight) +
      "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n<text x=\"" +
      num(kLeft) + "\" y=\"20\" font-size=\"14\">" + escaped(plot.title) + "</text>\n";
  for (const PlotSpan& span : plot.shaded) {
    out += "<rect class=\"nemesis\" x=\"" + num(f.x(span.from)) + "\" y=\"" + num(kTop) +
           "\" width=\"" + num(std::max(1.0, f.x(span.to) - f.x(span.from))) + "\" height=\"" +
           num(kHeight - kTop - kBottom) + "\" fill=\"#F5E6C8\"/>\n";
  }
  axes(out, plot, f);
  for (std::size_t i = 0; i < plot.series.size(); ++i) series(out, plot.series[i], f, i);
  out += "</svg>\n";
  return out;
}

}  // namespace rumor::replay::sim
