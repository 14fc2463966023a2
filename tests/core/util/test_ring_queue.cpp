// RingQueue, the webview delivery queue: first in, first out across its wrap-around, and the
// memory a burst grew it to is kept while bursts keep coming, given back once they stop.
#include <doctest/doctest.h>

#include <memory>

#include "core/util/ring_queue.h"

using eventlab::RingQueue;

namespace {

// Queues `count` items numbered from `first`, then takes them all out, checking their order.
void fill_and_empty(RingQueue<std::unique_ptr<int>>& queue, int first, int count) {
    for (int i = 0; i < count; ++i)
        queue.push_back(std::make_unique<int>(first + i));
    for (int i = 0; i < count; ++i) {
        REQUIRE(*queue.front() == first + i);
        queue.pop_front();
    }
    REQUIRE(queue.empty());
}

}  // namespace

TEST_CASE("a ring queue keeps order across its wrap-around and its growth") {
    RingQueue<std::unique_ptr<int>> queue;
    for (int i = 0; i < 10; ++i)
        queue.push_back(std::make_unique<int>(i));
    for (int i = 0; i < 5; ++i)
        queue.pop_front();
    for (int i = 10; i < 40; ++i)  // wraps, then grows while wrapped
        queue.push_back(std::make_unique<int>(i));
    for (int i = 5; i < 40; ++i) {
        REQUIRE(*queue.front() == i);
        queue.pop_front();
    }
    CHECK(queue.empty());
}

TEST_CASE("a ring queue that fills and empties over and over keeps the room it grew") {
    RingQueue<std::unique_ptr<int>> queue;
    fill_and_empty(queue, 0, 5000);
    const std::size_t grown = queue.capacity();
    REQUIRE(grown >= 5000);
    for (int burst = 0; burst < 200; ++burst) {
        fill_and_empty(queue, burst, 3000);  // producers ahead of the drainer, again and again
        CHECK(queue.capacity() == grown);
    }
}

TEST_CASE("a ring queue gives a burst's memory back once the bursts stay small") {
    RingQueue<std::unique_ptr<int>> queue;
    fill_and_empty(queue, 0, 5000);
    REQUIRE(queue.capacity() >= 5000);
    for (int burst = 0; burst < 100; ++burst)
        fill_and_empty(queue, burst, 10);
    CHECK(queue.capacity() <= 1024);
    fill_and_empty(queue, 0, 10);  // and goes on working
}

TEST_CASE("clearing a ring queue releases its items and a burst's memory at once") {
    RingQueue<std::shared_ptr<int>> queue;
    auto item = std::make_shared<int>(1);
    for (int i = 0; i < 5000; ++i)
        queue.push_back(std::shared_ptr<int>(item));
    queue.clear();
    CHECK(item.use_count() == 1);
    CHECK(queue.empty());
    CHECK(queue.capacity() <= 1024);
}
