// demo/scripts: the dialogues of the demo's recorded calls — who says what,
// in which language and voice — for demo/speech to render. DemoScripts(seed)
// gives eleven short calls (about 20–40 seconds spoken) in Dutch and English:
// a cancellation with a retention offer, a billing question, a move, a
// complaint, a power cut, a payment plan, business customers, a card payment
// whose card digits are marked for a PCI pause, an English-speaking expat and
// an outbound call-back in which the agent forgets to announce the recording
// (KSF-6.6). Names, numbers, addresses and card numbers are fictional; the
// seed picks them and the voices. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fairqm::demo {

enum class Speaker { kAgent, kCustomer };

struct Turn {
  Speaker speaker = Speaker::kAgent;
  std::string text;
  std::string language;    // espeak-ng language, "nl" or "en"; empty: the script's
  bool card_data = false;  // payment-card digits are spoken (PCI pause segment)
};

// An espeak-ng voice: variant ("m1".."m7", "f1".."f5"), pitch 0..99, words
// per minute 80..450.
struct Voice {
  std::string variant = "m3";
  int pitch = 50;
  int speed = 165;
};

struct CallScript {
  std::string id;        // stable, e.g. "retentie-opzegging"
  std::string title;     // what the call is about, in Dutch
  std::string language;  // "nl" or "en": the customer's language
  std::string team;      // the demo team (population.h) that takes such calls
  bool inbound = true;
  // KSF-6.6: the agent tells the customer the call may be recorded, in the
  // first agent turn. One demo script (an outbound call-back) forgets it.
  bool announces_recording = true;
  bool contains_card_data = false;  // some turn has card_data set
  Voice agent_voice;
  Voice customer_voice;
  std::vector<Turn> turns;
};

// Eleven dialogues, always in the same order with the same ids; the seed
// picks the names, numbers, amounts and voices.
std::vector<CallScript> DemoScripts(std::uint64_t seed);

}  // namespace fairqm::demo
