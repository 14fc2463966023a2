#include "core/record/recorder.h"

#include <algorithm>

namespace eventlab {

void Recorder::add_sink(std::shared_ptr<RecordSink> sink) {
    std::lock_guard lock(*mutex_);
    sinks_.push_back(std::move(sink));
    active_.store(true, std::memory_order_relaxed);
}

void Recorder::remove_sink(const RecordSink* sink) {
    std::lock_guard lock(*mutex_);
    std::erase_if(sinks_, [sink](const auto& s) { return s.get() == sink; });
    active_.store(!sinks_.empty(), std::memory_order_relaxed);
}

void Recorder::append(Record&& record) {
    append_built([&record](Record& slot) { slot = std::move(record); });
}

}  // namespace eventlab
