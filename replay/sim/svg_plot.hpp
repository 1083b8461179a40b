// A small SVG chart writer for the store's plots: one x/y frame with axes, shaded spans, point
// and line series and a legend, as a standalone SVG document (no scripts, no fonts, no network).
#pragma once

#include <string>
#include <vector>

namespace rumor::replay::sim {

struct PlotPoint {
  double x = 0;
  double y = 0;
};

struct PlotSeries {
  std::string name;
  std::string color;   // CSS colour
  bool lines = false;  // joined by a line (else one dot per point)
  bool dashed = false;
  std::vector<PlotPoint> points;
};

struct PlotSpan {
  double from = 0;
  double to = 0;
};

struct Plot {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_y = false;            // values <= 0 are drawn at the axis floor
  std::vector<PlotSpan> shaded;  // x spans (nemesis partitions)
  std::vector<PlotSeries> series;
};

std::string plot_svg(const Plot& plot);

}  // namespace rumor::replay::sim
