#include "store/recordings.h"

#include <algorithm>
#include <set>

#include "store/deletion_log.h"
#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

// --- contacts
constexpr std::string_view kPutContact =
    "INSERT INTO contacts (id, channel, agent_id, line_id, started_at, customer_ref, client_id,"
    " announced, customer_informed_by_contract, do_not_record)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    " ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, agent_id = excluded.agent_id,"
    " line_id = excluded.line_id, started_at = excluded.started_at,"
    " customer_ref = excluded.customer_ref, client_id = excluded.client_id,"
    " announced = excluded.announced,"
    " customer_informed_by_contract = excluded.customer_informed_by_contract,"
    " do_not_record = excluded.do_not_record";
#define FAIRQM_CONTACT_COLUMNS                                                      \
  "id, channel, agent_id, line_id, started_at, customer_ref, client_id, announced," \
  " customer_informed_by_contract, do_not_record"
constexpr std::string_view kGetContact =
    "SELECT " FAIRQM_CONTACT_COLUMNS " FROM contacts WHERE id = $1";
constexpr std::string_view kListContactsForCustomer = "SELECT " FAIRQM_CONTACT_COLUMNS
                                                      " FROM contacts WHERE customer_ref = $1"
                                                      " ORDER BY started_at, id";

// --- recordings
constexpr std::string_view kPutRecording =
    "INSERT INTO recordings (id, contact_id, agent_id, purpose, channel, media_type,"
    " regulation_id, created_at, duration_ms, size_bytes, evaluate_by, destroy_at, evaluated_at,"
    " destroyed_at, destroyed_rule, extra_moment, may_contain_card_data, client_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
    " ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id,"
    " agent_id = excluded.agent_id, purpose = excluded.purpose, channel = excluded.channel,"
    " media_type = excluded.media_type, regulation_id = excluded.regulation_id,"
    " created_at = excluded.created_at, duration_ms = excluded.duration_ms,"
    " size_bytes = excluded.size_bytes, evaluate_by = excluded.evaluate_by,"
    " destroy_at = excluded.destroy_at, evaluated_at = excluded.evaluated_at,"
    " destroyed_at = excluded.destroyed_at, destroyed_rule = excluded.destroyed_rule,"
    " extra_moment = excluded.extra_moment,"
    " may_contain_card_data = excluded.may_contain_card_data, client_id = excluded.client_id";
#define FAIRQM_RECORDING_COLUMNS                                                             \
  "r.id, r.contact_id, r.agent_id, r.purpose, r.channel, r.media_type, r.regulation_id,"     \
  " r.created_at, r.duration_ms, r.size_bytes, r.evaluate_by, r.destroy_at, r.evaluated_at," \
  " r.destroyed_at, r.destroyed_rule, r.extra_moment, r.may_contain_card_data, r.client_id"
constexpr std::string_view kGetRecording =
    "SELECT " FAIRQM_RECORDING_COLUMNS " FROM recordings r WHERE r.id = $1";
// Served by recordings_quota (agent_id prefix).
constexpr std::string_view kListRecordingsForAgent = "SELECT " FAIRQM_RECORDING_COLUMNS
                                                     " FROM recordings r WHERE r.agent_id = $1"
                                                     " ORDER BY r.created_at DESC, r.id";
constexpr std::string_view kListRecordingsForContact = "SELECT " FAIRQM_RECORDING_COLUMNS
                                                       " FROM recordings r WHERE r.contact_id = $1"
                                                       " ORDER BY r.created_at, r.id";
// KSF-3.6, covered by recordings_quota.
constexpr std::string_view kCountRecordingsInPeriod =
    "SELECT COUNT(*) FROM recordings WHERE agent_id = $1 AND purpose = $2"
    " AND created_at >= $3 AND created_at < $4 AND (extra_moment = 0 OR $5 = 1)";

// KSF-4.4. The authorised (agent, purpose) pairs are materialised first —
// named agents, and members of named teams — then each pair's live recordings
// are read through recordings_live_by_agent.
constexpr std::string_view kMonitorQueue =
    "SELECT " FAIRQM_RECORDING_COLUMNS
    " FROM recordings r JOIN ("
    "   SELECT s.scope_id AS agent_id, p.purpose AS purpose"
    "   FROM authorisations a"
    "   JOIN authorisation_purposes p ON p.authorisation_id = a.id"
    "   JOIN authorisation_scope s ON s.authorisation_id = a.id AND s.scope_kind = 'agent'"
    "   WHERE a.monitor_id = $1 AND a.client_id = '' AND a.valid_from <= $2"
    "     AND (a.valid_until IS NULL OR a.valid_until > $2)"
    "     AND (a.ended_at IS NULL OR a.ended_at > $2)"
    "   UNION"
    "   SELECT e.id AS agent_id, p.purpose AS purpose"
    "   FROM authorisations a"
    "   JOIN authorisation_purposes p ON p.authorisation_id = a.id"
    "   JOIN authorisation_scope s ON s.authorisation_id = a.id AND s.scope_kind = 'team'"
    "   JOIN employees e ON e.team_id = s.scope_id"
    "   WHERE a.monitor_id = $1 AND a.client_id = '' AND a.valid_from <= $2"
    "     AND (a.valid_until IS NULL OR a.valid_until > $2)"
    "     AND (a.ended_at IS NULL OR a.ended_at > $2)"
    " ) m ON r.agent_id = m.agent_id AND r.purpose = m.purpose"
    " WHERE r.destroyed_at IS NULL AND r.evaluated_at IS NULL AND r.agent_id <> $1"
    " ORDER BY r.evaluate_by, r.id LIMIT $3";

constexpr std::string_view kMarkRecordingEvaluated =
    "UPDATE recordings SET evaluated_at = $2"
    " WHERE id = $1 AND evaluated_at IS NULL AND destroyed_at IS NULL";
constexpr std::string_view kRecordingExists = "SELECT purpose FROM recordings WHERE id = $1";
constexpr std::string_view kMarkRecordingDestroyed =
    "UPDATE recordings SET destroyed_at = $2, destroyed_rule = $3"
    " WHERE id = $1 AND destroyed_at IS NULL";

Result<domain::Contact> ContactFromRow(const db::Row& row) {
  domain::Contact c;
  c.id = row.Text(0);
  FAIRQM_ASSIGN_OR_RETURN(c.channel,
                          ParseStored(domain::ParseChannel(row.Text(1)), "channel", row.Text(1)));
  c.agent_id = row.Text(2);
  c.line_id = row.Text(3);
  c.started_at = row.Int(4);
  c.customer_ref = row.Text(5);
  c.client_id = row.Text(6);
  c.announced = row.Int(7) != 0;
  c.customer_informed_by_contract = row.Int(8) != 0;
  c.do_not_record = row.Int(9) != 0;
  return c;
}

Result<domain::Recording> RecordingFromRow(const db::Row& row) {
  domain::Recording r;
  r.id = row.Text(0);
  r.contact_id = row.Text(1);
  r.agent_id = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(r.purpose,
                          ParseStored(domain::ParsePurpose(row.Text(3)), "purpose", row.Text(3)));
  FAIRQM_ASSIGN_OR_RETURN(r.channel,
                          ParseStored(domain::ParseChannel(row.Text(4)), "channel", row.Text(4)));
  r.media_type = row.Text(5);
  r.regulation_id = row.Text(6);
  r.created_at = row.Int(7);
  r.duration_ms = row.Int(8);
  r.size_bytes = row.Int(9);
  r.evaluate_by = row.Int(10);
  r.destroy_at = row.Int(11);
  r.evaluated_at = row.OptInt(12);
  r.destroyed_at = row.OptInt(13);
  r.destroyed_rule = row.Text(14);
  r.extra_moment = row.Int(15) != 0;
  r.may_contain_card_data = row.Int(16) != 0;
  r.client_id = row.Text(17);
  return r;
}

Result<std::vector<domain::Recording>> LoadRecordings(db::Connection& conn, std::string_view sql,
                                                      const db::Params& params) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql, params));
  std::vector<domain::Recording> recordings;
  recordings.reserve(rows.size());
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Recording recording, RecordingFromRow(row));
    recordings.push_back(std::move(recording));
  }
  return recordings;
}

}  // namespace

Status PutContact(db::Connection& conn, const domain::Contact& c) {
  return Done(conn.Exec(
      kPutContact, {Text(c.id), EnumText(c.channel), Text(c.agent_id), Text(c.line_id),
                    Int(c.started_at), Text(c.customer_ref), Text(c.client_id), Bool(c.announced),
                    Bool(c.customer_informed_by_contract), Bool(c.do_not_record)}));
}

Result<domain::Contact> GetContact(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kGetContact, {Text(id)}));
  if (rows.empty()) return NotFound("contact", id);
  return ContactFromRow(rows[0]);
}

Result<std::vector<domain::Contact>> ListContactsForCustomer(db::Connection& conn,
                                                             std::string_view customer_ref) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kListContactsForCustomer, {Text(customer_ref)}));
  std::vector<domain::Contact> contacts;
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(domain::Contact contact, ContactFromRow(row));
    contacts.push_back(std::move(contact));
  }
  return contacts;
}

Status PutRecording(db::Connection& conn, const domain::Recording& r) {
  return Done(
      conn.Exec(kPutRecording,
                {Text(r.id), Text(r.contact_id), Text(r.agent_id), EnumText(r.purpose),
                 EnumText(r.channel), Text(r.media_type), Text(r.regulation_id), Int(r.created_at),
                 Int(r.duration_ms), Int(r.size_bytes), Int(r.evaluate_by), Int(r.destroy_at),
                 Opt(r.evaluated_at), Opt(r.destroyed_at), Text(r.destroyed_rule),
                 Bool(r.extra_moment), Bool(r.may_contain_card_data), Text(r.client_id)}));
}

Result<domain::Recording> GetRecording(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(std::vector<domain::Recording> found,
                          LoadRecordings(conn, kGetRecording, {Text(id)}));
  if (found.empty()) return NotFound("recording", id);
  return std::move(found[0]);
}

Result<std::vector<domain::Recording>> ListRecordingsForAgent(db::Connection& conn,
                                                              std::string_view agent_id) {
  return LoadRecordings(conn, kListRecordingsForAgent, {Text(agent_id)});
}

Result<std::vector<domain::Recording>> ListRecordingsForContact(db::Connection& conn,
                                                                std::string_view contact_id) {
  return LoadRecordings(conn, kListRecordingsForContact, {Text(contact_id)});
}

Result<std::int64_t> CountRecordingsInPeriod(db::Connection& conn, std::string_view agent_id,
                                             domain::Purpose purpose, TimeMs from, TimeMs to,
                                             bool include_extra_moments) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kCountRecordingsInPeriod,
                                                    {Text(agent_id), EnumText(purpose), Int(from),
                                                     Int(to), Bool(include_extra_moments)}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::vector<domain::Recording>> MonitorQueue(db::Connection& conn,
                                                    std::string_view monitor_id, TimeMs now,
                                                    int limit) {
  return LoadRecordings(conn, kMonitorQueue, {Text(monitor_id), Int(now), Int(limit)});
}

Result<bool> MarkRecordingEvaluated(db::Connection& conn, std::string_view id, TimeMs at) {
  FAIRQM_ASSIGN_OR_RETURN(std::int64_t changed,
                          conn.Exec(kMarkRecordingEvaluated, {Text(id), Int(at)}));
  if (changed == 1) return true;
  FAIRQM_ASSIGN_OR_RETURN(db::Rows exists, conn.Query(kRecordingExists, {Text(id)}));
  if (exists.empty()) return NotFound("recording", id);
  return false;
}

Result<bool> MarkRecordingDestroyed(db::Connection& conn, std::string_view id, TimeMs at,
                                    std::string_view rule) {
  return MarkDestroyedAndLog(conn, kSubjectRecording, id, at, rule, kRecordingExists,
                             kMarkRecordingDestroyed, {Text(id), Int(at), Text(rule)},
                             [] { return OkStatus(); });
}

}  // namespace fairqm::store
