#include "demo/speech.h"

#include <fcntl.h>
#include <sndfile.h>
#include <speex/speex_resampler.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <system_error>

#include "audio/sound_file.h"
#include "audio/synthetic.h"
#include "audio/wav_writer.h"

namespace fairqm::demo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEspeak = "espeak-ng";
constexpr double kTurnPeak = 0.5;      // -6 dBFS: telephone-like level with headroom
constexpr double kLineNoise = 0.0008;  // about -62 dBFS of hiss on an open line
constexpr TimeMs kLeadInMs = 400;
constexpr TimeMs kTailMs = 500;
constexpr std::size_t kMaxTurnText = 2000;

// FNV-1a: a stable seed from text, so pauses and noise do not depend on the
// process or platform.
std::uint64_t Fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

const std::string& TurnLanguage(const CallScript& script, const Turn& turn) {
  return turn.language.empty() ? script.language : turn.language;
}

const Voice& TurnVoice(const CallScript& script, const Turn& turn) {
  return turn.speaker == Speaker::kAgent ? script.agent_voice : script.customer_voice;
}

Status ValidateVoice(const Voice& voice, const std::string& who) {
  const std::string& v = voice.variant;
  bool ok = v.size() == 2 && (v[0] == 'm' || v[0] == 'f') && v[1] >= '1' &&
            v[1] <= (v[0] == 'm' ? '7' : '5');
  if (!ok) {
    return MakeError(ErrorCode::kInvalidInput,
                     who + " voice: unknown espeak-ng variant '" + v + "' (m1..m7, f1..f5)");
  }
  if (voice.pitch < 0 || voice.pitch > 99) {
    return MakeError(ErrorCode::kInvalidInput, who + " voice: pitch must be 0..99");
  }
  if (voice.speed < 80 || voice.speed > 450) {
    return MakeError(ErrorCode::kInvalidInput, who + " voice: speed must be 80..450 words/minute");
  }
  return OkStatus();
}

Status Validate(const CallScript& script, const fs::path& out_dir, const std::string& file_stem,
                const RenderOptions& options) {
  if (options.sample_rate < 8000 || options.sample_rate > 48000) {
    return MakeError(ErrorCode::kInvalidInput, "sample rate must be 8000..48000 Hz, not " +
                                                   std::to_string(options.sample_rate));
  }
  // The stem becomes a file name inside out_dir: no paths, no hidden files.
  bool stem_ok = !file_stem.empty() && file_stem.size() <= 100 && file_stem[0] != '.' &&
                 std::all_of(file_stem.begin(), file_stem.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                 });
  if (!stem_ok) {
    return MakeError(ErrorCode::kInvalidInput,
                     "file stem '" + file_stem +
                         "' must be 1..100 characters of A-Z a-z 0-9 . _ - and not start with '.'");
  }
  std::error_code ec;
  if (!fs::is_directory(out_dir, ec)) {
    return MakeError(ErrorCode::kNotFound,
                     "output directory " + out_dir.string() + " does not exist");
  }
  if (script.turns.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "script '" + script.id + "' has no turns");
  }
  FAIRQM_RETURN_IF_ERROR(ValidateVoice(script.agent_voice, "agent"));
  FAIRQM_RETURN_IF_ERROR(ValidateVoice(script.customer_voice, "customer"));
  for (std::size_t i = 0; i < script.turns.size(); ++i) {
    const Turn& turn = script.turns[i];
    std::string where = "script '" + script.id + "' turn " + std::to_string(i + 1);
    if (turn.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return MakeError(ErrorCode::kInvalidInput, where + ": text is empty");
    }
    if (turn.text.size() > kMaxTurnText) {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": text is longer than " + std::to_string(kMaxTurnText) + " bytes");
    }
    const std::string& language = TurnLanguage(script, turn);
    if (language != "nl" && language != "en") {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": language must be 'nl' or 'en', not '" + language + "'");
    }
  }
  return OkStatus();
}

// Removes a directory tree when the render ends, however it ends.
class ScopedTempDir {
 public:
  static Result<std::unique_ptr<ScopedTempDir>> Make() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string templ = (base / "fairqm-tts-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      return MakeError(ErrorCode::kIo, "cannot create a temporary directory in " + base.string() +
                                           ": " + std::strerror(errno));
    }
    return std::unique_ptr<ScopedTempDir>(new ScopedTempDir(templ));
  }
  ~ScopedTempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  explicit ScopedTempDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

std::optional<fs::path> FindEspeak() {
  const char* path_env = std::getenv("PATH");
  if (path_env == nullptr) return std::nullopt;
  std::string_view dirs(path_env);
  while (!dirs.empty()) {
    auto colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) continue;  // "::" would mean the working directory: not trusted
    fs::path candidate = fs::path(dir) / kEspeak;
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

std::string ReadSmallFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.size() > 300) text.resize(300);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Runs espeak-ng without a shell: the text is one argv element after "--",
// so nothing in it is interpreted as an option or by a shell.
Status RunEspeak(const fs::path& exe, const std::vector<std::string>& args,
                 const fs::path& stderr_path) {
  std::vector<char*> argv;
  std::string argv0 = exe.string();
  argv.push_back(argv0.data());
  std::vector<std::string> owned = args;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);

  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0)
    return MakeError(ErrorCode::kIo, std::string("cannot open /dev/null: ") + std::strerror(errno));
  int err_fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (err_fd < 0) {
    close(null_fd);
    return MakeError(ErrorCode::kIo,
                     "cannot create " + stderr_path.string() + ": " + std::strerror(errno));
  }
  pid_t pid = fork();
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execv(argv0.c_str(), argv.data());
    _exit(127);
  }
  int fork_errno = errno;
  close(null_fd);
  close(err_fd);
  if (pid < 0) {
    return MakeError(ErrorCode::kIo,
                     std::string("cannot start espeak-ng: ") + std::strerror(fork_errno));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return MakeError(ErrorCode::kIo,
                       std::string("waiting for espeak-ng failed: ") + std::strerror(errno));
    }
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return OkStatus();
  std::string why = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                      : "was killed by signal " + std::to_string(WTERMSIG(status));
  std::string err = ReadSmallFile(stderr_path);
  return MakeError(ErrorCode::kIo, "espeak-ng " + why + (err.empty() ? "" : ": " + err));
}

struct MonoAudio {
  std::vector<float> samples;
  int rate = 0;
};

Result<MonoAudio> ReadMono(const fs::path& path) {
  auto opened = audio::SoundFile::OpenPath(path.string());
  if (!opened.ok()) {
    return MakeError(ErrorCode::kIo, "reading espeak-ng output: " + opened.error().message);
  }
  audio::SoundFile& file = **opened;
  MonoAudio out;
  out.rate = file.sample_rate();
  const int channels = file.channels();
  constexpr std::int64_t kChunk = 4096;
  std::vector<float> buffer(static_cast<std::size_t>(kChunk * channels));
  for (;;) {
    FAIRQM_ASSIGN_OR_RETURN(std::int64_t frames, file.ReadFloat(buffer.data(), kChunk));
    if (frames == 0) break;
    for (std::int64_t f = 0; f < frames; ++f) {
      float sum = 0;
      for (int c = 0; c < channels; ++c) sum += buffer[static_cast<std::size_t>(f * channels + c)];
      out.samples.push_back(sum / static_cast<float>(channels));
    }
  }
  return out;
}

// Drops leading and trailing near-silence (espeak-ng pads its output), so
// the reported spans are where the voice is.
void TrimSilence(std::vector<float>& samples, int rate) {
  constexpr float kThreshold = 0.01f;
  auto loud = [&](float s) { return std::fabs(s) > kThreshold; };
  auto first = std::find_if(samples.begin(), samples.end(), loud);
  if (first == samples.end()) {
    samples.clear();
    return;
  }
  auto last = std::find_if(samples.rbegin(), samples.rend(), loud).base();
  std::ptrdiff_t margin = rate / 100;  // keep 10 ms of the natural onset and decay
  auto begin_index = std::max<std::ptrdiff_t>(0, (first - samples.begin()) - margin);
  auto end_index = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(samples.size()),
                                            (last - samples.begin()) + margin);
  samples = std::vector<float>(samples.begin() + begin_index, samples.begin() + end_index);
}

Result<std::vector<float>> Resample(const std::vector<float>& in, int in_rate, int out_rate) {
  if (in_rate == out_rate || in.empty()) return in;
  int err = 0;
  std::unique_ptr<SpeexResamplerState, void (*)(SpeexResamplerState*)> state(
      speex_resampler_init(1, static_cast<spx_uint32_t>(in_rate),
                           static_cast<spx_uint32_t>(out_rate), SPEEX_RESAMPLER_QUALITY_DEFAULT,
                           &err),
      speex_resampler_destroy);
  if (!state) {
    return MakeError(ErrorCode::kInternal,
                     std::string("speex resampler: ") + speex_resampler_strerror(err));
  }
  // Skipping the filter's leading zeros and feeding as many trailing zeros
  // keeps the output aligned with the input.
  speex_resampler_skip_zeros(state.get());
  std::vector<float> input = in;
  input.resize(in.size() + static_cast<std::size_t>(speex_resampler_get_input_latency(state.get())),
               0.0f);
  std::size_t expected =
      static_cast<std::size_t>(static_cast<std::int64_t>(in.size()) * out_rate / in_rate);
  std::vector<float> out(expected + 64);
  auto in_len = static_cast<spx_uint32_t>(input.size());
  auto out_len = static_cast<spx_uint32_t>(out.size());
  err = speex_resampler_process_float(state.get(), 0, input.data(), &in_len, out.data(), &out_len);
  if (err != RESAMPLER_ERR_SUCCESS) {
    return MakeError(ErrorCode::kInternal,
                     std::string("speex resampler: ") + speex_resampler_strerror(err));
  }
  out.resize(std::min<std::size_t>(out_len, expected));
  return out;
}

void Normalise(std::vector<float>& samples) {
  float peak = 0;
  for (float s : samples) peak = std::max(peak, std::fabs(s));
  if (peak <= 0) return;
  float gain = static_cast<float>(kTurnPeak) / peak;
  for (float& s : samples) s *= gain;
}

// Places each turn's voice on its speaker's channel with pauses between
// turns, adds line noise, and writes the stereo file.
Result<RenderedCall> Assemble(const CallScript& script,
                              const std::vector<std::vector<float>>& turn_audio,
                              const fs::path& out_dir, const std::string& file_stem,
                              const RenderOptions& options) {
  const int rate = options.sample_rate;
  auto ms_to_frames = [rate](TimeMs ms) { return static_cast<std::size_t>(ms * rate / 1000); };
  auto frames_to_ms = [rate](std::size_t frames) {
    return static_cast<TimeMs>(static_cast<std::int64_t>(frames) * 1000 / rate);
  };

  RenderedCall call;
  call.sample_rate = rate;
  std::vector<std::pair<std::size_t, std::size_t>> placed;  // start frame, length
  std::size_t cursor = ms_to_frames(kLeadInMs);
  std::uint64_t seed = Fnv1a(script.id);
  for (std::size_t i = 0; i < script.turns.size(); ++i) {
    if (i > 0) {
      // A natural, varying gap between turns: 250..700 ms.
      seed = Fnv1a(script.turns[i].text, seed);
      TimeMs gap = 250 + static_cast<TimeMs>(seed % 451);
      cursor += ms_to_frames(gap);
    }
    const Turn& turn = script.turns[i];
    TurnSpan span;
    span.turn_index = i;
    span.speaker = turn.speaker;
    span.card_data = turn.card_data;
    span.silenced = turn.card_data && options.pause_card_data;
    span.start_ms = frames_to_ms(cursor);
    span.end_ms = frames_to_ms(cursor + turn_audio[i].size());
    call.spans.push_back(span);
    placed.emplace_back(cursor, turn_audio[i].size());
    cursor += turn_audio[i].size();
  }
  const std::size_t frames = cursor + ms_to_frames(kTailMs);

  std::vector<float> mix(frames * 2, 0.0f);
  std::uint64_t noise = Fnv1a(script.id, 0x9E3779B97F4A7C15ULL);
  for (float& s : mix) {
    noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;  // PCG-style LCG
    double uniform = static_cast<double>(noise >> 11) / static_cast<double>(1ULL << 53);
    s = static_cast<float>((uniform * 2.0 - 1.0) * kLineNoise);
  }
  for (std::size_t i = 0; i < script.turns.size(); ++i) {
    auto [start, length] = placed[i];
    if (call.spans[i].silenced) {
      // The recorder is paused: nothing at all on either channel.
      std::fill(mix.begin() + static_cast<std::ptrdiff_t>(start * 2),
                mix.begin() + static_cast<std::ptrdiff_t>((start + length) * 2), 0.0f);
      continue;
    }
    std::size_t channel = script.turns[i].speaker == Speaker::kAgent ? 0 : 1;
    for (std::size_t f = 0; f < length; ++f) mix[(start + f) * 2 + channel] += turn_audio[i][f];
  }
  std::vector<std::int16_t> pcm(mix.size());
  for (std::size_t i = 0; i < mix.size(); ++i) {
    float v = std::clamp(mix[i], -1.0f, 1.0f);
    pcm[i] = static_cast<std::int16_t>(std::lround(v * 32767.0f));
  }

  // Written under a temporary name and renamed, so a failed render leaves
  // no half-written recording behind.
  fs::path final_path = out_dir / (file_stem + ".wav");
  fs::path partial = out_dir / ("." + file_stem + ".wav.partial");
  int format = options.encoding == SampleEncoding::kALaw ? SF_FORMAT_ALAW : SF_FORMAT_PCM_16;
  Status written = audio::WriteWav(partial.string(), pcm, rate, 2, format);
  std::error_code ec;
  if (!written.ok()) {
    fs::remove(partial, ec);
    return written.error();
  }
  fs::rename(partial, final_path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    return MakeError(ErrorCode::kIo, "cannot write " + final_path.string() + ": " + ec.message());
  }
  call.path = final_path;
  call.frames = static_cast<std::int64_t>(frames);
  call.duration_ms = frames_to_ms(frames);
  return call;
}

std::size_t WordCount(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

bool EspeakAvailable() { return FindEspeak().has_value(); }

Result<RenderedCall> RenderCall(const CallScript& script, const fs::path& out_dir,
                                const std::string& file_stem, const RenderOptions& options) {
  FAIRQM_RETURN_IF_ERROR(Validate(script, out_dir, file_stem, options));
  std::optional<fs::path> exe = FindEspeak();
  if (!exe) {
    return MakeError(ErrorCode::kUnsupported,
                     "espeak-ng is not installed (not found on PATH); install it (apt install "
                     "espeak-ng) for spoken demo calls, or use synthetic speech-like audio");
  }
  FAIRQM_ASSIGN_OR_RETURN(auto temp, ScopedTempDir::Make());
  std::vector<std::vector<float>> turn_audio;
  for (std::size_t i = 0; i < script.turns.size(); ++i) {
    const Turn& turn = script.turns[i];
    const Voice& voice = TurnVoice(script, turn);
    fs::path wav = temp->path() / ("turn" + std::to_string(i) + ".wav");
    std::vector<std::string> args = {"-v", TurnLanguage(script, turn) + "+" + voice.variant,
                                     "-p", std::to_string(voice.pitch),
                                     "-s", std::to_string(voice.speed),
                                     "-w", wav.string(),
                                     "--", turn.text};
    FAIRQM_RETURN_IF_ERROR(RunEspeak(*exe, args, temp->path() / "stderr.txt"));
    FAIRQM_ASSIGN_OR_RETURN(MonoAudio mono, ReadMono(wav));
    TrimSilence(mono.samples, mono.rate);
    if (mono.samples.empty()) {
      return MakeError(ErrorCode::kIo, "espeak-ng produced no audio for script '" + script.id +
                                           "' turn " + std::to_string(i + 1));
    }
    FAIRQM_ASSIGN_OR_RETURN(std::vector<float> resampled,
                            Resample(mono.samples, mono.rate, options.sample_rate));
    Normalise(resampled);
    turn_audio.push_back(std::move(resampled));
  }
  return Assemble(script, turn_audio, out_dir, file_stem, options);
}

Result<RenderedCall> RenderSyntheticCall(const CallScript& script, const fs::path& out_dir,
                                         const std::string& file_stem,
                                         const RenderOptions& options) {
  FAIRQM_RETURN_IF_ERROR(Validate(script, out_dir, file_stem, options));
  std::vector<std::vector<float>> turn_audio;
  std::uint64_t seed = Fnv1a(script.id);
  for (const Turn& turn : script.turns) {
    seed = Fnv1a(turn.text, seed);
    const Voice& voice = TurnVoice(script, turn);
    // As long as the words would take to say at the voice's speed.
    double seconds = std::max(0.6, static_cast<double>(WordCount(turn.text)) * 60.0 / voice.speed);
    // The conversation's two parties alternate with pauses; together they
    // make one continuous speech-like voice for this turn.
    std::vector<std::int16_t> stereo =
        audio::SpeechLikeConversation(options.sample_rate, seconds, seed);
    std::vector<float> mono(stereo.size() / 2);
    for (std::size_t f = 0; f < mono.size(); ++f) {
      mono[f] =
          (static_cast<float>(stereo[2 * f]) + static_cast<float>(stereo[2 * f + 1])) / 32768.0f;
    }
    Normalise(mono);
    turn_audio.push_back(std::move(mono));
  }
  return Assemble(script, turn_audio, out_dir, file_stem, options);
}

Result<fs::path> MakeCallRecording(const CallScript& script, const fs::path& out_dir,
                                   const std::string& file_stem, int sample_rate) {
  RenderOptions options;
  options.sample_rate = sample_rate;
  FAIRQM_ASSIGN_OR_RETURN(RenderedCall call, RenderCall(script, out_dir, file_stem, options));
  return call.path;
}

Result<fs::path> MakeSyntheticCallRecording(const CallScript& script, const fs::path& out_dir,
                                            const std::string& file_stem, int sample_rate) {
  RenderOptions options;
  options.sample_rate = sample_rate;
  FAIRQM_ASSIGN_OR_RETURN(RenderedCall call,
                          RenderSyntheticCall(script, out_dir, file_stem, options));
  return call.path;
}

}  // namespace fairqm::demo
