// demo/speech: recorded phone calls for the demo contact centre — real
// synthetic speech from espeak-ng, an agent on channel 0 and the customer on
// channel 1 of a stereo 8 kHz WAV, the layout audio/ingest.h expects from a
// capture source.
//
// A CallScript (demo/scripts.h) is a short dialogue. RenderCall() speaks
// each turn with espeak-ng (run with fork/execv, the text passed as one
// argument after "--", never through a shell), reads the result with
// libsndfile, resamples it with speexdsp and places it on the speaker's
// channel with short pauses in between. RenderSyntheticCall() is the
// fallback when espeak-ng is missing: the same timing, with speech-like noise
// from audio/synthetic.h instead of words.
//
// Turns marked card_data are the customer saying payment-card digits. With
// RenderOptions::pause_card_data (the default) they are written as digital
// silence, as a recorder that pauses for payment-card data does; the span is
// still reported so the wiring can show the pause.
//
// Failures: espeak-ng not on PATH → kUnsupported (use RenderSyntheticCall);
// a malformed script, options or file stem → kInvalidInput; out_dir missing →
// kNotFound; espeak-ng failing, or a file that cannot be read or written →
// kIo. Nothing is left behind on failure (temporary files live in a private
// directory that is always removed).
// Thread-safety: all functions may run concurrently (no shared state; each
// render uses its own temporary directory). Output is deterministic for a
// given script and options.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "demo/scripts.h"

namespace fairqm::demo {

enum class SampleEncoding { kPcm16, kALaw };

struct RenderOptions {
  int sample_rate = 8000;  // 8000..48000
  SampleEncoding encoding = SampleEncoding::kPcm16;
  bool pause_card_data = true;
};

// Where one turn ended up in the recording.
struct TurnSpan {
  std::size_t turn_index = 0;
  Speaker speaker = Speaker::kAgent;
  TimeMs start_ms = 0;  // offset from the start of the recording
  TimeMs end_ms = 0;
  bool card_data = false;
  bool silenced = false;  // written as silence (PCI pause)
};

struct RenderedCall {
  std::filesystem::path path;  // out_dir / (file_stem + ".wav")
  int sample_rate = 0;
  std::int64_t frames = 0;
  TimeMs duration_ms = 0;
  std::vector<TurnSpan> spans;  // one per turn, in order
};

// Whether an espeak-ng executable is on PATH.
bool EspeakAvailable();

Result<RenderedCall> RenderCall(const CallScript& script, const std::filesystem::path& out_dir,
                                const std::string& file_stem, const RenderOptions& options = {});
Result<RenderedCall> RenderSyntheticCall(const CallScript& script,
                                         const std::filesystem::path& out_dir,
                                         const std::string& file_stem,
                                         const RenderOptions& options = {});

// The same, returning only the path of the PCM16 WAV.
Result<std::filesystem::path> MakeCallRecording(const CallScript& script,
                                                const std::filesystem::path& out_dir,
                                                const std::string& file_stem,
                                                int sample_rate = 8000);
Result<std::filesystem::path> MakeSyntheticCallRecording(const CallScript& script,
                                                         const std::filesystem::path& out_dir,
                                                         const std::string& file_stem,
                                                         int sample_rate = 8000);

}  // namespace fairqm::demo
