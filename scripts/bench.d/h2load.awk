# Reads the output of one h2load run and prints the same tab-separated line as wrk.awk:
#   ok_rps  p50_ms  p99_ms  errors  requests  seconds
# h2load gives no latency percentiles, so p50 and p99 are 0 (shown as "—"); ok_rps counts 2xx/3xx
# answers per second; errors = failed, errored and timed-out requests plus non-2xx/3xx answers.
# Prints nothing when the output has no "finished in" line (h2load failed).

# "finished in 10.00s, 41234.50 req/s, 1.23MB/s"
/^finished in / { s = $3; sub(/s,$/, "", s); if (s ~ /m$/) { sub(/m$/, "", s); s = s / 1000 } seconds = s + 0 }
# "requests: 412345 total, 412345 started, 412345 done, 412345 succeeded, 0 failed, 0 errored, 0 timeout"
/^requests: / { requests = $2; failed = $10 + $12 + $14 }
# "status codes: 412345 2xx, 0 3xx, 0 4xx, 0 5xx"
/^status codes: / { ok = $3 + $5; bad = $7 + $9 }
END {
    if (seconds <= 0) exit 1
    printf "%.1f\t0\t0\t%d\t%d\t%.2f\n", ok / seconds, failed + bad, requests, seconds
}
