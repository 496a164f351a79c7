-- Prints one JSON line at the end of a wrk run: throughput, latency percentiles (ms) and errors.
-- Used by scripts/bench.sh for every closed-loop measurement.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
