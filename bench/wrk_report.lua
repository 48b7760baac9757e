-- wrk reports its own summary; this prints the numbers the benchmark table needs as one line
-- of JSON (latencies in microseconds), for bench/run.py to read.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "errors": %d, "p50": %d, "p95": %d, "max": %d}\n',
    summary.requests, seconds, errors, latency:percentile(50), latency:percentile(95), latency.max))
end
