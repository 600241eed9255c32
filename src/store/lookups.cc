#include "store/lookups.h"

#include "domain/names.h"
#include "store/internal.h"
#include "store/people.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT: the helpers are this module's vocabulary

constexpr std::string_view kEmployeeIdByExternalId =
    "SELECT id FROM employees WHERE external_id = $1";

constexpr std::string_view kPutTicket =
    "INSERT INTO capture_tickets (id, contact_id, agent_id, purpose, channel,"
    " extra_moment_request, issued_at, expires_at, redeemed_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kGetTicket =
    "SELECT id, contact_id, agent_id, purpose, channel, extra_moment_request, issued_at,"
    " expires_at, redeemed_at FROM capture_tickets WHERE id = $1";
constexpr std::string_view kRedeemTicket =
    "UPDATE capture_tickets SET redeemed_at = $2 WHERE id = $1 AND redeemed_at IS NULL";
constexpr std::string_view kCountOutstanding =
    "SELECT COUNT(*) FROM capture_tickets WHERE agent_id = $1 AND purpose = $2"
    " AND issued_at >= $3 AND issued_at < $4 AND redeemed_at IS NULL AND expires_at > $5"
    " AND extra_moment_request = ''";

}  // namespace

Result<std::optional<domain::Employee>> FindEmployeeByExternalId(db::Connection& conn,
                                                                 std::string_view external_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kEmployeeIdByExternalId, {Text(external_id)}));
  if (rows.empty()) return std::optional<domain::Employee>();
  FAIRQM_ASSIGN_OR_RETURN(auto employee, GetEmployee(conn, rows[0].Text(0)));
  return std::optional<domain::Employee>(std::move(employee));
}

Status PutCaptureTicket(db::Connection& conn, const CaptureTicket& t) {
  return Done(conn.Exec(
      kPutTicket,
      {Text(t.id), Text(t.contact_id), Text(t.agent_id), EnumText(t.purpose), EnumText(t.channel),
       Text(t.extra_moment_request), Int(t.issued_at), Int(t.expires_at), Opt(t.redeemed_at)}));
}

Result<std::optional<CaptureTicket>> FindCaptureTicket(db::Connection& conn, std::string_view id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows, conn.Query(kGetTicket, {Text(id)}));
  if (rows.empty()) return std::optional<CaptureTicket>();
  const db::Row& row = rows[0];
  CaptureTicket t;
  t.id = row.Text(0);
  t.contact_id = row.Text(1);
  t.agent_id = row.Text(2);
  FAIRQM_ASSIGN_OR_RETURN(t.purpose, ParseStored(domain::ParsePurpose(row.Text(3)),
                                                 "capture_tickets.purpose", row.Text(3)));
  FAIRQM_ASSIGN_OR_RETURN(t.channel, ParseStored(domain::ParseChannel(row.Text(4)),
                                                 "capture_tickets.channel", row.Text(4)));
  t.extra_moment_request = row.Text(5);
  t.issued_at = row.Int(6);
  t.expires_at = row.Int(7);
  t.redeemed_at = row.OptInt(8);
  return std::optional<CaptureTicket>(std::move(t));
}

Result<bool> RedeemCaptureTicket(db::Connection& conn, std::string_view id, TimeMs at) {
  FAIRQM_ASSIGN_OR_RETURN(std::int64_t changed, conn.Exec(kRedeemTicket, {Text(id), Int(at)}));
  return changed == 1;
}

Result<std::int64_t> CountOutstandingTickets(db::Connection& conn, std::string_view agent_id,
                                             domain::Purpose purpose, TimeMs from, TimeMs to,
                                             TimeMs now) {
  FAIRQM_ASSIGN_OR_RETURN(
      db::Rows rows, conn.Query(kCountOutstanding,
                                {Text(agent_id), EnumText(purpose), Int(from), Int(to), Int(now)}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace fairqm::store
