#include "view/trace/replay.h"

#include <algorithm>

#include "core/record/record.h"
#include "core/trace/trace_diff.h"

namespace eventlab {
namespace {

// Interns identity strings so a large replay keeps each listener's name once.
class NameTable {
  public:
    explicit NameTable(std::vector<std::string>& names) : names_(names) {}
    std::uint32_t id(const std::string& name) {
        auto [it, added] = index_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
        if (added) names_.push_back(name);
        return it->second;
    }

  private:
    std::vector<std::string>& names_;
    std::unordered_map<std::string, std::uint32_t> index_;
};

}  // namespace

Replay::Replay(const TraceData& trace) : trace_(&trace) {
    // emit_deliveries names "then" exactly as `eventlab diff` does.
    for (EmitDeliveries& e : emit_deliveries(*trace_)) {
        plan_.push_back({e.record, std::move(e.deliveries), 0, {}});
    }
}

std::int64_t Replay::duration_us() const {
    if (plan_.empty()) return 0;
    return trace_->records[plan_.back().record].t_us - trace_->records[plan_.front().record].t_us;
}

void Replay::start(Session& session, const RecordLog& live_log) {
    log_start_ = live_log.end();
    listeners_before_ = session.listeners();
    next_ = 0;
    for (Planned& p : plan_) {
        p.now_emit = 0;
        p.note.clear();
    }
}

void Replay::send(Session& session, Planned& planned) {
    const Record& r = trace_->records[planned.record];
    const Symbols& symbols = *trace_->symbols;
    const std::string event(symbols.view(r.event));
    const Text payload = r.payload ? r.payload : make_text("null");
    const std::string name(symbols.view(r.aux));
    Source from;
    switch (r.source_kind()) {
        case SourceKind::Rust:
            from = Source::rust();
            break;
        case SourceKind::Js:
            if (session.has_window(name)) {
                from = Source::js(name);
            } else {
                // The page that emitted is gone; the closest thing is the same emit from Rust.
                from = Source::rust();
                planned.note = "window `" + name + "` is not open now: re-sent from Rust";
            }
            break;
        case SourceKind::Periodic:
            from = Source::periodic(name);
            break;
        case SourceKind::Invoke:
            from = Source::invoke(name);
            break;
    }
    if (r.has(flag::kDeferred)) {
        const std::string was =
            "queued behind a running Rust handler then (Rust saw no filter, #15759); sent "
            "directly now";
        planned.note = planned.note.empty() ? was : planned.note + "; " + was;
    }
    OpResult result;
    switch (static_cast<EmitApi>(r.code)) {
        case EmitApi::Emit:
            result = session.emit(event, payload, from);
            break;
        case EmitApi::EmitTo:
            result = session.emit_to(record_target(r, symbols), event, payload, from);
            break;
        case EmitApi::EmitFilter:
            result = session.emit_filter(emit_accept_list(r), event, payload, from);
            break;
    }
    if (result.ok) {
        planned.now_emit = result.id;
    } else {
        planned.note = planned.note.empty() ? "refused now: " + result.error
                                            : planned.note + "; refused now: " + result.error;
    }
}

std::size_t Replay::send_due(Session& session, std::int64_t elapsed_us) {
    if (plan_.empty()) return 0;
    const std::int64_t first = trace_->records[plan_.front().record].t_us;
    std::size_t count = 0;
    while (next_ < plan_.size() &&
           trace_->records[plan_[next_].record].t_us - first <= elapsed_us) {
        send(session, plan_[next_++]);
        ++count;
    }
    return count;
}

std::size_t Replay::send_all(Session& session) {
    const std::size_t before = next_;
    while (next_ < plan_.size())
        send(session, plan_[next_++]);
    return next_ - before;
}

ReplayResult Replay::compare(const RecordLog& live_log, const Symbols& live_symbols) const {
    ReplayResult result;
    NameTable table(result.names);
    ListenerNames names;
    for (const ListenerInfo& info : listeners_before_)
        names.learn(info);
    std::unordered_map<std::uint32_t, std::size_t> row_of;  // live emission id → row
    result.rows.reserve(plan_.size());
    for (std::size_t i = 0; i < plan_.size(); ++i) {
        const Planned& p = plan_[i];
        const Record& r = trace_->records[p.record];
        ReplayRow row;
        row.then_emit = r.emit;
        row.now_emit = p.now_emit;
        row.t_us = r.t_us;
        row.call = emit_call_text(r, *trace_->symbols);
        row.note = p.note;
        for (const std::string& who : p.then)
            row.then.push_back(table.id(who));
        if (p.now_emit != 0) {
            row_of[p.now_emit] = i;
            ++result.sent;
        }
        result.rows.push_back(std::move(row));
    }
    // Listeners registered while the replay ran (by handlers) have their listen record in the
    // live log before any delivery to them.
    live_log.scan(log_start_, live_log.end(), [&](std::uint64_t /*position*/, const Record& r) {
        if (r.type == RecordType::Listen) {
            names.learn(r, live_symbols);
        } else if (r.type == RecordType::Deliver) {
            if (auto it = row_of.find(r.emit); it != row_of.end()) {
                result.rows[it->second].now.push_back(table.id(names.name(r)));
            }
        }
    });
    const auto by_name = [&](std::uint32_t a, std::uint32_t b) {
        return result.names[a] < result.names[b];
    };
    for (ReplayRow& row : result.rows) {
        std::sort(row.then.begin(), row.then.end(), by_name);
        std::sort(row.now.begin(), row.now.end(), by_name);
        // Equal names share one index, so equal sorted vectors mean equal multisets.
        row.same = row.now_emit != 0 && row.then == row.now;
        result.same += row.same ? 1 : 0;
    }
    return result;
}

std::string ReplayResult::summary() const {
    return std::to_string(same) + " of " + std::to_string(rows.size()) + " emit" +
           (rows.size() == 1 ? "" : "s") + " delivered the same";
}

std::vector<ReplayLine> ReplayResult::lines(const ReplayRow& row) const {
    std::vector<ReplayLine> out;
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < row.then.size() || b < row.now.size()) {
        const bool take_then =
            b >= row.now.size() || (a < row.then.size() && names[row.then[a]] < names[row.now[b]]);
        const bool take_now =
            a >= row.then.size() || (b < row.now.size() && names[row.now[b]] < names[row.then[a]]);
        ReplayLine line;
        if (!take_now) line.then = static_cast<std::int32_t>(row.then[a++]);
        if (!take_then) line.now = static_cast<std::int32_t>(row.now[b++]);
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> ReplayResult::differences() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ReplayRow& row = rows[i];
        if (row.same) continue;
        const std::string head = "emit " + std::to_string(i + 1) + " (" + row.call + ")";
        if (row.now_emit == 0) {
            out.push_back(head + ": not sent now" + (row.note.empty() ? "" : ": " + row.note));
            continue;
        }
        for (const ReplayLine& line : lines(row)) {
            if (line.now < 0) out.push_back(head + ": then only: " + names[line.then]);
            if (line.then < 0) out.push_back(head + ": now only: " + names[line.now]);
        }
    }
    return out;
}

}  // namespace eventlab
