// capture/customer_ref: the customer's number, reduced to a reference.
//
// AVG-5-minimal: customer phone numbers are never kept in clear. A capture
// source's number is normalised (spaces, dashes, dots and brackets dropped,
// a leading 00 read as +) and hashed with BLAKE2b under a secret key of the
// installation, so the same customer maps to the same reference (AVG-15: a
// customer can ask for their data by number) but the reference cannot be
// turned back into the number by trying all numbers without the key.
// The key lives in the data directory (customer-ref.key, mode 0600).
// Thread-safety: CustomerRefKey is immutable after creation.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.h"

namespace fairqm::capture {

class CustomerRefKey {
 public:
  // Creates a new random key file (mode 0600); refuses to overwrite one.
  static Status Create(const std::filesystem::path& path);
  // Loads the key; refuses a file readable or writable by others (kPermission).
  static Result<CustomerRefKey> Load(const std::filesystem::path& path);
  // For tests and benchmarks.
  static CustomerRefKey FromBytes(const std::array<unsigned char, 32>& bytes);

  // "cref-" + 32 hex digits; empty input gives an empty reference.
  std::string Reference(std::string_view customer_number) const;

 private:
  std::array<unsigned char, 32> key_{};
};

// "+31 (0)6-1234 5678" → "+31612345678"; "0031 6…" → "+316…"; a national
// number with one leading 0 ("06 1234 5678") gets the default country code
// (the first market is the Netherlands: "31"). Digits only besides a leading
// '+'. Returns "" when nothing numeric is left.
std::string NormaliseNumber(std::string_view number, std::string_view default_country = "31");

}  // namespace fairqm::capture
