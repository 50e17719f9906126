-- wrk script: POST /v1/search with the queries of queries.txt in turn, each thread from its own
-- offset; the summary line counts every error wrk saw (non-2xx/3xx answers and socket errors).
-- Usage: wrk -t2 -c4 -d30s --latency -s search.lua http://127.0.0.1:8080 -- [pipeline] [k]
local queries = {}
for line in io.lines((os.getenv("LSR_QUERIES") or "server/loadtest/queries.txt")) do
  if #line > 0 then table.insert(queries, line) end
end
local counter = 0
local pipeline, k

function init(args)
  pipeline = args[1]
  k = tonumber(args[2] or "10")
  counter = math.random(#queries)
end

local function escape(s)
  return (s:gsub('\\', '\\\\'):gsub('"', '\\"'))
end

function request()
  counter = counter % #queries + 1
  local body = '{"query": "' .. escape(queries[counter]) .. '", "k": ' .. k
  if pipeline and #pipeline > 0 then body = body .. ', "pipeline": "' .. pipeline .. '"' end
  body = body .. '}'
  return wrk.format("POST", "/v1/search", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
