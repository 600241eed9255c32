// Automated analysis of recordings: which kinds the product may run at all,
// and what may be indexed for search.
//
//   DecideAnalysis        AIACT-5: emotion inference about an agent is always
//                         refused (EU AI Act art. 5(1)(f)); AVG-22: an
//                         automated score is only ever a suggestion.
//   DecideSearchIndexing  PCI-pause: recordings that may contain card data stay
//                         out of search (and, see consents.h, training).
//
// Pure functions. Thread-safety: stateless.
#pragma once

#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::policy {

enum class AnalysisKind {
  kTranscription,
  kSilenceDetection,
  kTalkOverDetection,  // both parties speaking at once
  kKeywordSpotting,
  kScoreSuggestion,   // AVG-22: a suggestion a person must confirm
  kEmotionInference,  // AIACT-5: never
};

// AIACT-5 refuses kEmotionInference, whatever the facts; the other kinds are
// allowed (kScoreSuggestion on the condition of AVG-22, enforced when an
// evaluation is shared or closed, see evaluation.h).
Decision DecideAnalysis(AnalysisKind kind);

// PCI-pause: destroyed recordings (AVG-17) and recordings flagged
// may_contain_card_data are never indexed for search.
Decision DecideSearchIndexing(const domain::Recording& recording);

}  // namespace fairqm::policy
