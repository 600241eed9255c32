// Store: the monitoring regulation's versions (KSF-3.1 … 3.12) and the
// evaluation forms (KSF-4.2).
//
// The catalogue allows one active regulation at a time (a unique partial
// index): activating a version means writing the old one as superseded first,
// in the same transaction — PutRegulation of a second active version fails
// with kConflict. Forms are versioned: (id, version) is one scorecard, and a
// published version is never edited (the service refuses; the store simply
// stores). Get fails with kNotFound; corrupt JSON or unknown names → kCorrupt.
// Free functions; thread-safety is the connection's.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "db/db.h"
#include "domain/types.h"

namespace fairqm::store {

Status PutRegulation(db::Connection& conn, const domain::Regulation& regulation);
Result<domain::Regulation> GetRegulation(db::Connection& conn, std::string_view id);
// Every version, oldest first (KSF-3.12 history).
Result<std::vector<domain::Regulation>> ListRegulations(db::Connection& conn);
// The regulation with status active, if any (KSF-3.1).
Result<std::optional<domain::Regulation>> ActiveRegulation(db::Connection& conn);

Status PutForm(db::Connection& conn, const domain::EvaluationForm& form);
Result<domain::EvaluationForm> GetForm(db::Connection& conn, std::string_view id, int version);
Result<std::vector<domain::EvaluationForm>> ListForms(db::Connection& conn);  // by id, version
// KSF-4.2: forms for a purpose published at or before `at`, newest
// publication first — criteria known in advance.
Result<std::vector<domain::EvaluationForm>> FormsPublishedBefore(db::Connection& conn,
                                                                 domain::Purpose purpose,
                                                                 TimeMs at);

}  // namespace fairqm::store
