// libFuzzer target for wire/multipart: uploads from capture sources and
// browsers (outside input). The input's first line (up to 70 bytes) is the
// boundary; the rest is the body. It is parsed twice, whole and in chunks of
// pseudo-random sizes drawn from the input, and the two parses must agree
// event for event and error for error; the parser must never hold more than
// its header limit, and every error message must be valid UTF-8 (the API
// sends it back as JSON). Build with -DFAIRQM_FUZZ=ON using clang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/json.h"
#include "wire/multipart.h"

namespace {

using fairqm::Status;
using fairqm::wire::MultipartLimits;
using fairqm::wire::MultipartParser;
using fairqm::wire::PartHeaders;

constexpr MultipartLimits kLimits{1024, 8};

// Events as text; consecutive data slices are merged, since how content is
// sliced depends on the chunks and is not part of the contract.
class Recorder : public fairqm::wire::MultipartVisitor {
 public:
  Status OnPartBegin(const PartHeaders& headers) override {
    if (in_part_) __builtin_trap();
    if (headers.name.empty() || headers.content_type.empty()) __builtin_trap();
    in_part_ = true;
    events.push_back("begin " + headers.name + "\n" + headers.filename + "\n" +
                     headers.content_type + (headers.has_filename ? "\n1" : "\n0"));
    events.emplace_back("data ");
    return fairqm::OkStatus();
  }
  Status OnPartData(std::string_view data) override {
    if (!in_part_ || data.empty()) __builtin_trap();
    events.back().append(data);
    return fairqm::OkStatus();
  }
  Status OnPartEnd() override {
    if (!in_part_) __builtin_trap();
    in_part_ = false;
    events.emplace_back("end");
    return fairqm::OkStatus();
  }

  std::vector<std::string> events;

 private:
  bool in_part_ = false;
};

void CheckMessage(const Status& status) {
  if (status.ok()) return;
  if (status.error().code != fairqm::ErrorCode::kInvalidInput) __builtin_trap();
  try {
    (void)fairqm::codec::Json(status.error().message).dump();
  } catch (const std::exception&) {
    __builtin_trap();  // not UTF-8
  }
}

struct Outcome {
  std::vector<std::string> events;
  std::string error;  // empty when the body was accepted
};

template <typename NextChunkSize>
Outcome Parse(const std::string& boundary, std::string_view body, NextChunkSize next_size) {
  Recorder recorder;
  MultipartParser parser(boundary, recorder, kLimits);
  Status status = fairqm::OkStatus();
  for (std::size_t pos = 0; pos < body.size() && status.ok();) {
    std::size_t size = next_size();
    status = parser.Feed(body.substr(pos, size));
    pos += size;
    if (parser.buffered_bytes() > kLimits.max_header_bytes) __builtin_trap();
  }
  if (status.ok()) status = parser.Finish();
  CheckMessage(status);
  if (status.ok() && !parser.done()) __builtin_trap();
  if (parser.part_count() > kLimits.max_parts) __builtin_trap();
  return Outcome{std::move(recorder.events), status.ok() ? "" : status.error().message};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string boundary = "B";
  std::string_view body = input;
  auto newline = input.find('\n');
  if (newline != std::string_view::npos && newline <= fairqm::wire::kMaxBoundarySize + 1) {
    boundary = std::string(input.substr(0, newline));
    body = input.substr(newline + 1);
  }

  // Chunk sizes from a small generator seeded by the input: mostly tiny
  // chunks (splitting delimiters and headers), sometimes large ones.
  std::uint32_t state = 2166136261u;
  for (char c : input) state = (state ^ static_cast<unsigned char>(c)) * 16777619u;
  auto next_size = [&state]() -> std::size_t {
    state = state * 1664525u + 1013904223u;
    std::uint32_t r = state >> 8;
    return 1 + ((r & 1) ? r % 8 : r % 512);
  };

  Outcome whole = Parse(boundary, body, [&] { return body.size() + 1; });
  Outcome chunked = Parse(boundary, body, next_size);
  if (whole.error != chunked.error || whole.events != chunked.events) __builtin_trap();
  return 0;
}
