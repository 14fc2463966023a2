// Result<T>, the one shape every reader of user input returns: what a caller relies on to print
// the error or use the value, and to print warnings either way; Result<void> for an action that
// gives nothing back but may fail.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/util/result.h"

using eventlab::Failure;
using eventlab::Result;

namespace {

Result<int> half(int n) {
    if (n % 2 != 0) return Failure{"input.json: " + std::to_string(n) + " is odd"};
    return n / 2;
}

Result<void> save(const std::string& path) {
    if (path.empty()) return Failure{"no place to save (HOME is not set)"};
    return {};
}

}  // namespace

TEST_CASE("result: a value is ok and has no error") {
    const Result<int> r = half(8);
    REQUIRE(r.ok());
    CHECK(static_cast<bool>(r));
    CHECK(*r == 4);
    CHECK(r.error().empty());
}

TEST_CASE("result: a failure is not ok and keeps its message word for word") {
    const Result<int> r = half(7);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(static_cast<bool>(r));
    CHECK(r.error() == "input.json: 7 is odd");
}

TEST_CASE("result: warnings survive a failure") {
    Result<int> r = Failure{"bad.json: /steps: expected an array of steps; got object"};
    r.warn("bad.json: /extra: unknown field, ignored");
    REQUIRE(r.warnings().size() == 1);
    CHECK(r.warnings()[0] == "bad.json: /extra: unknown field, ignored");
    r.set_warnings({"a", "b"});
    CHECK(r.warnings().size() == 2);
}

TEST_CASE("result: a value that cannot be copied moves out") {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(3);
    REQUIRE(r.ok());
    CHECK(**r == 3);
    const std::unique_ptr<int> taken = *std::move(r);
    CHECK(*taken == 3);
}

TEST_CASE("result: member access goes to the value") {
    Result<std::string> r = std::string("scenario.json");
    CHECK(r->size() == 13);
    r->append(".bak");
    CHECK(*r == "scenario.json.bak");
}

TEST_CASE("result: a void result is done or says why not - even an empty why is a failure") {
    const Result<void> done = save("recent.txt");
    CHECK(done.ok());
    CHECK(done.error().empty());
    const Result<void> refused = save("");
    CHECK_FALSE(refused.ok());
    CHECK_FALSE(static_cast<bool>(refused));
    CHECK(refused.error() == "no place to save (HOME is not set)");
    const Result<void> silent = Failure{""};
    CHECK_FALSE(silent.ok());  // not "empty means success"
}
