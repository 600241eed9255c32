#include "service/register.h"

#include <map>
#include <set>
#include <sstream>

#include "domain/names.h"
#include "policy/access.h"
#include "policy/checks.h"
#include "policy/clients.h"
#include "service/audit_trail.h"
#include "store/authorisations.h"
#include "store/clients.h"
#include "store/people.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

Bilingual Describe(domain::Purpose purpose) {
  switch (purpose) {
    case domain::Purpose::kCoaching:
      return {
          "Coaching, training en begeleiding van contactcentermedewerkers aan de hand van "
          "opgenomen klantcontacten.",
          "Coaching, training and guidance of contact-centre agents using recorded customer "
          "contacts."};
    case domain::Purpose::kAssessment:
      return {
          "Beoordeling van het functioneren van individuele medewerkers volgens het "
          "beoordelingsprotocol; de resultaten zijn nooit de enige basis voor een "
          "eindbeoordeling (KSF-4.3).",
          "Appraisal of individual agents' performance under the assessment protocol; the "
          "results are never the only basis of a final appraisal (KSF-4.3)."};
    case domain::Purpose::kQuality:
      return {
          "Procesverbetering en kwaliteitsbewaking van de dienstverlening; rapportage "
          "alleen op groepsniveau.",
          "Process improvement and quality assurance of the service; reporting at group "
          "level only."};
  }
  return {"", ""};
}

Bilingual ChannelData(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kVoice:
      return {"Spraakopnames van klantcontacten (stem van medewerker en klant)",
              "Voice recordings of customer contacts (the agent's and the customer's voice)"};
    case domain::Channel::kScreen:
      return {"Schermopnames van de werkplek van de medewerker tijdens het contact",
              "Screen recordings of the agent's workstation during the contact"};
    case domain::Channel::kChat:
      return {"Chatgesprekken met klanten (transcript)",
              "Chat conversations with customers "
              "(transcript)"};
    case domain::Channel::kEmail:
      return {"E-mailberichten met klanten", "E-mail messages with customers"};
  }
  return {"", ""};
}

Bilingual FunctionGroup(domain::JobFunction function) {
  switch (function) {
    case domain::JobFunction::kTeamLead:
      return {"Teamleiders (geautoriseerde monitors)", "Team leads (authorised monitors)"};
    case domain::JobFunction::kCoach:
      return {"Coaches (geautoriseerde monitors)", "Coaches (authorised monitors)"};
    case domain::JobFunction::kQaAnalyst:
      return {"Kwaliteitsmedewerkers (geautoriseerde monitors)",
              "Quality analysts (authorised monitors)"};
    case domain::JobFunction::kTrainer:
      return {"Trainers (geautoriseerde monitors)", "Trainers (authorised monitors)"};
    case domain::JobFunction::kManager:
      return {"Managers (geautoriseerde monitors)", "Managers (authorised monitors)"};
    default:
      return {"Overige geautoriseerde monitors", "Other authorised monitors"};
  }
}

std::vector<Bilingual> SecurityMeasures() {
  return {
      {"Opnames versleuteld opgeslagen (XChaCha20-Poly1305), met een eigen sleutel per opname, "
       "verpakt met een hoofdsleutel die apart van de catalogus staat (AVG-32).",
       "Recordings encrypted at rest (XChaCha20-Poly1305) with a key of their own, wrapped by a "
       "master key kept apart from the catalogue (AVG-32)."},
      {"Vernietigen is echt: de sleutel van een opname wordt vernietigd, zodat ook een back-up "
       "niet meer te ontsleutelen is (crypto-shredding, AVG-17); elke vernietiging wordt met "
       "regel en datum vastgelegd (DELETION-log).",
       "Erasure is real: a recording's key is destroyed, so not even a backup can be decrypted "
       "(crypto-shredding, AVG-17); every destruction is logged with rule and date "
       "(DELETION-log)."},
      {"Elke toegang tot persoonsgegevens en elke beslissing staat in een aan elkaar geketend "
       "auditlog (BLAKE2b), waarin wijzigen of verwijderen aantoonbaar is "
       "(AVG-5-accountability); medewerkers zien wie hun gegevens inzag.",
       "Every access to personal data and every decision is written to a hash-chained audit "
       "log (BLAKE2b) that shows any edit or deletion (AVG-5-accountability); agents see who "
       "accessed their data."},
      {"Wachtwoorden worden op de server opgeslagen als Argon2id-hash (geheugenintensief).",
       "Passwords are stored on the server as Argon2id hashes (memory-hard)."},
      {"Minimale rechten: toegang per persoon, doel en team of medewerker, pas na bevestiging "
       "van de geheimhoudingsplicht (KSF-3.3); een beheerder kan als beheerder niets openen of "
       "meeluisteren (AVG-32).",
       "Least privilege: access per person, purpose and team or agent, only after the duty of "
       "confidentiality is acknowledged (KSF-3.3); an administrator cannot open or listen to "
       "anything by virtue of being administrator (AVG-32)."},
      {"Telefoonnummers van klanten worden niet bewaard, alleen een sleutel-gehashte referentie "
       "(AVG-5-minimal).",
       "Customers' phone numbers are not kept, only a keyed-hash reference (AVG-5-minimal)."},
      {"Automatische vernietiging na evaluatie, na de evaluatietermijn en na de bewaartermijn "
       "(KSF-4.9, KSF-4.10, AVG-5-storage).",
       "Automatic destruction after evaluation, after the evaluation term and after the "
       "retention term (KSF-4.9, KSF-4.10, AVG-5-storage)."},
  };
}

const Bilingual kNoTransfers{"Geen doorgifte naar landen buiten de Europese Economische Ruimte.",
                             "No transfers to countries outside the European Economic Area."};

std::string LegalGroundText(domain::LegalGround ground, bool nl) {
  switch (ground) {
    case domain::LegalGround::kContract:
      return nl ? "uitvoering van de (arbeids)overeenkomst, art. 6 lid 1 sub b AVG"
                : "performance of the (employment) contract, GDPR art. 6(1)(b)";
    case domain::LegalGround::kLegitimateInterest:
      return nl ? "gerechtvaardigd belang, art. 6 lid 1 sub f AVG"
                : "legitimate interest, GDPR art. 6(1)(f)";
    case domain::LegalGround::kUnset:
      break;
  }
  return nl ? "niet vastgelegd" : "not recorded";
}

codec::Json BilingualJson(const Bilingual& text) {
  return codec::Json{{"nl", text.nl}, {"en", text.en}};
}

codec::Json OptTime(const std::optional<TimeMs>& t) {
  return t ? codec::Json(FormatDate(*t)) : codec::Json(nullptr);
}

struct Gathered {
  domain::Regulation regulation;
  std::vector<domain::Authorisation> authorisations;
  std::map<std::string, domain::JobFunction> functions;  // monitor id → job function
  std::vector<domain::ClientContract> contracts;
};

Result<Gathered> Gather(db::Connection& conn, domain::Regulation regulation) {
  Gathered g;
  g.regulation = std::move(regulation);
  FAIRQM_ASSIGN_OR_RETURN(db::Transaction snapshot, db::Transaction::Begin(conn));
  FAIRQM_ASSIGN_OR_RETURN(g.authorisations, store::ListAuthorisations(conn));
  FAIRQM_ASSIGN_OR_RETURN(g.contracts, store::ListClientContracts(conn));
  for (const auto& a : g.authorisations) {
    if (!a.client_id.empty() || g.functions.count(a.monitor_id)) continue;
    auto monitor = store::GetEmployee(conn, a.monitor_id);
    g.functions[a.monitor_id] = monitor.ok() ? monitor->function : domain::JobFunction::kOther;
  }
  FAIRQM_RETURN_IF_ERROR(snapshot.Commit());
  return g;
}

bool InForce(const domain::ClientContract& c, TimeMs now) {
  return c.signed_at <= now && (!c.valid_until || *c.valid_until > now);
}

ProcessingRegister Build(const Gathered& g, TimeMs now) {
  const domain::Regulation& r = g.regulation;
  ProcessingRegister out;
  out.controller_name = r.controller_name;
  out.contact_email = r.contact_email;
  out.privacy_statement_url = r.privacy_statement_url;
  out.regulation_id = r.id;
  out.regulation_version = r.version;
  out.regulation_title = r.title;
  out.activated_at = r.activated_at;
  out.dpia_reference = r.dpia_reference;
  out.dpia_at = r.dpia_at;
  out.works_council_consent_reference = r.works_council_consent_reference;
  out.works_council_consent_at = r.works_council_consent_at;
  out.assessment_protocol_reference = r.assessment_protocol_reference;
  out.assessment_protocol_approved_at = r.assessment_protocol_approved_at;
  out.client_min_group_size = policy::EffectiveMinGroupSize(r.client_min_group_size);
  out.security_measures = SecurityMeasures();
  out.generated_at = now;
  const std::string group = std::to_string(out.client_min_group_size);

  for (domain::Purpose purpose : domain::kAllPurposes) {
    const domain::PurposeRules* rules = r.RulesFor(purpose);
    if (rules == nullptr) continue;
    RegisterActivity a;
    a.purpose = purpose;
    a.description = Describe(purpose);
    a.legal_ground = rules->legal_ground;
    a.legitimate_interest = rules->legitimate_interest;
    a.necessity = rules->necessity_justification;
    a.proportionality = rules->proportionality_justification;
    a.frequency_quota = rules->frequency_quota;
    a.frequency_period_days = rules->frequency_period_days;
    a.recording_retention_days = rules->recording_retention_days;
    a.evaluation_retention_days = rules->evaluation_retention_days;
    a.evaluation_term_working_days = rules->evaluation_term_working_days;
    a.transfers = kNoTransfers;
    a.data_subjects = {{"Contactcentermedewerkers (agents), ongeacht hun contractvorm (KSF-3.2)",
                        "Contact-centre agents, whatever their contract (KSF-3.2)"},
                       {"Klanten die met het contactcenter contact hebben",
                        "Customers in contact with the "
                        "contact centre"}};
    a.data_categories.push_back(
        {"Gegevens van de medewerker: naam, personeelsnummer, team, "
         "toestel",
         "Agent data: name, HR number, team, extension"});
    for (domain::Channel channel : rules->channels)
      a.data_categories.push_back(ChannelData(channel));
    a.data_categories.push_back(
        {"Evaluaties: scores, opmerkingen, de eigen reactie van de medewerker en het "
         "feedbackgesprek",
         "Evaluations: scores, comments, the agent's own view and the feedback meeting"});
    a.data_categories.push_back(
        {"Klantreferentie: een met een geheime sleutel gehashte verwijzing naar het "
         "telefoonnummer (gepseudonimiseerd; het nummer zelf wordt niet bewaard)",
         "Customer reference: a keyed hash of the phone number (pseudonymised; the number "
         "itself is not kept)"});

    // Recipients: monitors with an active authorisation for this purpose,
    // counted per job function — the register names no one.
    std::map<domain::JobFunction, std::set<std::string>> monitors;
    for (const domain::Authorisation& auth : g.authorisations) {
      if (!auth.client_id.empty() || !policy::AuthorisationActive(auth, now) ||
          auth.purposes.count(purpose) == 0) {
        continue;
      }
      monitors[g.functions.at(auth.monitor_id)].insert(auth.monitor_id);
    }
    for (const auto& [function, ids] : monitors) {
      a.recipients.push_back(RegisterRecipient{
          FunctionGroup(function),
          static_cast<int>(ids.size()),
          {"Opnames en evaluaties van de medewerkers binnen hun autorisatie (KSF-3.3)",
           "Recordings and evaluations of the agents within their authorisation (KSF-3.3)"}});
    }
    a.recipients.push_back(RegisterRecipient{
        {"De medewerker zelf", "The agent themself"},
        0,
        {"Alle eigen opnames en evaluaties, en wie ze inzag (KSF-4.8, AVG-15)",
         "All their own recordings and evaluations, and who accessed them (KSF-4.8, AVG-15)"}});
    if (purpose == domain::Purpose::kAssessment) {
      a.recipients.push_back(
          RegisterRecipient{{"De direct leidinggevende", "The direct supervisor"},
                            0,
                            {"De uitkomst, voor het feedbackgesprek (KSF-4.5)",
                             "The outcome, for the feedback meeting (KSF-4.5)"}});
    }
    a.recipients.push_back(RegisterRecipient{{"De ondernemingsraad", "The works council"},
                                             0,
                                             {"Alleen totaalcijfers, zonder namen (KSF-3.10)",
                                              "Totals only, without names "
                                              "(KSF-3.10)"}});
    // KSF-6.1/6.2/6.5: clients get aggregates unless a written agreement
    // allows individual-level data; never assessment data.
    if (purpose != domain::Purpose::kAssessment) {
      for (const domain::ClientContract& c : g.contracts) {
        if (c.purpose != purpose || !InForce(c, now)) continue;
        a.recipients.push_back(
            c.individual_level
                ? RegisterRecipient{{"Opdrachtgever " + c.client_name, "Client " + c.client_name},
                                    1,
                                    {"Gegevens per medewerker (meeluisteren) onder een "
                                     "schriftelijke overeenkomst, na informeren van de "
                                     "medewerkers (KSF-6.2)",
                                     "Data per agent (listening in) under a written "
                                     "agreement, after the agents were told (KSF-6.2)"}}
                : RegisterRecipient{{"Opdrachtgever " + c.client_name, "Client " + c.client_name},
                                    1,
                                    {"Alleen totaalcijfers van groepen van ten minste " + group +
                                         " medewerkers (KSF-6.1)",
                                     "Aggregate figures of groups of at least " + group +
                                         " agents only (KSF-6.1)"}});
      }
    }
    out.activities.push_back(std::move(a));
  }
  for (const domain::ClientContract& c : g.contracts) {
    if (!InForce(c, now)) continue;
    out.client_contracts.push_back(RegisterContract{c.client_name, c.purpose, c.individual_level,
                                                    c.legal_ground, c.signed_at, c.valid_until,
                                                    static_cast<int>(c.team_ids.size())});
  }
  return out;
}

}  // namespace

Result<Decided<ProcessingRegister>> Register(App& app, const Actor& actor) {
  using Answer = Decided<ProcessingRegister>;
  const TimeMs now = app.Now();
  FAIRQM_ASSIGN_OR_RETURN(auto writer, app.Writer());
  FAIRQM_ASSIGN_OR_RETURN(auto reader, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(*reader));
  AuditSubject subject{"register", regulation ? regulation->id : "", "", std::nullopt};
  // KSF-3.1: without an active regulation there is no processing to record.
  policy::Decision decision = policy::CheckRegulationActive(regulation, now);
  if (!decision.allowed) {
    FAIRQM_RETURN_IF_ERROR(RecordRefusal(*writer, now, actor, "register.read", subject, decision));
    return Answer::Refuse(decision);
  }
  FAIRQM_ASSIGN_OR_RETURN(Gathered gathered, Gather(*reader, *regulation));
  ProcessingRegister record = Build(gathered, now);
  FAIRQM_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(*writer));
  FAIRQM_RETURN_IF_ERROR(Record(*writer, now, actor, "register.read", subject, decision));
  FAIRQM_RETURN_IF_ERROR(tx.Commit());
  return Answer::Allow(std::move(record));
}

codec::Json ToJson(const ProcessingRegister& record) {
  codec::Json activities = codec::Json::array();
  for (const RegisterActivity& a : record.activities) {
    codec::Json subjects = codec::Json::array();
    for (const auto& s : a.data_subjects) subjects.push_back(BilingualJson(s));
    codec::Json categories = codec::Json::array();
    for (const auto& c : a.data_categories) categories.push_back(BilingualJson(c));
    codec::Json recipients = codec::Json::array();
    for (const auto& r : a.recipients) {
      recipients.push_back(
          codec::Json{{"who", BilingualJson(r.who)},
                      {"count", r.count > 0 ? codec::Json(r.count) : codec::Json(nullptr)},
                      {"receives", BilingualJson(r.what)}});
    }
    activities.push_back(codec::Json{
        {"purpose", domain::Name(a.purpose)},
        {"description", BilingualJson(a.description)},
        {"legal_ground", domain::Name(a.legal_ground)},
        {"legitimate_interest", a.legitimate_interest},
        {"necessity", a.necessity},
        {"proportionality", a.proportionality},
        {"data_subjects", std::move(subjects)},
        {"data_categories", std::move(categories)},
        {"recipients", std::move(recipients)},
        {"transfers", BilingualJson(a.transfers)},
        {"frequency",
         codec::Json{{"quota", a.frequency_quota}, {"period_days", a.frequency_period_days}}},
        {"retention",
         codec::Json{{"recordings_days", a.recording_retention_days},
                     {"evaluations_days", a.evaluation_retention_days},
                     {"evaluation_term_working_days", a.evaluation_term_working_days}}}});
  }
  codec::Json contracts = codec::Json::array();
  for (const RegisterContract& c : record.client_contracts) {
    contracts.push_back(codec::Json{{"client_name", c.client_name},
                                    {"purpose", domain::Name(c.purpose)},
                                    {"individual_level", c.individual_level},
                                    {"legal_ground", domain::Name(c.legal_ground)},
                                    {"signed_at", FormatDate(c.signed_at)},
                                    {"valid_until", OptTime(c.valid_until)},
                                    {"teams", c.teams}});
  }
  codec::Json security = codec::Json::array();
  for (const auto& m : record.security_measures) security.push_back(BilingualJson(m));
  return codec::Json{
      {"record", "art30"},
      {"controller", codec::Json{{"name", record.controller_name},
                                 {"contact_email", record.contact_email},
                                 {"privacy_statement_url", record.privacy_statement_url}}},
      {"regulation", codec::Json{{"id", record.regulation_id},
                                 {"version", record.regulation_version},
                                 {"title", record.regulation_title},
                                 {"activated_at", OptTime(record.activated_at)}}},
      {"activities", std::move(activities)},
      {"client_contracts", std::move(contracts)},
      {"client_min_group_size", record.client_min_group_size},
      {"security_measures", std::move(security)},
      {"dpia",
       codec::Json{{"reference", record.dpia_reference}, {"date", OptTime(record.dpia_at)}}},
      {"works_council_consent", codec::Json{{"reference", record.works_council_consent_reference},
                                            {"date", OptTime(record.works_council_consent_at)}}},
      {"assessment_protocol",
       codec::Json{{"reference", record.assessment_protocol_reference},
                   {"approved_at", OptTime(record.assessment_protocol_approved_at)}}},
      {"generated_at", FormatTime(record.generated_at)}};
}

std::string RenderRegister(const ProcessingRegister& record, const std::string& lang) {
  const bool nl = lang != "en";
  auto t = [nl](const std::string& dutch, const std::string& english) {
    return nl ? dutch : english;
  };
  auto pick = [nl](const Bilingual& text) { return nl ? text.nl : text.en; };
  auto date = [&](const std::optional<TimeMs>& at) {
    return at ? FormatDate(*at) : t("niet vastgelegd", "not recorded");
  };
  std::ostringstream out;
  out << t("REGISTER VAN VERWERKINGSACTIVITEITEN (art. 30 AVG)",
           "RECORD OF PROCESSING ACTIVITIES (GDPR art. 30)")
      << "\n"
      << t("Kwaliteitsmonitoring van klantcontact", "Quality monitoring of customer contacts")
      << "\n\n";
  out << t("Verwerkingsverantwoordelijke: ", "Controller: ") << record.controller_name << "\n";
  out << t("Contact: ", "Contact: ") << record.contact_email << "\n";
  out << t("Privacyverklaring: ", "Privacy statement: ") << record.privacy_statement_url << "\n";
  out << t("Regeling: ", "Regulation: ") << record.regulation_title << t(", versie ", ", version ")
      << record.regulation_version << t(", actief sinds ", ", active since ")
      << date(record.activated_at) << "\n";
  out << t("Instemming ondernemingsraad (KSF-3.11): ", "Works-council consent (KSF-3.11): ")
      << record.works_council_consent_reference << ", " << date(record.works_council_consent_at)
      << "\n";
  out << t("Gegevensbeschermingseffectbeoordeling (DPIA, AVG-35): ",
           "Data-protection impact assessment (DPIA, AVG-35): ")
      << record.dpia_reference << ", " << date(record.dpia_at) << "\n";
  if (!record.assessment_protocol_reference.empty()) {
    out << t("Beoordelingsprotocol (KSF-4.1): ", "Assessment protocol (KSF-4.1): ")
        << record.assessment_protocol_reference << ", "
        << date(record.assessment_protocol_approved_at) << "\n";
  }
  out << t("Opgesteld op: ", "Generated: ") << FormatTime(record.generated_at) << "\n";

  int number = 0;
  for (const RegisterActivity& a : record.activities) {
    out << "\n"
        << ++number << ". " << t("Verwerking: ", "Processing: ")
        << (nl ? std::string(domain::DutchName(a.purpose)) : std::string(domain::Name(a.purpose)))
        << "\n";
    out << "   " << t("Doel: ", "Purpose: ") << pick(a.description) << "\n";
    out << "   " << t("Grondslag: ", "Legal ground: ") << LegalGroundText(a.legal_ground, nl)
        << "\n";
    out << "   " << t("Gerechtvaardigd belang: ", "Legitimate interest: ") << a.legitimate_interest
        << "\n";
    out << "   " << t("Noodzaak (subsidiariteit): ", "Necessity (subsidiarity): ") << a.necessity
        << "\n";
    out << "   " << t("Evenredigheid: ", "Proportionality: ") << a.proportionality << "\n";
    out << "   " << t("Frequentie: ", "Frequency: ") << a.frequency_quota
        << t(" contacten per medewerker per ", " contacts per agent per ")
        << a.frequency_period_days << t(" dagen", " days") << "\n";
    out << "   " << t("Betrokkenen:", "Data subjects:") << "\n";
    for (const auto& s : a.data_subjects) out << "     - " << pick(s) << "\n";
    out << "   " << t("Persoonsgegevens:", "Personal data:") << "\n";
    for (const auto& c : a.data_categories) out << "     - " << pick(c) << "\n";
    out << "   " << t("Ontvangers:", "Recipients:") << "\n";
    for (const auto& r : a.recipients) {
      out << "     - " << pick(r.who);
      if (r.count > 0) out << " (" << r.count << ")";
      out << ": " << pick(r.what) << "\n";
    }
    out << "   " << t("Doorgifte: ", "Transfers: ") << pick(a.transfers) << "\n";
    out << "   " << t("Bewaartermijnen: opnames ", "Retention: recordings ")
        << a.recording_retention_days << t(" dagen, evaluaties ", " days, evaluations ")
        << a.evaluation_retention_days << t(" dagen; evaluatie binnen ", " days; evaluated within ")
        << a.evaluation_term_working_days << t(" werkdagen", " working days") << "\n";
  }
  out << "\n" << t("Overeenkomsten met opdrachtgevers:", "Client agreements:") << "\n";
  if (record.client_contracts.empty()) out << "  - " << t("geen", "none") << "\n";
  for (const RegisterContract& c : record.client_contracts) {
    out << "  - " << c.client_name << ": "
        << (nl ? std::string(domain::DutchName(c.purpose)) : std::string(domain::Name(c.purpose)))
        << ", "
        << (c.individual_level
                ? t("gegevens per medewerker (KSF-6.2)", "data per agent (KSF-6.2)")
                : t("alleen totaalcijfers (KSF-6.1, minimaal ",
                    "aggregates only (KSF-6.1, at least ") +
                      std::to_string(record.client_min_group_size) + t(" medewerkers)", " agents)"))
        << ", " << LegalGroundText(c.legal_ground, nl) << t(", getekend ", ", signed ")
        << FormatDate(c.signed_at) << ", " << c.teams << t(" team(s)", " team(s)") << "\n";
  }
  out << "\n"
      << t("Beveiligingsmaatregelen (art. 32 AVG):", "Security measures (GDPR art. 32):") << "\n";
  for (const auto& m : record.security_measures) out << "  - " << pick(m) << "\n";
  return out.str();
}

}  // namespace fairqm::service
