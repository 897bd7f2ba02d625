-- wrk script for the benchmarks: GET a random path from the file named by WRK_PATHS per
-- request, and print the latency percentiles wrk's summary does not (p95) in one line.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept-Encoding"] = "gzip" })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d non2xx=%d socket_errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
