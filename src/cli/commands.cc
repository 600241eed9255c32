#include "cli/commands.h"

#include <pwd.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/demo.h"
#include "cli/serve.h"
#include "codec/employees_csv.h"
#include "codec/json.h"
#include "domain/names.h"
#include "retention/sweep.h"
#include "service/agent_requests.h"
#include "service/audit_access.h"
#include "service/capture.h"
#include "service/evaluations.h"
#include "service/export.h"
#include "service/people.h"
#include "service/register.h"
#include "service/regulations.h"
#include "service/reports.h"

namespace fairqm::cli {
namespace {

using domain::Role;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kInvalidInput, "cannot read " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string OperatorName() {
  if (const passwd* pw = getpwuid(getuid()); pw != nullptr) return pw->pw_name;
  return std::to_string(getuid());
}

// The state one command needs: the opened installation and its actor.
struct Session {
  SystemClock clock;
  SodiumRandom random;
  std::unique_ptr<service::App> app;
};

Result<std::unique_ptr<Session>> OpenSession(const GlobalOptions& options) {
  auto session = std::make_unique<Session>();
  FAIRQM_ASSIGN_OR_RETURN(
      session->app, service::App::Open(service::ResolveDataDir(options.data_dir), session->clock,
                                       session->random));
  return session;
}

service::Actor ActorFor(const GlobalOptions& options, Role role) {
  std::string id = options.actor.empty() ? "cli:" + OperatorName() : options.actor;
  return service::Actor{id, role, ""};
}

// Runs `body` with an open session; errors become exit codes.
int WithSession(const GlobalOptions& options, const std::function<int(service::App&)>& body) {
  auto session = OpenSession(options);
  if (!session.ok()) return Fail(options.out, session.error());
  return body(*(*session)->app);
}

template <typename T>
int Answer(const GlobalOptions& options, const Result<service::Decided<T>>& result,
           const std::function<int(const T&)>& on_allowed) {
  if (!result.ok()) return Fail(options.out, result.error());
  if (!result->allowed()) return Refused(options.out, result->decision);
  return on_allowed(*result->value);
}

Result<codec::Json> ReadDocument(const std::string& path) {
  FAIRQM_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return codec::ParseDocument(text, path);
}

std::string RegulationLine(const domain::Regulation& r) {
  return r.id + "  version " + std::to_string(r.version) + "  " +
         std::string(domain::Name(r.status)) + "  " + r.title;
}

void AddRegulationCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  auto* reg = app.add_subcommand("regulation", "the monitoring regulation (regeling)");
  reg->require_subcommand(1);

  auto* import = reg->add_subcommand("import", "a new draft from a TOML or JSON file");
  static std::string file;
  import->add_option("FILE", file, "regulation document (.toml or .json)")->required();
  import->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        auto doc = ReadDocument(file);
  if (!doc.ok()) return Fail(g.out, doc.error());
  auto draft = codec::RegulationFromJson(*doc);
  if (!draft.ok()) return Fail(g.out, draft.error());
  return Answer<domain::Regulation>(
      g, service::ImportRegulation(a, ActorFor(g, Role::kManager), *draft),
      [&](const domain::Regulation& r) {
        return Print(g.out, codec::ToJson(r), "draft " + RegulationLine(r));
      });
});
};  // namespace
}  // namespace fairqm::cli
);

auto* export_cmd = reg->add_subcommand("export", "print a regulation as JSON");
static std::string export_id = "active";
export_cmd->add_option("ID", export_id, "regulation id or 'active'");
export_cmd->callback([&] {
  run = [&] {
    return WithSession(g, [&](service::App& a) {
      auto r = service::FindRegulation(a, export_id);
      if (!r.ok()) return Fail(g.out, r.error());
      std::cout << codec::ToJson(*r).dump(2) << "\n";
      return kExitOk;
    });
  };
});

auto* missing = reg->add_subcommand("missing", "what a draft still lacks before submission");
static std::string missing_id;
missing->add_option("ID", missing_id)->required();
missing->callback([&] {
  run = [&] {
    return WithSession(g, [&](service::App& a) {
      auto items = service::MissingForSubmission(a, missing_id);
      if (!items.ok()) return Fail(g.out, items.error());
      codec::Json json = codec::Json::array();
      std::string text;
      for (const auto& d : *items) {
        json.push_back({{"rule", d.rule}, {"reason_nl", d.reason_nl}, {"reason_en", d.reason_en}});
        text += "- (" + d.rule + ") " + (g.out.lang == "en" ? d.reason_en : d.reason_nl) + "\n";
      }
      if (items->empty()) text = g.out.lang == "en" ? "complete\n" : "volledig\n";
      return Print(g.out, json, text);
    });
  };
});

auto* submit = reg->add_subcommand("submit", "submit a draft to the works council");
static std::string submit_id;
submit->add_option("ID", submit_id)->required();
submit->callback([&] {
  run = [&] {
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::Regulation>(
          g, service::SubmitRegulation(a, ActorFor(g, Role::kManager), submit_id),
          [&](const domain::Regulation& r) {
            return Print(g.out, codec::ToJson(r), "submitted " + RegulationLine(r));
          });
    });
  };
});

auto* consent = reg->add_subcommand("consent", "record the works council's consent (KSF-3.11)");
static std::string consent_id, consent_date, consent_ref;
consent->add_option("ID", consent_id)->required();
consent->add_option("--date", consent_date, "date of the consent, YYYY-MM-DD")->required();
consent->add_option("--reference", consent_ref, "the works council's reference")->required();
consent->callback([&] {
  run = [&] {
    auto date = ParseTime(consent_date);
    if (!date) return Fail(g.out, MakeError(ErrorCode::kInvalidInput, "--date is not a date"));
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::Regulation>(
          g,
          service::ConsentRegulation(a, ActorFor(g, Role::kWorksCouncil), consent_id, *date,
                                     consent_ref),
          [&](const domain::Regulation& r) {
            return Print(g.out, codec::ToJson(r), "consent recorded for " + RegulationLine(r));
          });
    });
  };
});

auto* activate = reg->add_subcommand("activate", "make a consented version the active one");
static std::string activate_id;
activate->add_option("ID", activate_id)->required();
activate->callback([&] {
  run = [&] {
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::Regulation>(
          g, service::ActivateRegulation(a, ActorFor(g, Role::kManager), activate_id),
          [&](const domain::Regulation& r) {
            return Print(g.out, codec::ToJson(r), "active: " + RegulationLine(r));
          });
    });
  };
});
}

void AddPeopleCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  auto* employees = app.add_subcommand("employees", "employees from the HR system");
  employees->require_subcommand(1);
  auto* import = employees->add_subcommand("import", "import the HR system's CSV export");
  static std::string csv_file;
  import->add_option("FILE", csv_file)->required();
  import->callback([&] {
    run = [&] {
      auto text = ReadFile(csv_file);
  if (!text.ok()) return Fail(g.out, text.error());
  auto rows = codec::ParseEmployeesCsv(*text);
  if (!rows.ok()) return Fail(g.out, rows.error());
  return WithSession(g, [&](service::App& a) {
    return Answer<service::EmployeeImportSummary>(
        g, service::ImportEmployees(a, ActorFor(g, Role::kManager), *rows),
        [&](const service::EmployeeImportSummary& s) {
          codec::Json json{{"created", s.created},
                           {"updated", s.updated},
                           {"teams_created", s.teams_created},
                           {"lines_created", s.lines_created}};
          return Print(g.out, json,
                       std::to_string(s.created) + " created, " + std::to_string(s.updated) +
                           " updated, " + std::to_string(s.teams_created) + " teams, " +
                           std::to_string(s.lines_created) + " lines");
        });
  });
};
});

auto* form = app.add_subcommand("form", "evaluation forms (scorecards)");
form->require_subcommand(1);
auto* publish = form->add_subcommand("publish", "publish a form from a JSON/TOML file");
static std::string form_file;
publish->add_option("FILE", form_file)->required();
publish->callback([&] {
  run = [&] {
    auto doc = ReadDocument(form_file);
    if (!doc.ok()) return Fail(g.out, doc.error());
    auto parsed = codec::FormFromJson(*doc);
    if (!parsed.ok()) return Fail(g.out, parsed.error());
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::EvaluationForm>(
          g, service::PublishForm(a, ActorFor(g, Role::kManager), *parsed),
          [&](const domain::EvaluationForm& f) {
            return Print(g.out, codec::ToJson(f),
                         "published " + f.id + " version " + std::to_string(f.version));
          });
    });
  };
});

auto* auth = app.add_subcommand("authorisation", "monitors' authorisations (KSF-3.3)");
auth->require_subcommand(1);
auto* grant = auth->add_subcommand("grant", "grant from a JSON/TOML file");
static std::string auth_file;
grant->add_option("FILE", auth_file)->required();
grant->callback([&] {
  run = [&] {
    auto doc = ReadDocument(auth_file);
    if (!doc.ok()) return Fail(g.out, doc.error());
    auto parsed = codec::AuthorisationFromJson(*doc);
    if (!parsed.ok()) return Fail(g.out, parsed.error());
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::Authorisation>(
          g, service::GrantAuthorisation(a, ActorFor(g, Role::kManager), *parsed),
          [&](const domain::Authorisation& x) {
            return Print(g.out, codec::ToJson(x),
                         "granted " + x.id + " (inactive until the monitor acknowledges)");
          });
    });
  };
});
auto* ack =
    auth->add_subcommand("acknowledge", "the monitor (--actor) acknowledges confidentiality");
static std::string ack_id;
ack->add_option("ID", ack_id)->required();
ack->callback([&] {
  run = [&] {
    return WithSession(g, [&](service::App& a) {
      return Answer<domain::Authorisation>(
          g, service::AcknowledgeConfidentiality(a, ActorFor(g, Role::kMonitor), ack_id),
          [&](const domain::Authorisation& x) {
            return Print(g.out, codec::ToJson(x), "acknowledged " + x.id);
          });
    });
  };
});
}

codec::Json CaptureJson(const service::CaptureAnswer& c) {
  return codec::Json{
      {"selected", c.selected},
      {"ticket", c.ticket},
      {"contact_id", c.contact_id},
      {"purpose", domain::Name(c.purpose)},
      {"expires_at", c.selected ? codec::Json(FormatTime(c.expires_at)) : codec::Json(nullptr)},
      {"probability", c.probability}};
}

void AddCaptureCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  auto* capture = app.add_subcommand("capture", "the capture gate");
  capture->require_subcommand(1);
  auto* decide = capture->add_subcommand("decide", "may this contact be recorded?");
  static std::string decide_meta;
  decide->add_option("--meta", decide_meta, "contact metadata (JSON)")->required();
  decide->callback([&] {
    run = [&] {
      auto text = ReadFile(decide_meta);
      if (!text.ok()) return Fail(g.out, text.error());
      auto meta = capture::ParseContactMetadata(*text);
      if (!meta.ok()) return Fail(g.out, meta.error());
      return WithSession(g, [&](service::App& a) {
        return Answer<service::CaptureAnswer>(
            g, service::DecideCapture(a, ActorFor(g, Role::kCaptureSource), *meta),
            [&](const service::CaptureAnswer& c) {
              std::string text = c.selected ? "record: ticket " + c.ticket
                                            : "allowed, not selected by the random sample "
                                              "(KSF-3.6): do not record";
              return Print(g.out, CaptureJson(c), text);
            });
      });
    };
  });

  auto* ingest = app.add_subcommand("ingest", "store a recording (audio or other content)");
  static std::string ingest_file, ingest_meta;
  ingest->add_option("FILE", ingest_file, "the content")->required()->check(CLI::ExistingFile);
  ingest->add_option("--meta", ingest_meta, "contact metadata (JSON)")->required();
  ingest->callback([&] {
    run = [&] {
      auto text = ReadFile(ingest_meta);
      if (!text.ok()) return Fail(g.out, text.error());
      auto meta = capture::ParseContactMetadata(*text);
      if (!meta.ok()) return Fail(g.out, meta.error());
      return WithSession(g, [&](service::App& a) {
        return Answer<domain::Recording>(
            g, service::Ingest(a, ActorFor(g, Role::kCaptureSource), ingest_file, *meta),
            [&](const domain::Recording& r) {
              return Print(g.out, codec::ToJson(r),
                           "stored " + r.id + " (" + std::to_string(r.duration_ms / 1000) + " s, " +
                               r.media_type + "), evaluate by " + FormatDate(r.evaluate_by) +
                               ", destroyed by " + FormatDate(r.destroy_at));
            });
      });
    };
  });
}

codec::Json AuditEntryJson(const audit::StoredEntry& e) {
  codec::Json detail = codec::Json::object();
  auto parsed = codec::ParseJsonText(e.entry.detail);
  if (parsed.ok()) detail = *parsed;
  return codec::Json{{"seq", e.seq},
                     {"at", FormatTime(e.entry.at)},
                     {"actor_id", e.entry.actor_id},
                     {"actor_role", e.entry.actor_role},
                     {"action", e.entry.action},
                     {"subject_kind", e.entry.subject_kind},
                     {"subject_id", e.entry.subject_id},
                     {"purpose", e.entry.purpose ? codec::Json(domain::Name(*e.entry.purpose))
                                                 : codec::Json(nullptr)},
                     {"decision", audit::DecisionName(e.entry.decision)},
                     {"rule", e.entry.rule},
                     {"detail", detail}};
}

void AddAuditCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  auto* audit_cmd = app.add_subcommand("audit", "the tamper-evident audit log");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "check the hash chain");
  verify->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        return Answer<audit::VerifyReport>(
            g, service::VerifyAudit(a, ActorFor(g, Role::kPrivacyOfficer)),
            [&](const audit::VerifyReport& r) {
              codec::Json json{{"ok", r.ok}, {"entries", r.entries}, {"problem", r.problem}};
              if (!r.ok) {
                Print(g.out, json, "");
                std::cerr << "audit log damaged: " << r.problem << "\n";
                return kExitFailed;
              }
              return Print(g.out, json,
                           "audit log intact: " + std::to_string(r.entries) + " entries");
            });
      });
    };
  });
  auto* show = audit_cmd->add_subcommand("show", "who accessed an agent's data");
  static std::string subject;
  static int limit = 200;
  show->add_option("--subject", subject, "employee id or HR number")->required();
  show->add_option("--limit", limit, "at most this many entries, newest first");
  show->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        std::string agent_id = subject;
        {
          auto conn = a.Reader();
          if (!conn.ok()) return Fail(g.out, conn.error());
          auto employee = service::ResolveEmployee(**conn, subject);
          if (!employee.ok()) return Fail(g.out, employee.error());
          agent_id = employee->id;
        }
        return Answer<std::vector<audit::StoredEntry>>(
            g, service::AuditFor(a, ActorFor(g, Role::kPrivacyOfficer), agent_id, limit),
            [&](const std::vector<audit::StoredEntry>& entries) {
              codec::Json json = codec::Json::array();
              std::string text;
              for (const auto& e : entries) {
                json.push_back(AuditEntryJson(e));
                text += FormatTime(e.entry.at) + "  " + e.entry.actor_role + " " +
                        e.entry.actor_id + "  " + e.entry.action + " " + e.entry.subject_id + "  " +
                        std::string(audit::DecisionName(e.entry.decision)) +
                        (e.entry.rule.empty() ? "" : " (" + e.entry.rule + ")") + "\n";
              }
              return Print(g.out, json, text.empty() ? "no entries\n" : text);
            });
      });
    };
  });
}

codec::Json SweepJson(const retention::SweepReport& r) {
  return codec::Json{{"recordings_destroyed", r.recordings_destroyed},
                     {"evaluations_destroyed", r.evaluations_destroyed},
                     {"kept_by_hold", r.kept_by_hold},
                     {"kept_evaluation_open", r.kept_evaluation_open},
                     {"errors", r.errors},
                     {"duration_ms", r.duration_ms}};
}

std::string SweepText(const retention::SweepReport& r) {
  std::string text = "destroyed " + std::to_string(r.recordings_destroyed_total()) +
                     " recordings and " + std::to_string(r.evaluations_destroyed_total()) +
                     " evaluations in " + std::to_string(r.duration_ms) + " ms\n";
  for (const auto& [rule, n] : r.recordings_destroyed) {
    text += "  recordings under " + rule + ": " + std::to_string(n) + "\n";
  }
  for (const auto& [rule, n] : r.evaluations_destroyed) {
    text += "  evaluations under " + rule + ": " + std::to_string(n) + "\n";
  }
  text += "  kept: " + std::to_string(r.kept_by_hold) + " under a hold with consent (KSF-4.9), " +
          std::to_string(r.kept_evaluation_open) + " with an open evaluation\n";
  for (const auto& e : r.errors) text += "  error: " + e + "\n";
  return text;
}

void AddRetentionAndReportCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  auto* sweep = app.add_subcommand("sweep", "destroy what the rules say must go");
  sweep->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        Progress progress("sweep");
        retention::SweepOptions options;
        options.progress = [&](int done) { progress.Update(done, 0); };
        auto report = retention::Sweep(a, options);
        if (!report.ok()) return Fail(g.out, report.error());
        int code = Print(g.out, SweepJson(*report), SweepText(*report));
        // Items the sweep could not destroy stay due; the operator must know.
        return report->errors.empty() ? code : kExitFailed;
      });
    };
  });

  auto* reg = app.add_subcommand("register", "the record of processing activities (AVG art. 30)");
  reg->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        return Answer<service::ProcessingRegister>(
            g, service::Register(a, ActorFor(g, Role::kPrivacyOfficer)),
            [&](const service::ProcessingRegister& r) {
              return Print(g.out, service::ToJson(r), service::RenderRegister(r, g.out.lang));
            });
      });
    };
  });

  auto* report = app.add_subcommand("report", "reports");
  report->require_subcommand(1);
  auto* wc =
      report->add_subcommand("works-council", "compliance per purpose for the works council");
  static std::string from_text, to_text;
  wc->add_option("--from", from_text, "start date (default: 365 days ago)");
  wc->add_option("--to", to_text, "end date, exclusive (default: now)");
  wc->callback([&] {
    run = [&] {
      return WithSession(g, [&](service::App& a) {
        TimeMs to = a.Now() + 1;
        TimeMs from = to - Days(365);
        if (!to_text.empty()) {
          auto t = ParseTime(to_text);
          if (!t) return Fail(g.out, MakeError(ErrorCode::kInvalidInput, "--to is not a date"));
          to = *t;
        }
        if (!from_text.empty()) {
          auto t = ParseTime(from_text);
          if (!t) return Fail(g.out, MakeError(ErrorCode::kInvalidInput, "--from is not a date"));
          from = *t;
        }
        return Answer<service::WorksCouncilReportData>(
            g, service::WorksCouncilReport(a, ActorFor(g, Role::kWorksCouncil), from, to),
            [&](const service::WorksCouncilReportData& r) {
              return Print(g.out, service::ToJson(r),
                           service::RenderWorksCouncilReport(r, g.out.lang));
            });
      });
    };
  });

  auto* export_cmd = app.add_subcommand("export", "exports");
  export_cmd->require_subcommand(1);
  auto* subject = export_cmd->add_subcommand("subject", "AVG-15: everything about one person");
  static std::string agent, customer, out_dir;
  auto* agent_opt = subject->add_option("--agent", agent, "employee id or HR number");
  auto* customer_opt =
      subject->add_option("--customer", customer, "customer phone number or reference");
  agent_opt->excludes(customer_opt);
  subject->add_option("--out", out_dir, "folder to write (must not exist)")->required();
  subject->callback([&] {
    run = [&] {
      if (agent.empty() == customer.empty()) {
        return Fail(g.out, MakeError(ErrorCode::kInvalidInput, "give --agent or --customer"));
      }
      return WithSession(g, [&](service::App& a) {
        service::Actor actor = ActorFor(g, Role::kPrivacyOfficer);
        Progress progress("export");
        service::ExportProgress show_progress = [&](std::string_view, int done, int total) {
          progress.Update(done, total);
        };
        Result<service::Decided<service::ExportSummary>> result =
            MakeError(ErrorCode::kInternal, "no export");
        if (!agent.empty()) {
          auto conn = a.Reader();
          if (!conn.ok()) return Fail(g.out, conn.error());
          auto employee = service::ResolveEmployee(**conn, agent);
          if (!employee.ok()) return Fail(g.out, employee.error());
          conn->reset();
          result = service::ExportAgent(a, actor, employee->id, out_dir, show_progress);
        } else {
          result = service::ExportCustomer(a, actor, customer, out_dir, show_progress);
        }
        return Answer<service::ExportSummary>(g, result, [&](const service::ExportSummary& s) {
          codec::Json json{{"out", s.out_dir.string()},
                           {"recordings_written", s.recordings_written},
                           {"recordings_without_content", s.recordings_without_content},
                           {"bytes_written", s.bytes_written},
                           {"files", s.files}};
          return Print(
              g.out, json,
              "exported to " + s.out_dir.string() + ": " + std::to_string(s.files.size()) +
                  " files, " + std::to_string(s.recordings_written) + " recordings decrypted, " +
                  std::to_string(s.recordings_without_content) + " destroyed (metadata only)");
        });
      });
    };
  });
}

}  // namespace

void AddCommands(CLI::App& app, GlobalOptions& g, std::function<int()>& run) {
  app.add_option("--data", g.data_dir,
                 "data directory (default: $FAIRQM_DATA, else ./fairqm-data)");
  app.add_flag("--json", g.out.json, "print data as JSON");
  app.add_option("--lang", g.out.lang, "language of messages: nl or en")
      ->check(CLI::IsMember({"nl", "en"}));
  app.add_option("--actor", g.actor, "the person acting (default: the operator)");
  app.require_subcommand(1);

  auto* init = app.add_subcommand("init", "create a new, empty installation");
  init->callback([&] {
    run = [&] {
      SystemClock clock;
      auto dir = service::ResolveDataDir(g.data_dir);
      Status s = service::App::Init(dir, clock);
      if (!s.ok()) return Fail(g.out, s.error());
      return Print(g.out, codec::Json{{"data", dir.string()}},
                   "initialised " + dir.string() +
                       " (catalogue, vault with its master key, customer-reference key, "
                       "fairqm.toml)");
    };
  });

  AddDemoCommand(app, g, run);
  AddServeCommand(app, g, run);
  AddRegulationCommands(app, g, run);
  AddPeopleCommands(app, g, run);
  AddCaptureCommands(app, g, run);
  AddAuditCommands(app, g, run);
  AddRetentionAndReportCommands(app, g, run);
}

}  // namespace fairqm::cli
