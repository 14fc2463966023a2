// Interned names: each table gives its own ids, however the lookups of two tables interleave on
// one thread (intern remembers the last name it looked up).
#include <doctest/doctest.h>

#include <memory>

#include "core/util/symbols.h"

using namespace eventlab;

TEST_CASE("two symbol tables used in turn on one thread each keep their own ids") {
    Symbols a;
    Symbols b;
    const Sym a_first = a.intern("first");
    const Sym a_event = a.intern("test-event");
    const Sym b_event = b.intern("test-event");  // the same text, just interned in `a`
    CHECK(a_first != a_event);
    CHECK(b_event == 1);
    CHECK(a_event == 2);
    CHECK(a.intern("test-event") == a_event);
    CHECK(b.intern("test-event") == b_event);
    CHECK(a.view(a_event) == "test-event");
    CHECK(b.view(b_event) == "test-event");
}

TEST_CASE("a table made where a destroyed one was gives its own ids") {
    auto first = std::make_unique<Symbols>();
    first->intern("a");
    first->intern("b");
    CHECK(first->intern("c") == 3);
    first.reset();
    auto second = std::make_unique<Symbols>();  // may reuse the same address
    CHECK(second->intern("c") == 1);
    CHECK(second->intern("a") == 2);
    CHECK(second->intern("c") == 1);
}
