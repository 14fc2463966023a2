// Inside src/core/trace: the export's pieces handed over as whole buffers, so that the file
// export (perfetto_file.cpp) can write one on its writer thread while the next is formatted,
// without copying it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/trace/perfetto.h"

namespace eventlab {

// A buffer of the export: `bytes` is its capacity, its first `size` bytes the piece.
struct PieceBuffer {
    std::string bytes;
    std::size_t size = 0;
};

// Takes a full piece and leaves in its place a buffer to format the next one in (the same or
// another); false stops the export.
using PieceHandOver = std::function<bool(PieceBuffer& piece)>;

ExportEnd write_perfetto_pieces(const TraceData& trace, const PieceHandOver& hand_over,
                                const ExportProgress& progress);

}  // namespace eventlab
