# Renders results.tsv (written by scripts/bench) as the short table of docs/worker-classes.md: one line
# per scenario, warcorn's three classes in columns, the peers of the same scenario in the last one.
# Columns of results.tsv: see table.awk. A row that did not run reads its status; a row with errors
# shows them in parentheses.

BEGIN {
    FS = "\t"
    n = split("hello hello1 slow200 slow1000 slow5000 slow10000", order, " ")
    title["hello"] = "hello, 64 connections"
    title["hello1"] = "hello, `-w 1`"
    title["slow200"] = "1 s upstream, 200 clients"
    title["slow1000"] = "1 s upstream, 1000 clients"
    title["slow5000"] = "1 s upstream, 5000 clients"
    title["slow10000"] = "1 s upstream, 10000 clients"
}

function thousands(v,    s, out) {
    s = sprintf("%.0f", v)
    out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    return s out
}

function cell(status, rps, errors,    text) {
    if (status != "ok") return status
    text = rps < 100 ? sprintf("%.1f", rps) : thousands(rps)
    if (errors > 0) text = text " (" thousands(errors) " errors)"
    return text
}

{
    scen = $4
    if ($2 == "warcorn -w 1") scen = scen "1"
    if ($13 == 1) {
        value[scen, $3] = cell($6, $7, $10)
    } else {
        peer = $2
        sub(/ .*/, "", peer)
        if ($3 ~ /all-virtual/) peer = peer " all-virtual"
        if (peer == "gunicorn") peer = peer " " $3
        peers[scen] = (peers[scen] == "" ? "" : peers[scen] "; ") peer " " cell($6, $7, $10)
    }
    seen[scen] = 1
}

END {
    print "| scenario | warcorn `-w 2` sync | virtual | async | peers |"
    print "|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
        s = order[i]
        if (!(s in seen)) continue
        printf "| %s | %s | %s | %s | %s |\n", title[s], \
            ((s, "sync") in value ? value[s, "sync"] : "—"), \
            ((s, "virtual") in value ? value[s, "virtual"] : "—"), \
            ((s, "async") in value ? value[s, "async"] : "—"), \
            (peers[s] == "" ? (s == "hello1" ? "(the hello peers: one JVM each)" : "—") : peers[s])
    }
}
