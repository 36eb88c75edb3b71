# flamegraph.pl (brendangregg/FlameGraph) on differential.folded, default options: one line per frame,
# "name x width" of its rect, sorted. Made with:
#   perl flamegraph.pl differential.folded | grep -o '<title>[^<]*</title><rect x="[^"]*" y="[^"]*" width="[^"]*"' \
#     | sed -E 's/<title>([^ ]*) .*<rect x="([^"]*)" y="([^"]*)" width="([^"]*)"/\1 \2 \4/' | sort
all 10.0 1180.0
build_tree 157.5 109.3
draw 583.6 218.5
gc 59.2 98.3
idle 802.1 5.5
lex 266.8 300.4
main 10.0 792.1
parse 157.5 409.7
render 567.2 234.9
run 807.6 382.4
task 851.3 338.7
worker 802.1 387.9
