# Renders results.tsv (written by scripts/bench) as a markdown table. Run it with the file named
# twice: the first pass finds each scenario's best peer, the second prints the rows.
# Columns: row server class scenario_id scenario_label status ok_rps p50_ms p99_ms errors requests
#          note is_warcorn peak_rss_kb warm_secs
# With -v slow_secs=N, a slow-upstream row also shows its req/s over the best possible for its
# concurrency c (each answer takes 1 s; the one due as the run ends is cut off): c * (N - 1) / N.
# "vs best peer" divides a row's req/s by the best req/s among the rows that are not warcorn in the
# same scenario of this run, so the best peer reads 1.00 and warcorn above 1.00 beats every peer.

BEGIN { FS = "\t" }

function num(v) { return v < 100 ? sprintf("%.1f", v) : sprintf("%.0f", v) }

function ms(v) {
    if (v >= 1000) return sprintf("%.2f s", v / 1000)
    if (v >= 100) return sprintf("%.0f ms", v)
    if (v >= 10) return sprintf("%.1f ms", v)
    return sprintf("%.2f ms", v)
}

FNR == NR {
    if ($6 == "ok" && $13 == 0 && $7 > best[$4]) best[$4] = $7
    next
}

FNR == 1 {
    print "| Server | Worker class | Scenario | req/s | p50 | p99 | Errors | vs best peer | of best possible | peak RSS | warm-up | Notes |"
    print "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
}

{
    if ($6 != "ok") {
        printf "| %s | %s | %s | %s | — | — | — | — | — | — | — | %s: %s |\n", $2, $3, $5, $6, $6, $12
        next
    }
    ratio = best[$4] > 0 ? sprintf("%.2f", $7 / best[$4]) : "—"
    if ($13 == 0 && $7 == best[$4]) ratio = ratio " (best peer)"
    p50 = $11 > 0 && $8 > 0 ? ms($8) : "—"
    p99 = $11 > 0 && $9 > 0 ? ms($9) : "—"
    bound = "—"
    if ($4 ~ /^slow/ && slow_secs > 1) {
        c = substr($4, 5) + 0
        bound = sprintf("%.2f", $7 / (c * (slow_secs - 1) / slow_secs))
    }
    rss = $14 > 0 ? sprintf("%d MB", $14 / 1024) : "—"
    warm = $15 != "" && $15 != "0" ? $15 " s" : "—"
    printf "| %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |\n", $2, $3, $5, num($7), p50, p99, $10, ratio, bound, rss, warm, $12
}
