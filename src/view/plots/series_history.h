// Numbers sampled over time per window, for the Plots panel: the JS queue depth of each window
// (a page that falls behind shows as a rising line). A sample per window at most every
// `interval`, the last `span` seconds kept; windows that have not been sampled for a whole span
// (closed) are forgotten.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace eventlab {

class SeriesHistory {
  public:
    SeriesHistory(double span_seconds, double interval_seconds)
        : span_(span_seconds), interval_(interval_seconds) {}

    // True when a sample taken at `now` would be kept (the interval has passed since the last).
    bool due(double now) const { return now - last_ >= interval_; }
    // One sample of every window at `now`: (label, value) pairs.
    void sample(double now, const std::vector<std::pair<std::string, double>>& values);

    struct Series {
        std::string label;
        std::vector<double> t;  // seconds, as passed to sample()
        std::vector<double> value;
        double peak = 0;  // the largest value kept
    };
    // The `max_series` series with the highest peak (ties: label order); flat-zero ones last.
    std::vector<const Series*> highest(std::size_t max_series) const;
    std::size_t size() const { return series_.size(); }

  private:
    double span_;
    double interval_;
    double last_ = -1e300;
    std::map<std::string, Series> series_;
};

}  // namespace eventlab
