#include "view/route/route.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "core/util/ascii_fold.h"
#include "view/log/log_rows.h"

namespace eventlab {
namespace {

using Outcome = RouteListener::Outcome;

constexpr std::string_view kRustTitle = "Rust backend";

// The nodes of a route while it is built, found by label: with 200 windows, a search through
// the nodes per record would compare labels 40k times for one emit.
class Nodes {
  public:
    explicit Nodes(const std::vector<WindowInfo>& windows) {
        for (const WindowInfo& w : windows) {
            if (!w.alive) continue;
            alive_.insert(w.label);
            if (w.queued > 0) queued_.insert(w.label);
        }
        rust_.rust = true;
        rust_.title = std::string(kRustTitle);
    }

    // The node of a webview label, or of the Rust backend for an empty one.
    RouteNode& at(const std::string& label) {
        if (label.empty()) return rust_;
        const auto [it, added] = index_.try_emplace(label, nodes_.size());
        if (added) {
            RouteNode node;
            node.label = label;
            node.title = label;
            node.alive = alive_.count(label) != 0;
            nodes_.push_back(std::move(node));
        }
        return nodes_[it->second];
    }
    // Its webview has deliveries waiting.
    bool queued(const std::string& label) const { return queued_.count(label) != 0; }
    // The live windows (added first, in creation order), then closed ones, the Rust backend last.
    std::vector<RouteNode> take() {
        nodes_.push_back(std::move(rust_));
        return std::move(nodes_);
    }

  private:
    std::vector<RouteNode> nodes_;
    RouteNode rust_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_set<std::string> alive_;
    std::unordered_set<std::string> queued_;
};

// A queued emit_to / emit_filter reaches the Rust handlers without its filter (#15759); the
// JS side was queued at call time, with it.
EmitFilter filter_for(const Route& route, Side side) {
    if (route.deferred && side == Side::Rust && route.filter.kind != EmitFilter::Kind::None) {
        return EmitFilter{EmitFilter::Kind::Lost, {}, {}};
    }
    return route.filter;
}

// A skip record stands for every listener it lists (one record per emit, webview and reason):
// each is a listener of the node that did not get the emit.
void add_skipped(const Record& r, RouteNode& node, std::unordered_set<std::uint32_t>& seen) {
    const std::string words = record_skip_words(r);
    for (const std::uint32_t id : record_skip_listeners(r)) {
        RouteListener l;
        l.id = id;
        l.side = r.side();
        l.outcome = Outcome::Skipped;
        l.words = words;
        seen.insert(id);
        node.not_got.push_back(std::move(l));
    }
}

// Reads the emit's deliver and skip records into the nodes. They sit between the first and the
// last outcome the tracker saw, usually right after the emit (Rust) or a little later (JS).
void add_outcomes(const Route& route, const EmitEntry& entry, const RouteInputs& in, Nodes& nodes,
                  std::unordered_set<std::uint32_t>& seen) {
    if (entry.first_outcome == kNoPosition) return;
    in.log.scan(entry.first_outcome, entry.last_outcome + 1,
                [&](std::uint64_t /*position*/, const Record& r) {
                    if (r.emit != route.emit) return;
                    if (r.type != RecordType::Deliver && r.type != RecordType::Skip) return;
                    const std::string label =
                        r.side() == Side::Js ? std::string(in.symbols.view(r.in)) : std::string();
                    RouteNode& node = nodes.at(label);
                    if (r.type == RecordType::Skip) {
                        add_skipped(r, node, seen);
                        return;
                    }
                    RouteListener l;
                    l.id = r.listener;
                    l.side = r.side();
                    l.name = std::string(in.symbols.view(r.aux));
                    seen.insert(l.id);
                    l.target = record_target(r, in.symbols);
                    l.outcome = Outcome::Got;
                    l.reason = static_cast<MatchReason>(r.code);
                    l.words = record_match_words(r, in.symbols);
                    l.stale = r.has(flag::kStale);
                    node.got.push_back(std::move(l));
                });
}

// Why a listener of the event has no deliver or skip record for this emit.
void classify_missing(const Route& route, const ListenerInfo& info, const RouteInputs& in,
                      const Nodes& nodes, RouteListener& l) {
    const std::uint64_t listened = in.tracker.listen_position(info.id);
    if (info.pending || (listened != kNoPosition && listened > route.position)) {
        l.outcome = Outcome::Late;
        l.words = info.pending
                      ? "its listen is still queued behind a running Rust handler"
                      : "registered after this emit: events emitted before listen are lost";
        return;
    }
    const EmitFilter filter = filter_for(route, info.side);
    const MatchResult match = match_listener(info.target, filter, in.mode);
    l.reason = match.reason;
    if (!match.matched) {
        l.outcome = Outcome::Missed;
        l.words = describe_match(match.reason, info.target, filter);
        return;
    }
    // The JS side runs later, on the webview's own loop: a webview with work waiting has
    // probably not run this delivery yet.
    if (info.side == Side::Js && nodes.queued(info.webview)) {
        l.outcome = Outcome::Queued;
        l.words = "queued: its webview has not run this delivery yet";
        return;
    }
    l.outcome = Outcome::Unseen;
    l.words = info.stale ? "its window is gone: still registered, never called"
                         : "the rule reaches it, but no delivery was recorded (dropped from the "
                           "log, or registered while the emit was being dispatched)";
}

}  // namespace

EmitFilter emit_filter_of(const Record& emit, const Symbols& symbols) {
    switch (static_cast<EmitApi>(emit.code)) {
        case EmitApi::Emit:
            return EmitFilter::none();
        case EmitApi::EmitTo:
            return EmitFilter::to(record_target(emit, symbols));
        case EmitApi::EmitFilter:
            return EmitFilter::accepting(emit_accept_list(emit));
    }
    return EmitFilter::none();
}

Route build_route(std::uint32_t emit, const RouteInputs& in) {
    Route route;
    route.emit = emit;
    const EmitEntry* entry = in.tracker.find(emit);
    Record r;
    if (entry == nullptr || !entry->seen() || !in.log.get(entry->position, r) ||
        r.type != RecordType::Emit || r.emit != emit) {
        return route;
    }
    route.found = true;
    route.position = entry->position;
    route.event = std::string(in.symbols.view(r.event));
    route.from = record_source(r, in.symbols);
    route.api = static_cast<EmitApi>(r.code);
    route.filter = emit_filter_of(r, in.symbols);
    route.deferred = r.has(flag::kDeferred);
    route.t_us = r.t_us;
    route.call = std::string(to_string(route.api));
    if (route.api != EmitApi::Emit) route.call += "(" + emit_call_description(r, in.symbols) + ")";
    route.fate = in.tracker.fate(emit, in.settling);
    route.delivered = entry->delivered;
    route.skipped = entry->skipped;

    Nodes nodes(in.windows);
    for (const WindowInfo& w : in.windows) {
        if (w.alive) nodes.at(w.label);
    }
    std::unordered_set<std::uint32_t> seen;  // listeners with a deliver or skip record
    add_outcomes(route, *entry, in, nodes, seen);

    for (const ListenerInfo& info : in.listeners) {
        if (info.event != route.event || seen.count(info.id) != 0) continue;
        RouteListener l;
        l.id = info.id;
        l.side = info.side;
        l.name = info.name;
        l.target = info.target;
        classify_missing(route, info, in, nodes, l);
        nodes.at(info.side == Side::Js ? info.webview : std::string())
            .not_got.push_back(std::move(l));
    }
    route.nodes = nodes.take();
    return route;
}

// ---------------------------------------------------------------------------------------------
// DeliveryMatrix

void DeliveryMatrix::reset() {
    deliveries_.clear();
    observed_deliveries_.clear();
    emits_.clear();
    next_ = 0;
    ++version_;
    ++shape_version_;
}

bool DeliveryMatrix::update(const RecordLog& log, std::size_t budget) {
    next_ = std::max(next_, log.first());
    const std::uint64_t end = log.end();
    // No next_ + budget: a budget of SIZE_MAX ("everything") would wrap around.
    const std::uint64_t stop = end - std::min(next_, end) <= budget ? end : next_ + budget;
    bool changed = false;
    log.scan(next_, stop, [&](std::uint64_t /*position*/, const Record& r) {
        if (r.type == RecordType::Emit) {
            const auto [it, added] = emits_.try_emplace(r.event, 0);
            ++it->second;
            shape_version_ += added ? 1 : 0;
            changed = true;
        } else if (r.type == RecordType::Deliver) {
            const Sym label = r.side() == Side::Js ? r.in : kNoSym;
            auto& counts = r.observed ? observed_deliveries_ : deliveries_;
            const auto [it, added] = counts.try_emplace(std::uint64_t{r.event} << 32 | label, 0);
            ++it->second;
            shape_version_ += added ? 1 : 0;
            changed = true;
        }
    });
    next_ = stop;
    if (changed) ++version_;
    return next_ >= end;
}

DeliveryMatrix::View DeliveryMatrix::view(const Symbols& symbols,
                                          const std::vector<WindowInfo>& windows) const {
    View v;
    std::set<std::string> events;
    std::set<std::pair<std::string, bool>> closed;  // label, observed
    for (const auto& [event, count] : emits_)
        events.emplace(symbols.view(event));
    for (const bool observed : {false, true}) {
        for (const auto& [key, count] : observed ? observed_deliveries_ : deliveries_) {
            events.emplace(symbols.view(static_cast<Sym>(key >> 32)));
            const auto label = static_cast<Sym>(key & 0xFFFFFFFFU);
            if (label != kNoSym) closed.emplace(symbols.view(label), observed);
        }
    }
    const auto add_column = [&v](const std::string& label, bool alive, bool observed) {
        v.columns.push_back(label);
        v.receivers.push_back("js:" + label);
        v.alive.push_back(alive);
        v.observed.push_back(observed);
    };
    for (const WindowInfo& w : windows) {
        if (!w.alive) continue;
        add_column(w.label, true, w.observed);
        closed.erase({w.label, w.observed});
    }
    for (const auto& [label, observed] : closed)
        add_column(label, false, observed);
    v.columns.emplace_back(kRustTitle);
    v.receivers.emplace_back("rust");
    v.alive.push_back(true);
    v.observed.push_back(false);

    v.events.assign(events.begin(), events.end());
    v.emits.assign(v.events.size(), 0);
    v.counts.assign(v.events.size() * v.columns.size(), 0);
    std::map<std::string_view, std::size_t> row_of;
    for (std::size_t i = 0; i < v.events.size(); ++i)
        row_of[v.events[i]] = i;
    std::map<std::pair<std::string_view, bool>, std::size_t> column_of;
    for (std::size_t i = 0; i + 1 < v.columns.size(); ++i)
        column_of[{v.columns[i], v.observed[i]}] = i;
    for (const auto& [event, count] : emits_)
        v.emits[row_of[symbols.view(event)]] += count;
    for (const bool observed : {false, true}) {
        for (const auto& [key, count] : observed ? observed_deliveries_ : deliveries_) {
            const std::size_t row = row_of[symbols.view(static_cast<Sym>(key >> 32))];
            const auto label = static_cast<Sym>(key & 0xFFFFFFFFU);
            const std::size_t column =
                label == kNoSym ? v.columns.size() - 1 : column_of[{symbols.view(label), observed}];
            v.counts[row * v.columns.size() + column] += count;
        }
    }
    return v;
}

// ---------------------------------------------------------------------------------------------
// many receivers

namespace {

void copy_column(const DeliveryMatrix::View& from, std::size_t column, DeliveryMatrix::View& to,
                 std::vector<std::size_t>& picked) {
    to.columns.push_back(from.columns[column]);
    to.receivers.push_back(from.receivers[column]);
    to.alive.push_back(from.alive[column]);
    // A view made by hand may leave `observed` out: then no column is a tapped app's.
    to.observed.push_back(column < from.observed.size() && from.observed[column]);
    picked.push_back(column);
}

}  // namespace

DeliveryMatrix::View fit_matrix(const DeliveryMatrix::View& view, std::string_view filter,
                                std::size_t max_columns) {
    DeliveryMatrix::View out;
    out.events = view.events;
    out.emits = view.emits;
    if (view.columns.empty()) return out;
    const std::size_t rust = view.columns.size() - 1;  // the backend is always last
    std::vector<std::size_t> picked;
    std::vector<std::size_t> others;
    const std::size_t room = max_columns > 2 ? max_columns - 2 : 1;  // "other" and Rust
    for (std::size_t c = 0; c < rust; ++c) {
        if (!contains_any_case(view.columns[c], filter)) continue;
        if (picked.size() < room) {
            copy_column(view, c, out, picked);
        } else {
            others.push_back(c);
        }
    }
    if (!others.empty()) {
        out.columns.push_back(std::to_string(others.size()) + " other windows");
        out.receivers.emplace_back();
        out.alive.push_back(true);
        out.observed.push_back(false);
    }
    copy_column(view, rust, out, picked);
    out.counts.assign(out.events.size() * out.columns.size(), 0);
    for (std::size_t e = 0; e < out.events.size(); ++e) {
        std::uint64_t* row = &out.counts[e * out.columns.size()];
        for (std::size_t c = 0; c + 1 < picked.size(); ++c)
            row[c] = view.at(e, picked[c]);
        for (std::size_t c : others)
            row[out.columns.size() - 2] += view.at(e, c);
        row[out.columns.size() - 1] = view.at(e, rust);
    }
    return out;
}

std::vector<std::size_t> route_nodes_shown(const Route& route, std::string_view filter) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < route.nodes.size(); ++i) {
        const RouteNode& n = route.nodes[i];
        if (n.rust || contains_any_case(n.label, filter)) out.push_back(i);
    }
    return out;
}

std::string node_summary(const RouteNode& node) {
    std::string out = node.title + (node.alive ? "" : " (closed)") + ": ";
    if (node.got.empty() && node.not_got.empty()) return out + "no listener of the event";
    out += std::to_string(node.got.size()) + " got it";
    if (!node.not_got.empty()) out += ", " + std::to_string(node.not_got.size()) + " did not";
    return out;
}

}  // namespace eventlab
