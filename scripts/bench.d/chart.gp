# Bar chart of req/s, one panel per scenario, drawn by scripts/bench:
#   gnuplot -e "out='x.png'; dir='DIR'; n=3" chart.gp
# DIR/chart-1.dat .. chart-n.dat: a first line "# <panel title>", optionally "# ideal <req/s>" (drawn
# as a dashed line), then one line per row:
#   "<label>" <ok req/s> <1 if warcorn else 0> "<text above the bar>"
# One panel per scenario because their scales differ by two orders of magnitude.

set terminal pngcairo size 1100, 320 * n font "DejaVu Sans,10"
set output out
set multiplot layout n, 1
set style fill solid 0.85 border -1
set boxwidth 0.6
set grid ytics lc rgb "#dddddd"
set ylabel "req/s (2xx/3xx answers)"
set offsets 0.5, 0.5, 0, 0
set xtics nomirror scale 0
set ytics nomirror
set border 3
set key off
do for [i = 1:n] {
    f = sprintf("%s/chart-%d.dat", dir, i)
    set title system(sprintf("sed -n '1s/^# //p' '%s'", f))
    ideal = system(sprintf("sed -n 's/^# ideal //p' '%s'", f))
    unset arrow
    unset label
    set autoscale y   # the panel before set a range; stats would drop this panel's points outside it
    stats f using 2 nooutput
    if (STATS_records > 7) { set xtics rotate by 15 right } else { set xtics norotate center }   # long rows overlap
    top = (ideal ne "" && real(ideal) > STATS_max) ? real(ideal) : STATS_max
    set yrange [0:(top > 0 ? 1.15 * top : 1)]   # room for the labels; 0..1 when every row skipped
    if (ideal ne "") {
        set arrow from graph 0, first real(ideal) to graph 1, first real(ideal) nohead dt 2 lc rgb "#b03030"
        set label sprintf("best possible: %s req/s", ideal) at graph 0.01, first real(ideal) offset 0, 0.6 \
            tc rgb "#b03030" font ",9"
    }
    plot f using 0:2:($3 > 0 ? 0x2f6fb0 : 0x9a9a9a):xtic(1) with boxes lc rgb variable, \
         f using 0:2:4 with labels offset 0, 0.8 font ",9"
}
unset multiplot
