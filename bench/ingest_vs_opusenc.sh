#!/usr/bin/env bash
# Compares fairqm's ingest (bench target ingest_once) with the reference
# opusenc tool on the same 60-second two-channel 8 kHz conversation, same
# bitrate and complexity, timed by hyperfine. Prints opusenc_time / our_time
# (target >= 1.0).
#
# Usage: bench/ingest_vs_opusenc.sh [BUILD_DIR] (default build/release,
# a Release build with FAIRQM_BENCH=ON and targets ingest_once built).
# Environment: BITRATE (bit/s, default 24000), COMPLEXITY (default 5),
# RUNS (default 10).
# Needs hyperfine and opusenc (Debian: apt-get install hyperfine opus-tools),
# python3 for the ratio.
set -euo pipefail

build_dir="${1:-build/release}"
bitrate="${BITRATE:-24000}"
complexity="${COMPLEXITY:-5}"
runs="${RUNS:-10}"
ingest_once="${build_dir}/bench/ingest_once"

for tool in hyperfine opusenc python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "ingest_vs_opusenc: $tool is not installed" >&2
    exit 2
  fi
done
if [[ ! -x "$ingest_once" ]]; then
  echo "ingest_vs_opusenc: $ingest_once not built (cmake --build $build_dir --target ingest_once)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$ingest_once" --make-input "$work/conversation.wav"
kbps="$(python3 -c "print($bitrate / 1000)")"

# -N: no intermediate shell, so only the two programs are timed.
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/times.json" \
  --command-name fairqm \
  "$ingest_once $work/conversation.wav $work/fairqm.opus $bitrate $complexity" \
  --command-name opusenc \
  "opusenc --quiet --bitrate $kbps --comp $complexity --speech $work/conversation.wav $work/opusenc.opus"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
results = {r["command"]: r for r in json.load(open(os.path.join(work, "times.json")))["results"]}
ours, theirs = results["fairqm"]["mean"], results["opusenc"]["mean"]
print(f"fairqm:  {ours * 1000:.1f} ms mean, {os.path.getsize(os.path.join(work, 'fairqm.opus'))} bytes")
print(f"opusenc: {theirs * 1000:.1f} ms mean, {os.path.getsize(os.path.join(work, 'opusenc.opus'))} bytes")
print(f"ratio opusenc_time / fairqm_time = {theirs / ours:.2f} (target >= 1.0)")
PY
