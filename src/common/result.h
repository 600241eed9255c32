// Result<T>: the one value type for expected failures across fairqm.
//
// An operation that can fail in an ordinary way (bad input, missing row, I/O
// error) returns Result<T>: either a T or an Error with a code and a message.
// Exceptions never cross a module boundary. A refusal by the guideline is NOT
// an Error: it is a policy::Decision (see policy/decision.h).
//
// Thread-safety: plain values; copy or move freely.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace fairqm {

enum class ErrorCode {
  kInvalidInput,  // the caller's input is malformed (CLI exit code 2)
  kNotFound,      // a referenced thing does not exist
  kConflict,      // state does not allow it (already exists, wrong status)
  kIo,            // file system or database failure
  kCorrupt,       // stored data failed an integrity check
  kUnsupported,   // a format or feature we do not handle
  kPermission,    // file permissions / key material unsafe
  kInternal,      // a bug
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  std::string ToString() const { return std::string(ErrorCodeName(code)) + ": " + message; }
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status OkStatus() { return Status(); }

}  // namespace fairqm

// Early-return helpers for flat error handling.
#define FAIRQM_CONCAT_INNER(a, b) a##b
#define FAIRQM_CONCAT(a, b) FAIRQM_CONCAT_INNER(a, b)

#define FAIRQM_RETURN_IF_ERROR(expr)                         \
  do {                                                       \
    auto fairqm_status_ = (expr);                            \
    if (!fairqm_status_.ok()) return fairqm_status_.error(); \
  } while (0)

#define FAIRQM_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.error();                 \
  lhs = std::move(tmp).value()

#define FAIRQM_ASSIGN_OR_RETURN(lhs, expr) \
  FAIRQM_ASSIGN_OR_RETURN_IMPL(FAIRQM_CONCAT(fairqm_result_, __LINE__), lhs, expr)
