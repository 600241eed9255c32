// service/actor: who asks, and what a service call answers.
//
// Every service function takes the Actor on whose behalf it runs (an employee
// with a role, a client's user, a capture source, or the system itself for
// sweeps) and returns, for actions the guideline governs, a Decided<T>: the
// policy decision and, when allowed, the value. A refusal is not an error
// (STYLE.md 4); errors (bad input, I/O) are the Result around it.
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "domain/types.h"
#include "policy/decision.h"

namespace fairqm::service {

struct Actor {
  std::string id;  // employee id, client user id, capture source id, or "system"
  domain::Role role = domain::Role::kAgent;
  std::string client_id;  // for role kClient

  static Actor System() { return Actor{"system", domain::Role::kAdmin, ""}; }
};

template <typename T>
struct Decided {
  policy::Decision decision;
  std::optional<T> value;

  bool allowed() const { return decision.allowed; }

  static Decided Allow(T v) { return Decided{policy::Decision::Allow(), std::move(v)}; }
  static Decided Refuse(policy::Decision d) { return Decided{std::move(d), std::nullopt}; }
};

}  // namespace fairqm::service
