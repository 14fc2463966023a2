// The trace panel driven headless: Record streams the live session to a .jsonl file, File ▸
// Open reads it back on a thread and shows it read-only, the timeline steps one emit at a
// time, and a replay against the live session reports what was delivered the same.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "core/scenario/scenario.h"
#include "core/trace/trace.h"
#include "hang_guard.h"
#include "ui/log/log_panel.h"
#include "ui/trace/trace_panel.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

namespace fs = std::filesystem;

// HOME and XDG_CONFIG_HOME point into a temporary directory for the test, so recordings and
// the recent files list never touch the real ones.
class TempHome {
  public:
    TempHome() {
        std::random_device random;
        path_ = fs::temp_directory_path() / ("eventlab-ui-trace-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(random()));
        fs::create_directories(path_);
        save("HOME", home_);
        save("XDG_CONFIG_HOME", config_);
        ::setenv("HOME", path_.c_str(), 1);
        ::setenv("XDG_CONFIG_HOME", (path_ / "config").c_str(), 1);
    }
    ~TempHome() {
        restore("HOME", home_);
        restore("XDG_CONFIG_HOME", config_);
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempHome(const TempHome&) = delete;
    TempHome& operator=(const TempHome&) = delete;
    const fs::path& path() const { return path_; }

  private:
    static void save(const char* name, std::optional<std::string>& into) {
        if (const char* value = std::getenv(name)) into = value;
    }
    static void restore(const char* name, const std::optional<std::string>& value) {
        if (value) {
            ::setenv(name, value->c_str(), 1);
        } else {
            ::unsetenv(name);
        }
    }
    fs::path path_;
    std::optional<std::string> home_;
    std::optional<std::string> config_;
};

struct TraceFixture {
    TempHome home;
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    ui::TracePanel trace;
    ui::LogPanel log;
    std::unique_ptr<ui::Panel> route = ui::make_panel("Route");
    // The File menu as AppUi draws it, so the test opens traces the way a person does.
    std::function<void()> draw = [this] {
        ui.animating = false;
        if (ImGui::BeginMainMenuBar()) {
            if (ImGui::BeginMenu("File")) {
                trace.draw_menu_items("File", ui);
                ImGui::EndMenu();
            } else {
                ui.note_item("menu/file");
            }
            ImGui::EndMainMenuBar();
        }
        route->draw(ui);
        log.draw(ui);
        trace.draw(ui);
    };

    TraceFixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "default", BusConfig{});
        ui.probe = &probe;
        ui.layout.windows = {{0, 20}, {400, 960}};
        ui.layout.backend = {{400, 20}, {500, 520}};
        ui.layout.route = {{900, 20}, {700, 520}};
        ui.layout.periodic = {{400, 540}, {360, 440}};
        ui.layout.log = {{760, 540}, {840, 440}};
        imgui.frames(2, draw);
    }

    void click(const std::string& item) {
        INFO("item: " << item);
        REQUIRE(imgui.click_item(probe, item, draw));
    }
    void emit(const std::string& event, bool to_main) {
        EventBus& bus = bench.session().bus();
        const Text payload = make_text("{\"data\":\"hi\"}");
        const OpResult r =
            to_main ? bus.emit_to(EventTarget::any_label("main"), event, payload, Source::rust())
                    : bus.emit(event, payload, Source::rust());
        REQUIRE(r.ok);
        bench.pump(std::numeric_limits<std::size_t>::max());
        imgui.frame(draw);
    }
    fs::path recorded_file() const {
        const fs::path dir = home.path() / "eventlab-traces";
        REQUIRE(fs::is_directory(dir));
        std::optional<fs::path> found;
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() == ".jsonl") found = entry.path();
        }
        REQUIRE(found);
        return *found;
    }
    // Records three emits, 40 ms apart, and stops: the trace the other tests open.
    fs::path record_three_emits() {
        click("trace/record");
        CHECK(trace.status(ui).find("REC") != std::string::npos);
        emit("test-event", true);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        emit("test-event", false);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        emit("other-event", false);
        click("trace/record");
        CHECK(trace.status(ui).find("REC") == std::string::npos);
        return recorded_file();
    }
    // Frames until `done`, within the hang guard: a loaded CI machine (ASan, two cores shared)
    // may take many seconds for what a quiet one does in one.
    bool frames_until(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + test::kHangGuard;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            imgui.frame(draw);
        }
        return true;
    }
    bool noticed(const std::string& start) const {
        return std::any_of(ui.notices.begin(), ui.notices.end(),
                           [&](const ui::Notice& n) { return n.text.rfind(start, 0) == 0; });
    }
    // File ▸ Open trace..., the dialog prefilled with the file just recorded, Open; then frames
    // until the background load has handed the trace to the workbench.
    void open_recorded() {
        click("menu/file");
        click("trace/menu/open");
        imgui.frame(draw);
        click("trace/open");
        for (int i = 0; i < 500 && !bench.viewing_trace(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            imgui.frame(draw);
        }
        REQUIRE(bench.viewing_trace());
        imgui.frames(2, draw);
    }
};

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("trace panel: Record streams the session to a jsonl trace until pressed again") {
    TraceFixture f;
    const fs::path file = f.record_three_emits();
    std::ifstream in(file);
    std::string header;
    std::getline(in, header);
    CHECK(header.find("\"format\":\"eventlab-trace\"") != std::string::npos);
    CHECK(header.find("\"tauri\":\"2.10\"") != std::string::npos);

    TraceLoad load = load_trace(file.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    const TraceData& trace = *load;
    std::size_t emits = 0;
    std::size_t deliveries = 0;
    std::size_t listens = 0;
    for (const Record& r : trace.records) {
        emits += r.type == RecordType::Emit ? 1 : 0;
        deliveries += r.type == RecordType::Deliver ? 1 : 0;
        listens += r.type == RecordType::Listen ? 1 : 0;
    }
    CHECK(emits == 3);
    // emit_to("main"): main's two and settings' global one; emit: all 5; other-event: none.
    CHECK(deliveries == 3 + 5 + 0);
    CHECK(listens == 5);  // the session's listeners, written first so deliveries have names
    CHECK(trace.records.front().seq == 1);
    CHECK(trace.records.front().t_us == 0);

    // Nothing is written after the stop. The writer runs on its own thread, so a write would land
    // a little after the emit: watch the file until a deadline, not just right after the emit.
    const auto size = fs::file_size(file);
    f.emit("test-event", false);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    while (std::chrono::steady_clock::now() < deadline && fs::file_size(file) == size) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        f.imgui.frame(f.draw);
    }
    CHECK(fs::file_size(file) == size);
}

// A disk that stopped taking data: a FIFO nobody reads (its 64 KB buffer fills, then the trace
// writer's write() blocks) until the test starts reading it.
TEST_CASE(
    "trace panel: Stop on a stuck disk returns at once - the file completes in the background") {
    TraceFixture f;
    const fs::path fifo = f.home.path() / "stuck.jsonl";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so the writer can open
    REQUIRE(reader >= 0);
    REQUIRE(f.trace.record_to(f.ui, fifo.string()).ok());
    EventBus& bus = f.bench.session().bus();
    const Text payload = make_text(R"({"data":"a payload long enough to fill a pipe quickly"})");
    for (int i = 0; i < 2000; ++i)
        REQUIRE(bus.emit("test-event", payload, Source::rust()).ok);
    f.bench.pump(std::numeric_limits<std::size_t>::max());
    f.imgui.frame(f.draw);
    CHECK(f.trace.status(f.ui).find("REC") != std::string::npos);

    // Drains the FIFO once told to, or after 5 s so that a stop that waits for the disk ends
    // (and fails the checks below) instead of hanging the test.
    std::atomic<bool> release{false};
    std::string content;
    std::thread disk([&] {
        const auto stuck_until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!release.load() && std::chrono::steady_clock::now() < stuck_until)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(reader, buffer, sizeof buffer);
            if (n > 0) {
                content.append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0) {
                break;  // the writer closed the file
            } else if (errno == EAGAIN || errno == EINTR) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            } else {
                break;
            }
        }
    });

    f.click("trace/record");  // Stop: the writer is stuck in write()
    const bool stuck_saving = f.trace.status(f.ui).find("saving stuck.jsonl") != std::string::npos;
    release.store(true);
    CHECK(stuck_saving);
    CHECK(f.trace.status(f.ui).find("REC") == std::string::npos);  // it is no longer recording

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (f.trace.status(f.ui).find("saving") != std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        f.imgui.frame(f.draw);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    disk.join();
    ::close(reader);
    CHECK(f.trace.status(f.ui).find("saving") == std::string::npos);
    bool told = false;
    for (const ui::Notice& notice : f.ui.notices)
        told = told || notice.text.find("holds") != std::string::npos;
    CHECK(told);
    // Nothing lost: the header, the preamble and 2000 emits with their deliveries, whole lines.
    REQUIRE_FALSE(content.empty());
    CHECK(content.back() == '\n');
    const auto lines = std::count(content.begin(), content.end(), '\n');
    CHECK(lines > 2000 * 2);
}

TEST_CASE("trace panel: an opened trace is shown read-only and the timeline steps by emit") {
    TraceFixture f;
    f.record_three_emits();
    f.open_recorded();
    const TraceData& trace = *f.bench.trace();
    std::vector<std::size_t> emits;  // record indices of the emits
    for (std::size_t i = 0; i < trace.records.size(); ++i) {
        if (trace.records[i].type == RecordType::Emit) emits.push_back(i);
    }
    REQUIRE(emits.size() == 3);
    CHECK(f.bench.trace_cursor() == trace.records.size());
    CHECK(f.probe.items.count("trace/close/log") == 1);
    CHECK(f.probe.items.count("trace/close/route") == 1);
    CHECK(f.trace.status(f.ui).find("viewing") != std::string::npos);

    f.click("trace/timeline/prev");
    CHECK(f.ui.selected_emit == trace.records[emits[1]].emit);
    CHECK(f.bench.trace_cursor() == emits[2]);  // the 2nd emit and what followed it
    f.click("trace/timeline/prev");
    CHECK(f.ui.selected_emit == trace.records[emits[0]].emit);
    CHECK(f.bench.trace_cursor() == emits[1]);
    f.click("trace/timeline/prev");  // at the first emit: stays
    CHECK(f.ui.selected_emit == trace.records[emits[0]].emit);
    f.click("trace/timeline/next");
    CHECK(f.ui.selected_emit == trace.records[emits[1]].emit);
    // '.' steps too, anywhere.
    f.imgui.press_key(ImGuiKey_Period, false, f.draw);
    CHECK(f.ui.selected_emit == trace.records[emits[2]].emit);
    CHECK(f.bench.trace_cursor() == trace.records.size());

    // Play from the end starts over from the first record's time and animates (one frame of
    // 1/60 s has passed since: short of the second emit, 40 ms in).
    f.click("trace/timeline/play");
    CHECK(f.ui.animating);
    CHECK(f.bench.trace_cursor() < trace.records.size());

    // The live session is untouched by viewing: the windows panel still acts on it.
    CHECK(f.bench.session().bus().listener_count() == 5);
    f.click("trace/close/log");
    CHECK_FALSE(f.bench.viewing_trace());
}

TEST_CASE("trace panel: replay against the unchanged live session delivers the same") {
    TraceFixture f;
    f.record_three_emits();
    f.open_recorded();
    f.click("trace/replay");
    for (int i = 0; i < 50 && f.trace.status(f.ui).find("delivered the same") == std::string::npos;
         ++i)
        f.imgui.frame(f.draw);
    CHECK(f.trace.status(f.ui).find("replay: 3 of 3 emits delivered the same") !=
          std::string::npos);
    CHECK(f.probe.items.count("trace/replay/summary") == 1);
}

TEST_CASE("trace panel: Export for Perfetto writes the viewed trace next to it as json") {
    TraceFixture f;
    const fs::path trace = f.record_three_emits();
    f.open_recorded();
    f.click("trace/timeline/export");
    f.imgui.frame(f.draw);
    f.click("trace/export");
    fs::path json = trace;
    json.replace_extension(".json");
    // The export runs on its own thread: frames go on until it says it is done.
    REQUIRE(f.frames_until([&] { return f.noticed("Wrote " + json.string()); }));
    REQUIRE(fs::exists(json));
    std::ifstream in(json);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(text.rfind("{\"traceEvents\":[", 0) == 0);
    CHECK(text.find("\"ph\":\"f\"") != std::string::npos);
}

// A trace of `records` emits and deliveries written as a recording would, for long exports.
fs::path write_long_trace(const fs::path& path, std::size_t records) {
    Symbols symbols;
    std::string text = trace_header_line(TraceHeader{}) + "\n";
    const Text payload = make_text(R"({"data":"tick 12345"})");
    for (std::size_t i = 0; i < records; ++i) {
        Record r;
        r.seq = i + 1;
        r.t_us = static_cast<std::int64_t>(i / 11 * 1000);
        r.emit = static_cast<std::uint32_t>(i / 11 + 1);
        r.event = symbols.intern("tick");
        r.payload = payload;
        r.type = i % 11 == 0 ? RecordType::Emit : RecordType::Deliver;
        if (r.type == RecordType::Deliver) {
            r.listener = static_cast<std::uint32_t>(i % 11);
            r.in = symbols.intern("main");
            r.flags = flag::kJs;
        }
        append_record_json(text, r, symbols);
        text += '\n';
    }
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

TEST_CASE("trace panel: an export runs beside the frames with its progress and a Cancel") {
    TraceFixture f;
    const fs::path source = write_long_trace(f.home.path() / "long.jsonl", 60000);
    TraceLoad load = load_trace(source.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    f.bench.view_trace(std::make_shared<const TraceData>(std::move(*load)), source.string());
    f.imgui.frames(2, f.draw);
    const fs::path json = fs::path(source).replace_extension(".json");
    const std::string partial = json.string() + ".partial";
    // The export writes into a pipe that nobody reads yet: it stays under way, frames go on.
    REQUIRE(::mkfifo(partial.c_str(), 0600) == 0);
    f.click("trace/timeline/export");
    f.imgui.frame(f.draw);
    f.click("trace/export");
    f.imgui.frames(2, f.draw);
    CHECK(f.probe.items.count("trace/export/progress") == 1);
    CHECK(f.trace.status(f.ui).find("exporting long.json · 0%") != std::string::npos);

    f.click("trace/export/cancel");
    // Read the pipe until the export sees the cancel (at its next progress report).
    const int fd = ::open(partial.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(fd >= 0);
    std::vector<char> buffer(1 << 16);
    const bool ended = f.frames_until([&] {
        while (::read(fd, buffer.data(), buffer.size()) > 0) {
        }
        return f.trace.status(f.ui).find("exporting") == std::string::npos;
    });
    ::close(fd);
    REQUIRE(ended);
    CHECK(f.noticed("Export cancelled: " + json.string() + " was not written."));
    CHECK_FALSE(fs::exists(json));
    CHECK_FALSE(fs::exists(partial));

    // Exported again, to the end: the whole trace, and a notice that says so.
    f.click("trace/timeline/export");
    f.imgui.frame(f.draw);
    f.click("trace/export");
    REQUIRE(f.frames_until([&] { return f.noticed("Wrote " + json.string() + " (60000"); }));
    std::ifstream in(json, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(text.size() > 60000 * 100);
    const std::string end = "\n],\"displayTimeUnit\":\"ns\"}\n";
    CHECK(text.substr(text.size() - end.size()) == end);
}

TEST_CASE("trace panel: an export that cannot be written says so") {
    TraceFixture f;
    const fs::path trace = f.record_three_emits();
    f.open_recorded();
    const std::string json = fs::path(trace).replace_extension(".json").string();
    fs::create_directory(json + ".partial");  // where the export would write first
    f.click("trace/timeline/export");
    f.imgui.frame(f.draw);
    f.click("trace/export");
    REQUIRE(f.frames_until([&] { return f.noticed("Export failed: "); }));
    CHECK(f.noticed("Export failed: cannot write " + json + ": Is a directory"));
    CHECK_FALSE(fs::exists(json));
}

TEST_CASE("trace panel: a reset stops the recording with a notice") {
    TraceFixture f;
    f.click("trace/record");
    REQUIRE(f.trace.status(f.ui).find("REC") != std::string::npos);
    f.trace.stop_recording(f.ui);  // what AppUi does before bench.reset
    f.bench.reset(f.bench.config());
    f.imgui.frame(f.draw);
    CHECK(f.trace.status(f.ui).empty());
    // A session replaced under a running recording (a demo, a scenario) stops it too.
    f.click("trace/record");
    f.bench.reset(f.bench.config());
    f.imgui.frame(f.draw);
    CHECK(f.trace.status(f.ui).empty());
    CHECK_FALSE(f.ui.notices.empty());
}

TEST_CASE("trace panel: a session replaced twice between frames still stops the recording") {
    // The third session's log may take the first one's freed address: only a generation
    // number tells the sessions apart.
    TraceFixture f;
    f.click("trace/record");
    REQUIRE(f.trace.status(f.ui).find("REC") != std::string::npos);
    for (int i = 0; i < 2; ++i)
        f.bench.reset(f.bench.config());
    f.imgui.frame(f.draw);
    CHECK(f.trace.status(f.ui).empty());
    CHECK_FALSE(f.ui.notices.empty());
}

TEST_CASE("trace panel: Escape closes the Open trace and Export dialogs as Cancel does") {
    TraceFixture f;
    const auto showing = [&f](const std::string& item) {
        f.probe.items.clear();
        f.imgui.frames(2, f.draw);
        return f.probe.items.count(item) == 1;
    };
    const fs::path trace = f.record_three_emits();

    f.click("menu/file");
    f.click("trace/menu/open");
    REQUIRE(showing("trace/open"));
    f.imgui.press_key(ImGuiKey_Escape, false, f.draw);
    CHECK_FALSE(showing("trace/open"));
    CHECK_FALSE(f.bench.viewing_trace());

    f.open_recorded();
    f.click("trace/timeline/export");
    REQUIRE(showing("trace/export"));
    f.imgui.press_key(ImGuiKey_Escape, false, f.draw);
    CHECK_FALSE(showing("trace/export"));
    CHECK(f.trace.status(f.ui).find("exporting") == std::string::npos);
    fs::path json = trace;
    CHECK_FALSE(fs::exists(json.replace_extension(".json")));
}

}  // namespace eventlab

TEST_SUITE_END();
