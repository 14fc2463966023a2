// The two readers of a trace line must agree: simdjson's (fast, used first) gives exactly the
// Record nlohmann's DOM gives, or leaves the line to it; the DOM path alone words errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/trace/trace.h"
#include "core/trace/trace_read_internal.h"
#include "core/util/json_io.h"

using namespace eventlab;

namespace {

// Every field of a record, names resolved, so that a mismatch shows what differs.
std::string describe(const Record& r, const Symbols& symbols) {
    const auto name = [&](Sym sym) {
        return sym == kNoSym ? std::string("<none>") : std::string(symbols.view(sym));
    };
    const auto text = [](const Text& t) { return t ? "\"" + *t + "\"" : std::string("<none>"); };
    return "seq=" + std::to_string(r.seq) + " t_us=" + std::to_string(r.t_us) +
           " type=" + std::string(to_string(r.type)) + " code=" + std::to_string(r.code) +
           " flags=" + std::to_string(r.flags) + " kinds=" + std::to_string(r.kinds) +
           " emit=" + std::to_string(r.emit) + " listener=" + std::to_string(r.listener) +
           " event=" + name(r.event) + " in=" + name(r.in) + " aux=" + name(r.aux) +
           " target_label=" + name(r.target_label) + " payload=" + text(r.payload) +
           " text=" + text(r.text);
}

struct Reading {
    bool fast = false;   // the fast reader gave a Record
    std::string record;  // the Record parse_record_line gives, described, or empty
    std::string error;   // parse_record_line's error
};

// Reads line through both readers, checks they agree, and returns what the loader answers.
Reading read_both(const std::string& line) {
    Symbols dom_symbols;
    std::string dom_error;
    const auto dom = read_record_dom(line, dom_symbols, dom_error);
    Symbols fast_symbols;
    FastRecordReader reader;
    const auto fast = reader.read(line, fast_symbols);
    if (fast) {
        REQUIRE_MESSAGE(dom, line << " → DOM error: " << dom_error);
        CHECK_MESSAGE(describe(*fast, fast_symbols) == describe(*dom, dom_symbols), line);
    }
    Reading out{fast.has_value(), "", ""};
    Symbols symbols;
    if (const auto record = parse_record_line(line, symbols)) {
        out.record = describe(*record, symbols);
    } else {
        out.error = record.error();
    }
    CHECK_MESSAGE(out.record == (dom ? describe(*dom, dom_symbols) : ""), line);
    CHECK_MESSAGE(out.error == dom_error, line);
    return out;
}

const std::vector<std::string> kWriterLines = {
    R"({"seq":1,"t_us":0,"type":"window","action":"created","label":"main"})",
    R"({"seq":2,"t_us":5,"type":"listen","listener":1,"event":"test-event","side":"js","in":"main","target":{"kind":"Any"},"once":false,"name":"feed","deferred":false})",
    R"({"seq":3,"t_us":5,"type":"listen","listener":2,"event":"e","side":"rust","in":null,"target":{"kind":"WebviewWindow","label":"settings"},"once":true,"deferred":true})",
    R"({"seq":4,"t_us":6,"type":"unlisten","listener":2,"reason":"once","deferred":false,"event":"e"})",
    R"({"seq":5,"t_us":6,"type":"unlisten","listener":3,"reason":"purge","deferred":true})",
    R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"test-event","target":null,"accept":null,"from":"rust","payload":{"data":"hi"},"deferred":false})",
    R"({"seq":7,"t_us":7,"type":"emit","emit":2,"api":"emit_to","event":"e","target":{"kind":"Webview","label":"main"},"accept":null,"from":"js:settings","payload":null,"deferred":true})",
    R"({"seq":8,"t_us":8,"type":"emit","emit":3,"api":"emit_filter","event":"e","target":null,"accept":[{"kind":"AnyLabel","label":"main"},{"kind":"App"}],"from":"periodic:tick","payload":"tick 3","deferred":false})",
    R"({"seq":9,"t_us":8,"type":"emit","emit":4,"api":"emit","event":"e","target":null,"accept":null,"from":"invoke:send","payload":[1,2.5,null,true,{"n":-3}],"deferred":false})",
    R"({"seq":10,"t_us":9,"type":"deliver","emit":1,"listener":1,"side":"js","in":"main","event":"test-event","match":"global listener","stale":false,"name":"feed"})",
    R"({"seq":11,"t_us":9,"type":"deliver","emit":1,"listener":4,"side":"rust","in":null,"event":"test-event","match":"any","stale":true})",
    R"({"seq":12,"t_us":10,"type":"skip","emit":2,"listener":5,"reason":"window gone","in":"settings","event":"e"})",
    R"({"seq":13,"t_us":10,"type":"skip","emit":2,"listener":6,"reason":"unregistered","in":null})",
    R"({"seq":13,"t_us":10,"type":"skip","emit":2,"listener":6,"listeners":[6,9,12],"count":3,"reason":"unregistered","in":"main","event":"e"})",
    R"({"seq":14,"t_us":11,"type":"invoke","command":"send","in":"main","args":{"windowLabel":"settings","data":"x"},"ok":true,"error":null,"result":{"sent":1}})",
    R"({"seq":15,"t_us":11,"type":"invoke","command":"nope","in":"main","args":{},"ok":false,"error":"command nope not found"})",
    R"({"seq":16,"t_us":12,"type":"mount","in":"main","component":"Feed","cleanup":true})",
    R"({"seq":17,"t_us":12,"type":"unmount","in":"main","component":"Feed","cleanup":false})",
    R"({"seq":18,"t_us":13,"type":"error","message":"bad name","op":"emit","panic":false})",
    R"({"seq":19,"t_us":-4,"type":"expect","ok":true,"message":"calls feed: 4"})",
};

}  // namespace

TEST_CASE("core: the fast trace reader reads every record type as the DOM reader does") {
    for (const std::string& line : kWriterLines) {
        const Reading reading = read_both(line);
        CHECK_MESSAGE(reading.fast, line);  // the fast path is the one a writer's lines take
        CHECK_MESSAGE(reading.error.empty(), line);
    }
}

TEST_CASE("core: the fast trace reader keeps strings and payloads byte for byte") {
    const std::vector<std::string> lines = {
        // escapes, UTF-8, \u escapes (a surrogate pair too) in names, messages and payloads
        R"({"seq":1,"t_us":0,"type":"error","message":"q\"b\\s\/n\nt\tr\rb\bf\f","op":"emit","panic":true})",
        R"({"seq":1,"t_us":0,"type":"error","message":"hé ✓ 🎉","op":"é\u00e9\u2713\ud83c\udf89","panic":false})",
        R"({"seq":1,"t_us":0,"type":"error","message":"nul \u0000 and \u001f","op":"o","panic":false})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"é","target":null,"accept":null,"from":"js:ü","payload":{"data":"hé \u0001 \"q\"","n":[1,2.5,null]},"deferred":false})",
        // payloads in nlohmann's compact form: sorted keys, the last of duplicates, its numbers
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":{ "z" : 1 , "a" : [ 1.50, -0, -0.0, 1e2, 1E-2, 0.1e1, 1e-400 ], "a" : "dup" },"deferred":false})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":[18446744073709551615,9223372036854775808,-9223372036854775808,3.141592653589793,1.7976931348623157e308,5e-324],"deferred":false})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":{"a":{"b":{"c":[[[{"d":[]}]]]}},"e":{}},"deferred":false})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":"\u00e9\ud83c\udf89\u2028","deferred":false})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":-12.0,"deferred":false})",
        R"({"seq":14,"t_us":11,"type":"invoke","command":"c","in":"main","args":{"b":true,"a":false},"ok":true,"error":null,"result":"ok"})",
        R"({"seq":14,"t_us":11,"type":"invoke","command":"c","in":"main","args":{},"ok":true,"error":null})",
        // duplicate keys at the top: the last one counts
        R"({"seq":1,"seq":2,"t_us":0,"type":"expect","type":"error","message":"m","op":"o","panic":false})",
        // whitespace around everything, keys in any order, unknown keys, a CR line end
        std::string(R"( { "message" : "m" , "ok" : false , "t_us" : 3 , "extra" : {"x": [1]} , )") +
            R"("type" : "expect" , "seq" : 9 } )" + "\r",
        // escaped keys
        R"({"se\u0071":1,"t_us":0,"type":"expect","ok":true,"m\u0065ssage":"m"})",
        // big numbers that still fit
        R"({"seq":18446744073709551615,"t_us":-9223372036854775808,"type":"expect","ok":true,"message":"m"})",
        R"({"seq":-0,"t_us":-0,"type":"expect","ok":true,"message":"m"})",
    };
    for (const std::string& line : lines) {
        const Reading reading = read_both(line);
        CHECK_MESSAGE(reading.fast, line);
        CHECK_MESSAGE(reading.error.empty(), line);
    }
    // What a user sees of the payload: nlohmann's compact dump, as before.
    Symbols symbols;
    const auto record = parse_record_line(lines[4], symbols);
    REQUIRE(record);
    CHECK(*record->payload == R"({"a":"dup","z":1})");
    const auto numbers = parse_record_line(lines[5], symbols);
    REQUIRE(numbers);
    CHECK(*numbers->payload ==
          "[18446744073709551615,9223372036854775808,-9223372036854775808,3.141592653589793,"
          "1.7976931348623157e+308,5e-324]");
}

TEST_CASE("core: lines the fast trace reader leaves to the DOM reader still load as before") {
    const std::vector<std::string> lines = {
        // integers beyond 64 bits: nlohmann reads them as floats, simdjson refuses them
        R"({"seq":1,"t_us":0,"type":"error","message":"m","op":"o","panic":false,"x":123456789012345678901234567890})",
        R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"rust","payload":[18446744073709551616,-9223372036854775809],"deferred":false})",
        // t_us beyond int64: nlohmann wraps it around
        R"({"seq":1,"t_us":18446744073709551615,"type":"expect","ok":true,"message":"m"})",
        // a UTF-8 byte order mark before the object
        "\xEF\xBB\xBF{\"seq\":1,\"t_us\":0,\"type\":\"expect\",\"ok\":true,\"message\":\"m\"}",
    };
    for (const std::string& line : lines) {
        const Reading reading = read_both(line);
        CHECK_MESSAGE(!reading.record.empty(), line);
    }
}

TEST_CASE("core: the fast trace reader never words an error the DOM reader would not") {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {R"({"seq":1,"t_us":0,"type":"listen"})", "missing \"listener\""},
        {R"({"seq":"1","t_us":0,"type":"expect","ok":true,"message":"m"})",
         "\"seq\" must be a non-negative integer"},
        {R"({"seq":-1,"t_us":0,"type":"expect","ok":true,"message":"m"})",
         "\"seq\" must be a non-negative integer"},
        {R"({"seq":1.0,"t_us":0,"type":"expect","ok":true,"message":"m"})",
         "\"seq\" must be a non-negative integer"},
        {R"({"seq":1,"t_us":1.5,"type":"expect","ok":true,"message":"m"})",
         "\"t_us\" must be an integer"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":1,"message":"m"})",
         "\"ok\" must be true or false"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":null})",
         "\"message\" must be a string"},
        {R"({"seq":1,"t_us":0,"type":"mount","in":5,"component":"C","cleanup":true})",
         "\"in\" must be a string or null"},
        {R"({"seq":1,"t_us":0,"type":"nope"})", "unknown record type \"nope\""},
        {R"({"seq":1,"t_us":0,"type":"listen","listener":1,"event":"e","side":"js","in":"main","target":"main","once":false,"deferred":false})",
         "\"target\" must be an object {\"kind\": …}"},
        {R"({"seq":1,"t_us":0,"type":"deliver","emit":1,"listener":1,"side":"left","in":null,"event":"e","match":"m","stale":false})",
         "\"side\" must be \"rust\" or \"js\""},
        {R"({"seq":1,"t_us":0,"type":"emit","emit":1,"api":"emit","event":"e","target":null,"accept":null,"from":"mars","payload":null,"deferred":false})",
         "\"from\" must be rust, js:LABEL, periodic:ID or invoke:COMMAND"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m"} x)", "not a JSON object"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"mess)", "not a JSON object"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m","x":01})",
         "not a JSON object"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"\ud800"})", "not a JSON object"},
        {R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m","x":1e400})",
         "not a JSON object"},
        {"{\"seq\":1,\"t_us\":0,\"type\":\"expect\",\"ok\":true,\"message\":\"\xC3\x28\"}",
         "not a JSON object"},
        {"{\"seq\":1,\"t_us\":0,\"type\":\"expect\",\"ok\":true,\"message\":\"\xED\xA0\x80\"}",
         "not a JSON object"},
        {"{\"seq\":1,\"t_us\":0,\"type\":\"expect\",\"ok\":true,\"message\":\"a\tb\"}",
         "not a JSON object"},
        {R"([{"seq":1}])", "not a JSON object"},
        {"", "not a JSON object"},
    };
    for (const auto& line_error : bad) {
        const std::string& line = line_error.first;
        const std::string& error = line_error.second;
        const Reading reading = read_both(line);
        CHECK_MESSAGE(!reading.fast, line);
        CHECK_MESSAGE(reading.record.empty(), line);
        CHECK_MESSAGE(reading.error == error, line);
    }
}

std::string emit_with_payload(const std::string& payload) {
    return R"({"seq":6,"t_us":7,"type":"emit","emit":1,"api":"emit","event":"e","target":null,)"
           R"("accept":null,"from":"rust","payload":)" +
           payload + R"(,"deferred":false})";
}

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

TEST_CASE("core: a trace line nested deeper than 512 levels is a bad record for both readers") {
    // 512 levels with the record's own object: read, and by the fast reader.
    const Reading deepest = read_both(emit_with_payload(nested(511)));
    CHECK(deepest.fast);
    CHECK(deepest.record.find("payload=\"" + nested(511) + "\"") != std::string::npos);
    // The last one is longer than the fast reader's first buffer: it keeps its limit as it grows.
    for (const std::string& payload :
         {nested(512), nested(100000),
          "[\"" + std::string(5000, 'a') + "\"," + nested(511) + "]"}) {
        const Reading deeper = read_both(emit_with_payload(payload));
        CHECK_FALSE(deeper.fast);
        CHECK(deeper.error == "nesting deeper than 512 levels");
    }
    const Reading open = read_both(emit_with_payload(std::string(100000, '[')));
    CHECK(open.error == "not a JSON object");
    // Too deep but no record at all: what is wrong first is that it is not an object.
    CHECK(read_both(nested(600)).error == "not a JSON object");
    CHECK(read_both("\xEF\xBB\xBF " + emit_with_payload(nested(600))).error ==
          "nesting deeper than 512 levels");
}

TEST_CASE("core: the trace reader and the scenario reader word the depth limit alike") {
    std::string scenario_error;
    CHECK_FALSE(parse_json_text(nested(kMaxJsonDepth + 1), "s.json", scenario_error));
    const std::string trace_error = read_both(emit_with_payload(nested(kMaxJsonDepth))).error;
    CHECK(trace_error == json_too_deep_message());
    CHECK(scenario_error == "s.json:1:" + std::to_string(kMaxJsonDepth + 1) + ": " + trace_error);
}

TEST_CASE("core: a trace whose lines take either reader loads in order with its line numbers") {
    std::string text = "{\"format\":\"eventlab-trace\",\"version\":1}\n";
    for (const std::string& line : kWriterLines)
        text += line + "\n";
    text += R"({"seq":20,"t_us":18446744073709551615,"type":"expect","ok":true,"message":"m"})";
    text += "\n\n";
    const std::string good_end = text;
    text += R"({"seq":21,"t_us":0,"type":"expect","ok":"yes","message":"m"})";
    text += "\n";
    const TraceLoad load = parse_trace(good_end, "mixed.jsonl");
    REQUIRE_MESSAGE(load.ok(), load.error());
    REQUIRE(load->records.size() == kWriterLines.size() + 1);
    CHECK(load->records.back().seq == 20);
    CHECK(load->records.back().t_us == -1);
    const TraceLoad bad = parse_trace(text, "mixed.jsonl");
    // The header, the writer's lines, seq 20 and an empty line come before it.
    CHECK(bad.error() == "mixed.jsonl:" + std::to_string(kWriterLines.size() + 4) +
                             ": bad record: \"ok\" must be true or false");
}

TEST_CASE("core: flat trace lines read at any byte position agree with the DOM reader") {
    // Flat lines are scanned a run of bytes at a time: put each kind of byte that ends a run at
    // every offset of a string, in a key and in a value.
    const std::vector<std::string> specials = {"\\\"", "\\\\", "\\u00e9",      "\t",   "\x01",
                                               "é",    "\xff", "\xed\xa0\x80", "\x7f", "🎉"};
    for (const std::string& special : specials) {
        for (std::size_t at = 0; at < 40; ++at) {
            const std::string text = std::string(at, 'a') + special + std::string(40 - at, 'b');
            const Reading value = read_both(R"({"seq":1,"t_us":0,"type":"expect","ok":true,)"
                                            R"("message":")" +
                                            text + "\"}");
            CHECK_MESSAGE(value.error.empty() == (special != "\t" && special != "\x01" &&
                                                  special != "\xff" && special != "\xed\xa0\x80"),
                          text);
            read_both(R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m",")" + text +
                      "\":0}");
        }
    }
    // Numbers at the edges of what the flat scan reads itself.
    for (const char* number :
         {"0", "-1", "999999999999999999", "-999999999999999999", "1000000000000000000",
          "9223372036854775807", "-0", "01", "1.0", "1e2", "-", "1-", "0x1", "+1"}) {
        read_both(R"({"seq":1,"t_us":)" + std::string(number) +
                  R"(,"type":"expect","ok":true,"message":"m"})");
    }
    // White space anywhere, literals cut short or run on.
    for (const std::string& line :
         {std::string(" \t{ \"seq\" :1 ,\"t_us\": 0,\"type\":\"expect\",\"ok\":true,\"message\":"
                      "\"m\" } \r"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":tru,"message":"m"})"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":truee,"message":"m"})"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m",})"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m"}})"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m")"),
          std::string(R"({"seq":1,"t_us":0,"type":"expect","ok":true,"message":"m" "x":1})")}) {
        read_both(line);
    }
}
