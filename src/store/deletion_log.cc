#include "store/deletion_log.h"

#include "store/internal.h"

namespace fairqm::store {
namespace {

using namespace internal;  // NOLINT

constexpr std::string_view kAppendDeletion =
    "INSERT INTO deletion_log (subject_kind, subject_id, purpose, rule, destroyed_at)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject_kind, subject_id) DO NOTHING";
#define FAIRQM_DELETION_COLUMNS "subject_kind, subject_id, purpose, rule, destroyed_at"
constexpr std::string_view kListDeletions =
    "SELECT " FAIRQM_DELETION_COLUMNS
    " FROM deletion_log"
    " WHERE destroyed_at >= $1 AND destroyed_at < $2"
    " ORDER BY destroyed_at, subject_kind, subject_id LIMIT $3";
constexpr std::string_view kFindDeletion = "SELECT " FAIRQM_DELETION_COLUMNS
                                           " FROM deletion_log"
                                           " WHERE subject_kind = $1 AND subject_id = $2";

constexpr std::string_view kAppendCaptureRefusal =
    "INSERT INTO capture_refusals (id, at, rule, purpose, agent_id, channel)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kListCaptureRefusals =
    "SELECT id, at, rule, purpose, agent_id, channel FROM capture_refusals"
    " WHERE at >= $1 AND at < $2 ORDER BY at, id LIMIT $3";

template <typename Enum>
db::Value OptEnum(const std::optional<Enum>& value) {
  return value ? EnumText(*value) : Text("");
}

Result<DeletionEntry> DeletionFromRow(const db::Row& row) {
  DeletionEntry entry;
  entry.subject_kind = row.Text(0);
  entry.subject_id = row.Text(1);
  if (!row.Text(2).empty()) {
    FAIRQM_ASSIGN_OR_RETURN(entry.purpose,
                            ParseStored(domain::ParsePurpose(row.Text(2)), "purpose", row.Text(2)));
  }
  entry.rule = row.Text(3);
  entry.destroyed_at = row.Int(4);
  return entry;
}

}  // namespace

Result<bool> AppendDeletion(db::Connection& conn, const DeletionEntry& entry) {
  FAIRQM_ASSIGN_OR_RETURN(
      std::int64_t changed,
      conn.Exec(kAppendDeletion,
                {Text(entry.subject_kind), Text(entry.subject_id), OptEnum(entry.purpose),
                 Text(entry.rule), Int(entry.destroyed_at)}));
  return changed == 1;
}

Result<std::vector<DeletionEntry>> ListDeletions(db::Connection& conn, TimeMs from, TimeMs to,
                                                 int limit) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kListDeletions, {Int(from), Int(to), Int(limit)}));
  std::vector<DeletionEntry> entries;
  for (const db::Row& row : rows) {
    FAIRQM_ASSIGN_OR_RETURN(DeletionEntry entry, DeletionFromRow(row));
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::optional<DeletionEntry>> FindDeletion(db::Connection& conn,
                                                  std::string_view subject_kind,
                                                  std::string_view subject_id) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kFindDeletion, {Text(subject_kind), Text(subject_id)}));
  if (rows.empty()) return std::optional<DeletionEntry>();
  FAIRQM_ASSIGN_OR_RETURN(DeletionEntry entry, DeletionFromRow(rows[0]));
  return std::optional<DeletionEntry>(std::move(entry));
}

Status AppendCaptureRefusal(db::Connection& conn, const CaptureRefusal& refusal) {
  return Done(conn.Exec(kAppendCaptureRefusal, {Text(refusal.id), Int(refusal.at),
                                                Text(refusal.rule), OptEnum(refusal.purpose),
                                                Text(refusal.agent_id), OptEnum(refusal.channel)}));
}

Result<std::vector<CaptureRefusal>> ListCaptureRefusals(db::Connection& conn, TimeMs from,
                                                        TimeMs to, int limit) {
  FAIRQM_ASSIGN_OR_RETURN(db::Rows rows,
                          conn.Query(kListCaptureRefusals, {Int(from), Int(to), Int(limit)}));
  std::vector<CaptureRefusal> refusals;
  for (const db::Row& row : rows) {
    CaptureRefusal refusal;
    refusal.id = row.Text(0);
    refusal.at = row.Int(1);
    refusal.rule = row.Text(2);
    if (!row.Text(3).empty()) {
      FAIRQM_ASSIGN_OR_RETURN(
          refusal.purpose, ParseStored(domain::ParsePurpose(row.Text(3)), "purpose", row.Text(3)));
    }
    refusal.agent_id = row.Text(4);
    if (!row.Text(5).empty()) {
      FAIRQM_ASSIGN_OR_RETURN(
          refusal.channel, ParseStored(domain::ParseChannel(row.Text(5)), "channel", row.Text(5)));
    }
    refusals.push_back(std::move(refusal));
  }
  return refusals;
}

}  // namespace fairqm::store
