// Tests for the demo content: the HR export goes through the real importer,
// the regulation, forms and contract through the real decoders, and calls
// are rendered by the real espeak-ng into real WAV files read back with
// libsndfile.
#include <gtest/gtest.h>
#include <sndfile.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "audio/ingest.h"
#include "audio/sound_file.h"
#include "codec/employees_csv.h"
#include "codec/json.h"
#include "common/temp_dir.h"
#include "demo/population.h"
#include "demo/regulation.h"
#include "demo/scripts.h"
#include "demo/speech.h"

namespace fairqm::demo {
namespace {

namespace fs = std::filesystem;
using domain::JobFunction;
using domain::ProtectedRole;

const TimeMs kToday = *ParseTime("2026-03-16");

using ::fairqm::TempDir;

// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::map<std::string, codec::EmployeeImportRow> ImportById(const std::string& csv) {
  auto rows = codec::ParseEmployeesCsv(csv);
  EXPECT_TRUE(rows.ok()) << rows.error().ToString();
  std::map<std::string, codec::EmployeeImportRow> out;
  if (!rows.ok()) return out;
  for (auto& row : *rows) out.emplace(row.employee.external_id, row);
  return out;
}

// ---------------------------------------------------------------------------
// Population

TEST(PopulationTest, SameSeedAndDateGiveIdenticalOutput) {
  EXPECT_EQ(MakePopulation(7, kToday).employees_csv, MakePopulation(7, kToday).employees_csv);
  EXPECT_EQ(RegulationToml(kToday), RegulationToml(kToday));
  EXPECT_EQ(AssessmentFormJson(), AssessmentFormJson());
  EXPECT_EQ(ClientContractJson(kToday, {"t1"}), ClientContractJson(kToday, {"t1"}));
}

TEST(PopulationTest, DifferentSeedsGiveDifferentPopulations) {
  DemoPopulation a = MakePopulation(1, kToday);
  DemoPopulation b = MakePopulation(2, kToday);
  EXPECT_NE(a.employees_csv, b.employees_csv);
  std::set<std::string> names_a, names_b;
  for (const auto& e : a.employees) names_a.insert(e.name);
  for (const auto& e : b.employees) names_b.insert(e.name);
  EXPECT_NE(names_a, names_b);
}

TEST(PopulationTest, HasDutchHeaderBomAndCrlf) {
  DemoPopulation pop = MakePopulation(3, kToday);
  EXPECT_EQ(pop.employees_csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(pop.employees_csv.substr(3, std::string(EmployeesCsvHeader()).size()),
            EmployeesCsvHeader());
  EXPECT_NE(pop.employees_csv.find("\r\n"), std::string::npos);
}

// The invariants the demo relies on, for many seeds: the export always
// imports, and always holds the special cases the guideline cares about.
class PopulationSeedTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(PopulationSeedTest, ImportsAndHoldsEveryRoleTheDemoNeeds) {
  DemoPopulation pop = MakePopulation(GetParam(), kToday);
  auto rows = ImportById(pop.employees_csv);
  ASSERT_EQ(rows.size(), pop.employees.size());

  int agents = 0, works_council = 0, doctors = 0, advisers = 0, privacy = 0, managers = 0;
  int trainers = 0, with_private_line = 0;
  std::set<std::string> sites, teams, emails, lines;
  std::set<domain::ContractType> contracts;
  TimeMs earliest_start = kToday;
  for (const auto& [id, row] : rows) {
    const domain::Employee& e = row.employee;
    sites.insert(row.site);
    teams.insert(row.team_name);
    EXPECT_TRUE(emails.insert(e.email).second) << "duplicate e-mail " << e.email;
    for (const auto& l : row.business_lines) EXPECT_TRUE(lines.insert(l).second) << l;
    for (const auto& l : row.private_lines) EXPECT_TRUE(lines.insert(l).second) << l;
    if (!row.private_lines.empty()) ++with_private_line;
    if (e.function == JobFunction::kAgent) {
      ++agents;
      contracts.insert(e.contract);
      EXPECT_TRUE(e.customer_contact);  // KSF-3.2
    }
    if (e.protected_role == ProtectedRole::kWorksCouncilMember) ++works_council;
    if (e.function == JobFunction::kCompanyDoctor) ++doctors;
    if (e.function == JobFunction::kConfidentialAdviser) ++advisers;
    if (e.function == JobFunction::kPrivacyOfficer) ++privacy;
    if (e.function == JobFunction::kManager) ++managers;
    if (e.function == JobFunction::kTrainer) ++trainers;
    earliest_start = std::min(earliest_start, e.start_date);
    EXPECT_LE(e.start_date, kToday);
    // KSF-3.7: informed on or after starting, never in the future.
    if (e.informed_at) {
      EXPECT_GE(*e.informed_at, e.start_date) << id;
      EXPECT_LE(*e.informed_at, kToday) << id;
    }
    for (char c : e.email) EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << e.email;
  }
  EXPECT_GE(agents, 50);
  EXPECT_LE(agents, 70);
  EXPECT_EQ(works_council, 1);  // KSF-2.1-confidential
  EXPECT_EQ(doctors, 1);
  EXPECT_EQ(advisers, 1);
  EXPECT_EQ(privacy, 1);
  EXPECT_EQ(managers, 1);
  EXPECT_EQ(trainers, 1);
  EXPECT_GE(with_private_line, 3);  // KSF-3.9
  EXPECT_EQ(sites, (std::set<std::string>{"Utrecht", "Zwolle"}));
  EXPECT_EQ(contracts.size(), 4u);  // vast, tijdelijk, oproepkracht, uitzendkracht
  EXPECT_LT(earliest_start, kToday - Days(3 * 365));

  // Side data matches what the importer read.
  auto function_of = [&](const std::string& id) { return rows.at(id).employee.function; };
  EXPECT_EQ(pop.agent_ids.size(), static_cast<std::size_t>(agents));
  EXPECT_EQ(function_of(pop.manager_id), JobFunction::kManager);
  EXPECT_EQ(function_of(pop.privacy_officer_id), JobFunction::kPrivacyOfficer);
  EXPECT_EQ(function_of(pop.trainer_id), JobFunction::kTrainer);
  EXPECT_EQ(function_of(pop.hr_adviser_id), JobFunction::kOther);
  EXPECT_EQ(function_of(pop.company_doctor_id), JobFunction::kCompanyDoctor);
  EXPECT_EQ(rows.at(pop.company_doctor_id).employee.protected_role, ProtectedRole::kCompanyDoctor);
  EXPECT_EQ(rows.at(pop.company_doctor_id).business_lines,
            std::vector<std::string>{pop.company_doctor_line});
  EXPECT_EQ(function_of(pop.confidential_adviser_id), JobFunction::kConfidentialAdviser);
  EXPECT_EQ(rows.at(pop.works_council_member_id).employee.protected_role,
            ProtectedRole::kWorksCouncilMember);
  EXPECT_EQ(function_of(pop.works_council_member_id), JobFunction::kAgent);
  ASSERT_GE(pop.coach_ids.size(), 2u);
  for (const auto& id : pop.coach_ids) EXPECT_EQ(function_of(id), JobFunction::kCoach);
  ASSERT_GE(pop.qa_analyst_ids.size(), 2u);
  for (const auto& id : pop.qa_analyst_ids) EXPECT_EQ(function_of(id), JobFunction::kQaAnalyst);

  const domain::Employee& leaver = rows.at(pop.leaver_id).employee;
  EXPECT_EQ(leaver.function, JobFunction::kAgent);
  ASSERT_TRUE(leaver.leave_date.has_value());
  EXPECT_LT(*leaver.leave_date, kToday);
  EXPECT_GT(*leaver.leave_date, kToday - Days(60));

  const domain::Employee& newcomer = rows.at(pop.uninformed_agent_id).employee;
  EXPECT_EQ(newcomer.function, JobFunction::kAgent);
  EXPECT_FALSE(newcomer.informed_at.has_value());  // KSF-3.7
  EXPECT_GT(newcomer.start_date, kToday - Days(14));
  int uninformed = 0;
  for (const auto& [id, row] : rows) uninformed += row.employee.informed_at ? 0 : 1;
  EXPECT_EQ(uninformed, 1);

  // Six customer-facing teams, three per site, each with one team lead
  // (the direct supervisor) and a coach.
  int customer_facing = 0;
  for (const DemoTeam& team : pop.teams) {
    EXPECT_EQ(pop.team_site.at(team.name), team.site);
    if (!team.customer_facing) continue;
    ++customer_facing;
    EXPECT_EQ(function_of(team.lead_id), JobFunction::kTeamLead);
    EXPECT_EQ(rows.at(team.lead_id).team_name, team.name);
    EXPECT_EQ(pop.team_lead_ids.at(team.name), team.lead_id);
    EXPECT_EQ(function_of(team.coach_id), JobFunction::kCoach);
    int leads_in_team = 0;
    for (const auto& id : team.member_ids) {
      EXPECT_EQ(rows.at(id).team_name, team.name);
      if (function_of(id) == JobFunction::kTeamLead) ++leads_in_team;
    }
    EXPECT_EQ(leads_in_team, 1);
    EXPECT_GE(team.agent_ids.size(), 7u);
  }
  EXPECT_EQ(customer_facing, 6);

  // Monitorable: not the works-council member, the leaver or the newcomer.
  std::set<std::string> monitorable(pop.monitorable_agent_ids.begin(),
                                    pop.monitorable_agent_ids.end());
  EXPECT_FALSE(monitorable.count(pop.works_council_member_id));
  EXPECT_FALSE(monitorable.count(pop.leaver_id));
  EXPECT_FALSE(monitorable.count(pop.uninformed_agent_id));
  EXPECT_EQ(monitorable.size(), pop.agent_ids.size() - 3);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PopulationSeedTest,
                         ::testing::Values(0u, 1u, 2u, 7u, 42u, 1234u, 99999u, 20260316u));

TEST(PopulationTest, NamesIncludeDutchPrefixesAndOtherOrigins) {
  // Across a few seeds the workforce looks like a Dutch one: tussenvoegsels
  // and names of other origins common in the Netherlands.
  bool prefix = false, other_origin = false;
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    for (const auto& e : MakePopulation(seed, kToday).employees) {
      if (e.name.find(" van ") != std::string::npos || e.name.find(" de ") != std::string::npos) {
        prefix = true;
      }
      for (const char* n : {"El Amrani", "Yılmaz", "Kaya", "Ramdin", "Nowak", "Nguyen", "Benali"}) {
        if (e.name.find(n) != std::string::npos) other_origin = true;
      }
    }
  }
  EXPECT_TRUE(prefix);
  EXPECT_TRUE(other_origin);
}

// ---------------------------------------------------------------------------
// Regulation, forms, contract

TEST(RegulationTest, TomlParsesWithEveryPurposeFullyFilledIn) {
  auto json = codec::ParseTomlText(RegulationToml(kToday), "reglement.toml");
  ASSERT_TRUE(json.ok()) << json.error().ToString();
  auto reg = codec::RegulationFromJson(*json);
  ASSERT_TRUE(reg.ok()) << reg.error().ToString();
  DemoTimeline timeline = MakeTimeline(kToday);

  EXPECT_EQ(reg->controller_name, kControllerName);
  EXPECT_FALSE(reg->title.empty());
  EXPECT_NE(reg->contact_email.find('@'), std::string::npos);
  EXPECT_NE(reg->privacy_statement_url.find("example.nl"), std::string::npos);
  EXPECT_EQ(reg->client_min_group_size, 5);   // KSF-6.1
  EXPECT_FALSE(reg->dpia_reference.empty());  // AVG-35
  EXPECT_EQ(reg->dpia_at, timeline.dpia_at);
  EXPECT_FALSE(reg->assessment_protocol_reference.empty());  // KSF-4.1
  EXPECT_EQ(reg->assessment_protocol_approved_at, timeline.assessment_protocol_approved_at);

  ASSERT_EQ(reg->purposes.size(), 3u);
  for (domain::Purpose purpose : domain::kAllPurposes) {
    const domain::PurposeRules* p = reg->RulesFor(purpose);
    ASSERT_NE(p, nullptr);
    EXPECT_GT(p->legitimate_interest.size(), 80u);            // KSF-2.1-interest
    EXPECT_NE(p->legal_ground, domain::LegalGround::kUnset);  // KSF-2.1-interest
    EXPECT_GT(p->necessity_justification.size(), 80u);        // KSF-3.5
    EXPECT_GT(p->proportionality_justification.size(), 80u);  // KSF-3.5
    EXPECT_GT(p->frequency_quota, 0);                         // KSF-3.6
    EXPECT_GT(p->frequency_period_days, 0);
    EXPECT_EQ(p->recording_retention_days, 30);  // RETENTION-split
    EXPECT_GE(p->evaluation_retention_days, 365);
    EXPECT_EQ(p->evaluation_term_working_days, 10);  // KSF-4.4
    EXPECT_GT(p->min_gap_days, 0);
    EXPECT_FALSE(p->channels.empty());
  }
  const domain::PurposeRules* coaching = reg->RulesFor(domain::Purpose::kCoaching);
  EXPECT_EQ(coaching->frequency_quota, 4);
  EXPECT_EQ(coaching->frequency_period_days, 30);
  const domain::PurposeRules* assessment = reg->RulesFor(domain::Purpose::kAssessment);
  EXPECT_EQ(assessment->frequency_quota, 2);
  EXPECT_EQ(assessment->frequency_period_days, 90);
  EXPECT_EQ(assessment->min_gap_days, 30);  // KSF-2.1-feedback
  EXPECT_EQ(assessment->evaluation_retention_days, 730);
  const domain::PurposeRules* quality = reg->RulesFor(domain::Purpose::kQuality);
  EXPECT_EQ(quality->frequency_quota, 3);
  EXPECT_EQ(quality->legal_ground, domain::LegalGround::kLegitimateInterest);
  EXPECT_TRUE(quality->channels.count(domain::Channel::kChat));
}

TEST(RegulationTest, TimelineRunsInOrderBeforeToday) {
  DemoTimeline t = MakeTimeline(kToday);
  std::vector<TimeMs> order = {t.dpia_at,
                               t.submitted_at,
                               t.assessment_protocol_approved_at,
                               t.works_council_consent_at,
                               t.activated_at,
                               t.rollout_at,
                               t.client_contract_signed_at,
                               t.client_agents_informed_at};
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  EXPECT_LT(order.back(), kToday);
  EXPECT_FALSE(t.works_council_consent_reference.empty());
  EXPECT_EQ(MakePopulation(1, kToday).rollout_date, t.rollout_at);
}

TEST(FormTest, AllThreeFormsParseForTheirPurpose) {
  struct Row {
    std::string json;
    domain::Purpose purpose;
  };
  for (const Row& row : {Row{AssessmentFormJson(), domain::Purpose::kAssessment},
                         Row{CoachingFormJson(), domain::Purpose::kCoaching},
                         Row{QualityFormJson(), domain::Purpose::kQuality}}) {
    auto json = codec::ParseJsonText(row.json);
    ASSERT_TRUE(json.ok()) << json.error().ToString();
    auto form = codec::FormFromJson(*json);
    ASSERT_TRUE(form.ok()) << form.error().ToString();
    EXPECT_EQ(form->purpose, row.purpose);
    EXPECT_GE(form->sections.size(), 2u);
  }
}

TEST(FormTest, AssessmentFormHasOneCriticalVerificationQuestion) {  // KSF-4.2
  auto form = codec::FormFromJson(*codec::ParseJsonText(AssessmentFormJson()));
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  EXPECT_EQ(form->name, "Beoordelingsformulier klantgesprek");
  EXPECT_GE(form->sections.size(), 3u);
  EXPECT_LE(form->sections.size(), 4u);
  int critical = 0, allow_na = 0, comment_required = 0;
  std::set<double> weights;
  for (const auto& section : form->sections) {
    for (const auto& q : section.questions) {
      weights.insert(q.weight);
      allow_na += q.allow_na;
      comment_required += q.comment_required;
      if (q.critical) {
        ++critical;
        EXPECT_NE(q.text.find("geverifieerd"), std::string::npos);
      }
    }
  }
  EXPECT_EQ(critical, 1);
  EXPECT_GE(allow_na, 2);
  EXPECT_GE(comment_required, 2);
  EXPECT_GE(weights.size(), 3u);  // really weighted
}

TEST(FormTest, QualityFormIsAboutTheProcess) {
  std::string json = QualityFormJson();
  EXPECT_NE(json.find("Is de klantvraag in één keer opgelost?"), std::string::npos);
}

TEST(ContractTest, ParsesAsAggregateQualityArrangement) {  // KSF-6.1, KSF-6.2, KSF-6.3
  auto json = codec::ParseJsonText(ClientContractJson(kToday, {"team-a", "team-b"}));
  ASSERT_TRUE(json.ok()) << json.error().ToString();
  auto contract = codec::ClientContractFromJson(*json);
  ASSERT_TRUE(contract.ok()) << contract.error().ToString();
  DemoTimeline t = MakeTimeline(kToday);
  EXPECT_EQ(contract->client_id, kClientId);
  EXPECT_EQ(contract->client_name, kClientName);
  EXPECT_EQ(contract->purpose, domain::Purpose::kQuality);
  EXPECT_FALSE(contract->individual_level);
  EXPECT_EQ(contract->legal_ground, domain::LegalGround::kLegitimateInterest);
  EXPECT_EQ(contract->signed_at, t.client_contract_signed_at);
  EXPECT_EQ(contract->agents_informed_at, t.client_agents_informed_at);
  ASSERT_TRUE(contract->valid_until.has_value());
  EXPECT_GT(*contract->valid_until, kToday);
  EXPECT_EQ(contract->team_ids, (std::set<std::string>{"team-a", "team-b"}));
}

TEST(ContractTest, FingerprintIsTheSha256OfTheDocument) {  // KSF-6.2
  ASSERT_GE(sodium_init(), 0);
  std::string document = ClientContractDocument(kToday);
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(document.data()),
                     document.size());
  std::string hex;
  for (unsigned char b : hash) {
    static const char kDigits[] = "0123456789abcdef";
    hex += kDigits[b >> 4];
    hex += kDigits[b & 15];
  }
  EXPECT_EQ(ClientContractDocumentSha256(kToday), hex);
  auto contract =
      codec::ClientContractFromJson(*codec::ParseJsonText(ClientContractJson(kToday, {})));
  ASSERT_TRUE(contract.ok());
  EXPECT_EQ(contract->document_sha256, hex);
  EXPECT_NE(ClientContractDocumentSha256(kToday), ClientContractDocumentSha256(kToday + Days(1)));
}

// ---------------------------------------------------------------------------
// Scripts

bool LuhnValid(const std::string& digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

TEST(ScriptsTest, CoverTheDemoSituations) {
  std::vector<CallScript> scripts = DemoScripts(5);
  ASSERT_GE(scripts.size(), 10u);
  DemoPopulation pop = MakePopulation(5, kToday);
  std::set<std::string> ids;
  int card_scripts = 0, english = 0, unannounced = 0;
  for (const CallScript& s : scripts) {
    EXPECT_TRUE(ids.insert(s.id).second) << s.id;
    EXPECT_TRUE(pop.team_site.count(s.team)) << s.id << ": unknown team " << s.team;
    ASSERT_GE(s.turns.size(), 4u) << s.id;
    EXPECT_EQ(s.turns.front().speaker, Speaker::kAgent) << s.id;
    bool customer_speaks = std::any_of(s.turns.begin(), s.turns.end(), [](const Turn& t) {
      return t.speaker == Speaker::kCustomer;
    });
    EXPECT_TRUE(customer_speaks) << s.id;
    EXPECT_NE(s.agent_voice.variant, s.customer_voice.variant) << s.id;
    // KSF-6.6: the flag says what the first agent turn does.
    const std::string& opening = s.turns.front().text;
    bool announces = opening.find("opgenomen") != std::string::npos ||
                     opening.find("recorded") != std::string::npos;
    EXPECT_EQ(announces, s.announces_recording) << s.id;
    unannounced += s.announces_recording ? 0 : 1;
    if (s.language == "en") ++english;
    bool card_turn = false;
    for (const Turn& t : s.turns) {
      if (!t.card_data) continue;
      card_turn = true;
      EXPECT_EQ(t.speaker, Speaker::kCustomer);
      std::string digits;
      for (char c : t.text.substr(t.text.find("kaartnummer"))) {
        if (c >= '0' && c <= '9') digits += c;
        if (digits.size() == 16) break;
      }
      ASSERT_EQ(digits.size(), 16u) << t.text;
      EXPECT_TRUE(LuhnValid(digits)) << digits;
    }
    EXPECT_EQ(card_turn, s.contains_card_data) << s.id;
    card_scripts += s.contains_card_data;
  }
  EXPECT_EQ(card_scripts, 1);
  EXPECT_GE(english, 2);
  EXPECT_EQ(unannounced, 1);
  for (const char* id :
       {"retentie-opzegging", "factuur-vraag", "verhuizing", "klacht-monteur",
        "zakelijk-tweede-vestiging", "betaling-creditcard", "engelstalige-klant"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
}

TEST(ScriptsTest, SeedDecidesNamesNumbersAndVoices) {
  auto text = [](const std::vector<CallScript>& scripts) {
    std::string all;
    for (const auto& s : scripts) {
      all += s.agent_voice.variant + std::to_string(s.agent_voice.pitch);
      for (const auto& t : s.turns) all += t.text + "\n";
    }
    return all;
  };
  EXPECT_EQ(text(DemoScripts(11)), text(DemoScripts(11)));
  EXPECT_NE(text(DemoScripts(11)), text(DemoScripts(12)));
}

// ---------------------------------------------------------------------------
// Rendering

struct Wav {
  int rate = 0;
  int channels = 0;
  std::string format;
  std::vector<float> samples;  // interleaved
};

Wav ReadWav(const fs::path& path) {
  Wav wav;
  auto file = audio::SoundFile::OpenPath(path.string());
  EXPECT_TRUE(file.ok()) << file.error().ToString();
  if (!file.ok()) return wav;
  wav.rate = (*file)->sample_rate();
  wav.channels = (*file)->channels();
  wav.format = (*file)->FormatName();
  std::vector<float> buffer(4096 * static_cast<std::size_t>(wav.channels));
  for (;;) {
    auto n = (*file)->ReadFloat(buffer.data(), 4096);
    EXPECT_TRUE(n.ok());
    if (!n.ok() || *n == 0) break;
    wav.samples.insert(wav.samples.end(), buffer.begin(), buffer.begin() + *n * wav.channels);
  }
  return wav;
}

double Rms(const Wav& wav, int channel, TimeMs from_ms, TimeMs to_ms) {
  auto first = static_cast<std::size_t>(from_ms * wav.rate / 1000);
  auto last = std::min(static_cast<std::size_t>(to_ms * wav.rate / 1000),
                       wav.samples.size() / static_cast<std::size_t>(wav.channels));
  double sum = 0;
  for (std::size_t f = first; f < last; ++f) {
    double s =
        wav.samples[f * static_cast<std::size_t>(wav.channels) + static_cast<std::size_t>(channel)];
    sum += s * s;
  }
  return last > first ? std::sqrt(sum / static_cast<double>(last - first)) : 0.0;
}

CallScript ShortScript() {
  CallScript s;
  s.id = "kort";
  s.title = "Korte test";
  s.language = "nl";
  s.team = "Retentie";
  s.agent_voice = Voice{"f2", 55, 170};
  s.customer_voice = Voice{"m3", 35, 165};
  s.turns = {Turn{Speaker::kAgent, "Goedemiddag, waarmee kan ik u helpen?", "", false},
             Turn{Speaker::kCustomer, "Ik heb een vraag over mijn factuur.", "", false}};
  return s;
}

// Agent on channel 0, customer on channel 1, each loud only in their turns.
void ExpectChannelsFollowTurns(const Wav& wav, const RenderedCall& call) {
  for (const TurnSpan& span : call.spans) {
    int own = span.speaker == Speaker::kAgent ? 0 : 1;
    double speaking = Rms(wav, own, span.start_ms, span.end_ms);
    double other = Rms(wav, 1 - own, span.start_ms, span.end_ms);
    EXPECT_GT(speaking, 0.03) << "turn " << span.turn_index;
    EXPECT_GT(speaking, 20 * other) << "turn " << span.turn_index;
  }
}

TEST(SpeechTest, RendersTwoChannelEightKilohertzSpeech) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  TempDir dir;
  auto call = RenderCall(ShortScript(), dir.path(), "kort");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  EXPECT_EQ(call->path, dir.path() / "kort.wav");
  Wav wav = ReadWav(call->path);
  EXPECT_EQ(wav.rate, 8000);
  EXPECT_EQ(wav.channels, 2);
  EXPECT_EQ(wav.format, "wav/pcm16");
  EXPECT_EQ(static_cast<std::int64_t>(wav.samples.size() / 2), call->frames);
  // Eleven words at about 170 words a minute, plus pauses.
  EXPECT_GT(call->duration_ms, 2500);
  EXPECT_LT(call->duration_ms, 9000);
  ASSERT_EQ(call->spans.size(), 2u);
  EXPECT_LT(call->spans[0].end_ms, call->spans[1].start_ms);
  EXPECT_GT(call->spans[0].end_ms - call->spans[0].start_ms, 1000);
  ExpectChannelsFollowTurns(wav, *call);
  // Nothing else left in the output directory.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(SpeechTest, RenderedCallPassesTheRealIngest) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  TempDir dir;
  auto call = RenderCall(ShortScript(), dir.path(), "ingest");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  std::size_t bytes = 0;
  auto info = audio::TranscodeToOpus(call->path.string(), [&](std::span<const std::uint8_t> page) {
    bytes += page.size();
    return OkStatus();
  });
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info->channels, 2);
  EXPECT_EQ(info->source_format, "wav/pcm16");
  EXPECT_EQ(info->frames, call->frames);
  EXPECT_GT(bytes, 0u);
}

TEST(SpeechTest, SameScriptRendersIdentically) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  TempDir dir;
  ASSERT_TRUE(RenderCall(ShortScript(), dir.path(), "a").ok());
  ASSERT_TRUE(RenderCall(ShortScript(), dir.path(), "b").ok());
  EXPECT_EQ(ReadWav(dir.path() / "a.wav").samples, ReadWav(dir.path() / "b.wav").samples);
}

TEST(SpeechTest, WritesALawAtOtherRates) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  TempDir dir;
  RenderOptions options;
  options.sample_rate = 16000;
  options.encoding = SampleEncoding::kALaw;
  auto call = RenderCall(ShortScript(), dir.path(), "alaw", options);
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  Wav wav = ReadWav(call->path);
  EXPECT_EQ(wav.rate, 16000);
  EXPECT_EQ(wav.format, "wav/alaw");
  ExpectChannelsFollowTurns(wav, *call);
}

TEST(SpeechTest, CardDigitsAreSilencedAsAPciPause) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  CallScript s = ShortScript();
  s.contains_card_data = true;
  s.turns.push_back(Turn{Speaker::kCustomer, "Mijn kaartnummer is 4 5 5 6 7 3.", "", true});
  s.turns.push_back(Turn{Speaker::kAgent, "Dank u, de betaling is gelukt.", "", false});
  TempDir dir;
  auto call = RenderCall(s, dir.path(), "pci");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  Wav wav = ReadWav(call->path);
  const TurnSpan& card = call->spans[2];
  EXPECT_TRUE(card.card_data);
  EXPECT_TRUE(card.silenced);
  EXPECT_GT(card.end_ms - card.start_ms, 500);
  // Spans are whole milliseconds: stay one inside so no line noise counts.
  EXPECT_EQ(Rms(wav, 0, card.start_ms + 1, card.end_ms - 1), 0.0);
  EXPECT_EQ(Rms(wav, 1, card.start_ms + 1, card.end_ms - 1), 0.0);
  EXPECT_GT(Rms(wav, 0, call->spans[3].start_ms, call->spans[3].end_ms), 0.03);

  // Without the pause the digits are on the customer's channel.
  RenderOptions keep;
  keep.pause_card_data = false;
  auto kept = RenderCall(s, dir.path(), "pci-kept", keep);
  ASSERT_TRUE(kept.ok()) << kept.error().ToString();
  EXPECT_FALSE(kept->spans[2].silenced);
  ExpectChannelsFollowTurns(ReadWav(kept->path), *kept);
}

TEST(SpeechTest, SpeaksEnglishTurnsInEnglish) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  CallScript s = ShortScript();
  s.language = "en";
  s.turns = {Turn{Speaker::kAgent, "Goedemiddag, met Sanne.", "nl", false},
             Turn{Speaker::kCustomer, "Hello, do you speak English?", "", false}};
  TempDir dir;
  auto call = RenderCall(s, dir.path(), "en");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  ExpectChannelsFollowTurns(ReadWav(call->path), *call);
}

TEST(SpeechTest, TextIsNeverTakenAsAnOption) {
  if (!EspeakAvailable()) GTEST_SKIP() << "espeak-ng is not installed";
  TempDir dir;
  fs::path target = dir.path() / "evil.wav";
  CallScript s = ShortScript();
  s.turns[1].text = "-w " + target.string() + " --version";
  auto call = RenderCall(s, dir.path(), "safe");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  EXPECT_FALSE(fs::exists(target));
  EXPECT_GT(call->spans[1].end_ms - call->spans[1].start_ms, 1000);  // spoken, not obeyed
}

TEST(SpeechTest, MissingEspeakIsUnsupportedAndSyntheticStillWorks) {
  TempDir dir;
  ScopedEnv path("PATH", (dir.path() / "nothing-here").string());
  EXPECT_FALSE(EspeakAvailable());
  auto call = MakeCallRecording(ShortScript(), dir.path(), "x");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(call.error().message.find("espeak-ng"), std::string::npos);

  auto synthetic = MakeSyntheticCallRecording(ShortScript(), dir.path(), "synthetic");
  ASSERT_TRUE(synthetic.ok()) << synthetic.error().ToString();
  Wav wav = ReadWav(*synthetic);
  EXPECT_EQ(wav.rate, 8000);
  EXPECT_EQ(wav.channels, 2);
}

TEST(SpeechTest, SyntheticFallbackKeepsTheTurnLayout) {
  TempDir dir;
  auto call = RenderSyntheticCall(ShortScript(), dir.path(), "synthetic");
  ASSERT_TRUE(call.ok()) << call.error().ToString();
  ExpectChannelsFollowTurns(ReadWav(call->path), *call);
}

TEST(SpeechTest, DemoScriptsLastTwentyToFortySeconds) {
  // Timed with the synthetic renderer, which paces turns by word count at
  // the script's voice speed, as espeak-ng does.
  TempDir dir;
  for (const CallScript& s : DemoScripts(3)) {
    auto call = RenderSyntheticCall(s, dir.path(), s.id);
    ASSERT_TRUE(call.ok()) << s.id << ": " << call.error().ToString();
    EXPECT_GE(call->duration_ms, 15000) << s.id;
    EXPECT_LE(call->duration_ms, 45000) << s.id;
  }
}

// A stand-in espeak-ng that fails or misbehaves, found first on PATH.
void WriteFakeEspeak(const fs::path& dir, const std::string& body) {
  fs::path exe = dir / "espeak-ng";
  std::ofstream(exe) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(exe, fs::perms::owner_all);
}

TEST(SpeechTest, EspeakFailureIsAnIoErrorWithItsMessage) {
  TempDir dir;
  fs::path bin = dir.path() / "bin";
  fs::create_directory(bin);
  WriteFakeEspeak(bin, "echo 'voice not found' >&2\nexit 3");
  fs::path out = dir.path() / "out";
  fs::create_directory(out);
  ScopedEnv path("PATH", bin.string());
  auto call = RenderCall(ShortScript(), out, "x");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.error().code, ErrorCode::kIo);
  EXPECT_NE(call.error().message.find("status 3"), std::string::npos) << call.error().message;
  EXPECT_NE(call.error().message.find("voice not found"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(out));
}

TEST(SpeechTest, EspeakWritingNothingIsAnIoError) {
  TempDir dir;
  fs::path bin = dir.path() / "bin";
  fs::create_directory(bin);
  WriteFakeEspeak(bin, "exit 0");
  fs::path out = dir.path() / "out";
  fs::create_directory(out);
  fs::path tmp = dir.path() / "tmp";
  fs::create_directory(tmp);
  ScopedEnv path("PATH", bin.string());
  ScopedEnv tmpdir("TMPDIR", tmp.string());
  auto call = RenderCall(ShortScript(), out, "x");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.error().code, ErrorCode::kIo);
  EXPECT_TRUE(fs::is_empty(out));
  EXPECT_TRUE(fs::is_empty(tmp));  // the private temporary directory is gone
}

TEST(SpeechTest, RefusesMalformedRequests) {
  TempDir dir;
  struct Row {
    const char* what;
    CallScript script;
    std::string stem;
    RenderOptions options;
    fs::path out_dir;
    ErrorCode code;
  };
  CallScript no_turns = ShortScript();
  no_turns.turns.clear();
  CallScript empty_text = ShortScript();
  empty_text.turns[0].text = "  ";
  CallScript german = ShortScript();
  german.turns[1].language = "de";
  CallScript bad_variant = ShortScript();
  bad_variant.agent_voice.variant = "x9";
  CallScript bad_pitch = ShortScript();
  bad_pitch.customer_voice.pitch = 120;
  CallScript bad_speed = ShortScript();
  bad_speed.agent_voice.speed = 20;
  CallScript long_text = ShortScript();
  long_text.turns[0].text = std::string(3000, 'a');
  RenderOptions slow;
  slow.sample_rate = 4000;
  std::vector<Row> rows = {
      {"no turns", no_turns, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"empty text", empty_text, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"unknown language", german, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"unknown variant", bad_variant, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"pitch out of range", bad_pitch, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"speed out of range", bad_speed, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"text too long", long_text, "x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"sample rate", ShortScript(), "x", slow, dir.path(), ErrorCode::kInvalidInput},
      {"path in stem", ShortScript(), "../x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"hidden stem", ShortScript(), ".x", {}, dir.path(), ErrorCode::kInvalidInput},
      {"empty stem", ShortScript(), "", {}, dir.path(), ErrorCode::kInvalidInput},
      {"missing directory", ShortScript(), "x", {}, dir.path() / "missing", ErrorCode::kNotFound},
  };
  for (const Row& row : rows) {
    for (bool synthetic : {false, true}) {
      auto call = synthetic ? RenderSyntheticCall(row.script, row.out_dir, row.stem, row.options)
                            : RenderCall(row.script, row.out_dir, row.stem, row.options);
      ASSERT_FALSE(call.ok()) << row.what;
      EXPECT_EQ(call.error().code, row.code) << row.what << ": " << call.error().ToString();
    }
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace fairqm::demo
