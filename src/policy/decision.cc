#include "policy/decision.h"

#include <cassert>
#include <utility>

namespace fairqm::policy {
namespace {

// The rule IDs of shared/spec/RULES.md, in the order they appear there.
constexpr std::string_view kRuleIds[] = {
    "KSF-1.2",
    "KSF-1.3",
    "KSF-2.1-confidential",
    "KSF-2.1-interest",
    "KSF-2.1-feedback",
    "KSF-2.1-view",
    "KSF-2.3",
    "KSF-3.1",
    "KSF-3.2",
    "KSF-3.3",
    "KSF-3.4",
    "KSF-3.5",
    "KSF-3.6",
    "KSF-3.7",
    "KSF-3.8",
    "KSF-3.9",
    "KSF-3.10",
    "KSF-3.11",
    "KSF-3.12",
    "KSF-4.1",
    "KSF-4.2",
    "KSF-4.3",
    "KSF-4.4",
    "KSF-4.5",
    "KSF-4.6",
    "KSF-4.7",
    "KSF-4.8",
    "KSF-4.9",
    "KSF-4.10",
    "KSF-5.1",
    "KSF-6.1",
    "KSF-6.2",
    "KSF-6.3",
    "KSF-6.4",
    "KSF-6.5",
    "KSF-6.6",
    "AVG-5-minimal",
    "AVG-5-storage",
    "AVG-5-accountability",
    "AVG-15",
    "AVG-17",
    "AVG-30",
    "AVG-32",
    "AVG-12",
    "AVG-21",
    "AVG-22",
    "AVG-35",
    "AVG-leavers",
    "TRANSPARENCY-live",
    "PCI-pause",
    "HOLD-silence",
    "AIACT-5",
    "RETENTION-split",
    "DELETION-log",
};

}  // namespace

Decision Decision::Allow() { return Decision{}; }

Decision Decision::Refuse(std::string rule, std::string reason_nl, std::string reason_en) {
  assert(IsKnownRule(rule));
  Decision d;
  d.allowed = false;
  d.rule = std::move(rule);
  d.reason_nl = std::move(reason_nl);
  d.reason_en = std::move(reason_en);
  return d;
}

bool IsKnownRule(std::string_view rule) {
  for (std::string_view id : kRuleIds) {
    if (id == rule) return true;
  }
  return false;
}

}  // namespace fairqm::policy
