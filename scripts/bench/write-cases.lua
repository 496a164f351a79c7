-- 32 concurrent writers: each request creates a case, which the API routes in the same transaction
-- (routing engine, steps, change feed). Titles and external references are unique per request.
-- Set by bench.sh: KLIMA_MODEL (governance model id), KLIMA_INTEREST (an interest code of that model).
local counter = 0
local model = os.getenv("KLIMA_MODEL")
local interest = os.getenv("KLIMA_INTEREST") or "joint"
local run = os.getenv("KLIMA_RUN") or tostring(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body = string.format(
    '{"governanceModelId":"%s","title":"Benchmark case %s-%d","summary":"Created by scripts/bench.sh","interest":"%s","councilDecisionRequired":%s,"sourceSystem":"bench","externalReference":"%s-%d"}',
    model, run, counter, interest, (counter % 5 == 0) and "true" or "false", run, counter)
  return wrk.format(nil, "/api/cases", nil, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
