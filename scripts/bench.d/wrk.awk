# Reads the output of one `wrk --latency` run and prints one tab-separated line:
#   ok_rps  p50_ms  p99_ms  errors  requests  seconds
# ok_rps counts only 2xx/3xx answers that came within wrk's --timeout; errors = socket errors
# (connect, read, write, timeout) plus non-2xx/3xx answers. Prints nothing when the output has no
# "requests in" line (wrk failed).
# wrk 4 counts a timeout when an answer arrives later than --timeout (that answer is also in
# "requests"); a request still unanswered when the run ends is counted nowhere.

# wrk prints durations as 1.23us, 4.56ms, 7.89s, 1.00m or 2.00h.
function to_ms(v,    n, unit) {
    n = v + 0
    unit = v
    sub(/^[0-9.]+/, "", unit)
    if (unit == "us") return n / 1000
    if (unit == "ms") return n
    if (unit == "s") return n * 1000
    if (unit == "m") return n * 60000
    if (unit == "h") return n * 3600000
    return -1
}

/^ +50% / { p50 = to_ms($2) }
/^ +99% / { p99 = to_ms($2) }

# "  70291 requests in 3.01s, 10.52MB read"
/ requests in / {
    requests = $1
    d = $4
    sub(/,$/, "", d)
    seconds = to_ms(d) / 1000
    seen = 1
}

# "  Socket errors: connect 0, read 12, write 0, timeout 3"
/^ +Socket errors:/ {
    for (i = 3; i <= NF; i += 2) { v = $(i + 1); sub(/,$/, "", v); socket += v; if ($i == "timeout") late = v }
}

# "  Non-2xx or 3xx responses: 5"
/^ +Non-2xx or 3xx responses:/ { bad = $NF }

# "Requests/sec:  23361.18": every answer, good or bad, per second of the run
/^Requests\/sec:/ { rps = $2 }

END {
    if (!seen) exit 1
    good = requests - bad - late
    ok = (requests > 0 && good > 0) ? rps * good / requests : 0
    printf "%.1f\t%.3f\t%.3f\t%d\t%d\t%.2f\n", ok, p50, p99, socket + bad, requests, seconds
}
