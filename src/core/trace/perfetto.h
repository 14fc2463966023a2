// Chrome trace-event JSON that ui.perfetto.dev opens: a process per simulated window plus one
// for the Rust backend, an X slice per emit on its sender's track and per delivery on its
// receiver's track, and a flow (s → f) from each emit to each of its deliveries.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/trace/trace.h"

namespace eventlab {

// Takes each piece of the export (about a megabyte) in order; false stops the export.
using PerfettoSink = std::function<bool(std::string_view piece)>;
// Called now and then with the records exported so far; false cancels the export.
using ExportProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

enum class ExportEnd { Done, Cancelled, Failed };

// Many records share one t_us (virtual time stands still within a step), so each record gets
// its own nanosecond-spaced slot after its t_us: slices never overlap on a track and flows
// bind to exactly one slice. The export is handed over piece by piece: memory stays the same
// whatever the trace's length. Failed: the sink said stop.
ExportEnd write_perfetto(const TraceData& trace, const PerfettoSink& sink,
                         const ExportProgress& progress = {});
// The whole export in one string: small traces and tests.
std::string export_perfetto(const TraceData& trace);

struct ExportResult {
    ExportEnd end = ExportEnd::Failed;
    std::string error;  // Failed: "cannot write PATH: why"
};

struct ExportFileOptions {
    // The write(2) the writer thread calls. Empty: ::write. Tests fail it to play a full disk.
    std::function<ssize_t(int fd, const char* data, std::size_t size)> write;
};

// Streams the export to path.partial and renames it to path once complete: a failed or
// cancelled export leaves no file behind and path as it was. A writer thread writes each piece
// while the next is formatted; a write that fails (a full disk) stops the export.
ExportResult export_perfetto_file(const TraceData& trace, const std::string& path,
                                  const ExportProgress& progress = {},
                                  const ExportFileOptions& options = {});

}  // namespace eventlab
