// libFuzzer target for the parsers of outside input in codec/: regulation and
// form documents (JSON and TOML) and the HR employee CSV. Build with
// -DFAIRQM_FUZZ=ON using clang (see fuzz/README in docs/development.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/employees_csv.h"
#include "codec/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)fairqm::codec::ParseEmployeesCsv(text);
  for (const char* name : {"x.json", "x.toml"}) {
    auto json = fairqm::codec::ParseDocument(text, name);
    if (json.ok()) {
      (void)fairqm::codec::RegulationFromJson(*json);
      (void)fairqm::codec::FormFromJson(*json);
      (void)fairqm::codec::AuthorisationFromJson(*json);
      (void)fairqm::codec::ClientContractFromJson(*json);
    }
  }
  return 0;
}
