// api/range: HTTP byte ranges (RFC 9110 §14) for recording content, and the
// BodyStream that sends a stretch of a recording decrypted chunk by chunk.
//
// ResolveRange turns a Range header and the content's size into what to send:
//   no header, another unit, a malformed header, an If-Range we cannot
//   validate (we send no validators), or SEVERAL ranges  → the whole content
//     (RFC 9110 §14.2: a server MAY ignore a Range header; one 200 is simpler
//     and safer for players than multipart/byteranges);
//   one satisfiable range "a-b", "a-", "-n"  → 206 with [first, last], the end
//     clipped to the last byte;
//   one range that starts at or beyond the end, "-0", or any range of empty
//     content  → 416 with "Content-Range: bytes */size".
// VaultRangeStream reads [first, first + length) of a VaultReader through
// ReadAt, at most one buffer at a time: never the whole recording in memory.
// Thread-safety: ResolveRange is pure; a stream is used by one thread at a
// time. Failures: a vault read error (kCorrupt, kIo) ends the stream with that
// error, so the client sees a short body, never a wrong one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/http.h"
#include "vault/vault.h"

namespace fairqm::api {

struct ResolvedRange {
  enum class Kind { kWhole, kPartial, kUnsatisfiable };
  Kind kind = Kind::kWhole;
  std::uint64_t first = 0;  // inclusive; meaningful for kPartial
  std::uint64_t last = 0;   // inclusive; meaningful for kPartial

  std::uint64_t length() const { return last - first + 1; }
};

// `range` is the Range header's value ("" when absent); `if_range` the
// If-Range header's value ("" when absent).
ResolvedRange ResolveRange(std::string_view range, std::string_view if_range, std::uint64_t size);

// "bytes 0-99/1234" for a partial answer; "bytes */1234" for a 416.
std::string ContentRangeValue(const ResolvedRange& range, std::uint64_t size);

class VaultRangeStream : public BodyStream {
 public:
  VaultRangeStream(std::unique_ptr<vault::VaultReader> reader, std::uint64_t first,
                   std::uint64_t length);
  Result<std::size_t> Read(char* buffer, std::size_t capacity) override;

 private:
  std::unique_ptr<vault::VaultReader> reader_;
  std::uint64_t next_;
  std::uint64_t end_;  // exclusive
};

}  // namespace fairqm::api
