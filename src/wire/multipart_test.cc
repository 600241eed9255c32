#include "wire/multipart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace fairqm::wire {
namespace {

using namespace std::string_literals;  // NOLINT: "\0" inside test bodies

struct Part {
  std::string name;
  std::string filename;
  bool has_filename = false;
  std::string content_type;
  std::string data;
  bool ended = false;

  bool operator==(const Part&) const = default;
};

void PrintTo(const Part& part, std::ostream* out) {
  *out << "{name=" << part.name << " filename=" << part.filename
       << " has_filename=" << part.has_filename << " type=" << part.content_type
       << " data=" << ::testing::PrintToString(part.data) << " ended=" << part.ended << "}";
}

Part Field(std::string name, std::string data) {
  return Part{std::move(name), "", false, "text/plain", std::move(data), true};
}

Part File(std::string name, std::string filename, std::string type, std::string data) {
  return Part{std::move(name), std::move(filename), true, std::move(type), std::move(data), true};
}

// Records every event and checks their order: begin, data*, end.
class Recorder : public MultipartVisitor {
 public:
  Status OnPartBegin(const PartHeaders& headers) override {
    EXPECT_FALSE(in_part_) << "part begun inside a part";
    parts.push_back(Part{headers.name, headers.filename, headers.has_filename, headers.content_type,
                         "", false});
    in_part_ = true;
    return OkStatus();
  }
  Status OnPartData(std::string_view data) override {
    EXPECT_TRUE(in_part_) << "data outside a part";
    EXPECT_FALSE(data.empty()) << "empty data slice";
    if (!parts.empty()) parts.back().data.append(data);
    return OkStatus();
  }
  Status OnPartEnd() override {
    EXPECT_TRUE(in_part_) << "end outside a part";
    if (!parts.empty()) parts.back().ended = true;
    in_part_ = false;
    return OkStatus();
  }

  std::vector<Part> parts;

 private:
  bool in_part_ = false;
};

// Feeds `body` in chunks of `chunk_size` bytes (0: all at once), then Finish.
Result<std::vector<Part>> ParseInChunks(const std::string& boundary, std::string_view body,
                                        std::size_t chunk_size, MultipartLimits limits = {}) {
  Recorder recorder;
  MultipartParser parser(boundary, recorder, limits);
  if (chunk_size == 0) chunk_size = body.size() + 1;
  for (std::size_t pos = 0; pos < body.size(); pos += chunk_size) {
    FAIRQM_RETURN_IF_ERROR(parser.Feed(body.substr(pos, chunk_size)));
    if (parser.buffered_bytes() > limits.max_header_bytes) {
      return MakeError(ErrorCode::kInternal, "parser holds more than the header limit");
    }
  }
  FAIRQM_RETURN_IF_ERROR(parser.Finish());
  return recorder.parts;
}

// Two chunks split at `split`.
Result<std::vector<Part>> ParseSplitAt(const std::string& boundary, std::string_view body,
                                       std::size_t split) {
  Recorder recorder;
  MultipartParser parser(boundary, recorder);
  FAIRQM_RETURN_IF_ERROR(parser.Feed(body.substr(0, split)));
  FAIRQM_RETURN_IF_ERROR(parser.Feed(body.substr(split)));
  FAIRQM_RETURN_IF_ERROR(parser.Finish());
  return recorder.parts;
}

std::string Disposition(const std::string& name) {
  return "Content-Disposition: form-data; name=\"" + name + "\"\r\n";
}

struct WellFormedCase {
  const char* label;
  std::string boundary;
  std::string body;
  std::vector<Part> expected;
};

std::vector<WellFormedCase> WellFormedCases() {
  const std::string binary = "\0\r\n\r\r\n\n\xff\xfe--B\r\n-\0"s;
  std::vector<WellFormedCase> cases = {
      {"one field, no preamble",
       "B",
       "--B\r\n" + Disposition("purpose") + "\r\ncoaching\r\n--B--",
       {Field("purpose", "coaching")}},
      {"preamble and epilogue are ignored",
       "xyz",
       "This is the preamble.\r\n-- not a delimiter\r\n--xy\r\n--xyz\r\n" + Disposition("a") +
           "\r\nA\r\n--xyz--\r\nThis is the epilogue.\r\n--xyz\r\ngarbage",
       {Field("a", "A")}},
      {"metadata and a file",
       "----WebKitFormBoundary7MA4YWxkTrZu0gW",
       "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n" + Disposition("metadata") +
           "Content-Type: application/json\r\n\r\n{\"agent\": \"1001\"}\r\n"
           "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
           "Content-Disposition: form-data; name=\"content\"; filename=\"call.opus\"\r\n"
           "Content-Type: audio/ogg; codecs=opus\r\n\r\nOggS\x01\x02\r\n"
           "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n",
       {Part{"metadata", "", false, "application/json", "{\"agent\": \"1001\"}", true},
        File("content", "call.opus", "audio/ogg; codecs=opus", "OggS\x01\x02")}},
      {"empty part and empty header values",
       "B",
       "--B\r\n" + Disposition("empty") + "\r\n\r\n--B\r\n" +
           "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n\r\n--B--",
       {Field("empty", ""), File("f", "", "text/plain", "")}},
      {"delimiter-like sequences inside data",
       "abcabd",
       "--abcabd\r\n" + Disposition("d") +
           "\r\n--abcabd\r\n--abcab\r\n--abcabc\n--abcabd\r\r\n-\r\n--\r\n\r\n--abcab\r\n\r\n"
           "\r\n--abcabd--",
       {Field("d",
              "--abcabd\r\n--abcab\r\n--abcabc\n--abcabd\r\r\n-\r\n--\r\n\r\n--abcab\r\n\r\n")}},
      {"binary part with NUL, CR and LF",
       "bin",
       "--bin\r\nContent-Disposition: form-data; name=\"content\"; filename=\"x.bin\"\r\n"
       "Content-Type: application/octet-stream\r\n\r\n" +
           binary + "\r\n--bin--",
       {File("content", "x.bin", "application/octet-stream", binary)}},
      {"boundary with every permitted special character",
       "gc0p4Jq0M2Yt08j34c0p ()+_,-./:=?'",
       "--gc0p4Jq0M2Yt08j34c0p ()+_,-./:=?'\r\n" + Disposition("x") +
           "\r\nvalue\r\n--gc0p4Jq0M2Yt08j34c0p ()+_,-./:=?'--",
       {Field("x", "value")}},
      {"transport padding after delimiters",
       "B",
       "--B \t \r\n" + Disposition("a") + "\r\n1\r\n--B\t\r\n" + Disposition("b") +
           "\r\n2\r\n--B--  \r\n",
       {Field("a", "1"), Field("b", "2")}},
      {"header names and parameters are case-insensitive; other headers ignored",
       "B",
       "--B\r\ncontent-disposition: Form-Data; NAME=agent; Filename=\"a \\\"q\\\".txt\"\r\n"
       "X-Extra: whatever\r\nCONTENT-TYPE: text/csv\r\n"
       "Content-Transfer-Encoding: binary\r\n\r\n1001\r\n--B--",
       {File("agent", "a \"q\".txt", "text/csv", "1001")}},
      {"content ending in CRLF keeps it",
       "B",
       "--B\r\n" + Disposition("t") + "\r\nline\r\n\r\n--B--",
       {Field("t", "line\r\n")}},
      {"UTF-8 file name",
       "B",
       "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"gesprek-\xc3\xa9.wav\"\r\n"
       "\r\nx\r\n--B--",
       {File("f", "gesprek-\xc3\xa9.wav", "text/plain", "x")}},
  };
  std::string sixteen;
  std::vector<Part> sixteen_parts;
  for (int part_idx = 0; part_idx < 16; ++part_idx) {
    std::string name = "p" + std::to_string(part_idx);
    sixteen += "--B\r\n" + Disposition(name) + "\r\n" + std::to_string(part_idx) + "\r\n";
    sixteen_parts.push_back(Field(name, std::to_string(part_idx)));
  }
  cases.push_back({"exactly the maximum number of parts", "B", sixteen + "--B--", sixteen_parts});
  return cases;
}

TEST(MultipartTest, WellFormedBodiesParseTheSameAtEveryChunkSize) {
  for (const auto& test_case : WellFormedCases()) {
    SCOPED_TRACE(test_case.label);
    for (std::size_t chunk_size = 0; chunk_size <= test_case.body.size(); ++chunk_size) {
      SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
      auto parts = ParseInChunks(test_case.boundary, test_case.body, chunk_size);
      ASSERT_TRUE(parts.ok()) << parts.error().ToString();
      ASSERT_EQ(*parts, test_case.expected);
    }
  }
}

TEST(MultipartTest, WellFormedBodiesParseTheSameAtEverySplitPoint) {
  for (const auto& test_case : WellFormedCases()) {
    SCOPED_TRACE(test_case.label);
    for (std::size_t split = 0; split <= test_case.body.size(); ++split) {
      SCOPED_TRACE("split at " + std::to_string(split));
      auto parts = ParseSplitAt(test_case.boundary, test_case.body, split);
      ASSERT_TRUE(parts.ok()) << parts.error().ToString();
      ASSERT_EQ(*parts, test_case.expected);
    }
  }
}

struct MalformedCase {
  const char* label;
  std::string boundary;
  std::string body;
  std::string message;  // expected in the error
};

std::vector<MalformedCase> MalformedCases() {
  const std::string a = "--B\r\n" + Disposition("a") + "\r\n";
  std::string seventeen;
  for (int part_idx = 0; part_idx < 17; ++part_idx) {
    seventeen += "--B\r\n" + Disposition("p" + std::to_string(part_idx)) + "\r\nx\r\n";
  }
  return {
      {"empty body", "B", "", "ends before the closing boundary"},
      {"no delimiter at all", "B", "just some text\r\n", "ends before the closing boundary"},
      {"missing closing delimiter", "B", a + "hello", "ends before the closing boundary"},
      {"closing delimiter cut after one dash", "B", a + "hello\r\n--B-",
       "ends before the closing boundary"},
      {"body cut inside the headers", "B", "--B\r\nContent-Disposition: form-da",
       "ends before the closing boundary"},
      {"body cut inside a delimiter", "B", a + "hello\r\n--", "ends before the closing boundary"},
      {"headers too large", "B",
       "--B\r\n" + Disposition("a") + "X-Padding: " + std::string(8200, 'x') + "\r\n\r\nv\r\n--B--",
       "headers exceed 8192 bytes"},
      {"headers never end", "B", "--B\r\n" + std::string(9000, 'h'), "headers exceed 8192 bytes"},
      {"too many parts", "B", seventeen + "--B--", "more than 16 parts"},
      {"delimiter followed by other characters", "B", a + "x\r\n--Bx\r\n",
       "followed by other characters"},
      {"closing dash followed by other characters", "B", a + "x\r\n--B-x",
       "followed by other characters"},
      {"delimiter line CR without LF", "B", a + "x\r\n--B\rX", "does not end with CRLF"},
      {"no Content-Disposition", "B", "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--",
       "no Content-Disposition"},
      {"empty header block", "B", "--B\r\n\r\nx\r\n--B--", "no Content-Disposition"},
      {"disposition is not form-data", "B",
       "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--", "must be form-data"},
      {"no field name", "B",
       "--B\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--B--", "no field name"},
      {"empty field name", "B",
       "--B\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--B--", "no field name"},
      {"duplicate parameter", "B",
       "--B\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--B--",
       "parameter name appears more than once"},
      {"unterminated quoted parameter", "B",
       "--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--B--",
       "unterminated quoted value"},
      {"duplicate Content-Disposition", "B",
       "--B\r\n" + Disposition("a") + Disposition("b") + "\r\nx\r\n--B--",
       "Content-Disposition appears twice"},
      {"folded header line", "B", "--B\r\n" + Disposition("a") + " continued\r\n\r\nx\r\n--B--",
       "folded header lines"},
      {"header line without colon", "B", "--B\r\n" + Disposition("a") + "Bogus\r\n\r\nx\r\n--B--",
       "malformed header line"},
      {"bare LF in the headers", "B",
       "--B\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nx\r\n--B--", "bare CR or LF"},
      {"control character in a field name", "B",
       "--B\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\nx\r\n--B--",
       "control character"},
      {"NUL in a file name", "B",
       "--B\r\nContent-Disposition: form-data; name=\"a\"; filename=\"x\0.wav\"\r\n\r\nx\r\n--B--"s,
       "control character"},
      {"part Content-Type is not a media type", "B",
       "--B\r\n" + Disposition("a") + "Content-Type: nonsense\r\n\r\nx\r\n--B--",
       "not a media type"},
      {"encoded content is refused", "B",
       "--B\r\n" + Disposition("a") + "Content-Transfer-Encoding: base64\r\n\r\neA==\r\n--B--",
       "Content-Transfer-Encoding 'base64' is not supported"},
      {"empty boundary", "", "--\r\n", "invalid boundary"},
      {"boundary longer than 70", std::string(71, 'b'), "--", "invalid boundary"},
      {"boundary ending in a space", "abc ", "--abc \r\n", "invalid boundary"},
      {"boundary with a forbidden character", "a;b", "--a;b\r\n", "invalid boundary"},
  };
}

// Every chunk size up to 128 bytes (0: the whole body at once), then a
// sample of larger ones, so that bodies of 9 KB stay quick.
std::vector<std::size_t> ChunkSizes(std::size_t body_size) {
  std::vector<std::size_t> sizes;
  for (std::size_t size = 0; size <= body_size && size <= 128; ++size) sizes.push_back(size);
  std::size_t step = std::max<std::size_t>(1, body_size / 64);
  for (std::size_t size = 129; size < body_size; size += step) sizes.push_back(size);
  if (body_size > 128) sizes.push_back(body_size);
  return sizes;
}

TEST(MultipartTest, MalformedBodiesAreRefusedAtEveryChunkSize) {
  for (const auto& test_case : MalformedCases()) {
    SCOPED_TRACE(test_case.label);
    for (std::size_t chunk_size : ChunkSizes(test_case.body.size())) {
      SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
      auto parts = ParseInChunks(test_case.boundary, test_case.body, chunk_size);
      ASSERT_FALSE(parts.ok());
      EXPECT_EQ(parts.error().code, ErrorCode::kInvalidInput);
      ASSERT_NE(parts.error().message.find(test_case.message), std::string::npos)
          << parts.error().message;
      EXPECT_EQ(parts.error().message.rfind("multipart: ", 0), 0u) << parts.error().message;
    }
  }
}

TEST(MultipartTest, ErrorsAreStickyAndFinishRepeatsThem) {
  Recorder recorder;
  MultipartParser parser("B", recorder);
  Status first = parser.Feed("--B\r\nBogus\r\n\r\n");
  ASSERT_FALSE(first.ok());
  Status again = parser.Feed("--B--");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, first.error().message);
  Status finished = parser.Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().message, first.error().message);
  EXPECT_FALSE(parser.done());
}

TEST(MultipartTest, TheCustomLimitsApply) {
  std::string body =
      "--B\r\n" + Disposition("a") + "\r\n1\r\n--B\r\n" + Disposition("b") + "\r\n2\r\n--B--";
  auto one_part = ParseInChunks("B", body, 0, MultipartLimits{8 * 1024, 1});
  ASSERT_FALSE(one_part.ok());
  EXPECT_NE(one_part.error().message.find("more than 1 parts"), std::string::npos);
  auto small_headers = ParseInChunks("B", body, 0, MultipartLimits{20, 16});
  ASSERT_FALSE(small_headers.ok());
  EXPECT_NE(small_headers.error().message.find("exceed 20 bytes"), std::string::npos);
}

// A visitor refuses what it does not expect; the parser stops there and passes
// the visitor's error on unchanged.
class RefusingVisitor : public MultipartVisitor {
 public:
  explicit RefusingVisitor(std::size_t max_content) : max_content_(max_content) {}
  Status OnPartBegin(const PartHeaders& headers) override {
    if (headers.name != "content") {
      return MakeError(ErrorCode::kInvalidInput, "unexpected part '" + headers.name + "'");
    }
    return OkStatus();
  }
  Status OnPartData(std::string_view data) override {
    received_ += data.size();
    if (received_ > max_content_) return MakeError(ErrorCode::kConflict, "content too large");
    return OkStatus();
  }
  Status OnPartEnd() override {
    ++ended_;
    return OkStatus();
  }
  int ended() const { return ended_; }

 private:
  std::size_t max_content_;
  std::size_t received_ = 0;
  int ended_ = 0;
};

TEST(MultipartTest, VisitorErrorsStopTheParse) {
  {
    RefusingVisitor visitor(100);
    MultipartParser parser("B", visitor);
    Status status = parser.Feed("--B\r\n" + Disposition("other") + "\r\nx\r\n--B--");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message, "unexpected part 'other'");
    EXPECT_FALSE(parser.Finish().ok());
  }
  {
    RefusingVisitor visitor(4);
    MultipartParser parser("B", visitor);
    ASSERT_TRUE(parser.Feed("--B\r\n" + Disposition("content") + "\r\n1234").ok());
    Status status = parser.Feed("5");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "content too large");
    EXPECT_EQ(visitor.ended(), 0);
  }
}

// Counts content without keeping it, to show that the parser does not keep
// it either.
class CountingVisitor : public MultipartVisitor {
 public:
  Status OnPartBegin(const PartHeaders&) override { return OkStatus(); }
  Status OnPartData(std::string_view data) override {
    bytes += data.size();
    return OkStatus();
  }
  Status OnPartEnd() override {
    ++ended;
    return OkStatus();
  }
  std::size_t bytes = 0;
  int ended = 0;
};

TEST(MultipartTest, MemoryDoesNotGrowWithThePartSize) {
  CountingVisitor visitor;
  MultipartParser parser("B", visitor);
  ASSERT_TRUE(parser.Feed("--B\r\n" + Disposition("content") + "\r\n").ok());
  // 16 MiB of content that keeps looking like the start of a delimiter.
  std::string chunk;
  while (chunk.size() < 64 * 1024) chunk += "abc\r\n--\r\n-";
  std::size_t total = 0;
  for (int chunk_idx = 0; chunk_idx < 256; ++chunk_idx) {
    ASSERT_TRUE(parser.Feed(chunk).ok());
    total += chunk.size();
    ASSERT_EQ(parser.buffered_bytes(), 0u);
  }
  ASSERT_TRUE(parser.Feed("\r\n--B--").ok());
  ASSERT_TRUE(parser.Finish().ok());
  EXPECT_EQ(visitor.bytes, total);
  EXPECT_EQ(visitor.ended, 1);
  EXPECT_TRUE(parser.done());
  EXPECT_EQ(parser.part_count(), 1u);
}

TEST(MultipartTest, DataSlicesPointIntoTheFedChunk) {
  class SliceChecker : public MultipartVisitor {
   public:
    explicit SliceChecker(std::string_view chunk) : chunk_(chunk) {}
    Status OnPartBegin(const PartHeaders&) override { return OkStatus(); }
    Status OnPartData(std::string_view data) override {
      EXPECT_GE(data.data(), chunk_.data());
      EXPECT_LE(data.data() + data.size(), chunk_.data() + chunk_.size());
      return OkStatus();
    }
    Status OnPartEnd() override { return OkStatus(); }

   private:
    std::string_view chunk_;
  };
  std::string body = "--B\r\n" + Disposition("a") + "\r\n" + std::string(1000, 'z') + "\r\n--B--";
  SliceChecker checker(body);
  MultipartParser parser("B", checker);
  ASSERT_TRUE(parser.Feed(body).ok());
  ASSERT_TRUE(parser.Finish().ok());
}

TEST(MultipartTest, ValidatesBoundaries) {
  EXPECT_TRUE(IsValidBoundary("a"));
  EXPECT_TRUE(IsValidBoundary(std::string(70, 'x')));
  EXPECT_TRUE(IsValidBoundary("a b"));
  EXPECT_FALSE(IsValidBoundary(""));
  EXPECT_FALSE(IsValidBoundary(std::string(71, 'x')));
  EXPECT_FALSE(IsValidBoundary("ab "));
  EXPECT_FALSE(IsValidBoundary("a\"b"));
  EXPECT_FALSE(IsValidBoundary("a\r\nb"));
  EXPECT_FALSE(IsValidBoundary("a@b"));
}

TEST(BoundaryFromContentTypeTest, ReadsTokenAndQuotedBoundaries) {
  struct Row {
    const char* content_type;
    const char* boundary;
  };
  const Row rows[] = {
      {"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
       "----WebKitFormBoundary7MA4YWxkTrZu0gW"},
      {"multipart/form-data; boundary=\"gc0p4Jq0M2Yt08j34c0p ()+_,-./:=?\"",
       "gc0p4Jq0M2Yt08j34c0p ()+_,-./:=?"},
      {"Multipart/Form-Data;BOUNDARY=abc", "abc"},
      {"multipart/form-data; charset=utf-8; boundary=abc ", "abc"},
      {"  multipart/form-data ;\tboundary=\"a\\\"\"", nullptr},  // a quote is not a bchar
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.content_type);
    auto boundary = BoundaryFromContentType(row.content_type);
    if (row.boundary == nullptr) {
      EXPECT_FALSE(boundary.ok());
      continue;
    }
    ASSERT_TRUE(boundary.ok()) << boundary.error().ToString();
    EXPECT_EQ(*boundary, row.boundary);
  }
  auto longest = BoundaryFromContentType("multipart/form-data; boundary=" + std::string(70, 'b'));
  ASSERT_TRUE(longest.ok());
  EXPECT_EQ(longest->size(), 70u);
}

TEST(BoundaryFromContentTypeTest, RefusesMissingInvalidOrTooLongBoundaries) {
  struct Row {
    std::string content_type;
    const char* message;
  };
  const Row rows[] = {
      {"multipart/form-data", "no boundary parameter"},
      {"multipart/form-data; charset=utf-8", "no boundary parameter"},
      {"multipart/form-data; boundary=\"\"", "no boundary parameter"},
      {"multipart/form-data; boundary=", "has no value"},
      {"multipart/form-data; boundary=" + std::string(71, 'b'), "longer than 70 characters"},
      {"multipart/form-data; boundary=\"ab \"", "characters RFC 2046 forbids"},
      {"multipart/form-data; boundary=a@b", "characters RFC 2046 forbids"},
      {"multipart/form-data; boundary=\"abc", "unterminated quoted value"},
      {"multipart/form-data; boundary=a; boundary=b", "appears more than once"},
      {"multipart/form-data boundary=a", "expected multipart/form-data"},
      {"multipart/mixed; boundary=a", "expected multipart/form-data"},
      {"application/json", "expected multipart/form-data"},
      {"", "expected multipart/form-data"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.content_type);
    auto boundary = BoundaryFromContentType(row.content_type);
    ASSERT_FALSE(boundary.ok());
    EXPECT_EQ(boundary.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(boundary.error().message.find(row.message), std::string::npos)
        << boundary.error().message;
    EXPECT_EQ(boundary.error().message.rfind("Content-Type: ", 0), 0u);
  }
}

}  // namespace
}  // namespace fairqm::wire
