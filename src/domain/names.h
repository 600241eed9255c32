// Stable text names of the domain enumerations, as stored in the catalogue,
// written in JSON/TOML/CSV and shown in logs ("coaching", "assessment", …).
// Parse* returns nullopt for an unknown name; never throws.
#pragma once

#include <optional>
#include <string_view>

#include "domain/types.h"

namespace fairqm::domain {

#define FAIRQM_ENUM_NAMES(Type)      \
  std::string_view Name(Type value); \
  std::optional<Type> Parse##Type(std::string_view name);

FAIRQM_ENUM_NAMES(Purpose)
FAIRQM_ENUM_NAMES(Channel)
FAIRQM_ENUM_NAMES(LineKind)
FAIRQM_ENUM_NAMES(ContractType)
FAIRQM_ENUM_NAMES(JobFunction)
FAIRQM_ENUM_NAMES(ProtectedRole)
FAIRQM_ENUM_NAMES(LegalGround)
FAIRQM_ENUM_NAMES(RegulationStatus)
FAIRQM_ENUM_NAMES(EvaluationStatus)
FAIRQM_ENUM_NAMES(RequestKind)
FAIRQM_ENUM_NAMES(RequestStatus)
FAIRQM_ENUM_NAMES(ConsentKind)
FAIRQM_ENUM_NAMES(DataSubjectKind)
FAIRQM_ENUM_NAMES(DataSubjectRequestKind)
FAIRQM_ENUM_NAMES(Role)

#undef FAIRQM_ENUM_NAMES

// Dutch interface word for a purpose (GLOSSARY.md).
std::string_view DutchName(Purpose purpose);

}  // namespace fairqm::domain
