// Decision: the answer of the policy engine to "may this happen?".
//
// Every Decide* function in policy/ returns a Decision. A refusal is not an
// error (see common/result.h): it names the rule of shared/spec/RULES.md that
// forbids the action ("KSF-4.7") and says why in plain words, in Dutch for the
// person who asked and in English for logs and English-speaking users.
//
// IsKnownRule() lists every rule ID of RULES.md; Refuse() asserts (in debug
// builds) that it is given one of them, so a typo cannot reach a person.
// Thread-safety: plain values; copy or move freely.
#pragma once

#include <string>
#include <string_view>

namespace fairqm::policy {

struct Decision {
  bool allowed = true;
  std::string rule;       // e.g. "KSF-4.7"; empty when allowed
  std::string reason_nl;  // Dutch, plain words for the person who asked
  std::string reason_en;  // English

  static Decision Allow();
  static Decision Refuse(std::string rule, std::string reason_nl, std::string reason_en);

  explicit operator bool() const { return allowed; }
};

// True for every rule ID defined in shared/spec/RULES.md.
bool IsKnownRule(std::string_view rule);

}  // namespace fairqm::policy
