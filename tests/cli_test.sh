#!/usr/bin/env bash
# End-to-end test of the `fairqm` command over a real data directory: the
# exit codes (0 ok, 1 refused by the regulation, 2 bad input), refusals naming
# their rule, nothing stored for bad or refused content, the audit chain, and
# a small demo centre with the report, register, sweep and AVG-15 export.
# Usage: cli_test.sh PATH/TO/fairqm
set -u
fairqm="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name="$1" expected="$2"
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local code=$?
  if [ "$code" -eq "$expected" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $code, expected $expected"
    sed 's/^/  | /' "$work/out" "$work/err" | head -20
  fi
}

contains() {  # contains NAME FILE TEXT
  if grep -q -- "$3" "$2"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: '$3' not in $2"
    sed 's/^/  | /' "$2" | head -20
  fi
}

d="$work/data"
q="$fairqm --data $d"

check init 0 $q init
check init-again-refused 2 $q init
check bad-flag 2 $q --no-such-flag init

# A regulation with one purpose and nothing of the necessity and legal ground.
cat >"$work/thin.toml" <<'TOML'
title = "Dunne regeling"
[[purposes]]
purpose = "coaching"
frequency_quota = 4
TOML
check import-thin 0 $q --json regulation import "$work/thin.toml"
thin=$(sed -n 's/.*"id": "\(reg-[0-9a-f]*\)".*/\1/p' "$work/out" | head -1)
check missing-lists 0 $q --lang en regulation missing "$thin"
contains missing-names-KSF-2.1-interest "$work/out" "KSF-2.1-interest"
contains missing-names-KSF-3.5 "$work/out" "KSF-3.5"
# KSF-2.1-interest: an incomplete regulation cannot be submitted (exit 1).
check submit-thin-refused 1 $q regulation submit "$thin"
contains submit-refusal-names-rule "$work/err" "KSF-"
# KSF-3.1: no active regulation, no capture.
cat >"$work/contact.json" <<'JSON'
{"agent": "1001", "line": "2101", "purpose": "coaching", "announced": true,
 "customer_number": "+31 6 1234 5678"}
JSON
check capture-without-regulation 1 $q capture decide --meta "$work/contact.json"
contains capture-refusal-KSF-3.1 "$work/err" "KSF-3.1"
# Bad input is exit 2 and names the problem.
echo '{"agent": "1001", "purpose": "evidence"}' >"$work/bad.json"
check metadata-bad-purpose 2 $q capture decide --meta "$work/bad.json"
contains metadata-names-field "$work/err" "purpose"
echo "not,a,csv" >"$work/bad.csv"
check employees-bad-csv 2 $q employees import "$work/bad.csv"
check regulation-missing-file 2 $q regulation import "$work/nope.toml"
# Corrupt audio is refused and nothing is stored.
head -c 5000 /dev/urandom >"$work/noise.wav"
check ingest-corrupt 2 $q ingest "$work/noise.wav" --meta "$work/contact.json"
if [ -z "$(ls -A "$d/vault/content" 2>/dev/null)" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL ingest-corrupt left content behind"; fi
# AVG-5-minimal: the customer's number is nowhere in the data directory.
if grep -rq "12345678" "$d" 2>/dev/null; then
  failed=$((failed + 1)); echo "FAIL AVG-5-minimal: the customer number is stored"
else passed=$((passed + 1)); fi
check audit-verify 0 $q audit verify
contains audit-intact "$work/out" "intact"

# A small demo centre: report, register, sweep, export.
dd="$work/demo"
check demo 0 "$fairqm" --data "$dd" demo --days 3 --today 2026-11-27 --seed 7
check demo-report 0 "$fairqm" --data "$dd" report works-council
contains report-is-dutch "$work/out" "ondernemingsraad"
check demo-report-json 0 "$fairqm" --data "$dd" --json report works-council
check demo-register 0 "$fairqm" --data "$dd" --lang en register
contains register-names-controller "$work/out" "Klantcontact Nederland"
check demo-sweep 0 "$fairqm" --data "$dd" sweep
check demo-sweep-again 0 "$fairqm" --data "$dd" --json sweep
check demo-audit 0 "$fairqm" --data "$dd" audit verify
check demo-export-refuses-existing 2 "$fairqm" --data "$dd" export subject --customer "+31 6 12345678" --out "$dd"
check demo-export-customer 0 "$fairqm" --data "$dd" export subject --customer "+31 6 12345678" --out "$work/export-c"
if [ -f "$work/export-c/index.json" ] && ! grep -q "12345678" "$work/export-c/index.json"; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL AVG-15 customer export"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
