#!/usr/bin/env bash
# HTTP benchmarks of `fairqm serve` (issue 3), run by hand, not in CI.
#
#   bench/http_bench.sh [BUILD_DIR]        (default: build/release)
#
# BUILD_DIR must hold a Release build of the targets fairqm and
# vault_decrypt_raw (-DFAIRQM_BENCH=ON). Needs wrk (4.x), curl, jq, and
# /usr/sbin/nginx for the static-file baseline. Everything is made in a fresh
# temporary directory (a demo data directory, the server's log, nginx's
# config), and removed at the end together with the server and nginx the
# script started; nothing is written into the repository. Run it twice and
# you get two independent runs.
#
# What it measures (see docs/benchmarks.md, "HTTP API"):
#   1. an authenticated JSON read (GET /api/v1/session, and GET
#      /api/v1/me/recordings, which reads the catalogue) at 64 connections,
#      for each --io-threads/--workers pair in CONFIGS;
#   2. the capture decision (POST /api/v1/captures) at a fixed rate of
#      CAPTURE_CONNECTIONS x 1000 / CAPTURE_DELAY_MS requests per second;
#   3. range streaming of one large opaque recording (a screen recording,
#      video/webm, LARGE_MIB MiB) in 1 MiB slices, against (a) one process
#      decrypting the same recording with the vault alone (vault_decrypt_raw)
#      and (b) nginx serving the decrypted bytes as a static file, with the
#      same wrk command.
#
# Settings (environment): DURATION (20s), CONFIGS ("1/2 2/2 1/3 2/4", io/workers),
# CAPTURE_CONNECTIONS (20), CAPTURE_DELAY_MS (20), LARGE_MIB (64),
# RANGE_CONNECTIONS (8), SLICE_BYTES (1048576), WRK_THREADS (2), FAIRQM (the
# server binary, default BUILD_DIR/src/cli/fairqm), NGINX (/usr/sbin/nginx).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build/release}
[[ "$BUILD" = /* ]] || BUILD="$REPO/$BUILD"
FAIRQM=${FAIRQM:-$BUILD/src/cli/fairqm}
RAW="$BUILD/bench/vault_decrypt_raw"
LUA="$REPO/bench/http"
NGINX=${NGINX:-/usr/sbin/nginx}

DURATION=${DURATION:-20s}
CONFIGS=${CONFIGS:-"1/2 2/2 1/3 2/4"}
CAPTURE_CONNECTIONS=${CAPTURE_CONNECTIONS:-20}
CAPTURE_DELAY_MS=${CAPTURE_DELAY_MS:-20}
LARGE_MIB=${LARGE_MIB:-64}
RANGE_CONNECTIONS=${RANGE_CONNECTIONS:-8}
SLICE_BYTES=${SLICE_BYTES:-1048576}
WRK_THREADS=${WRK_THREADS:-2}
PASSWORD="fairqm-demo-2026"

for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "http_bench: $tool is required" >&2; exit 2; }
done
[[ -x "$FAIRQM" ]] || { echo "http_bench: no fairqm binary in $BUILD" >&2; exit 2; }
[[ -x "$RAW" ]] || { echo "http_bench: no vault_decrypt_raw in $BUILD (FAIRQM_BENCH=ON)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fairqm-http-bench.XXXXXX")
DATA="$WORK/data"
SERVER_PID=""
NGINX_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
cleanup() {
  stop_server
  if [[ -n "$NGINX_PID" ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[http_bench] %s\n' "$*" >&2; }

# A free loopback port (the kernel picks one; there is a small race until the
# server binds it, acceptable for a hand-run benchmark).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

# start_server IO WORKERS
start_server() {
  stop_server
  "$FAIRQM" --data "$DATA" serve --listen "127.0.0.1:$PORT" --io-threads "$1" --workers "$2" \
    >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -sf "$BASE/healthz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "http_bench: the server did not start; its log:" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
}

# After a load run: a server that died is an error, with its log.
check_server() {
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "http_bench: the server died during the run; its log:" >&2
    tail -20 "$WORK/server.log" >&2
    exit 1
  fi
}

# login USER -> prints "COOKIE_VALUE CSRF_TOKEN"
login() {
  local jar="$WORK/jar-$1" body
  body=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session") || {
    echo "http_bench: login as $1 failed" >&2; exit 1; }
  local cookie
  cookie=$(awk '$6 == "fqm_session" { print $7 }' "$jar")
  [[ -n "$cookie" ]] || { echo "http_bench: no fqm_session cookie for $1" >&2; exit 1; }
  echo "$cookie $(jq -r '.csrf_token // ""' <<<"$body")"
}

# wrk_field OUTPUT NAME: a "name=value" line printed by a Lua done().
wrk_field() { sed -n "s/^$2=//p" <<<"$1" | tail -1; }
# wrk's own summary: Requests/sec and the 99% latency in ms.
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' <<<"$1"; }
wrk_ms() {
  # "     99%   12.34ms" / "1.23s" / "512.00us"
  awk -v p="$2" '$1 == p {
      v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
      if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000;
      printf "%.2f", v }' <<<"$1"
}
wrk_non2xx() { awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$1"; }

SUMMARY=()
# A result line: printed at once (stderr) and again in the final summary.
row() {
  SUMMARY+=("$(printf '%-44s %s' "$1" "$2")")
  log "${SUMMARY[-1]}"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(date -u +%Y-%m-%dT%H:%MZ), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"

# ---------------------------------------------------------------------------
log "building the demo data directory in $DATA"
"$FAIRQM" --data "$DATA" demo --days 3 --seed 1 >"$WORK/demo.log" 2>&1 || {
  tail -20 "$WORK/demo.log" >&2; exit 1; }
CAPTURE_TOKEN=$(tr -d '[:space:]' <"$DATA/demo-capture-token")
# Agents the capture gate knows, with their first business line (read-only
# from the catalogue: the API has no endpoint that lists line numbers).
agents_of() {  # agents_of [TEAM_ID...] -> "external_id line_number" lines
  local teams=""
  if (($# > 0)); then teams=" AND e.team_id IN ($(printf "'%s'," "$@" | sed 's/,$//'))"; fi
  sqlite3 -readonly -separator ' ' "$DATA/catalogue.sqlite" \
    "SELECT e.external_id, l.number FROM employees e
       JOIN employee_lines el ON el.employee_id = e.id JOIN lines l ON l.id = el.line_id
      WHERE e.function = 'agent' AND e.customer_contact = 1 AND e.protected_role = 'none'
        AND e.leave_date IS NULL AND l.kind = 'business'$teams
      GROUP BY e.id ORDER BY e.external_id"
}
command -v sqlite3 >/dev/null || { echo "http_bench: sqlite3 is required" >&2; exit 2; }

# decide AGENT LINE CHANNEL PURPOSE [MEDIA_TYPE] -> the gate's JSON answer
decide() {
  local media=""
  [[ -n "${5:-}" ]] && media=",\"media_type\":\"$5\""
  curl -sf -H "Authorization: Bearer $CAPTURE_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"agent\":\"$1\",\"line\":\"$2\",\"channel\":\"$3\",\"purpose\":\"$4\",\"announced\":true$media}" \
    "$BASE/api/v1/captures"
}

# ---------------------------------------------------------------------------
# 1. Authenticated JSON reads, per --io-threads/--workers pair.
best_rps=0
best_config=""
for config in $CONFIGS; do
  io=${config%/*}
  workers=${config#*/}
  start_server "$io" "$workers"
  read -r AGENT_COOKIE _ <<<"$(login agent)"
  for path in /api/v1/session /api/v1/me/recordings; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: fqm_session=$AGENT_COOKIE" "$BASE$path")
    if [[ "$code" != 200 ]]; then
      row "GET $path io=$io workers=$workers" "skipped: HTTP $code"
      continue
    fi
    wrk -t"$WRK_THREADS" -c64 -d2s -H "Cookie: fqm_session=$AGENT_COOKIE" "$BASE$path" >/dev/null
    log "wrk -t$WRK_THREADS -c64 -d$DURATION --latency GET $path (io $io, workers $workers)"
    out=$(wrk -t"$WRK_THREADS" -c64 -d"$DURATION" --latency -H "Cookie: fqm_session=$AGENT_COOKIE" \
      "$BASE$path")
    check_server
    rps=$(wrk_rps "$out")
    errors=$(wrk_non2xx "$out")
    row "GET $path io=$io workers=$workers" \
      "$(printf '%8.0f req/s  p50 %6s ms  p99 %6s ms%s' "$rps" "$(wrk_ms "$out" 50%)" \
        "$(wrk_ms "$out" 99%)" "${errors:+  non-2xx $errors}")"
    if [[ "$path" == /api/v1/session ]] && awk -v a="$rps" -v b="$best_rps" 'BEGIN { exit !(a > b) }'; then
      best_rps=$rps
      best_config=$config
    fi
  done
done
row "best for GET /api/v1/session" "io/workers = $best_config (target >= 5000 req/s, p99 < 20 ms)"

# The rest runs on the best pair.
start_server "${best_config%/*}" "${best_config#*/}"

# ---------------------------------------------------------------------------
# 3a (first, before the capture test uses up the sample): one LARGE screen
# recording for the coach (the demo's regulation allows screen only for
# coaching; "coach" is authorised for coaching in two teams).
read -r MANAGER_COOKIE _ <<<"$(login manager)"
read -r COACH_COOKIE _ <<<"$(login coach)"
COACH_ID=$(curl -sf -H "Cookie: fqm_session=$COACH_COOKIE" "$BASE/api/v1/session" | jq -r '.account.employee_id')
mapfile -t COACH_TEAMS < <(curl -sf -H "Cookie: fqm_session=$MANAGER_COOKIE" "$BASE/api/v1/authorisations" |
  jq -r --arg m "$COACH_ID" '.items[] | select(.monitor_id == $m and .active and (.purposes | index("coaching"))) | .team_ids[]' | sort -u)
TICKET=""
LARGE_AGENT=""
LARGE_LINE=""
while read -r ext line && [[ -z "$TICKET" ]]; do
  for _ in $(seq 1 200); do
    answer=$(decide "$ext" "$line" screen coaching video/webm) || break
    if [[ $(jq -r .decision <<<"$answer") == record ]]; then
      TICKET=$(jq -r .ticket <<<"$answer")
      LARGE_AGENT=$ext
      LARGE_LINE=$line
      break
    fi
    rule=$(jq -r .rule <<<"$answer")
    [[ "$rule" == KSF-3.6 ]] || break  # refused for another reason: next agent
  done
done < <(agents_of "${COACH_TEAMS[@]}")
RANGE_OK=0
if [[ -z "$TICKET" ]]; then
  log "no screen capture for coaching was selected; range streaming is skipped"
else
  head -c $((LARGE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/large.webm"
  log "uploading a $LARGE_MIB MiB screen recording (ticket $TICKET)"
  uploaded=$(curl -s -H "Authorization: Bearer $CAPTURE_TOKEN" \
    -F "metadata={\"agent\":\"$LARGE_AGENT\",\"line\":\"$LARGE_LINE\",\"channel\":\"screen\",\"purpose\":\"coaching\",\"announced\":true,\"media_type\":\"video/webm\",\"ticket\":\"$TICKET\"};type=application/json" \
    -F "content=@$WORK/large.webm;type=video/webm" "$BASE/api/v1/recordings")
  RECORDING=$(jq -r '.id // empty' <<<"$uploaded")
  [[ -n "$RECORDING" ]] || { echo "http_bench: upload failed: $uploaded" >&2; exit 1; }
  RANGE_OK=1
fi

# ---------------------------------------------------------------------------
# 2. Capture decisions at a fixed rate: every agent the gate knows, rotating
# over the three purposes, voice.
agents_of | while read -r ext line; do
  for purpose in coaching assessment quality; do
    printf '{"agent":"%s","line":"%s","channel":"voice","purpose":"%s","announced":true,"customer_number":"+31 6 1234 5678"}\n' \
      "$ext" "$line" "$purpose"
  done
done >"$WORK/capture-bodies.jsonl"
target_rate=$((CAPTURE_CONNECTIONS * 1000 / CAPTURE_DELAY_MS))
log "wrk capture decisions: $CAPTURE_CONNECTIONS connections x ${CAPTURE_DELAY_MS} ms ($target_rate/s) for $DURATION"
out=$(FQM_BODIES="$WORK/capture-bodies.jsonl" FQM_DELAY_MS=$CAPTURE_DELAY_MS \
  wrk -t"$WRK_THREADS" -c"$CAPTURE_CONNECTIONS" -d"$DURATION" --latency -s "$LUA/capture.lua" \
  -H "Authorization: Bearer $CAPTURE_TOKEN" "$BASE/api/v1/captures")
check_server
row "POST /api/v1/captures at ~$target_rate/s" \
  "$(printf '%8.0f req/s  p50 %6s ms  p99 %6s ms  (target p99 < 5 ms)' "$(wrk_field "$out" capture_rate)" \
    "$(wrk_field "$out" capture_p50_ms)" "$(wrk_field "$out" capture_p99_ms)")"
while read -r outcome; do
  [[ -n "$outcome" ]] && row "  $outcome" ""
done < <(grep '^outcome ' <<<"$out" | sed 's/^outcome //')

# ---------------------------------------------------------------------------
# 3. Range streaming.
if ((RANGE_OK)); then
  SIZE=$(stat -c %s "$WORK/large.webm")
  # (a) the ceiling: the vault alone, one core; it also writes the decrypted
  # bytes for nginx and for checking what the server sends.
  mkdir -p "$WORK/www"
  raw=$("$RAW" "$DATA/vault" "$RECORDING" --repeat 5 --slice "$SLICE_BYTES" --out "$WORK/www/large.webm")
  cmp -s "$WORK/www/large.webm" "$WORK/large.webm" || { echo "http_bench: the vault returned other bytes" >&2; exit 1; }
  raw_whole=$(wrk_field "$raw" whole_mb_s)
  raw_slice=$(wrk_field "$raw" per_slice_mb_s)
  row "vault_decrypt_raw, one reader (1 core)" "$(printf '%8.1f MB/s' "$raw_whole")"
  row "vault_decrypt_raw, reader per slice" "$(printf '%8.1f MB/s' "$raw_slice")"

  CONTENT="/api/v1/recordings/$RECORDING/content?purpose=coaching&access=listen"
  curl -s -o "$WORK/slice" -H "Cookie: fqm_session=$COACH_COOKIE" -H "Range: bytes=$SLICE_BYTES-$((2 * SLICE_BYTES - 1))" \
    -w '%{http_code}' "$BASE$CONTENT" >"$WORK/slice.code" || true
  if [[ $(cat "$WORK/slice.code") == 206 ]] &&
    cmp -s "$WORK/slice" <(tail -c +$((SLICE_BYTES + 1)) "$WORK/large.webm" | head -c "$SLICE_BYTES"); then
    log "wrk ranged GETs of $SLICE_BYTES bytes, $RANGE_CONNECTIONS connections, fairqm"
    out=$(FQM_SIZE=$SIZE FQM_SLICE=$SLICE_BYTES wrk -t"$WRK_THREADS" -c"$RANGE_CONNECTIONS" -d"$DURATION" \
      --latency -s "$LUA/range.lua" -H "Cookie: fqm_session=$COACH_COOKIE" "$BASE$CONTENT")
    check_server
    server_mb=$(wrk_field "$out" range_mb_s)
    row "fairqm ranged GET ($SLICE_BYTES B, c=$RANGE_CONNECTIONS)" \
      "$(printf '%8.1f MB/s  %6.0f req/s  p99 %s ms  errors %s' "$server_mb" \
        "$(wrk_field "$out" range_requests_s)" "$(wrk_field "$out" range_p99_ms)" "$(wrk_field "$out" range_errors)")"
    row "  ratio fairqm / raw (one reader)" "$(awk -v a="$server_mb" -v b="$raw_whole" 'BEGIN { printf "%.2f (target >= 0.7)", a / b }')"
  else
    server_mb=""
    row "fairqm ranged GET" "FAILED: HTTP $(cat "$WORK/slice.code"), $(head -c 200 "$WORK/slice" | tr -cd '[:print:]')"
  fi
  stop_server

  # (b) nginx serving the decrypted bytes as a static file, same wrk command.
  if [[ -x "$NGINX" ]]; then
    # nginx's workers drop root for "nobody": let them reach the one file
    # (the data directory keeps its own 0700).
    chmod 0711 "$WORK"
    chmod 0755 "$WORK/www"
    chmod 0644 "$WORK/www/large.webm"
    NGINX_PORT=$(free_port)
    mkdir -p "$WORK/nginx"
    cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
CONF
    "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx/stdout.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 50); do
      curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$NGINX_PORT/large.webm" && break
      sleep 0.1
    done
    code=$(curl -s -o "$WORK/slice" -w '%{http_code}' -H "Range: bytes=$SLICE_BYTES-$((2 * SLICE_BYTES - 1))" \
      "http://127.0.0.1:$NGINX_PORT/large.webm" || true)
    if [[ "$code" != 206 ]] ||
      ! cmp -s "$WORK/slice" <(tail -c +$((SLICE_BYTES + 1)) "$WORK/large.webm" | head -c "$SLICE_BYTES"); then
      echo "http_bench: nginx answered HTTP $code to a range; its error log:" >&2
      tail -5 "$WORK/nginx/error.log" >&2
      exit 1
    fi
    log "wrk ranged GETs of $SLICE_BYTES bytes, $RANGE_CONNECTIONS connections, nginx"
    out=$(FQM_SIZE=$SIZE FQM_SLICE=$SLICE_BYTES wrk -t"$WRK_THREADS" -c"$RANGE_CONNECTIONS" -d"$DURATION" \
      --latency -s "$LUA/range.lua" "http://127.0.0.1:$NGINX_PORT/large.webm")
    nginx_mb=$(wrk_field "$out" range_mb_s)
    row "nginx ranged GET, static file (sendfile)" \
      "$(printf '%8.1f MB/s  %6.0f req/s  p99 %s ms  errors %s' "$nginx_mb" \
        "$(wrk_field "$out" range_requests_s)" "$(wrk_field "$out" range_p99_ms)" "$(wrk_field "$out" range_errors)")"
    if [[ -n "$server_mb" ]]; then
      row "  ratio fairqm / nginx" "$(awk -v a="$server_mb" -v b="$nginx_mb" 'BEGIN { printf "%.2f", a / b }')"
    fi
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  else
    row "nginx" "skipped: $NGINX not found"
  fi
fi
stop_server

echo
echo "summary (wrk -t$WRK_THREADS, $DURATION per run)"
printf '%s\n' "${SUMMARY[@]}"
