#include "service/reports.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "domain/names.h"
#include "policy/access.h"
#include "policy/checks.h"
#include "policy/clients.h"
#include "policy/requests.h"
#include "service/audit_trail.h"
#include "store/clients.h"
#include "store/people.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

// --- SQL (one text for both engines; $n placeholders, integer division)

// KSF-3.6: sampled recordings per agent per frequency period of one
// regulation version; the period index is (created_at - anchor) / length.
// Reads the recordings_report index range (purpose, created_at).
constexpr std::string_view kAgentPeriodCounts =
    "SELECT agent_id, (created_at - $4) / $5, COUNT(*) FROM recordings"
    " WHERE purpose = $1 AND created_at >= $2 AND created_at < $3 AND regulation_id = $6"
    " AND extra_moment = 0 GROUP BY 1, 2";
// KSF-4.7: extra moments at the agent's request, outside the quota.
constexpr std::string_view kExtraMomentCount =
    "SELECT COUNT(*) FROM recordings WHERE purpose = $1 AND created_at >= $2 AND created_at < $3"
    " AND extra_moment = 1";
// KSF-3.10: complaints whose term ended in [from, to) (and before now)
// without their having been taken up by then.
constexpr std::string_view kComplaintsTakenUpLate =
    "SELECT COUNT(*) FROM complaints WHERE respond_by >= $1 AND respond_by < $2"
    " AND respond_by <= $3 AND (taken_up_at IS NULL OR taken_up_at > respond_by)";
// KSF-6.1/6.3: a client's recordings of one purpose in a period, with the
// agent's team (the agent id never leaves this file).
constexpr std::string_view kClientRecordings =
    "SELECT r.agent_id, e.team_id, r.evaluated_at FROM recordings r"
    " JOIN employees e ON e.id = r.agent_id"
    " WHERE r.purpose = $1 AND r.client_id = $2 AND r.created_at >= $3 AND r.created_at < $4";
// Scores of shared or closed, live evaluations of the contract's purpose that
// cite those recordings; one row per (evaluation, cited recording).
constexpr std::string_view kClientEvaluations =
    "SELECT ev.id, ev.agent_id, e.team_id, ev.score FROM evaluations ev"
    " JOIN evaluation_recordings er ON er.evaluation_id = ev.id"
    " JOIN recordings r ON r.id = er.recording_id"
    " JOIN employees e ON e.id = ev.agent_id"
    " WHERE r.purpose = $1 AND r.client_id = $2 AND r.created_at >= $3 AND r.created_at < $4"
    " AND ev.purpose = $1 AND ev.score IS NOT NULL AND ev.destroyed_at IS NULL"
    " AND ev.status IN ($5, $6)";

db::Value Text(std::string_view text) { return std::string(text); }

// --- works council figures

// Declared and actual frequency for one purpose over every regulation version
// that was active (recordings carry the version they were made under).
Result<FrequencyFigures> GatherFrequency(db::Connection& conn,
                                         const std::vector<domain::Regulation>& regulations,
                                         const std::optional<domain::Regulation>& active,
                                         domain::Purpose purpose, TimeMs from, TimeMs to) {
  FrequencyFigures out;
  if (active) {
    if (const domain::PurposeRules* rules = active->RulesFor(purpose)) {
      out.declared_quota = rules->frequency_quota;
      out.declared_period_days = rules->frequency_period_days;
    }
  }
  FAIRQM_ASSIGN_OR_RETURN(db::Rows extra,
                          conn.Query(kExtraMomentCount, {Text(domain::Name(purpose)), from, to}));
  if (!extra.empty()) out.extra_moment_recordings = extra[0].Int(0);
  if (to <= from) return out;

  std::set<std::string> agents;
  std::int64_t total = 0;
  for (const domain::Regulation& regulation : regulations) {
    if (!regulation.activated_at) continue;  // nothing was recorded under it
    const TimeMs anchor = *regulation.activated_at;
    int period_days = 0;
    int quota = 0;
    for (const domain::PurposeRules& rules : regulation.purposes) {
      if (rules.purpose != purpose) continue;
      period_days = rules.frequency_period_days;
      quota = rules.enabled ? rules.frequency_quota : 0;
    }
    if (period_days <= 0) period_days = 1;
    // Whole frequency periods overlapping [from, to): a breach is judged over
    // a whole period even when the report cuts it.
    const TimeMs low = std::max(anchor, policy::CurrentPeriod(anchor, period_days, from).start);
    const TimeMs high = policy::CurrentPeriod(anchor, period_days, to - 1).end;
    if (high <= low) continue;
    FAIRQM_ASSIGN_OR_RETURN(
        db::Rows rows,
        conn.Query(kAgentPeriodCounts, {Text(domain::Name(purpose)), low, high, anchor,
                                        Days(period_days), Text(regulation.id)}));
    for (const db::Row& row : rows) {
      const std::int64_t count = row.Int(2);
      agents.insert(row.Text(0));
      ++out.agent_periods;
      total += count;
      out.max_per_agent_period = std::max(out.max_per_agent_period, count);
      // KSF-3.6: more recordings in one period than the regulation declared.
      if (count > quota) ++out.agent_periods_over_quota;
    }
  }
  out.agents_recorded = static_cast<std::int64_t>(agents.size());
  if (out.agent_periods > 0) {
    out.mean_per_agent_period = static_cast<double>(total) / static_cast<double>(out.agent_periods);
  }
  return out;
}

Result<WorksCouncilReportData> GatherWorksCouncilReport(db::Connection& conn, TimeMs from,
                                                        TimeMs to, TimeMs now) {
  FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(conn));
  FAIRQM_ASSIGN_OR_RETURN(store::WorksCouncilReport base,
                          store::BuildWorksCouncilReport(conn, from, to));
  FAIRQM_ASSIGN_OR_RETURN(auto active, store::ActiveRegulation(conn));
  FAIRQM_ASSIGN_OR_RETURN(auto regulations, store::ListRegulations(conn));
  WorksCouncilReportData report;
  report.from = from;
  report.to = to;
  report.generated_at = now;
  if (active) {
    report.regulation_id = active->id;
    report.regulation_version = active->version;
  }
  for (store::PurposeFigures& figures : base.purposes) {
    WorksCouncilPurpose purpose;
    FAIRQM_ASSIGN_OR_RETURN(purpose.frequency,
                            GatherFrequency(conn, regulations, active, figures.purpose, from, to));
    purpose.figures = std::move(figures);
    report.purposes.push_back(std::move(purpose));
  }
  report.capture_refusals_without_purpose = std::move(base.capture_refusals_without_purpose);
  report.complaints_filed = base.complaints_filed;
  report.complaints_appealed = base.complaints_appealed;
  report.complaints_resolved = base.complaints_resolved;
  report.complaints_overdue = base.complaints_overdue;
  FAIRQM_ASSIGN_OR_RETURN(db::Rows late, conn.Query(kComplaintsTakenUpLate, {from, to, now}));
  if (!late.empty()) report.complaints_taken_up_late = late[0].Int(0);
  FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  return report;
}

// --- text rendering

// Display width of UTF-8 text: code points (every byte but continuation bytes).
std::size_t Width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string PadRight(const std::string& text, std::size_t width) {
  std::size_t w = Width(text);
  return w >= width ? text + " " : text + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& text, std::size_t width) {
  std::size_t w = Width(text);
  return w >= width ? " " + text : std::string(width - w, ' ') + text;
}

std::string Fixed1(double value) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << value;
  return out.str();
}

constexpr std::size_t kLabelWidth = 48;
constexpr std::size_t kColumnWidth = 14;

struct Table {
  std::ostringstream out;

  void Row(const std::string& label, const std::vector<std::string>& cells) {
    out << PadRight(label, kLabelWidth);
    for (const std::string& cell : cells) out << PadLeft(cell, kColumnWidth);
    out << "\n";
  }
};

std::string ShortPurposeName(domain::Purpose purpose, bool nl) {
  switch (purpose) {
    case domain::Purpose::kCoaching:
      return "coaching";
    case domain::Purpose::kAssessment:
      return nl ? "beoordeling" : "assessment";
    case domain::Purpose::kQuality:
      return nl ? "kwaliteit" : "quality";
  }
  return "?";
}

// A row per rule found in any purpose's map.
void RuleRows(Table& table, const WorksCouncilReportData& report,
              const std::map<std::string, std::int64_t> store::PurposeFigures::*member) {
  std::set<std::string> rules;
  for (const auto& purpose : report.purposes) {
    for (const auto& [rule, count] : purpose.figures.*member) rules.insert(rule);
  }
  for (const std::string& rule : rules) {
    std::vector<std::string> cells;
    for (const auto& purpose : report.purposes) {
      auto it = (purpose.figures.*member).find(rule);
      cells.push_back(std::to_string(it == (purpose.figures.*member).end() ? 0 : it->second));
    }
    table.Row("  " + rule, cells);
  }
}

codec::Json RuleCounts(const std::map<std::string, std::int64_t>& counts) {
  codec::Json out = codec::Json::object();
  for (const auto& [rule, count] : counts) out[rule] = count;
  return out;
}

// --- client report

struct CellData {
  std::set<std::string> agents;
  std::int64_t recordings = 0;
  std::int64_t evaluated = 0;
  std::set<std::string> evaluated_agents;
  std::set<std::string> evaluation_ids;
  double score_sum = 0.0;
};

policy::Decision RefuseClientRole() {
  // AVG-32
  return policy::Decision::Refuse("AVG-32",
                                  "U kunt alleen het rapport van uw eigen organisatie opvragen.",
                                  "You can only ask for the report of your own organisation.");
}

// The contract of the client in force at `now`; the most recently signed
// when there are several.
std::optional<domain::ClientContract> ContractInForce(
    const std::vector<domain::ClientContract>& contracts, TimeMs now) {
  std::optional<domain::ClientContract> best;
  for (const auto& c : contracts) {
    if (c.signed_at > now || (c.valid_until && *c.valid_until <= now)) continue;
    if (!best || c.signed_at > best->signed_at) best = c;
  }
  return best;
}

codec::Json DecisionJson(const policy::Decision& decision) {
  return codec::Json{{"rule", decision.rule},
                     {"reason_nl", decision.reason_nl},
                     {"reason_en", decision.reason_en}};
}

}  // namespace

// ---------------------------------------------------------------------------
// Works council

Result<Decided<WorksCouncilReportData>> WorksCouncilReport(App& app, const Actor& actor,
                                                           TimeMs from, TimeMs to) {
  using Answer = Decided<WorksCouncilReportData>;
  const TimeMs now = app.Now();
  const AuditSubject subject{"report", "works_council", "", std::nullopt};
  const codec::Json period{{"from", FormatTime(from)}, {"to", FormatTime(to)}};
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  policy::Decision role =
      policy::DecideRoleAccess(actor.role, policy::Action::kViewWorksCouncilReport);
  if (!role.allowed) {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*writer, now, actor, "report.works_council", subject, role, period));
    return Answer::Refuse(role);
  }
  if (to < from) return MakeError(ErrorCode::kInvalidInput, "the period ends before it starts");
  FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(WorksCouncilReportData report,
                          GatherWorksCouncilReport(*reader, from, to, now));
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*writer));
  FAIRQM_RETURN_IF_ERROR(
      Record(*writer, now, actor, "report.works_council", subject, role, period));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(report));
}

codec::Json ToJson(const WorksCouncilReportData& report) {
  codec::Json purposes = codec::Json::array();
  for (const WorksCouncilPurpose& p : report.purposes) {
    const store::PurposeFigures& f = p.figures;
    const FrequencyFigures& q = p.frequency;
    purposes.push_back(codec::Json{
        {"purpose", domain::Name(f.purpose)},
        {"declared", q.declared_quota ? codec::Json{{"quota", *q.declared_quota},
                                                    {"period_days", *q.declared_period_days}}
                                      : codec::Json(nullptr)},
        {"actual", codec::Json{{"recordings", f.recordings_captured},
                               {"extra_moment_recordings", q.extra_moment_recordings},
                               {"agents_recorded", q.agents_recorded},
                               {"agent_periods", q.agent_periods},
                               {"mean_per_agent_period", q.mean_per_agent_period},
                               {"max_per_agent_period", q.max_per_agent_period},
                               {"agent_periods_over_quota", q.agent_periods_over_quota}}},
        {"evaluations", codec::Json{{"on_time", f.evaluated_on_time},
                                    {"late", f.evaluated_late},
                                    {"not_evaluated", f.not_evaluated}}},
        {"destructions_by_rule", RuleCounts(f.destructions_by_rule)},
        {"active_holds", f.active_holds},
        {"capture_refusals_by_rule", RuleCounts(f.capture_refusals_by_rule)}});
  }
  return codec::Json{
      {"report", "works_council"},
      {"from", FormatTime(report.from)},
      {"to", FormatTime(report.to)},
      {"generated_at", FormatTime(report.generated_at)},
      {"regulation",
       report.regulation_id.empty()
           ? codec::Json(nullptr)
           : codec::Json{{"id", report.regulation_id}, {"version", report.regulation_version}}},
      {"purposes", std::move(purposes)},
      {"capture_refusals_without_purpose", RuleCounts(report.capture_refusals_without_purpose)},
      {"complaints", codec::Json{{"filed", report.complaints_filed},
                                 {"taken_up_late", report.complaints_taken_up_late},
                                 {"appealed", report.complaints_appealed},
                                 {"resolved", report.complaints_resolved},
                                 {"overdue", report.complaints_overdue}}}};
}

std::string RenderWorksCouncilReport(const WorksCouncilReportData& report,
                                     const std::string& lang) {
  const bool nl = lang != "en";
  auto t = [nl](const char* dutch, const char* english) {
    return std::string(nl ? dutch : english);
  };
  auto column = [&](auto value_of) {
    std::vector<std::string> cells;
    for (const WorksCouncilPurpose& p : report.purposes) cells.push_back(value_of(p));
    return cells;
  };
  auto count = [&](auto member_of) {
    return column([&](const WorksCouncilPurpose& p) { return std::to_string(member_of(p)); });
  };

  Table table;
  table.out << t("Rapportage voor de ondernemingsraad - kwaliteitsmonitoring",
                 "Works-council report - quality monitoring")
            << "\n";
  table.out << t("Periode: van ", "Period: from ") << FormatDate(report.from)
            << t(" tot ", " until ") << FormatDate(report.to) << "\n";
  if (report.regulation_id.empty()) {
    table.out << t("Regeling: er is geen actieve regeling (KSF-3.1)",
                   "Regulation: there is no active regulation (KSF-3.1)")
              << "\n";
  } else {
    table.out << t("Regeling: versie ", "Regulation: version ") << report.regulation_version << " ("
              << report.regulation_id << ")\n";
  }
  table.out << t("Opgesteld op: ", "Generated: ") << FormatTime(report.generated_at) << "\n";
  table.out << t("Alleen totalen; er staan geen namen van medewerkers in dit rapport.",
                 "Totals only; this report names no agent.")
            << "\n\n";

  std::vector<std::string> header;
  for (const WorksCouncilPurpose& p : report.purposes) {
    header.push_back(ShortPurposeName(p.figures.purpose, nl));
  }
  table.Row(t("Doel", "Purpose"), header);
  table.Row(t("Toegestane frequentie (KSF-3.6)", "Declared frequency (KSF-3.6)"),
            column([&](const WorksCouncilPurpose& p) {
              if (!p.frequency.declared_quota) return t("uit", "off");
              return std::to_string(*p.frequency.declared_quota) + " / " +
                     std::to_string(*p.frequency.declared_period_days) + t(" dg", " d");
            }));
  table.Row(t("Opnames", "Recordings"),
            count([](const WorksCouncilPurpose& p) { return p.figures.recordings_captured; }));
  table.Row(
      t("  waarvan extra momenten op verzoek (KSF-4.7)",
        "  of which extra moments on request (KSF-4.7)"),
      count([](const WorksCouncilPurpose& p) { return p.frequency.extra_moment_recordings; }));
  table.Row(t("Opgenomen medewerkers", "Agents recorded"),
            count([](const WorksCouncilPurpose& p) { return p.frequency.agents_recorded; }));
  table.Row(t("Gemiddeld per medewerker per periode", "Mean per agent per period"),
            column([](const WorksCouncilPurpose& p) {
              return Fixed1(p.frequency.mean_per_agent_period);
            }));
  table.Row(t("Hoogste per medewerker per periode", "Maximum per agent per period"),
            count([](const WorksCouncilPurpose& p) { return p.frequency.max_per_agent_period; }));
  table.Row(
      t("Boven de frequentie (medewerker-perioden)", "Over the quota (agent-periods)"),
      count([](const WorksCouncilPurpose& p) { return p.frequency.agent_periods_over_quota; }));
  table.Row(t("Op tijd geëvalueerd (KSF-4.4)", "Evaluated on time (KSF-4.4)"),
            count([](const WorksCouncilPurpose& p) { return p.figures.evaluated_on_time; }));
  table.Row(t("Te laat geëvalueerd", "Evaluated late"),
            count([](const WorksCouncilPurpose& p) { return p.figures.evaluated_late; }));
  table.Row(t("Niet geëvalueerd", "Not evaluated"),
            count([](const WorksCouncilPurpose& p) { return p.figures.not_evaluated; }));
  table.Row(t("Lopende bewaarverlengingen (KSF-4.9)", "Retention holds in force (KSF-4.9)"),
            count([](const WorksCouncilPurpose& p) { return p.figures.active_holds; }));
  table.Row(t("Vernietigd, per regel (DELETION-log)", "Destroyed, by rule (DELETION-log)"),
            count([](const WorksCouncilPurpose& p) {
              std::int64_t total = 0;
              for (const auto& [rule, n] : p.figures.destructions_by_rule) total += n;
              return total;
            }));
  RuleRows(table, report, &store::PurposeFigures::destructions_by_rule);
  table.Row(t("Opname geweigerd, per regel", "Capture refused, by rule"),
            count([](const WorksCouncilPurpose& p) {
              std::int64_t total = 0;
              for (const auto& [rule, n] : p.figures.capture_refusals_by_rule) total += n;
              return total;
            }));
  RuleRows(table, report, &store::PurposeFigures::capture_refusals_by_rule);
  if (!report.capture_refusals_without_purpose.empty()) {
    table.out << "\n"
              << t("Opname geweigerd zonder doel, per regel:",
                   "Capture refused without a purpose, by rule:")
              << "\n";
    for (const auto& [rule, n] : report.capture_refusals_without_purpose) {
      table.out << "  " << PadRight(rule, kLabelWidth - 2)
                << PadLeft(std::to_string(n), kColumnWidth) << "\n";
    }
  }
  table.out << "\n" << t("Klachten (KSF-3.10)", "Complaints (KSF-3.10)") << "\n";
  auto complaint = [&](const char* dutch, const char* english, std::int64_t n) {
    table.out << "  " << PadRight(t(dutch, english), kLabelWidth - 2)
              << PadLeft(std::to_string(n), kColumnWidth) << "\n";
  };
  complaint("ingediend", "filed", report.complaints_filed);
  complaint("niet binnen de termijn in behandeling genomen", "not taken up within the term",
            report.complaints_taken_up_late);
  complaint("in beroep bij de ondernemingsraad", "appealed to the works council",
            report.complaints_appealed);
  complaint("afgehandeld", "resolved", report.complaints_resolved);
  complaint("open en over de termijn", "open and past the term", report.complaints_overdue);
  return table.out.str();
}

// ---------------------------------------------------------------------------
// Client

Result<Decided<ClientReportData>> ClientReport(App& app, const Actor& actor, TimeMs from, TimeMs to,
                                               const std::string& client_id) {
  using Answer = Decided<ClientReportData>;
  const TimeMs now = app.Now();
  std::string client = client_id;
  policy::Decision role = policy::DecideRoleAccess(actor.role, policy::Action::kViewClientReport);
  if (role.allowed && actor.role == domain::Role::kClient) {
    // A client's user sees its own organisation's report only.
    if (actor.client_id.empty() || (!client.empty() && client != actor.client_id)) {
      role = RefuseClientRole();
    }
    client = actor.client_id;
  }
  AuditSubject subject{"client_report", client, "", std::nullopt};
  const codec::Json period{{"from", FormatTime(from)}, {"to", FormatTime(to)}};
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  auto refuse = [&](const policy::Decision& decision) -> Result<Answer> {
    FAIRQM_RETURN_IF_ERROR(
        RecordRefusal(*writer, now, actor, "report.client", subject, decision, period));
    return Answer::Refuse(decision);
  };
  if (!role.allowed) return refuse(role);
  if (client.empty()) return MakeError(ErrorCode::kInvalidInput, "which client's report?");
  if (to < from) return MakeError(ErrorCode::kInvalidInput, "the period ends before it starts");

  FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(*reader));
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(*reader));
  // KSF-3.1
  if (policy::Decision d = policy::CheckRegulationActive(regulation, now); !d) return refuse(d);
  FAIRQM_ASSIGN_OR_RETURN(auto contracts, store::ListContractsForClient(*reader, client));
  std::optional<domain::ClientContract> contract = ContractInForce(contracts, now);
  if (!contract || contract->legal_ground == domain::LegalGround::kUnset) {
    // KSF-6.3: a client's data serves the arrangement's recorded purpose and
    // legal ground; without one there is nothing it may see.
    return refuse(policy::Decision::Refuse(
        "KSF-6.3",
        "Er is geen overeenkomst met deze opdrachtgever van kracht met een vastgelegd doel en "
        "een vastgelegde grondslag; de opdrachtgever krijgt daarom geen cijfers.",
        "No agreement with this client with a recorded purpose and legal ground is in force; "
        "the client therefore gets no figures."));
  }
  subject.id = contract->id;
  subject.purpose = contract->purpose;
  if (contract->purpose == domain::Purpose::kAssessment) {
    // KSF-6.5
    return refuse(policy::Decision::Refuse(
        "KSF-6.5",
        "Een opdrachtgever krijgt geen beoordelingsgegevens; beoordelen blijft de "
        "verantwoordelijkheid van de werkgever.",
        "A client gets no assessment data; assessing stays the employer's responsibility."));
  }
  if (!policy::CheckPurposeEnabled(*regulation, contract->purpose)) {
    // KSF-2.3: the contract never widens the regulation.
    return refuse(policy::Decision::Refuse(
        "KSF-2.3",
        "De overeenkomst noemt het doel '" + policy::PurposeNl(contract->purpose) +
            "', dat niet in de regeling staat; een overeenkomst kan niet meer toestaan dan de "
            "regeling.",
        "The agreement names the purpose '" + policy::PurposeEn(contract->purpose) +
            "', which the regulation does not enable; an agreement can never allow more than "
            "the regulation."));
  }

  ClientReportData report;
  report.client_id = client;
  report.client_name = contract->client_name;
  report.contract_id = contract->id;
  report.purpose = contract->purpose;
  report.generated_at = now;
  report.min_group_size = policy::EffectiveMinGroupSize(regulation->client_min_group_size);
  // Only what happened while the contract was in force.
  report.from = std::max(from, contract->signed_at);
  report.to = contract->valid_until ? std::min(to, *contract->valid_until) : to;
  if (report.to < report.from) report.to = report.from;

  std::map<std::string, CellData> by_team;  // team id → figures
  CellData overall;
  for (const std::string& team_id : contract->team_ids) by_team[team_id];
  const db::Value purpose_name = Text(domain::Name(contract->purpose));
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows recordings,
      reader->Query(kClientRecordings, {purpose_name, Text(client), report.from, report.to}));
  for (const db::Row& row : recordings) {
    auto team = by_team.find(row.Text(1));
    if (team == by_team.end()) continue;  // outside the contract's scope
    for (CellData* cell : {&team->second, &overall}) {
      cell->agents.insert(row.Text(0));
      ++cell->recordings;
      if (row.OptInt(2)) ++cell->evaluated;
    }
  }
  // Scores only for process quality: coaching results serve the agent's own
  // development and are never reported upwards (KSF-3.4).
  const bool with_scores = contract->purpose == domain::Purpose::kQuality;
  if (with_scores) {
    FAIRQM_ASSIGN_OR_RETURN(
        db::Rows evaluations,
        reader->Query(kClientEvaluations, {purpose_name, Text(client), report.from, report.to,
                                           Text(domain::Name(domain::EvaluationStatus::kShared)),
                                           Text(domain::Name(domain::EvaluationStatus::kClosed))}));
    for (const db::Row& row : evaluations) {
      auto team = by_team.find(row.Text(2));
      if (team == by_team.end()) continue;
      for (CellData* cell : {&team->second, &overall}) {
        if (!cell->evaluation_ids.insert(row.Text(0)).second) continue;  // cites several
        cell->evaluated_agents.insert(row.Text(1));
        cell->score_sum += row.Real(3);
      }
    }
  }
  FAIRQM_RETURN_IF_ERROR(snapshot.Commit());

  // Cells: teams by name, then overall.
  std::vector<std::pair<std::string, std::string>> teams;  // (name, id)
  for (const auto& [team_id, cell] : by_team) {
    auto team = store::GetTeam(*reader, team_id);
    teams.emplace_back(team.ok() ? team->name : team_id, team_id);
  }
  std::sort(teams.begin(), teams.end());
  std::vector<const CellData*> data;
  for (const auto& [name, id] : teams) {
    ClientReportCell cell;
    cell.team_id = id;
    cell.team_name = name;
    report.cells.push_back(std::move(cell));
    data.push_back(&by_team[id]);
  }
  ClientReportCell overall_cell;
  overall_cell.overall = true;
  report.cells.push_back(std::move(overall_cell));
  data.push_back(&overall);

  // KSF-6.1: counts and scores are judged apart, each over the cells that
  // have a figure at all (an empty cell reveals nobody and must not stand in
  // for a hidden one in the secondary suppression).
  auto judge = [&](auto agents_of, auto apply) {
    std::vector<policy::ReportCell> input;
    std::vector<std::size_t> index;
    for (std::size_t cell_idx = 0; cell_idx < data.size(); ++cell_idx) {
      const std::size_t agents = agents_of(*data[cell_idx]);
      if (agents == 0) continue;
      input.push_back(policy::ReportCell{std::to_string(cell_idx), static_cast<int>(agents), 0});
      index.push_back(cell_idx);
    }
    std::vector<policy::ReportCellOutcome> outcomes =
        policy::DecideClientReport(input, report.min_group_size);
    for (std::size_t i = 0; i < outcomes.size(); ++i) apply(index[i], outcomes[i]);
  };
  for (ClientReportCell& cell : report.cells) {
    cell.shown = true;  // empty cells: zeros, nothing to hide
    cell.decision = policy::Decision::Allow();
    cell.score_decision = policy::Decision::Allow();
  }
  judge([](const CellData& d) { return d.agents.size(); },
        [&](std::size_t cell_idx, const policy::ReportCellOutcome& outcome) {
          ClientReportCell& cell = report.cells[cell_idx];
          cell.shown = outcome.shown;
          cell.decision = outcome.decision;
          if (!outcome.shown) return;
          cell.distinct_agents = static_cast<std::int64_t>(data[cell_idx]->agents.size());
          cell.recordings = data[cell_idx]->recordings;
          cell.evaluated = data[cell_idx]->evaluated;
        });
  if (with_scores) {
    judge([](const CellData& d) { return d.evaluated_agents.size(); },
          [&](std::size_t cell_idx, const policy::ReportCellOutcome& outcome) {
            ClientReportCell& cell = report.cells[cell_idx];
            // A score is never shown where the counts are hidden.
            cell.score_shown = outcome.shown && cell.shown;
            cell.score_decision = outcome.shown ? cell.decision : outcome.decision;
            if (!cell.score_shown) return;
            const CellData& d = *data[cell_idx];
            cell.mean_score = d.score_sum / static_cast<double>(d.evaluation_ids.size());
          });
  }

  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*writer));
  codec::Json detail = period;
  detail["contract_id"] = contract->id;
  FAIRQM_RETURN_IF_ERROR(
      Record(*writer, now, actor, "report.client", subject, policy::Decision::Allow(), detail));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(report));
}

codec::Json ToJson(const ClientReportData& report) {
  codec::Json cells = codec::Json::array();
  for (const ClientReportCell& cell : report.cells) {
    codec::Json c{{"team", cell.overall ? codec::Json("overall") : codec::Json(cell.team_name)},
                  {"shown", cell.shown}};
    if (cell.shown) {
      c["distinct_agents"] = cell.distinct_agents;
      c["recordings"] = cell.recordings;
      c["evaluated"] = cell.evaluated;
    } else {
      c["suppressed"] = DecisionJson(cell.decision);
    }
    if (report.purpose == domain::Purpose::kQuality) {
      if (cell.score_shown) {
        c["mean_score"] = *cell.mean_score;
      } else {
        c["mean_score"] = nullptr;
        if (!cell.score_decision.allowed) c["score_suppressed"] = DecisionJson(cell.score_decision);
      }
    }
    cells.push_back(std::move(c));
  }
  return codec::Json{{"report", "client"},
                     {"client_id", report.client_id},
                     {"client_name", report.client_name},
                     {"contract_id", report.contract_id},
                     {"purpose", domain::Name(report.purpose)},
                     {"from", FormatTime(report.from)},
                     {"to", FormatTime(report.to)},
                     {"generated_at", FormatTime(report.generated_at)},
                     {"min_group_size", report.min_group_size},
                     {"cells", std::move(cells)}};
}

}  // namespace fairqm::service
