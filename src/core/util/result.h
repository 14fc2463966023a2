// What reading user input gives back (a scenario, a trace, a demo, a file): the value, or else
// one line saying why not, and in both cases the warnings about what was read but ignored.
// Result<void> is the same for an action that gives no value (open a file, write a list): done,
// or why not. One shape so that every caller prints errors and warnings the same way, and
// [[nodiscard]] because dropping one loses the only explanation the user would get.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eventlab {

// The error side of a Result: `return Failure{path + ": cannot read: " + why};`.
struct Failure {
    std::string error;  // one line, naming its source, ready for stderr
};

// What every Result keeps besides its value: the warnings.
class ResultWarnings {
  public:
    // Kept on failure too: an ignored field can be why a later one fails.
    const std::vector<std::string>& warnings() const { return warnings_; }
    void warn(std::string warning) { warnings_.push_back(std::move(warning)); }
    void set_warnings(std::vector<std::string> warnings) { warnings_ = std::move(warnings); }

  private:
    std::vector<std::string> warnings_;
};

template <class T>
class [[nodiscard]] Result : public ResultWarnings {
  public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Failure failure)                        // NOLINT(google-explicit-constructor)
        : error_(std::move(failure.error)) {}

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }

    // The value; only when ok().
    T& operator*() & { return *value_; }
    const T& operator*() const& { return *value_; }
    T&& operator*() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }

    // Empty when ok().
    const std::string& error() const { return error_; }

  private:
    std::optional<T> value_;
    std::string error_;
};

// Done (`return {};`), or why not (`return Failure{...};`).
template <>
class [[nodiscard]] Result<void> : public ResultWarnings {
  public:
    Result() = default;
    Result(Failure failure)  // NOLINT(google-explicit-constructor)
        : error_(std::move(failure.error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }

    // Empty when ok().
    const std::string& error() const { return error_; }

  private:
    std::string error_;
    bool failed_ = false;
};

}  // namespace eventlab
