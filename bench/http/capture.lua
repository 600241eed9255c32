-- wrk script for bench/http_bench.sh: capture decisions at a fixed rate.
--
-- wrk has no rate option, so every connection waits FQM_DELAY_MS (default 20)
-- before each request: C connections give at most C * 1000 / FQM_DELAY_MS
-- requests per second (20 connections x 20 ms = 1,000/s), less if a response
-- takes longer than the delay's share. Bodies are the lines of the file
-- FQM_BODIES (one contact-metadata JSON per line), taken round-robin per
-- thread. The Bearer token comes from the command line (-H "Authorization:
-- Bearer ...").
--
-- At the end it prints the outcomes: "record" (selected: a contact and a
-- ticket written), "do_not_record" with the rule, and non-200 statuses.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  local path = os.getenv("FQM_BODIES")
  local f = assert(io.open(path, "r"), "FQM_BODIES: cannot open " .. tostring(path))
  for line in f:lines() do
    if #line > 0 then table.insert(bodies, line) end
  end
  f:close()
  assert(#bodies > 0, "FQM_BODIES is empty")
  next_body = (id * 7919) % #bodies
  pause = tonumber(os.getenv("FQM_DELAY_MS") or "20")
  outcomes = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function delay()
  return pause
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end

function response(status, headers, body)
  local key
  if status ~= 200 then
    key = "http " .. status
  elseif body:find('"decision":"record"', 1, true) then
    key = "record"
  else
    key = "do_not_record " .. (body:match('"rule":"([^"]*)"') or "?")
  end
  outcomes[key] = (outcomes[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    -- thread:get copies the thread's table into this Lua state
    for k, v in pairs(thread:get("outcomes") or {}) do
      total[k] = (total[k] or 0) + v
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("capture_rate=%.1f\n", summary.requests / seconds))
  io.write(string.format("capture_p50_ms=%.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("capture_p99_ms=%.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("capture_max_ms=%.3f\n", latency.max / 1000))
  local keys = {}
  for k in pairs(total) do table.insert(keys, k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    io.write(string.format("outcome %s: %d\n", k, total[k]))
  end
end
