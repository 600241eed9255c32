#include "demo/population.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "common/random.h"
#include "demo/regulation.h"

namespace fairqm::demo {
namespace {

using domain::ContractType;
using domain::JobFunction;

// Names by origin, so that first name and surname usually fit together, as
// they do in a Dutch workforce. Surnames carry their tussenvoegsel apart
// ("van der" + "Meer") because e-mail addresses join them.
struct Surname {
  const char* prefix;
  const char* name;
};

struct NamePool {
  int weight;  // relative share of the workforce
  std::vector<const char*> first_names;
  std::vector<Surname> surnames;
};

const std::vector<NamePool>& NamePools() {
  static const std::vector<NamePool> pools = {
      {70,
       {"Sanne",  "Lotte",  "Emma",       "Daan",       "Lucas",  "Bram",      "Sem",
        "Julia",  "Anouk",  "Femke",      "Ruben",      "Thijs",  "Jeroen",    "Marieke",
        "Ingrid", "Kees",   "Henk",       "Annemiek",   "Wouter", "Niels",     "Esther",
        "Mirjam", "Sophie", "Fleur",      "Jasper",     "Tim",    "Koen",      "Lisa",
        "Eva",    "Iris",   "Noor",       "Sara",       "Mila",   "Joris",     "Maarten",
        "Pieter", "Gerrit", "Hanneke",    "Ilse",       "Roos",   "Willemijn", "Bas",
        "Stijn",  "Joost",  "Anne-Marie", "Jan-Willem", "Zoë",    "Chloë",     "Marloes",
        "Gijs",   "Tess",   "Milan",      "Renée",      "Marco",  "Yvonne",    "Rianne"},
       {{"de", "Vries"},     {"", "Jansen"},      {"van", "Dijk"},       {"", "Bakker"},
        {"", "Visser"},      {"", "Smit"},        {"", "Meijer"},        {"de", "Boer"},
        {"", "Mulder"},      {"de", "Groot"},     {"", "Bos"},           {"", "Vos"},
        {"", "Peters"},      {"", "Hendriks"},    {"van", "Leeuwen"},    {"", "Dekker"},
        {"", "Brouwer"},     {"de", "Wit"},       {"", "Dijkstra"},      {"", "Smits"},
        {"de", "Graaf"},     {"van der", "Meer"}, {"van der", "Linden"}, {"", "Kok"},
        {"", "Jacobs"},      {"de", "Haan"},      {"", "Vermeulen"},     {"van den", "Heuvel"},
        {"van der", "Veen"}, {"van den", "Berg"}, {"", "Kuipers"},       {"", "Hoekstra"},
        {"van", "Wijk"},     {"", "Postma"},      {"", "Koster"},        {"ter", "Horst"},
        {"'t", "Hart"},      {"van 't", "Hof"},   {"", "Verhoeven"},     {"", "Huisman"},
        {"", "Scholten"},    {"", "Schouten"},    {"in 't", "Veld"},     {"van", "Beek"},
        {"", "Timmermans"},  {"", "Willems"},     {"ten", "Cate"},       {"", "Kramer"},
        {"van", "Vliet"},    {"", "Wijnands"},    {"", "Zwart"},         {"van", "Rijn"}}},
      {8,
       {"Mohamed", "Fatima", "Yasmina", "Said", "Bilal", "Nadia", "Samira", "Youssef", "Ilham",
        "Khadija"},
       {{"", "El Amrani"},
        {"", "Bouzid"},
        {"", "Haddou"},
        {"", "Tahiri"},
        {"", "El Idrissi"},
        {"", "Benali"},
        {"", "Ouali"}}},
      {7,
       {"Ayşe", "Emre", "Mehmet", "Elif", "Burak", "Zeynep", "Deniz", "Kübra"},
       {{"", "Yılmaz"},
        {"", "Kaya"},
        {"", "Öztürk"},
        {"", "Çelik"},
        {"", "Şahin"},
        {"", "Demir"},
        {"", "Aydın"}}},
      {7,
       {"Priya", "Rajesh", "Shanti", "Ricardo", "Xiomara", "Gianni", "Kimberley", "Dewi", "Roshni"},
       {{"", "Ramdin"},
        {"", "Jagesar"},
        {"", "Sardjoe"},
        {"", "Kartosen"},
        {"", "Martina"},
        {"", "Statia"},
        {"", "Soekhoe"},
        {"", "Pinas"}}},
      {4,
       {"Agnieszka", "Piotr", "Oksana", "Katarzyna", "Tomasz", "Olena"},
       {{"", "Kowalski"},
        {"", "Nowak"},
        {"", "Kovalenko"},
        {"", "Wiśniewska"},
        {"", "Shevchenko"}}},
      {4,
       {"Wei", "Mei-Ling", "Linh", "Minh", "Kwame", "Abena"},
       {{"", "Chen"}, {"", "Nguyen"}, {"", "Tran"}, {"", "Mensah"}, {"", "Boateng"}}},
  };
  return pools;
}

// Team layout: three customer-facing teams per site, then staff teams.
struct TeamPlan {
  const char* name;
  const char* site;
  int base_agents;
  const char* extension_block;  // first digits of the team's extensions
};

constexpr std::array<TeamPlan, 6> kAgentTeams = {{
    {"Retentie", "Utrecht", 11, "21"},
    {"Zakelijk", "Utrecht", 9, "22"},
    {"Service Particulier", "Utrecht", 10, "23"},
    {"Service Noord", "Zwolle", 10, "31"},
    {"Betalen & Incasso", "Zwolle", 10, "32"},
    {"Webcare", "Zwolle", 10, "33"},
}};

constexpr const char* kQualityUtrecht = "Kwaliteit & Opleiding";
constexpr const char* kQualityZwolle = "Kwaliteit & Opleiding Zwolle";
constexpr const char* kManagement = "Management";
constexpr const char* kHrArbo = "HR & Arbo";
constexpr const char* kEmailDomain = "klantcontact.example.nl";

const char* FunctionCsv(JobFunction f) {
  switch (f) {
    case JobFunction::kAgent:
      return "medewerker";
    case JobFunction::kTeamLead:
      return "teamleider";
    case JobFunction::kCoach:
      return "coach";
    case JobFunction::kQaAnalyst:
      return "kwaliteitsmedewerker";
    case JobFunction::kTrainer:
      return "trainer";
    case JobFunction::kManager:
      return "manager";
    case JobFunction::kCompanyDoctor:
      return "bedrijfsarts";
    case JobFunction::kConfidentialAdviser:
      return "vertrouwenspersoon";
    case JobFunction::kPrivacyOfficer:
      return "fg";
    case JobFunction::kOther:
      return "anders";
  }
  return "anders";
}

const char* ContractCsv(ContractType c) {
  switch (c) {
    case ContractType::kPermanent:
      return "vast";
    case ContractType::kTemporary:
      return "tijdelijk";
    case ContractType::kOnCall:
      return "oproepkracht";
    case ContractType::kAgency:
      return "uitzendkracht";
  }
  return "vast";
}

// "2026-11-27" → "27-11-2026", as a Dutch spreadsheet writes dates.
std::string DutchDate(TimeMs t) {
  std::string iso = FormatDate(t);
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

// Lower-case ASCII for e-mail addresses: diacritics folded, spaces and
// apostrophes dropped ("van 't Hof" → "vanthof", "Yılmaz" → "yilmaz").
std::string EmailPart(const std::string& text) {
  static const std::pair<const char*, char> kFolds[] = {
      {"ë", 'e'}, {"é", 'e'}, {"ö", 'o'}, {"Ö", 'o'}, {"ü", 'u'}, {"ç", 'c'}, {"Ç", 'c'},
      {"ş", 's'}, {"Ş", 's'}, {"ı", 'i'}, {"ğ", 'g'}, {"ś", 's'}, {"ń", 'n'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool folded = false;
    for (const auto& [utf8, ascii] : kFolds) {
      std::string_view u(utf8);
      if (text.compare(i, u.size(), u) == 0) {
        out += ascii;
        i += u.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    char c = text[i++];
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      out += c;
    }
  }
  return out;
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "|") + l;
  return out;
}

class Generator {
 public:
  Generator(std::uint64_t seed, TimeMs today) : random_(seed), today_(today - today % kDayMs) {}

  DemoPopulation Run();

 private:
  std::uint64_t Pick(std::uint64_t n) { return random_.Uniform(n); }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Pick(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  // A start date `min_days`..`max_days` ago, moved back to a Monday (people
  // start at the beginning of a week).
  TimeMs StartDaysAgo(int min_days, int max_days) {
    TimeMs t = today_ - Days(Between(min_days, max_days));
    return t - Days(Weekday(t));
  }

  TimeMs AgentStart(ContractType contract) {
    switch (contract) {
      case ContractType::kPermanent:
        return StartDaysAgo(400, 3300);
      case ContractType::kTemporary:
        return StartDaysAgo(60, 680);
      case ContractType::kOnCall:
        return StartDaysAgo(120, 1500);
      case ContractType::kAgency:
        return StartDaysAgo(30, 300);
    }
    return StartDaysAgo(30, 300);
  }

  ContractType AgentContract() {
    auto r = Pick(100);
    if (r < 55) return ContractType::kPermanent;
    if (r < 78) return ContractType::kTemporary;
    if (r < 89) return ContractType::kOnCall;
    return ContractType::kAgency;
  }

  std::string UniqueName(std::string* email);
  std::size_t Add(JobFunction function, ContractType contract, const std::string& team,
                  const std::string& site, TimeMs start);
  std::string NextExtension(const std::string& block);

  SeededRandom random_;
  TimeMs today_;
  std::set<std::string> used_names_;
  std::set<std::string> used_emails_;
  std::map<std::string, int> next_extension_;
  std::vector<DemoEmployee> staff_;
};

std::string Generator::UniqueName(std::string* email) {
  const auto& pools = NamePools();
  int total = 0;
  for (const auto& p : pools) total += p.weight;
  for (;;) {
    int r = static_cast<int>(Pick(static_cast<std::uint64_t>(total)));
    std::size_t pool = 0;
    while (r >= pools[pool].weight) r -= pools[pool++].weight;
    const NamePool& first_pool = pools[pool];
    // One in ten takes a surname from another pool (marriage, mixed families).
    const NamePool& last_pool = Pick(10) == 0 ? pools[Pick(pools.size())] : first_pool;
    std::string first = first_pool.first_names[Pick(first_pool.first_names.size())];
    const Surname& last = last_pool.surnames[Pick(last_pool.surnames.size())];
    std::string prefix = last.prefix;
    std::string full = first + " " + (prefix.empty() ? "" : prefix + " ") + last.name;
    if (!used_names_.insert(full).second) continue;
    std::string local = EmailPart(first) + "." + EmailPart(prefix) + EmailPart(last.name);
    std::string candidate = local;
    for (int n = 2; used_emails_.count(candidate); ++n) candidate = local + std::to_string(n);
    used_emails_.insert(candidate);
    *email = candidate + "@" + kEmailDomain;
    return full;
  }
}

std::string Generator::NextExtension(const std::string& block) {
  int& n = next_extension_[block];
  n += 1 + static_cast<int>(Pick(3));  // gaps, as after years of moves
  std::string digits = std::to_string(n);
  if (digits.size() < 2) digits = "0" + digits;
  return block + digits;
}

std::size_t Generator::Add(JobFunction function, ContractType contract, const std::string& team,
                           const std::string& site, TimeMs start) {
  DemoEmployee e;
  e.name = UniqueName(&e.email);
  e.function = function;
  e.contract = contract;
  e.team = team;
  e.site = site;
  e.customer_contact = function == JobFunction::kAgent;
  e.start_date = start;
  staff_.push_back(std::move(e));
  return staff_.size() - 1;
}

DemoPopulation Generator::Run() {
  DemoPopulation pop;
  pop.sites = {"Utrecht", "Zwolle"};
  pop.rollout_date = MakeTimeline(today_).rollout_at;
  const std::string utrecht_block = "20";
  const std::string zwolle_block = "30";

  // Staff first, so the numbering below can follow start dates.
  std::size_t manager = Add(JobFunction::kManager, ContractType::kPermanent, kManagement, "Utrecht",
                            StartDaysAgo(3000, 5000));
  std::size_t privacy = Add(JobFunction::kPrivacyOfficer, ContractType::kPermanent, kManagement,
                            "Utrecht", StartDaysAgo(900, 2500));
  std::size_t hr = Add(JobFunction::kOther, ContractType::kPermanent, kHrArbo, "Utrecht",
                       StartDaysAgo(700, 3000));
  std::size_t doctor = Add(JobFunction::kCompanyDoctor, ContractType::kPermanent, kHrArbo,
                           "Utrecht", StartDaysAgo(1000, 3500));
  std::size_t adviser = Add(JobFunction::kConfidentialAdviser, ContractType::kPermanent, kHrArbo,
                            "Utrecht", StartDaysAgo(1500, 4000));
  std::vector<std::size_t> coaches = {Add(JobFunction::kCoach, ContractType::kPermanent,
                                          kQualityUtrecht, "Utrecht", StartDaysAgo(800, 3000)),
                                      Add(JobFunction::kCoach, ContractType::kPermanent,
                                          kQualityUtrecht, "Utrecht", StartDaysAgo(500, 2500)),
                                      Add(JobFunction::kCoach, ContractType::kPermanent,
                                          kQualityZwolle, "Zwolle", StartDaysAgo(500, 2500))};
  std::vector<std::size_t> qa = {Add(JobFunction::kQaAnalyst, ContractType::kPermanent,
                                     kQualityUtrecht, "Utrecht", StartDaysAgo(600, 2800)),
                                 Add(JobFunction::kQaAnalyst, ContractType::kTemporary,
                                     kQualityUtrecht, "Utrecht", StartDaysAgo(200, 600)),
                                 Add(JobFunction::kQaAnalyst, ContractType::kPermanent,
                                     kQualityZwolle, "Zwolle", StartDaysAgo(600, 2800))};
  std::size_t trainer = Add(JobFunction::kTrainer, ContractType::kPermanent, kQualityUtrecht,
                            "Utrecht", StartDaysAgo(700, 3200));

  std::vector<std::size_t> leads;
  std::vector<std::vector<std::size_t>> team_agents(kAgentTeams.size());
  for (std::size_t t = 0; t < kAgentTeams.size(); ++t) {
    const TeamPlan& plan = kAgentTeams[t];
    leads.push_back(Add(JobFunction::kTeamLead, ContractType::kPermanent, plan.name, plan.site,
                        StartDaysAgo(1100, 4200)));
    int size = plan.base_agents + Between(-1, 1);
    for (int i = 0; i < size; ++i) {
      ContractType contract = AgentContract();
      team_agents[t].push_back(
          Add(JobFunction::kAgent, contract, plan.name, plan.site, AgentStart(contract)));
    }
  }

  std::vector<std::size_t> all_agents;
  for (const auto& members : team_agents) {
    all_agents.insert(all_agents.end(), members.begin(), members.end());
  }
  // Distinct agents for the special cases, each from a seeded position.
  std::vector<std::size_t> pool = all_agents;
  auto take = [&]() {
    std::size_t i = Pick(pool.size());
    std::size_t chosen = pool[i];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
    return chosen;
  };
  std::size_t works_council = take();
  std::size_t leaver = take();
  std::size_t uninformed = take();
  // Every contract form occurs at least once (KSF-3.2: all are agents alike).
  for (ContractType c : {ContractType::kPermanent, ContractType::kTemporary, ContractType::kOnCall,
                         ContractType::kAgency}) {
    bool present = std::any_of(pool.begin(), pool.end(),
                               [&](std::size_t i) { return staff_[i].contract == c; });
    if (!present) {
      std::size_t i = take();
      staff_[i].contract = c;
      staff_[i].start_date = AgentStart(c);
    }
  }

  // A long-serving agent is elected to the works council (KSF-2.1-confidential).
  staff_[works_council].works_council_member = true;
  staff_[works_council].contract = ContractType::kPermanent;
  staff_[works_council].start_date = StartDaysAgo(1500, 3300);
  // Left a few weeks ago after more than a year.
  staff_[leaver].start_date = StartDaysAgo(400, 1400);
  staff_[leaver].leave_date = today_ - Days(Between(10, 40));
  // Started this week; has not yet acknowledged the regulation (KSF-3.7).
  staff_[uninformed].contract = Pick(2) == 0 ? ContractType::kTemporary : ContractType::kAgency;
  staff_[uninformed].start_date = today_ - Days(Between(1, 4));

  // KSF-3.7: informed at the roll-out or shortly after starting.
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    if (i == uninformed) continue;
    DemoEmployee& e = staff_[i];
    TimeMs from = std::max(e.start_date, pop.rollout_date);
    TimeMs informed = from + Days(Between(0, 6));
    if (e.leave_date && informed > *e.leave_date) informed = *e.leave_date;
    e.informed_at = std::min(informed, today_);
  }

  // Lines. Staff use the site's 20xx/30xx block, teams their own block; the
  // company doctor's extension is the confidential line (KSF-2.1-confidential).
  for (std::size_t i = 0; i < staff_.size(); ++i) {
    DemoEmployee& e = staff_[i];
    std::string block;
    for (std::size_t t = 0; t < kAgentTeams.size(); ++t) {
      if (e.team == kAgentTeams[t].name) block = kAgentTeams[t].extension_block;
    }
    if (block.empty()) block = e.site == "Zwolle" ? zwolle_block : utrecht_block;
    e.extensions.push_back(NextExtension(block));
  }
  // The manager also answers the escalation line.
  staff_[manager].extensions.push_back(NextExtension(utrecht_block));
  // KSF-3.9: some agents have a private line at their desk (informal carers,
  // parents); the works-council member has one for council business.
  std::vector<std::size_t> private_owners = {works_council};
  for (int n = 0; n < 5 && !pool.empty(); ++n) private_owners.push_back(take());
  for (std::size_t i : private_owners) {
    DemoEmployee& e = staff_[i];
    e.private_lines.push_back(NextExtension(e.site == "Zwolle" ? "39" : "29"));
  }

  // Personeelsnummers in order of hiring, with the gaps real numbering has.
  std::vector<std::size_t> order(staff_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return staff_[a].start_date < staff_[b].start_date;
  });
  int number = 100100 + Between(0, 300);
  for (std::size_t i : order) {
    number += Between(1, 9);
    staff_[i].external_id = std::to_string(number);
  }

  auto id = [&](std::size_t i) { return staff_[i].external_id; };
  pop.manager_id = id(manager);
  pop.privacy_officer_id = id(privacy);
  pop.hr_adviser_id = id(hr);
  pop.company_doctor_id = id(doctor);
  pop.company_doctor_line = staff_[doctor].extensions.front();
  pop.confidential_adviser_id = id(adviser);
  pop.trainer_id = id(trainer);
  for (std::size_t c : coaches) pop.coach_ids.push_back(id(c));
  for (std::size_t q : qa) pop.qa_analyst_ids.push_back(id(q));
  pop.works_council_member_id = id(works_council);
  pop.leaver_id = id(leaver);
  pop.uninformed_agent_id = id(uninformed);

  // Teams: customer-facing with lead and coach, then the staff teams.
  for (std::size_t t = 0; t < kAgentTeams.size(); ++t) {
    DemoTeam team;
    team.name = kAgentTeams[t].name;
    team.site = kAgentTeams[t].site;
    team.customer_facing = true;
    team.lead_id = id(leads[t]);
    // Utrecht's two coaches share its three teams; Zwolle has its own coach.
    team.coach_id = team.site == "Zwolle" ? id(coaches[2]) : id(coaches[t % 2]);
    pop.team_lead_ids[team.name] = team.lead_id;
    pop.teams.push_back(std::move(team));
  }
  for (const auto& [name, site] :
       std::vector<std::pair<std::string, std::string>>{{kQualityUtrecht, "Utrecht"},
                                                        {kQualityZwolle, "Zwolle"},
                                                        {kManagement, "Utrecht"},
                                                        {kHrArbo, "Utrecht"}}) {
    DemoTeam team;
    team.name = name;
    team.site = site;
    pop.teams.push_back(std::move(team));
  }

  // Rows sorted by personeelsnummer, as HR systems export them.
  std::vector<std::size_t> rows = order;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    return std::stoi(staff_[a].external_id) < std::stoi(staff_[b].external_id);
  });
  std::string csv = "\xEF\xBB\xBF";  // Excel's "CSV UTF-8" writes a byte-order mark
  csv += EmployeesCsvHeader();
  csv += "\r\n";
  for (std::size_t i : rows) {
    const DemoEmployee& e = staff_[i];
    std::vector<std::string> fields = {e.external_id,
                                       e.name,
                                       e.email,
                                       FunctionCsv(e.function),
                                       ContractCsv(e.contract),
                                       e.team,
                                       e.site,
                                       e.works_council_member ? "ja" : "nee",
                                       DutchDate(e.start_date),
                                       e.leave_date ? DutchDate(*e.leave_date) : "",
                                       JoinLines(e.extensions),
                                       JoinLines(e.private_lines),
                                       e.customer_contact ? "ja" : "nee",
                                       e.informed_at ? DutchDate(*e.informed_at) : ""};
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (f > 0) csv += ';';
      csv += CsvField(fields[f]);
    }
    csv += "\r\n";

    pop.employees.push_back(e);
    pop.team_site[e.team] = e.site;
    for (auto& team : pop.teams) {
      if (team.name != e.team) continue;
      team.member_ids.push_back(e.external_id);
      if (e.function == JobFunction::kAgent) team.agent_ids.push_back(e.external_id);
    }
    pop.extensions[e.external_id] = e.extensions;
    if (!e.private_lines.empty()) pop.private_lines[e.external_id] = e.private_lines.front();
    if (e.function == JobFunction::kAgent) {
      pop.agent_ids.push_back(e.external_id);
      bool active = !e.leave_date || *e.leave_date > today_;
      if (active && e.informed_at && e.customer_contact && !e.works_council_member) {
        pop.monitorable_agent_ids.push_back(e.external_id);
      }
    }
  }
  pop.employees_csv = std::move(csv);
  return pop;
}

}  // namespace

const char* EmployeesCsvHeader() {
  return "personeelsnummer;naam;email;functie;contract;team;vestiging;or_lid;in_dienst;"
         "uit_dienst;toestel;prive_toestel;klantcontact;geinformeerd_op";
}

DemoPopulation MakePopulation(std::uint64_t seed, TimeMs today) {
  return Generator(seed, today).Run();
}

}  // namespace fairqm::demo
