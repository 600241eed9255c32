#include "demo/scripts.h"

#include <utility>

#include "common/random.h"

namespace fairqm::demo {
namespace {

constexpr const char* kAgentNames[] = {"Sanne", "Daan", "Fatima", "Jeroen",  "Lotte", "Emre",
                                       "Priya", "Bram", "Noor",   "Ricardo", "Ilse",  "Wouter"};
constexpr const char* kCustomerNames[] = {"Ineke Bos",      "Peter de Boer",   "Karin van Dam",
                                          "Hans Verbeek",   "Yvonne Kuiper",   "Mustafa Aydın",
                                          "Marja Hoogland", "Rob van Essen",   "Els Brinkman",
                                          "Samira Benali",  "Gert Jan Mulder", "Anita Zwiers"};
constexpr const char* kEnglishNames[] = {"Daniel Carter", "Priya Sharma", "Tom Fletcher",
                                         "Laura Bennett", "Marco Rossi",  "Hannah Weber"};
constexpr const char* kCities[] = {"Amersfoort", "Deventer",  "Apeldoorn", "Almere",     "Haarlem",
                                   "Leeuwarden", "Groningen", "Zutphen",   "Harderwijk", "Kampen"};
constexpr const char* kStreets[] = {"Lindelaan",   "Kerkstraat", "Molenweg",       "Beatrixstraat",
                                    "Spoorsingel", "Esdoornhof", "Wilhelminapark", "Dorpsstraat"};
constexpr const char* kMonths[] = {"januari",   "februari", "maart",    "april",
                                   "mei",       "juni",     "juli",     "augustus",
                                   "september", "oktober",  "november", "december"};
constexpr const char* kEnglishMonths[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
constexpr const char* kWeekdays[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"};
constexpr const char* kBakeries[] = {"Van der Wal", "Het Gouden Korstje", "De Korenschoof",
                                     "Brood en Banket Smit"};
constexpr const char* kCompanies[] = {"Northbridge Logistics", "Tulip Analytics",
                                      "Harbourline Software", "Greenfield Labs"};
constexpr const char* kAgentVariants[] = {"f2", "f4", "f5", "m1", "m3", "m4"};
constexpr const char* kCustomerVariants[] = {"f1", "f3", "m2", "m6", "m7", "f2", "m3"};

// Every random draw is its own statement: the order in which the operands
// of one expression are evaluated is unspecified, and the output must not
// depend on the compiler.
class ScriptWriter {
 public:
  explicit ScriptWriter(std::uint64_t seed) : random_(seed) {}

  std::vector<CallScript> All();

 private:
  template <typename T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[random_.Uniform(N)];
  }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(random_.Uniform(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  // Digits one by one, as people read out a number: "4 7 1 2".
  std::string SpokenDigits(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
      if (i > 0) out += ' ';
      out += static_cast<char>('0' + (i == 0 ? Between(1, 9) : Between(0, 9)));
    }
    return out;
  }

  std::string Postcode() {
    static const char kLetters[] = "ABCEGHJKLNPRSTVWXZ";
    std::string out = std::to_string(Between(1011, 9999)) + " ";
    out += kLetters[random_.Uniform(sizeof kLetters - 1)];
    out += ' ';
    out += kLetters[random_.Uniform(sizeof kLetters - 1)];
    return out;
  }

  std::string BirthDate() {
    std::string day = std::to_string(Between(1, 28));
    std::string month = Pick(kMonths);
    return day + " " + month + " " + std::to_string(Between(1948, 2003));
  }

  std::string EnglishBirthDate() {
    std::string month = Pick(kEnglishMonths);
    std::string day = std::to_string(Between(1, 28));
    return month + " " + day + ", " + std::to_string(Between(1970, 2001));
  }

  // A fictional 16-digit Visa-style number that passes the Luhn check, so a
  // card-number detector would recognise it; read out in groups of four.
  std::string SpokenCardNumber() {
    int digits[16];
    digits[0] = 4;
    for (int i = 1; i < 15; ++i) digits[i] = Between(0, 9);
    int sum = 0;
    for (int i = 0; i < 15; ++i) {
      int d = digits[14 - i];
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    digits[15] = (10 - sum % 10) % 10;
    std::string out;
    for (int i = 0; i < 16; ++i) {
      if (i > 0) out += (i % 4 == 0) ? ", " : " ";
      out += static_cast<char>('0' + digits[i]);
    }
    return out;
  }

  void Voices(CallScript& s) {
    s.agent_voice = Voice{Pick(kAgentVariants), Between(40, 65), Between(158, 175)};
    do {
      s.customer_voice.variant = Pick(kCustomerVariants);
    } while (s.customer_voice.variant == s.agent_voice.variant);
    s.customer_voice.pitch = Between(25, 75);
    s.customer_voice.speed = Between(150, 185);
  }

  static void Agent(CallScript& s, std::string text, std::string language = "") {
    s.turns.push_back(Turn{Speaker::kAgent, std::move(text), std::move(language), false});
  }
  static void Customer(CallScript& s, std::string text, std::string language = "",
                       bool card_data = false) {
    s.turns.push_back(Turn{Speaker::kCustomer, std::move(text), std::move(language), card_data});
  }

  CallScript Begin(const char* id, const char* title, const char* language, const char* team) {
    CallScript s;
    s.id = id;
    s.title = title;
    s.language = language;
    s.team = team;
    Voices(s);
    return s;
  }

  SeededRandom random_;
};

// KSF-6.6: the announcement with which agents open an inbound call.
constexpr const char* kAnnouncement = "Dit gesprek kan worden opgenomen voor kwaliteitsdoeleinden.";

std::vector<CallScript> ScriptWriter::All() {
  std::vector<CallScript> out;
  std::string brand = "Polderstroom Energie";

  {
    CallScript s = Begin("retentie-opzegging", "Opzegging energiecontract met retentieaanbod", "nl",
                         "Retentie");
    Agent(s, "Goedemiddag, " + brand + ", u spreekt met " + Pick(kAgentNames) + ". " +
                 kAnnouncement + " Waarmee kan ik u helpen?");
    Customer(s, std::string("Hallo, met ") + Pick(kCustomerNames) +
                    ". Ik wil mijn contract opzeggen, ik heb een goedkoper aanbod gevonden.");
    Agent(s, "Dat is jammer. Mag ik ter controle uw postcode en huisnummer?");
    std::string postcode = Postcode();
    Customer(s, postcode + ", nummer " + std::to_string(Between(2, 180)) + ".");
    Agent(s, "Dank u. Uw contract loopt over twee maanden af. Ik kan u " +
                 std::to_string(Between(8, 19)) +
                 " euro per maand korting geven op een nieuw "
                 "contract. Zal ik dat aanbod mailen?");
    Customer(s, "Ja, dat is goed. Dan kijk ik er vanavond naar.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("factuur-vraag", "Vraag over de jaarafrekening", "nl", "Service Particulier");
    Agent(s, "Goedemorgen, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement);
    Customer(s, "Goedemorgen. Ik moet volgens mijn jaarafrekening " +
                    std::to_string(Between(120, 480)) + " euro bijbetalen. Dat begrijp ik niet.");
    Agent(s, "Dat zoek ik voor u uit. Wat zijn uw klantnummer en geboortedatum?");
    std::string customer_number = SpokenDigits(7);
    Customer(s, "Klantnummer " + customer_number + ", en ik ben geboren op " + BirthDate() + ".");
    Agent(s,
          "Dank u. Uw termijnbedrag was te laag voor uw verbruik in de winter. Ik kan het "
          "bedrag verdelen over zes maanden.");
    Customer(s, "O, dat is fijn. Doet u dat maar.");
    out.push_back(std::move(s));
  }
  {
    CallScript s = Begin("verhuizing", "Verhuizing doorgeven", "nl", "Service Noord");
    Agent(s, "Goedemiddag, u spreekt met " + std::string(Pick(kAgentNames)) + " van " + brand +
                 ". " + kAnnouncement + " Hoe kan ik u helpen?");
    Customer(s, "Hallo, wij gaan verhuizen en ik wil de energie meenemen naar het nieuwe adres.");
    Agent(s, "Gefeliciteerd! Wat is het nieuwe adres, en wanneer krijgt u de sleutel?");
    std::string street = Pick(kStreets);
    std::string number = std::to_string(Between(1, 120));
    std::string city = Pick(kCities);
    std::string day = std::to_string(Between(1, 28));
    std::string month = Pick(kMonths);
    Customer(s, street + " " + number + " in " + city + ". We krijgen de sleutel op " + day + " " +
                    month + ".");
    Agent(s,
          "Prima. Geeft u op die dag de meterstanden van beide adressen door in de app? Dan "
          "regel ik de rest.");
    out.push_back(std::move(s));
  }
  {
    CallScript s = Begin("klacht-monteur", "Klacht: beloofde terugbelafspraak niet nagekomen", "nl",
                         "Service Particulier");
    s.customer_voice.speed = Between(180, 195);  // an upset customer talks faster
    Agent(s, "Goedemiddag, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement);
    Customer(s, std::string("Met ") + Pick(kCustomerNames) +
                    ". Ik bel nu voor de derde keer! Er zou iemand terugbellen over de monteur, "
                    "en niemand heeft gebeld.");
    Agent(s, "Dat is vervelend, ik begrijp dat u boos bent. Wat is uw postcode en huisnummer?");
    std::string postcode = Postcode();
    Customer(s, postcode + ", " + std::to_string(Between(1, 90)) + ".");
    Agent(s,
          "De afspraak is verzet zonder dat u gebeld bent, mijn excuses. Ik plan een nieuwe "
          "afspraak op " +
              std::string(Pick(kWeekdays)) + " tussen acht en twaalf uur. Past dat?");
    Customer(s, "Ja, dat past. Maar dan moet hij ook echt komen.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("zakelijk-tweede-vestiging", "Zakelijke klant: tweede vestiging", "nl", "Zakelijk");
    Agent(s, "Goedemorgen, Polderstroom Zakelijk, u spreekt met " + std::string(Pick(kAgentNames)) +
                 ". " + kAnnouncement);
    std::string customer = Pick(kCustomerNames);
    Customer(s, "Goedemorgen, met " + customer + " van bakkerij " + Pick(kBakeries) +
                    ". We openen een tweede winkel en willen die ook bij jullie "
                    "onderbrengen.");
    Agent(s, "Mooi om te horen. Wat is uw nummer bij de Kamer van Koophandel?");
    Customer(s, SpokenDigits(8) + ".");
    Agent(s,
          "Dank u. Voor de tweede winkel geldt hetzelfde tarief, met één factuur per maand "
          "voor beide adressen. Ik stuur u vandaag de offerte.");
    out.push_back(std::move(s));
  }
  {
    CallScript s = Begin("betaling-creditcard", "Achterstand betalen met creditcard (PCI-pauze)",
                         "nl", "Betalen & Incasso");
    s.contains_card_data = true;
    std::string amount = std::to_string(Between(60, 340));
    Agent(s, "Goedemiddag, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement);
    Customer(s, "Hallo, ik heb een aanmaning gekregen en ik wil de " + amount +
                    " euro nu meteen betalen.");
    Agent(s, "Dat kan met uw creditcard. Wat is uw klantnummer?");
    std::string customer_number = SpokenDigits(7);
    std::string card = SpokenCardNumber();
    std::string month = Pick(kMonths);
    std::string year = std::to_string(Between(2027, 2031));
    Customer(s,
             customer_number + ". En mijn kaartnummer is " + card + ", geldig tot " + month + " " +
                 year + ".",
             "", /*card_data=*/true);
    Agent(s, "Dank u, de betaling van " + amount + " euro is gelukt en de aanmaning vervalt.");
    Customer(s, "Fijn, dank u wel.");
    out.push_back(std::move(s));
  }
  {
    CallScript s = Begin("engelstalige-klant", "Engelstalige klant sluit een contract af", "en",
                         "Service Particulier");
    Agent(s, "Goedemiddag, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement, "nl");
    Customer(s, std::string("Hello, sorry, do you speak English? I just moved to ") +
                    Pick(kCities) + " for work.");
    Agent(s, "Of course. This call may be recorded for quality purposes. How can I help you?");
    Customer(s,
             "I would like an energy contract for my apartment, but I don't have a Dutch bank "
             "account yet.");
    Agent(s, "No problem, you can add your bank account later. May I have your date of birth?");
    Customer(s, EnglishBirthDate() + ".");
    Agent(s,
          "Thank you. Your contract starts next Monday, and the welcome e-mail will be in "
          "English.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("terugbelverzoek", "Uitgaand: terugbellen over een nieuw contract", "nl", "Retentie");
    s.inbound = false;
    s.announces_recording = false;  // the agent forgets (KSF-6.6)
    Agent(s, "Goedemiddag, u spreekt met " + std::string(Pick(kAgentNames)) + " van " + brand +
                 ". U had gevraagd of we u wilden terugbellen over uw contract?");
    Customer(s, "Ja, klopt. Wat kost een vaste prijs voor drie jaar?");
    Agent(s, "Met uw huidige verbruik komt dat op ongeveer " + std::to_string(Between(95, 210)) +
                 " euro per maand.");
    Customer(s, "Dat valt mee. Ik denk er nog even over na.");
    Agent(s, "Prima, ik stuur u het aanbod per e-mail, dan kunt u het rustig bekijken.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("stroomstoring", "Melding stroomstoring in de wijk", "nl", "Service Noord");
    Agent(s, "Goedemorgen, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement);
    Customer(s, "Goedemorgen. Bij ons in de straat is sinds vanochtend de stroom uitgevallen.");
    Agent(s, "Wat vervelend. Wat is uw postcode?");
    Customer(s, Postcode() + ".");
    Agent(s,
          "Er is een storing bij de netbeheerder in uw wijk. De stroom is naar verwachting "
          "rond " +
              std::to_string(Between(11, 17)) + " uur terug.");
    Customer(s, "Oké. Krijg ik daar een vergoeding voor?");
    Agent(s,
          "Bij een storing van meer dan vier uur krijgt u automatisch een vergoeding van de "
          "netbeheerder.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("zakelijk-engels", "Internationale zakelijke klant, één factuur", "en", "Zakelijk");
    std::string agent_name = Pick(kAgentNames);
    Agent(s, "Good afternoon, Polderstroom Business, this is " + agent_name +
                 ". This call may be recorded for quality purposes.");
    std::string caller = Pick(kEnglishNames);
    Customer(s, "Hi, this is " + caller + " from " + Pick(kCompanies) +
                    ". We have three offices here and would like one invoice for all of them.");
    Agent(s, "Certainly. Could you give me your Chamber of Commerce number?");
    Customer(s, "Yes, it is " + SpokenDigits(8) + ".");
    Agent(s,
          "Thank you. From next month all three connections are on one monthly invoice. I "
          "will send you a confirmation today.");
    out.push_back(std::move(s));
  }
  {
    CallScript s =
        Begin("betalingsregeling", "Betalingsregeling na baanverlies", "nl", "Betalen & Incasso");
    s.customer_voice.speed = Between(145, 155);  // hesitant
    Agent(s, "Goedemiddag, " + brand + ", met " + Pick(kAgentNames) + ". " + kAnnouncement);
    Customer(s, "Hallo. Ik ben mijn baan kwijt en ik kan de rekening deze maand niet betalen.");
    Agent(s, "Goed dat u belt. We kunnen een betalingsregeling afspreken. Wat is uw klantnummer?");
    Customer(s, SpokenDigits(7) + ".");
    Agent(s, "Ik verdeel de " + std::to_string(Between(150, 420)) +
                 " euro over vier maanden, zonder extra kosten. Is dat haalbaar voor u?");
    Customer(s, "Ja, dat lukt. Wat een opluchting.");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<CallScript> DemoScripts(std::uint64_t seed) { return ScriptWriter(seed).All(); }

}  // namespace fairqm::demo
