#include "policy/analysis.h"

namespace fairqm::policy {

Decision DecideAnalysis(AnalysisKind kind) {
  switch (kind) {
    case AnalysisKind::kEmotionInference:
      // AIACT-5
      return Decision::Refuse(
          "AIACT-5",
          "Het afleiden van emoties van medewerkers is verboden (AI-verordening "
          "art. 5) en gebeurt nooit.",
          "Inferring agents' emotions is prohibited (AI Act art. 5) and never "
          "happens.");
    case AnalysisKind::kTranscription:
    case AnalysisKind::kSilenceDetection:
    case AnalysisKind::kTalkOverDetection:
    case AnalysisKind::kKeywordSpotting:
    case AnalysisKind::kScoreSuggestion:
      return Decision::Allow();
  }
  return Decision::Refuse("AIACT-5", "Onbekende analyse; uit voorzorg niet uitgevoerd.",
                          "Unknown analysis; not run as a precaution.");
}

Decision DecideSearchIndexing(const domain::Recording& recording) {
  if (recording.destroyed_at.has_value()) {
    // AVG-17
    return Decision::Refuse("AVG-17", "Deze opname is vernietigd.",
                            "This recording has been destroyed.");
  }
  if (recording.may_contain_card_data) {
    // PCI-pause
    return Decision::Refuse("PCI-pause",
                            "Deze opname kan betaalkaartgegevens bevatten en wordt niet "
                            "doorzoekbaar gemaakt.",
                            "This recording may contain payment-card data and is not made "
                            "searchable.");
  }
  return Decision::Allow();
}

}  // namespace fairqm::policy
