-- wrk script for bench/http_bench.sh: ranged GETs over one file.
--
-- Each request asks for the next FQM_SLICE bytes (default 1 MiB) of a file of
-- FQM_SIZE bytes with "Range: bytes=first-last", wrapping at the end, so the
-- whole file is read over and over in slices, as a player or a download
-- manager would. FQM_SLICE=0 asks for the whole file without a Range header.
-- The same script drives fairqm and nginx, so both serve the same requests.
-- Headers given with -H (the session cookie) are kept.
--
-- At the end it prints the bytes received per second (wrk's count, headers
-- included: ~300 bytes per 1 MiB slice) and the count of error statuses.
-- There is deliberately no response() callback: with one, wrk copies every
-- body into Lua, which would cost the client (on the same cores) a memcpy per
-- slice. The script checks the status of one request with curl instead.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  size = tonumber((assert(os.getenv("FQM_SIZE"), "FQM_SIZE is required")))
  slice = tonumber(os.getenv("FQM_SLICE") or tostring(1024 * 1024))
  -- threads start at different places so they do not read the same slice
  first = 0
  if slice > 0 then first = (id * 17 * slice) % size end
  -- wrk.format replaces wrk.headers (the -H ones) when given a table: copy them
  headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
end

function request()
  if slice == 0 then
    return wrk.format("GET")
  end
  local last = math.min(first + slice, size) - 1
  headers["Range"] = string.format("bytes=%d-%d", first, last)
  first = last + 1
  if first >= size then first = 0 end
  return wrk.format("GET", nil, headers)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("range_requests_s=%.1f\n", summary.requests / seconds))
  io.write(string.format("range_mb_s=%.1f\n", summary.bytes / 1e6 / seconds))
  io.write(string.format("range_p50_ms=%.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("range_p99_ms=%.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("range_errors=%d\n", summary.errors.status + summary.errors.connect +
                          summary.errors.read + summary.errors.write + summary.errors.timeout))
end
