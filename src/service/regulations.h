// service/regulations: the regulation's life cycle and the evaluation forms.
//
//   ImportRegulation   a new draft from a document (TOML/JSON), version
//                      numbered after the last one
//   SubmitRegulation   to the works council; refused while anything is
//                      missing (KSF-2.1-interest, KSF-3.5, KSF-3.6 …)
//   ConsentRegulation  the works council's consent with date and reference
//                      (KSF-3.11), or RejectRegulation
//   ActivateRegulation the consented version becomes the active one; the
//                      previous one is superseded (KSF-3.11, KSF-3.12, AVG-35)
//   PublishForm        an evaluation form, versioned; published forms are
//                      readable by every agent (KSF-4.2)
// Every decision is audited. Thread-safety: as App.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/actor.h"
#include "service/app.h"

namespace fairqm::service {

Result<Decided<domain::Regulation>> ImportRegulation(App& app, const Actor& actor,
                                                     domain::Regulation draft);
Result<Decided<domain::Regulation>> SubmitRegulation(App& app, const Actor& actor,
                                                     const std::string& regulation_id);
Result<Decided<domain::Regulation>> ConsentRegulation(App& app, const Actor& actor,
                                                      const std::string& regulation_id,
                                                      TimeMs consent_at,
                                                      const std::string& reference);
// KSF-3.11: the works council refuses consent; its reference is required and
// kept on the version with the date and the reason, for the manager to read.
Result<Decided<domain::Regulation>> RejectRegulation(App& app, const Actor& actor,
                                                     const std::string& regulation_id,
                                                     const std::string& reference,
                                                     const std::string& reason = "");
// Replaces the content of a draft, keeping its id and version, so the
// manager edits one draft until nothing is missing. Only a draft changes:
// a submitted, rejected, active or superseded version stays exactly what the
// works council saw (KSF-3.11); start a new draft from it instead (kConflict).
Result<Decided<domain::Regulation>> UpdateRegulationDraft(App& app, const Actor& actor,
                                                          const std::string& regulation_id,
                                                          domain::Regulation content);
Result<Decided<domain::Regulation>> ActivateRegulation(App& app, const Actor& actor,
                                                       const std::string& regulation_id);
// What a draft still lacks before submission (empty: complete).
Result<std::vector<policy::Decision>> MissingForSubmission(App& app,
                                                           const std::string& regulation_id);
Result<std::optional<domain::Regulation>> GetActiveRegulation(App& app);
// "active" or an id.
Result<domain::Regulation> FindRegulation(App& app, const std::string& id_or_active);

Result<Decided<domain::EvaluationForm>> PublishForm(App& app, const Actor& actor,
                                                    domain::EvaluationForm form);

}  // namespace fairqm::service
