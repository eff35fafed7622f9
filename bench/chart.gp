# chart.gp - gnuplot script for build/bench/chart.svg, called by bench/run.sh
# with data='build/bench/ratios.dat' out='build/bench/chart.svg'.  One bar
# per (metric, baseline): asyncc's cost divided by the baseline's (for
# throughputs, the baseline's rate over asyncc's), on a log scale; below
# the line at 1, asyncc is cheaper.
set terminal svg size 1300,760 dynamic font "sans,10"
set output out
set title "asyncc cost / baseline cost (below 1: asyncc cheaper), one run of make bench"
set logscale y 10
set yrange [0.01:100]
set grid ytics
set ylabel "ratio (log scale)"
set xtics rotate by -40 left noenhanced
set bmargin 19
set rmargin 14
set style fill solid 0.6 border -1
set boxwidth 0.7
set key off
plot data using 0:2:xtic(1) with boxes lc rgb "#4a7ab5", \
     1 with lines lc rgb "#c03030" lw 1.5, \
     data using 0:2:(sprintf("%.2f", $2)) with labels offset 0,0.6 font ",8"
