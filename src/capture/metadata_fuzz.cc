// libFuzzer target: capture sources' contact metadata (outside input).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capture/customer_ref.h"
#include "capture/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = fairqm::capture::ParseContactMetadata(text);
  if (parsed.ok()) (void)fairqm::capture::NormaliseNumber(parsed->customer_number);
  return 0;
}
