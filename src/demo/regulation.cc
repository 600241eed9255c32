#include "demo/regulation.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

namespace fairqm::demo {
namespace {

using Json = nlohmann::ordered_json;

TimeMs Midnight(TimeMs t) { return t - t % kDayMs; }

// A TOML basic string: quotes and backslashes escaped.
std::string TomlString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct PurposeText {
  const char* purpose;
  int quota;
  int period_days;
  int recording_retention_days;
  int evaluation_retention_days;
  int min_gap_days;
  const char* legal_ground;
  const char* legitimate_interest;
  const char* necessity;
  const char* proportionality;
  const char* channels;  // TOML array text
};

// KSF-2.1-interest, KSF-3.5, KSF-3.6, RETENTION-split, KSF-2.1-feedback.
constexpr PurposeText kPurposes[] = {
    {"coaching", 4, 30, 30, 365, 3, "legitimate_interest",
     "Medewerkers gericht ondersteunen in hun ontwikkeling. Door samen met een coach echte "
     "klantgesprekken terug te luisteren krijgt een medewerker concrete feedback op het eigen "
     "werk en kan hij of zij gericht oefenen.",
     "Klassikale trainingen en rollenspellen laten niet zien hoe een medewerker in de praktijk "
     "met klanten omgaat, en bij alleen meeluisteren kan de medewerker het gesprek niet zelf "
     "terughoren. Terugluisteren van een beperkt aantal echte gesprekken is het minst "
     "ingrijpende middel dat wel een concreet en gedeeld beeld geeft.",
     "Per medewerker worden ten hoogste vier gesprekken per 30 dagen willekeurig gekozen uit "
     "alle gesprekken, zodat niemand vaker wordt gevolgd dan een ander, met minstens drie dagen "
     "ertussen. Opnamen worden na 30 dagen verwijderd en coachingsverslagen na een jaar. Alleen "
     "de eigen coach en de direct leidinggevende hebben toegang, en de uitkomst telt niet mee "
     "in de beoordeling.",
     "[\"voice\", \"screen\"]"},
    {"assessment", 2, 90, 30, 730, 30, "contract",
     "Een eerlijke en onderbouwde beoordeling van het functioneren van medewerkers, gebaseerd op "
     "een representatief aantal gesprekken in plaats van op losse indrukken. De jaarlijkse "
     "beoordeling is onderdeel van de arbeidsovereenkomst en de cao en daarvoor noodzakelijk.",
     "Productiecijfers zoals gespreksduur en wachttijd zeggen niets over de inhoud en kwaliteit "
     "van het klantcontact. Beoordeling van een klein aantal echte gesprekken, aan de hand van "
     "een vast formulier, is het minst ingrijpende middel dat een inhoudelijk en toetsbaar "
     "oordeel mogelijk maakt.",
     "Twee gesprekken per 90 dagen, met minstens 30 dagen tussen twee beoordelingsmomenten, zodat "
     "de medewerker na feedback de tijd heeft om te verbeteren. De direct leidinggevende "
     "beoordeelt volgens het beoordelingsprotocol, bespreekt de uitkomst binnen 10 werkdagen met "
     "de medewerker en beoordelingen worden na twee jaar verwijderd. Opnamen worden na 30 dagen "
     "verwijderd.",
     "[\"voice\"]"},
    {"quality", 3, 30, 30, 365, 5, "legitimate_interest",
     "Processen, scripts, kennisbank en systemen verbeteren, zodat klantvragen sneller en in één "
     "keer worden opgelost. De uitkomsten worden alleen op groepsniveau gebruikt en niet voor de "
     "beoordeling van individuele medewerkers.",
     "Klanttevredenheidsonderzoek en cijfers uit het telefoniesysteem laten wel zien dát er iets "
     "misgaat, maar niet waar in het proces. Dat blijkt alleen uit echte gesprekken, chats en "
     "e-mails; een steekproef daarvan is daarvoor noodzakelijk.",
     "Drie contacten per medewerker per 30 dagen, met minstens vijf dagen ertussen, volstaan voor "
     "een betrouwbaar beeld per team. Rapportages gaan alleen over groepen van ten minste vijf "
     "medewerkers, opnamen worden na 30 dagen verwijderd en bevindingen na een jaar.",
     "[\"voice\", \"chat\", \"email\"]"},
};

Json Question(const char* id, const char* text, double weight, bool critical = false,
              bool allow_na = false, bool comment_required = false, int max_score = 5) {
  return Json{{"id", id},
              {"text", text},
              {"weight", weight},
              {"critical", critical},
              {"allow_na", allow_na},
              {"comment_required", comment_required},
              {"max_score", max_score}};
}

Json Section(const char* title, Json questions) {
  return Json{{"title", title}, {"questions", std::move(questions)}};
}

}  // namespace

DemoTimeline MakeTimeline(TimeMs today) {
  TimeMs day = Midnight(today);
  DemoTimeline t;
  t.dpia_at = day - Days(270);
  t.submitted_at = day - Days(240);
  t.assessment_protocol_approved_at = day - Days(225);
  t.works_council_consent_at = day - Days(200);
  t.works_council_consent_reference =
      "OR-besluit " + FormatDate(t.works_council_consent_at) + " instemming reglement monitoring";
  t.activated_at = day - Days(185);
  t.rollout_at = day - Days(180);
  t.client_contract_signed_at = day - Days(120);
  t.client_agents_informed_at = day - Days(110);
  return t;
}

std::string RegulationToml(TimeMs today) {
  DemoTimeline t = MakeTimeline(today);
  std::string year = FormatDate(t.dpia_at).substr(0, 4);
  std::string out;
  out += "# Reglement monitoring klantcontact - " + std::string(kControllerName) + "\n";
  out += "# Openbaar voor alle medewerkers en opdrachtgevers (KSF-3.10).\n\n";
  out += "title = \"Reglement monitoring, coaching en beoordeling van klantcontact\"\n";
  out += "version = 1\n";
  out += "controller_name = " + TomlString(kControllerName) + "\n";
  out += "contact_email = \"privacy@klantcontact.example.nl\"\n";
  out += "privacy_statement_url = \"https://www.klantcontact.example.nl/privacyverklaring\"\n";
  out += "client_min_group_size = 5\n";
  out += "extra_moments_per_period = 3\n";
  out += "assessment_period_days = 365\n";
  out += "complaint_term_days = 30\n";
  out += "assessment_protocol_reference = \"BP-" + year +
         "-01 Beoordelingsprotocol klantcontact, versie 1.2\"\n";
  out +=
      "assessment_protocol_approved_at = " + FormatDate(t.assessment_protocol_approved_at) + "\n";
  out += "dpia_reference = \"DPIA-KCN-" + year + "-03 Gespreksopname en kwaliteitsmonitoring\"\n";
  out += "dpia_at = " + FormatDate(t.dpia_at) + "\n";
  for (const PurposeText& p : kPurposes) {
    out += "\n[[purposes]]\n";
    out += "purpose = \"" + std::string(p.purpose) + "\"\n";
    out += "enabled = true\n";
    out += "frequency_quota = " + std::to_string(p.quota) + "\n";
    out += "frequency_period_days = " + std::to_string(p.period_days) + "\n";
    out += "recording_retention_days = " + std::to_string(p.recording_retention_days) + "\n";
    out += "evaluation_retention_days = " + std::to_string(p.evaluation_retention_days) + "\n";
    out += "evaluation_term_working_days = 10\n";
    out += "min_gap_days = " + std::to_string(p.min_gap_days) + "\n";
    out += "legal_ground = \"" + std::string(p.legal_ground) + "\"\n";
    out += "legitimate_interest = " + TomlString(p.legitimate_interest) + "\n";
    out += "necessity_justification = " + TomlString(p.necessity) + "\n";
    out += "proportionality_justification = " + TomlString(p.proportionality) + "\n";
    out += "channels = " + std::string(p.channels) + "\n";
  }
  return out;
}

std::string AssessmentFormJson() {
  Json form{
      {"name", "Beoordelingsformulier klantgesprek"},
      {"version", 1},
      {"purpose", "assessment"},
      {"sections",
       Json::array(
           {Section("Opening en verificatie",
                    Json::array(
                        {Question("opening",
                                  "Opent het gesprek met de afgesproken begroeting en noemt "
                                  "eigen naam en bedrijf",
                                  1.0),
                         Question("verificatie",
                                  "Klant geverifieerd volgens procedure (AVG-controle: naam, "
                                  "adres en geboortedatum of klantnummer) voordat gegevens "
                                  "worden besproken",
                                  2.0, /*critical=*/true, /*allow_na=*/false,
                                  /*comment_required=*/true, /*max_score=*/1),
                         Question("opnamemelding",
                                  "Meldt dat het gesprek kan worden opgenomen, als het keuzemenu "
                                  "dat niet al deed",
                                  0.5, false, /*allow_na=*/true)})),
            Section(
                "Klantvraag en oplossing",
                Json::array(
                    {Question("vraag", "Achterhaalt de klantvraag met open vragen en vat die samen",
                              2.0),
                     Question("oplossing",
                              "Geeft juiste en volledige informatie volgens de kennisbank", 3.0,
                              false, false, /*comment_required=*/true),
                     Question("afspraken",
                              "Maakt duidelijke vervolgafspraken en legt die vast in het "
                              "klantsysteem",
                              1.5, false, /*allow_na=*/true)})),
            Section("Communicatie",
                    Json::array(
                        {Question("toon",
                                  "Toon en tempo passen bij de klant; spreekt begrijpelijk en "
                                  "zonder jargon",
                                  1.5),
                         Question("empathie", "Toont begrip bij een klacht of emotie van de klant",
                                  1.0, false, /*allow_na=*/true),
                         Question("aanbod",
                                  "Doet alleen een aanbod dat past bij de situatie van de klant",
                                  1.0, false, /*allow_na=*/true, /*comment_required=*/true)})),
            Section("Afsluiting",
                    Json::array(
                        {Question("controle", "Controleert of de klant volledig geholpen is", 1.0),
                         Question("registratie", "Registreert het contact volledig en correct", 1.0,
                                  false, false, /*comment_required=*/true)}))})}};
  return form.dump(2) + "\n";
}

std::string CoachingFormJson() {
  Json form{
      {"name", "Coachingsformulier gespreksvaardigheden"},
      {"version", 1},
      {"purpose", "coaching"},
      {"sections",
       Json::array(
           {Section(
                "Gespreksvaardigheden",
                Json::array(
                    {Question("structuur",
                              "Het gesprek heeft een duidelijke opbouw: opening, vraag, "
                              "oplossing, afsluiting",
                              1.0),
                     Question("luisteren", "Laat de klant uitpraten en vat de vraag samen", 1.0),
                     Question("doorvragen", "Vraagt door tot de echte vraag duidelijk is", 1.0),
                     Question("rust", "Blijft rustig en vriendelijk, ook als de klant boos is", 1.0,
                              false, /*allow_na=*/true)})),
            Section(
                "Ontwikkeling",
                Json::array({Question("leerpunt",
                                      "Werkt zichtbaar aan het leerpunt uit het vorige "
                                      "coachingsgesprek",
                                      1.0, false, /*allow_na=*/true, /*comment_required=*/true),
                             Question("oefenpunt",
                                      "Medewerker en coach spreken samen een concreet oefenpunt af",
                                      1.0, false, false, /*comment_required=*/true)}))})}};
  return form.dump(2) + "\n";
}

std::string QualityFormJson() {
  Json form{
      {"name", "Kwaliteitscontrole procesverloop"},
      {"version", 1},
      {"purpose", "quality"},
      {"sections",
       Json::array(
           {Section("Procesverloop",
                    Json::array(
                        {Question("eerste_keer_goed", "Is de klantvraag in één keer opgelost?", 3.0,
                                  false, false, /*comment_required=*/true),
                         Question("zonder_doorverbinden",
                                  "Kon de vraag worden afgehandeld zonder doorverbinden of "
                                  "terugbellen?",
                                  1.5),
                         Question("kennisbank", "Gaf de kennisbank een juist en vindbaar antwoord?",
                                  1.5, false,
                                  /*allow_na=*/true, /*comment_required=*/true),
                         Question("systemen", "Werkten de systemen zonder storing of vertraging?",
                                  1.0, false, false, /*comment_required=*/true)})),
            Section("Klantbeleving",
                    Json::array(
                        {Question("wachttijd", "Was de wachttijd voor de klant aanvaardbaar?", 1.0,
                                  false, /*allow_na=*/true),
                         Question("vermijdbaar",
                                  "Had de klant dit contact kunnen vermijden met betere "
                                  "informatie in brief, app of website? (5 = nee)",
                                  1.0, false, /*allow_na=*/true, /*comment_required=*/true)}))})}};
  return form.dump(2) + "\n";
}

std::string ClientContractDocument(TimeMs today) {
  DemoTimeline t = MakeTimeline(today);
  std::string signed_at = FormatDate(t.client_contract_signed_at);
  std::string out;
  out += "DIENSTVERLENINGSOVEREENKOMST KWALITEITSRAPPORTAGE\n\n";
  out += "Partijen:\n";
  out += "1. " + std::string(kClientName) + ", hierna: de opdrachtgever;\n";
  out += "2. " + std::string(kControllerName) + ", hierna: het contactcenter.\n\n";
  out +=
      "Artikel 1. Het contactcenter beantwoordt namens de opdrachtgever telefoon, chat en "
      "e-mail van particuliere en zakelijke klanten.\n";
  out +=
      "Artikel 2. Het contactcenter levert maandelijks een kwaliteitsrapportage met "
      "uitsluitend geaggregeerde cijfers per team. Cijfers over groepen van minder dan vijf "
      "medewerkers worden niet verstrekt. De opdrachtgever ontvangt geen gegevens over "
      "individuele medewerkers.\n";
  out +=
      "Artikel 3. De opdrachtgever beoordeelt geen medewerkers van het contactcenter; het "
      "contactcenter blijft verantwoordelijk voor zijn medewerkers.\n";
  out +=
      "Artikel 4. Grondslag: het gerechtvaardigd belang van de opdrachtgever bij de kwaliteit "
      "van de dienstverlening aan zijn klanten (artikel 6 lid 1 sub f AVG).\n";
  out +=
      "Artikel 5. De medewerkers van de betrokken teams worden voor de ingangsdatum over deze "
      "overeenkomst geïnformeerd.\n";
  out += "Artikel 6. Deze overeenkomst geldt twee jaar vanaf ondertekening.\n\n";
  out += "Getekend te Utrecht op " + signed_at + ".\n";
  return out;
}

std::string ClientContractDocumentSha256(TimeMs today) {
  // sodium_init() only selects faster implementations; hashing is correct
  // even if it fails, so there is nothing to do on failure.
  if (sodium_init() < 0) {
  }
  std::string document = ClientContractDocument(today);
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(document.data()),
                     document.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::string ClientContractJson(TimeMs today, const std::vector<std::string>& team_ids) {
  DemoTimeline t = MakeTimeline(today);
  Json contract{{"client_id", kClientId},
                {"client_name", kClientName},
                {"signed_at", FormatDate(t.client_contract_signed_at)},
                {"valid_until", FormatDate(t.client_contract_signed_at + Days(730))},
                {"team_ids", team_ids},
                {"purpose", "quality"},
                {"individual_level", false},  // KSF-6.1: aggregate figures only
                {"document_sha256", ClientContractDocumentSha256(today)},
                {"legal_ground", "legitimate_interest"},  // KSF-6.3
                {"agents_informed_at", FormatDate(t.client_agents_informed_at)}};
  return contract.dump(2) + "\n";
}

}  // namespace fairqm::demo
