#include "service/api_public.h"

#include <set>

#include "domain/names.h"
#include "store/regulations.h"

namespace fairqm::service {
namespace {

Bilingual Describe(domain::Purpose purpose) {
  switch (purpose) {
    case domain::Purpose::kCoaching:
      return {
          "Coaching, training en begeleiding van medewerkers aan de hand van opgenomen "
          "klantcontacten.",
          "Coaching, training and guidance of agents using recorded customer contacts."};
    case domain::Purpose::kAssessment:
      return {
          "Beoordeling van individuele medewerkers volgens het beoordelingsprotocol; nooit "
          "de enige basis voor een eindbeoordeling (KSF-4.3).",
          "Appraisal of individual agents under the assessment protocol; never the only "
          "basis of a final appraisal (KSF-4.3)."};
    case domain::Purpose::kQuality:
      return {"Procesverbetering en kwaliteitsbewaking; rapportage alleen op groepsniveau.",
              "Process improvement and quality assurance; reporting at group level only."};
  }
  return {"", ""};
}

Bilingual LegalGroundText(domain::LegalGround ground) {
  switch (ground) {
    case domain::LegalGround::kContract:
      return {"Uitvoering van de arbeidsovereenkomst (AVG art. 6 lid 1 sub b)",
              "Performance of the employment contract (GDPR art. 6(1)(b))"};
    case domain::LegalGround::kLegitimateInterest:
      return {"Gerechtvaardigd belang (AVG art. 6 lid 1 sub f)",
              "Legitimate interest (GDPR art. 6(1)(f))"};
    default:
      return {"Niet vastgelegd", "Not recorded"};
  }
}

Bilingual ChannelData(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kVoice:
      return {"Spraakopnames van klantcontacten", "Voice recordings of customer contacts"};
    case domain::Channel::kScreen:
      return {"Schermopnames van de werkplek tijdens het contact",
              "Screen recordings of the workstation during the contact"};
    case domain::Channel::kChat:
      return {"Chatgesprekken met klanten", "Chat conversations with customers"};
    case domain::Channel::kEmail:
      return {"E-mailberichten met klanten", "E-mail messages with customers"};
  }
  return {"", ""};
}

std::vector<PrivacyRight> Rights() {
  return {
      {"AVG-15",
       {"Inzage", "Access"},
       {"Medewerkers zien hun eigen opnames, evaluaties en wie hun gegevens inzag, en kunnen "
        "een volledige kopie downloaden. Klanten vragen inzage aan via de contactpersoon "
        "hieronder, met hun telefoonnummer.",
        "Agents see their own recordings, evaluations and who accessed their data, and can "
        "download a complete copy. Customers ask for access through the contact below, with "
        "their phone number."}},
      {"AVG-17",
       {"Verwijdering", "Erasure"},
       {"Opnames worden vernietigd zodra hun bewaartermijn voorbij is; vernietigen is "
        "definitief, ook in back-ups (elke opname heeft een eigen sleutel die mee vernietigd "
        "wordt). U kunt om eerdere verwijdering vragen.",
        "Recordings are destroyed once their retention term ends; destruction is final, also in "
        "backups (each recording has its own key, destroyed with it). You may ask for earlier "
        "erasure."}},
      {"AVG-21",
       {"Bezwaar", "Objection"},
       {"Een klant die bezwaar maakt, wordt niet opgenomen: zeg het aan het begin van het "
        "gesprek. Medewerkers kunnen bezwaar maken bij de contactpersoon hieronder.",
        "A customer who objects is not recorded: say so at the start of the contact. Agents can "
        "object through the contact below."}},
      {"AVG-16",
       {"Rectificatie", "Rectification"},
       {"Onjuiste gegevens laten we op verzoek verbeteren. Bij een evaluatie kunt u altijd uw "
        "eigen reactie geven (KSF-2.1-view).",
        "Incorrect data is corrected on request. On an evaluation you can always give your own "
        "view (KSF-2.1-view)."}},
      {"AVG-22",
       {"Geen geautomatiseerde besluiten", "No automated decisions"},
       {"Geen besluit over een medewerker wordt alleen door automatische scoring genomen.",
        "No decision about an agent is taken by automated scoring alone."}},
      {"KSF-3.10",
       {"Klacht", "Complaint"},
       {"Klachten over de toepassing van de regeling behandelt het management; wordt een klacht "
        "niet op tijd opgepakt, dan kunt u in beroep bij de ondernemingsraad. U kunt ook een "
        "klacht indienen bij de Autoriteit Persoonsgegevens.",
        "Management handles complaints about how the regulation is applied; if a complaint is "
        "not taken up in time you may appeal to the works council. You may also complain to the "
        "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)."}},
  };
}

codec::Json Text(const Bilingual& text, bool english) { return english ? text.en : text.nl; }

codec::Json OptTime(const std::optional<TimeMs>& t) {
  return t ? codec::Json(FormatTime(*t)) : codec::Json();
}

}  // namespace

Result<std::vector<domain::EvaluationForm>> PublishedForms(App& app) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(auto forms, store::ListForms(*conn));
  std::vector<domain::EvaluationForm> published;
  const TimeMs now = app.Now();
  for (auto& form : forms) {
    // KSF-4.2: criteria known in advance — a form counts once published.
    if (form.published_at && *form.published_at <= now) published.push_back(std::move(form));
  }
  return published;
}

Result<domain::EvaluationForm> PublishedForm(App& app, const std::string& form_id,
                                             std::optional<int> version) {
  FAIRQM_ASSIGN_OR_RETURN(auto forms, PublishedForms(app));
  const domain::EvaluationForm* found = nullptr;
  for (const auto& form : forms) {
    if (form.id != form_id) continue;
    if (version ? form.version == *version : (!found || form.version > found->version)) {
      found = &form;
    }
  }
  if (!found) {
    return MakeError(ErrorCode::kNotFound,
                     "no published form " + form_id +
                         (version ? " version " + std::to_string(*version) : std::string()));
  }
  return *found;
}

Result<std::optional<PrivacyStatement>> BuildPrivacyStatement(App& app) {
  FAIRQM_ASSIGN_OR_RETURN(auto conn, app.Reader());
  FAIRQM_ASSIGN_OR_RETURN(auto regulation, store::ActiveRegulation(*conn));
  if (!regulation) return std::optional<PrivacyStatement>();
  const domain::Regulation& r = *regulation;
  PrivacyStatement s;
  s.controller_name = r.controller_name;
  s.contact_email = r.contact_email;
  s.privacy_statement_url = r.privacy_statement_url;
  s.regulation_id = r.id;
  s.regulation_version = r.version;
  s.regulation_title = r.title;
  s.activated_at = r.activated_at;
  std::set<domain::Channel> channels;
  bool client_purpose = false;
  for (domain::Purpose purpose : domain::kAllPurposes) {
    const domain::PurposeRules* rules = r.RulesFor(purpose);
    if (rules == nullptr) continue;
    PrivacyPurpose p;
    p.purpose = purpose;
    p.description = Describe(purpose);
    p.legal_ground = rules->legal_ground;
    p.legal_ground_text = LegalGroundText(rules->legal_ground);  // KSF-2.1-interest
    p.legitimate_interest = rules->legitimate_interest;
    p.channels.assign(rules->channels.begin(), rules->channels.end());
    p.frequency_quota = rules->frequency_quota;
    p.frequency_period_days = rules->frequency_period_days;
    p.recording_retention_days = rules->recording_retention_days;
    p.evaluation_retention_days = rules->evaluation_retention_days;
    channels.insert(rules->channels.begin(), rules->channels.end());
    client_purpose = client_purpose || purpose != domain::Purpose::kAssessment;
    s.purposes.push_back(std::move(p));
  }
  s.data_subjects = {{"Contactcentermedewerkers, ongeacht hun contractvorm (KSF-3.2)",
                      "Contact-centre agents, whatever their contract (KSF-3.2)"},
                     {"Klanten die met het contactcenter contact hebben",
                      "Customers in contact with the contact centre"}};
  s.data_categories.push_back({"Naam, personeelsnummer, team en toestel van de medewerker",
                               "The agent's name, HR number, team and extension"});
  for (domain::Channel channel : channels) s.data_categories.push_back(ChannelData(channel));
  s.data_categories.push_back(
      {"Evaluaties met scores, opmerkingen en de eigen reactie van de "
       "medewerker",
       "Evaluations with scores, comments and the agent's own view"});
  // AVG-5-minimal: the customer's number is never kept in clear.
  s.data_categories.push_back(
      {"Een gepseudonimiseerde klantreferentie (het telefoonnummer zelf wordt niet bewaard)",
       "A pseudonymised customer reference (the phone number itself is not kept)"});
  s.recipients = {{"Geautoriseerde monitors, binnen hun autorisatie (KSF-3.3)",
                   "Authorised monitors, within their authorisation (KSF-3.3)"},
                  {"De medewerker zelf (KSF-4.8)", "The agent themself (KSF-4.8)"},
                  {"De ondernemingsraad: alleen totaalcijfers (KSF-3.10)",
                   "The works council: totals only (KSF-3.10)"}};
  if (client_purpose) {
    const std::string group = std::to_string(r.client_min_group_size);
    s.recipients.push_back(
        {"Opdrachtgevers: totaalcijfers van groepen van ten minste " + group +
             " medewerkers, gegevens per medewerker alleen onder een schriftelijke overeenkomst "
             "(KSF-6.1, KSF-6.2)",
         "Clients: aggregate figures of groups of at least " + group +
             " agents; per-agent data only under a written agreement (KSF-6.1, KSF-6.2)"});
  }
  s.rights = Rights();
  s.answer_term = {
      "Wij beantwoorden een verzoek binnen een maand; als dat niet lukt, hoort u "
      "binnen die maand dat het ten hoogste twee maanden langer duurt (AVG-12).",
      "We answer a request within one month; if we cannot, you are told within "
      "that month that it takes at most two months longer (AVG-12)."};
  const std::string contact = r.contact_email.empty() ? std::string("-") : r.contact_email;
  s.who_to_ask = {"Vragen en verzoeken: de functionaris gegevensbescherming van " +
                      r.controller_name + ", " + contact + ".",
                  "Questions and requests: the data protection officer of " + r.controller_name +
                      ", " + contact + "."};
  return std::optional<PrivacyStatement>(std::move(s));
}

codec::Json ToJson(const PrivacyStatement& s, const std::string& lang) {
  const bool english = lang == "en";
  auto texts = [&](const std::vector<Bilingual>& list) {
    codec::Json out = codec::Json::array();
    for (const auto& text : list) out.push_back(Text(text, english));
    return out;
  };
  codec::Json purposes = codec::Json::array();
  for (const PrivacyPurpose& p : s.purposes) {
    codec::Json channels = codec::Json::array();
    for (domain::Channel channel : p.channels) channels.push_back(domain::Name(channel));
    purposes.push_back(codec::Json{
        {"purpose", domain::Name(p.purpose)},
        {"description", Text(p.description, english)},
        {"legal_ground", domain::Name(p.legal_ground)},
        {"legal_ground_text", Text(p.legal_ground_text, english)},
        {"legitimate_interest", p.legitimate_interest},
        {"channels", std::move(channels)},
        {"frequency",
         codec::Json{{"quota", p.frequency_quota}, {"period_days", p.frequency_period_days}}},
        {"retention", codec::Json{{"recording_days", p.recording_retention_days},
                                  {"evaluation_days", p.evaluation_retention_days}}}});
  }
  codec::Json rights = codec::Json::array();
  for (const PrivacyRight& right : s.rights) {
    rights.push_back(codec::Json{{"rule", right.rule},
                                 {"title", Text(right.title, english)},
                                 {"text", Text(right.text, english)}});
  }
  return codec::Json{
      {"lang", english ? "en" : "nl"},
      {"controller", codec::Json{{"name", s.controller_name},
                                 {"contact_email", s.contact_email},
                                 {"privacy_statement_url", s.privacy_statement_url}}},
      {"regulation", codec::Json{{"id", s.regulation_id},
                                 {"version", s.regulation_version},
                                 {"title", s.regulation_title},
                                 {"activated_at", OptTime(s.activated_at)}}},
      {"purposes", std::move(purposes)},
      {"data_subjects", texts(s.data_subjects)},
      {"data_categories", texts(s.data_categories)},
      {"recipients", texts(s.recipients)},
      {"transfers", english ? "None outside the European Economic Area."
                            : "Geen buiten de Europese Economische Ruimte."},
      {"rights", std::move(rights)},
      {"answer_term", Text(s.answer_term, english)},
      {"who_to_ask", Text(s.who_to_ask, english)}};
}

}  // namespace fairqm::service
