#!/usr/bin/env bash
# Agent-scale benchmark: N simulated agents (real protocol, real TLS, pinned certificate) against one built server.
#
#   bench/agents/run.sh [--reuse] [N]
#   bench/agents/run.sh --report <run folder>     (writes a run's summary again, from its logs)
#
#   N        agents, default 19000 (the open-file limit is 20,000 per process: the server needs a few hundred more)
#   --reuse  keep the previous run's server data folder and the agents' identities: nobody enrolls, so the connect
#            phase measures reconnect (TLS + challenge/response) only. Without it the data folder is fresh and every
#            agent enrolls.
#
# Environment (all optional): BENCH_SERVER_HEAP (1g), BENCH_SERVER_OPTS (more options for the server's JVM, e.g.
# -XX:+UseZGC), BENCH_CLIENT_HEAP (4g), BENCH_CLIENT_OPTS (more options for the load generator's JVM),
# BENCH_CONCURRENCY (64 agents in their handshake at a time), BENCH_SETTLE_SECONDS (30), BENCH_WINDOW_SECONDS (120),
# BENCH_PREVIEW_BYTES (30000), BENCH_BUILD=1 (rebuild the server product first; otherwise it is built only when
# missing), BENCH_JFR=1 (a flight recording of the server during the window: allocation and CPU by code site, in the
# summary; costs the server a little CPU, so keep it off for the reference figures).
#
# Runs while holding /tmp/helmdesk-build.lock (takes it itself unless started under `flock` already), so that it
# neither fights a build or test run for the two cores nor sees the product rebuilt under it. Needs a JDK 21+, curl,
# jq and ss (Debian: curl, jq, iproute2); no root. Logs go to bench/agents/work/runs/<stamp>-<N>[-reuse]/, the summary
# to bench/results/<stamp>-<N>[-reuse].md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lock=/tmp/helmdesk-build.lock

# The summary of a run folder (client.properties, server.properties, histograms, logs) as Markdown in bench/results.
report() {
    local run=$1
    prop() { sed -n "s/^$1=//p" "$run/client.properties"; }
    sprop() { sed -n "s/^$1=//p" "$run/server.properties"; }
    online_client=$(prop window.online_end)
    agents=$(sprop agents); reuse=false; [ "$(sprop mode)" = reuse ] && reuse=true
    heap0=$(sprop heap0); heap1=$(sprop heap1); heap2=$(sprop heap2)
    rss0=$(sprop rss0); rss1=$(sprop rss1); rss2=$(sprop rss2)
    fds0=$(sprop fds0); fds1=$(sprop fds1); sock0=$(sprop sock0); sock1=$(sprop sock1)
    established=$(sprop established); online_server=$(sprop online_server)
    server_heap=$(sprop server_heap); server_opts=$(sprop server_opts)
    client_heap=$(sprop client_heap); client_opts=$(sprop client_opts)
    warnings=$( (cat "$run/server-warnings.txt" 2>/dev/null || true) | wc -l)
    per() { # delta-KB count -> KB per item with 2 decimals
        awk -v d="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f", d / n; else print "n/a" }'
    }
    heap_per_agent=$(per $((${heap1:-0} - ${heap0:-0})) "$online_client")
    heap_per_connection=$(per $((${heap1:-0} - ${heap2:-0})) "$online_client")
    rss_per_agent=$(per $((${rss1:-0} - ${rss0:-0})) "$online_client")
    mode=$($reuse && echo "reuse (reconnect only)" || echo "fresh (every agent enrolls)")

    gc_pauses() { # from-epoch-ms to-epoch-ms -> "count total-ms max-ms" of the server's GC pauses in between
        awk -v from="$1" -v to="$2" '/Pause/ {
                n = split(substr($1, 1, index($1, "ms]") - 1), parts, "["); t = parts[n] + 0
                d = $NF; sub(/ms$/, "", d); d += 0
                if (t >= from && t <= to) { count++; sum += d; if (d > max) max = d }
            }
            END { printf "%d %.1f %.1f", count, sum, max }' "$run/server-gc.log"
    }
    gc_count="not logged in this run"; gc_total=n/a; gc_max=n/a
    if grep -q 'Using The Z Garbage Collector' "$run/server-gc.log" 2>/dev/null; then
        gc_count="n/a (ZGC works concurrently; its sub-millisecond pauses are not in the gc log at this level)"
    elif [ -f "$run/server-gc.log" ] && [ -n "$(prop window.start_epoch_ms)" ]; then
        read -r gc_count gc_total gc_max <<<"$(gc_pauses "$(prop window.start_epoch_ms)" "$(prop window.end_epoch_ms)")"
    fi

    histogram_growth() { # baseline connected agents -> markdown rows, top 25 by bytes grown
        awk -v n="$3" '
            FNR == 1 { file++ }
            NF >= 4 && /^ *[0-9]+:/ { key = $4; if (file == 1) { bi[key] += $2; bb[key] += $3 } else { ci[key] += $2; cb[key] += $3 } }
            END {
                for (k in cb) { d = cb[k] - bb[k]; if (d > 0) printf "%d\t%d\t%s\n", d, ci[k] - bi[k], k }
            }' "$1" "$2" | sort -nr | sed -n '1,25p' |
            awk -F '\t' -v n="$3" '{ printf "| `%s` | %.1f | %.0f | %.2f |\n", $3, $1 / 1024 / 1024, $1 / n, $2 / n }'
    }
    histogram_total_kb() { # file -> live bytes the class histogram counted, in KB
        awk '$1 == "Total" { printf "%d", $3 / 1024 }' "$1"
    }
    live0=$(histogram_total_kb "$run/histogram-baseline.txt")
    live1=$(histogram_total_kb "$run/histogram-connected.txt")
    live2=$(histogram_total_kb "$run/histogram-after.txt")
    histogram_top() { # file -> top 20 rows
        awk 'NF >= 4 && /^ *[0-9]+:/ { printf "| `%s` | %d | %.1f |\n", $4, $2, $3 / 1024 / 1024 }' "$1" | sed -n '1,20p'
    }

    result=$root/bench/results/$(basename "$run").md
    {
        echo "# Agent-scale benchmark: $agents agents, $mode"
        echo
        echo "$(sprop date); $(sprop machine); Java $(sprop java); open files $(sprop nofile) per process."
        echo "Server product $(sprop product) (commit $(sprop commit)), heap -Xmx$server_heap${server_opts:+ $server_opts}, GC: $( (sed -n 's/.*\[gc\] Using //p' "$run/server-gc.log" 2>/dev/null || echo "G1 (the default)") | sed -n 1p); client in its own JVM (-Xmx$client_heap${client_opts:+ $client_opts}) on the same two cores."
        echo "Each agent: TLS with the pinned certificate, then $($reuse && echo "hello, welcome, challenge, authenticate, authenticated (its device id and key from the previous run)" || echo "hello, welcome, enroll, enroll result, challenge, authenticate, authenticated"), Status, then a heartbeat every $(grep -o 'heartbeat interval: [0-9]* s' "$run/client.out" | grep -o '[0-9]*' | sed -n 1p) s and a ~$(prop window.preview_bytes_avg)-byte JPEG preview every 60 s, both spread evenly over the agents."
        echo
        echo "| figure | value |"
        echo "|---|---|"
        echo "| agents requested / online at the client / listed ONLINE by the server / established sockets | $agents / $online_client / $online_server / $established |"
        echo "| connect phase: $(prop connect.kind) | $(prop connect.enrolled) enrolled, $(prop connect.reconnected) reconnected in $(prop connect.seconds) s = **$(prop connect.rate_per_s)/s** ($(prop concurrency) at a time) |"
        echo "| one agent's connect → authenticated, p50 / p99 / max | $(prop connect.latency_p50_ms) / $(prop connect.latency_p99_ms) / $(prop connect.latency_max_ms) ms |"
        if [ -n "$(prop connect.client_cpu_pct)" ]; then
            echo "| CPU during the connect phase: server / load generator | $(prop connect.server_cpu_pct) % / $(prop connect.client_cpu_pct) % of one core |"
        fi
        echo "| failed attempts / agents that gave up | $(prop connect.failed_attempts) / $(prop connect.gave_up) ($(prop connect.errors)) |"
        if [ -n "$heap0" ] && [ -n "$heap1" ]; then
            echo "| server heap after full GC: baseline → connected → after they left | $((heap0 / 1024)) → $((heap1 / 1024)) → $((${heap2:-0} / 1024)) MB |"
            echo "| **heap per agent** (connected − baseline) / agents | **$heap_per_agent KB** |"
            echo "| heap per connection (connected − after they left) / agents | $heap_per_connection KB |"
        else
            echo "| server heap after full GC | not read in this run (GC.heap_info of this GC was not understood); see the live objects |"
        fi
        echo "| live objects (class histogram totals): baseline → connected → after; per agent / per connection | $((live0 / 1024)) → $((live1 / 1024)) → $((live2 / 1024)) MB; $(per $((live1 - live0)) "$online_client") / $(per $((live1 - live2)) "$online_client") KB |"
        if [ -n "$rss0" ]; then
            echo "| server RSS: baseline → connected → after; per agent | $((rss0 / 1024)) → $((rss1 / 1024)) → $((rss2 / 1024)) MB; **$rss_per_agent KB** |"
        else
            echo "| server RSS | not measured in this run |"
        fi
        echo "| server open files: baseline → connected | $fds0 → $fds1 |"
        echo "| kernel TCP (sockstat, mem in pages): baseline → connected | $sock0 → $sock1 |"
        echo "| window | $(prop window.seconds) s, $(prop window.heartbeats_per_s) heartbeats/s, $(prop window.previews_per_s) previews/s ($(prop window.preview_kb_per_s) KB/s) |"
        echo "| **server CPU in the window** | **$(prop server.cpu_pct) % of one core** |"
        echo "| **heartbeat round trip** (client send → HeartbeatAck), p50 / p90 / p99 / p99.9 / max | **$(prop heartbeat.p50_ms) / $(prop heartbeat.p90_ms) / $(prop heartbeat.p99_ms)** / $(prop heartbeat.p999_ms) / $(prop heartbeat.max_ms) ms ($(prop heartbeat.count) heartbeats) |"
        if [ "$gc_total" = n/a ]; then
            echo "| server GC pauses in the window | $gc_count |"
        else
            echo "| server GC pauses in the window: count / total / longest | $gc_count / $gc_total ms / **$gc_max ms** |"
        fi
        echo "| acks missing at the end of the window / connections dropped | $(prop window.agents_missing_acks) agents / $(prop drops.total) ($(prop drops.reasons)) |"
        echo "| load generator CPU in the window | $(prop client.cpu_pct) % of one core |"
        echo "| server log lines at WARN or ERROR (the setup link aside) | $warnings$([ "$warnings" -gt 0 ] && echo ": $(sed -n '1,3p' "$run/server-warnings.txt" | cut -c 1-160 | sed 's/|/\\|/g' | tr '\n' ' ')" || true) |"
        echo
        echo "Server CPU by thread during the window (% of one core): $(prop server.cpu_threads)."
        echo
        echo "Load generator CPU by thread: $(prop client.cpu_threads)."
        echo
        if [ -n "$(prop server.runqueue_waits)" ]; then
            echo "Server threads waiting runnable for a CPU during the window (ms per second, mean µs each time one got a CPU): $(prop server.runqueue_waits). Load generator: $(prop client.runqueue_waits)."
            echo
        fi
        [ -z "$(prop connect.server_cpu_threads)" ] || echo "Server CPU by thread during the connect phase: $(prop connect.server_cpu_threads)."
        echo
        echo "## Heap growth with the agents connected, by class (GC.class_histogram, connected − baseline)"
        echo
        echo "| class | MB | bytes per agent | instances per agent |"
        echo "|---|---|---|---|"
        histogram_growth "$run/histogram-baseline.txt" "$run/histogram-connected.txt" "$online_client"
        echo
        echo "## What stayed after the agents left (after − baseline)"
        echo
        echo "| class | MB | bytes per agent | instances per agent |"
        echo "|---|---|---|---|"
        histogram_growth "$run/histogram-baseline.txt" "$run/histogram-after.txt" "$online_client" | sed -n '1,10p'
        echo
        echo "## Largest classes with the agents connected"
        echo
        echo "| class | instances | MB |"
        echo "|---|---|---|"
        histogram_top "$run/histogram-connected.txt"
        echo
        if [ -f "$run/server.jfr" ]; then
            echo "## Flight recording of the window (BENCH_JFR=1)"
            echo
            echo "Allocation samples weighted by size, by the first frame outside the JDK (what asked for the memory), and the"
            echo "JDK frame that allocated; then CPU samples by the first frame outside the JDK. The top of each list:"
            echo
            echo '```'
            jfr_sites jdk.ObjectAllocationSample "$run/server.jfr"
            echo '```'
            echo
            echo '```'
            jfr_sites jdk.ExecutionSample "$run/server.jfr"
            echo '```'
            echo
        fi
        echo "Logs: bench/agents/work/runs/$(basename "$run")/ (server.out, client.out, class histograms)."
    } > "$result"
    cat "$result"
    echo "Written to $result"
}

# The top sites of a JFR event: allocation samples weighted by size, execution samples counted; keyed by the first
# frame outside the JDK (and, for allocations, the JDK frame that allocated; MINA's buffer allocator is looked through).
jfr_sites() {
    "$HELMDESK_JAVA_HOME/bin/jfr" print --events "$1" --stack-depth 30 "$2" | awk -v event="$1" '
        function flush() {
            if (key == "") key = top " (JDK only)"
            if (inside && top != "") { total += weight; sum[key] += weight }
            inside = 0; key = ""; top = ""; weight = 1
        }
        /^jdk\./ { flush(); inside = 1; next }
        /^  weight = / { split($0, w, " = "); split(w[2], v, " "); weight = v[1]
            if (v[2] == "kB") weight *= 1024; else if (v[2] == "MB") weight *= 1048576; else if (v[2] == "GB") weight *= 1073741824 }
        /^    [a-zA-Z]/ {
            frame = $0; sub(/^ +/, "", frame); sub(/\(.*$/, "", frame)
            if (top == "") top = frame
            if (key == "" && frame !~ /^(java|javax|jdk|sun|com\.sun)\./ && frame !~ /^org\.apache\.mina\.core\.buffer\./) key = (event ~ /Allocation/ && top != frame) ? frame " <- " top : frame
        }
        END {
            flush()
            for (k in sum) printf "%5.1f%%  %s\n", 100 * sum[k] / total, k
        }' | sort -k1,1 -nr | sed -n '1,15p'
}

if [ "${1:-}" = "--report" ]; then
    # Writes the summary of an earlier run folder again (e.g. after a change to this report).
    [ -f "${2:-}/client.properties" ] && [ -f "$2/server.properties" ] || { echo "Usage: $0 --report <run folder>" >&2; exit 2; }
    . "$root/scripts/launcher/helmdesk-java.sh"
    helmdesk_find_java
    report "$(cd "$2" && pwd)"
    exit 0
fi

# Hold the build lock (flock(1) hands its descriptor to the command it runs: that is how a wrapped start is seen).
held=false
for fd in /proc/$$/fd/*; do
    if [ "$(readlink "$fd" 2>/dev/null)" = "$lock" ]; then
        held=true
    fi
done
if ! $held; then
    echo "Waiting for $lock ..."
    exec flock "$lock" "$0" "$@"
fi

reuse=false
if [ "${1:-}" = "--reuse" ]; then
    reuse=true
    shift
fi
agents=${1:-19000}
case "$agents" in
    ''|*[!0-9]*) echo "Usage: $0 [--reuse] [agents]" >&2; exit 2 ;;
esac
server_heap=${BENCH_SERVER_HEAP:-1g}
client_heap=${BENCH_CLIENT_HEAP:-4g}
client_opts=${BENCH_CLIENT_OPTS:-}
server_opts=${BENCH_SERVER_OPTS:-}
concurrency=${BENCH_CONCURRENCY:-64}
settle=${BENCH_SETTLE_SECONDS:-30}
window=${BENCH_WINDOW_SECONDS:-120}
preview_bytes=${BENCH_PREVIEW_BYTES:-30000}

for tool in curl jq ss flock; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install curl jq iproute2 util-linux)" >&2; exit 1; }
done
. "$root/scripts/launcher/helmdesk-java.sh"
helmdesk_find_java
export JAVA_HOME=$HELMDESK_JAVA_HOME
jcmd=$HELMDESK_JAVA_HOME/bin/jcmd
java_version=$("$HELMDESK_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
java_vendor=$("$HELMDESK_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.vendor = //p')

# Open files: one per connection on each side, plus the server's own (jars, database, logs).
ulimit -n "$(ulimit -Hn)"
nofile=$(ulimit -n)
if [ "$nofile" != unlimited ] && [ $((agents + 400)) -gt "$nofile" ]; then
    echo "The open-file limit is $nofile per process: $agents agents need about $((agents + 400)) on the server." >&2
    echo "Run at most $((nofile - 400)) agents in one server process." >&2
    exit 1
fi

stamp=$(date +%Y-%m-%d-%H%M%S)
work=$here/work
run=$work/runs/$stamp-$agents$($reuse && echo -reuse || true)
mkdir -p "$run" "$root/bench/results"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$run/run.log"; }

# --- The server product: built by the reactor, copied so that a later build cannot change it under the run.
product=$root/product/io.helmdesk.server.product/target/products/io.helmdesk.server/linux/gtk/x86_64/helmdesk-server
if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -x "$product/bin/helmdesk-server" ]; then
    log "Building the server product (./mvnw package -DskipTests) ..."
    (cd "$root" && ./mvnw -B -ntp -q package -DskipTests)
fi
rm -rf "$work/server"
cp -a "$product" "$work/server"
protocol_jar=$(ls "$work/server/plugins"/io.helmdesk.protocol_*.jar | head -n 1)
printf 'agent.port = -1\npublic.host = 127.0.0.1\n' > "$work/server/etc/io.helmdesk.devices.cfg"

# --- The load generator, against the protocol jar of that very product.
log "Building the load generator against $(basename "$protocol_jar") ..."
# clean: the jars may change while the sources do not, and an incremental build would keep classes made against others
"$root/mvnw" -B -q -f "$here/pom.xml" clean package -Dhelmdesk.protocol.jar="$protocol_jar"
generator_jar=$here/target/helmdesk-bench-agents.jar

# --- Ports, data, processes.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        if [ -z "$(ss -Htln "sport = :$port")" ] && [ "$port" != "${1:-}" ]; then
            echo "$port"
            return
        fi
    done
}
http_port=$(free_port)
agent_port=$(free_port "$http_port")
data=$work/data
if $reuse; then
    if [ ! -d "$data" ] || [ ! -f "$work/admin.env" ] || [ ! -f "$work/identities.txt" ]; then
        echo "--reuse needs a previous run's $data, $work/admin.env and $work/identities.txt" >&2
        exit 1
    fi
else
    rm -rf "$data" "$work/admin.env"
fi

server_pid=
client_pid=
tail_pid=
cleanup() {
    [ -n "$tail_pid" ] && kill "$tail_pid" 2>/dev/null || true
    [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

base=http://127.0.0.1:$http_port/api/v1
api() { # method path [json]
    local args=(-sS -f -X "$1" -H "Accept: application/json")
    [ -n "${session:-}" ] && args+=(-H "Authorization: Bearer $session")
    [ -n "${3:-}" ] && args+=(-H "Content-Type: application/json" --data "$3")
    curl "${args[@]}" "$base$2"
}
heap_used_kb() { # after a full GC; G1 says "used 1234K", ZGC "used 12M"
    "$jcmd" "$server_pid" GC.run >/dev/null
    "$jcmd" "$server_pid" GC.heap_info | awk 'match($0, / used [0-9]+[KMG]/) {
            v = substr($0, RSTART + 6, RLENGTH - 7) + 0; u = substr($0, RSTART + RLENGTH - 1, 1)
            print (u == "G" ? v * 1048576 : u == "M" ? v * 1024 : v); exit }'
}
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server_pid/status"; }
fds() { ls "/proc/$server_pid/fd" | wc -l; }
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"; }
sockstat() { sed -n 's/^TCP: //p' /proc/net/sockstat; }
histogram() { "$jcmd" "$server_pid" GC.class_histogram > "$1"; }
wait_quiet() { # until the server uses under 5 % of a core over 2 s (or 180 s passed)
    local before after
    for _ in $(seq 90); do
        before=$(cpu_ticks); sleep 2; after=$(cpu_ticks)
        [ $((after - before)) -lt 10 ] && return 0
    done
    log "The server did not calm down within 180 s"
}

log "Server: $work/server, data $data, HTTP $http_port, agents $agent_port, heap -Xmx$server_heap, open files $nofile"
HELMDESK_DATA=$data HELMDESK_HTTP_PORT=$http_port HELMDESK_AGENT_PORT=$agent_port \
    HELMDESK_JAVA_OPTS="-Xmx$server_heap -Xlog:gc:file=$run/server-gc.log:timemillis,uptime,level,tags $server_opts" \
    "$work/server/bin/helmdesk-server" > "$run/server.out" 2>&1 &
server_pid=$!
for i in $(seq 240); do
    if curl -sf -o /dev/null "$base/health"; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { log "The server ended; see $run/server.out"; exit 1; }
    [ "$i" = 240 ] && { log "The server was not healthy within 120 s"; exit 1; }
    sleep 0.5
done

session=
if $reuse; then
    . "$work/admin.env"
    for _ in $(seq 40); do # the accounts' REST resource may come a moment after the health check (404 until then)
        session=$(api POST /auth/login "$(jq -nc --arg e "$BENCH_ADMIN_EMAIL" --arg p "$BENCH_ADMIN_PASSWORD" \
            '{email: $e, password: $p}')" 2>/dev/null | jq -r .token) && [ -n "$session" ] && break
        sleep 0.5
    done
else
    setup_token=
    for _ in $(seq 60); do
        setup_token=$(sed -n 's/.*\/setup\.html#\(hdsetup_[A-Za-z0-9_-]*\).*/\1/p' "$run/server.out" | head -n 1)
        [ -n "$setup_token" ] && break
        sleep 0.5
    done
    [ -n "$setup_token" ] || { log "No setup link in the server's log"; exit 1; }
    BENCH_ADMIN_EMAIL=bench@example.org
    BENCH_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-Bench1 # letters and digits, whatever the random part holds
    # The setup link is logged as the accounts start; their REST resource may come a moment later (404 until then).
    for _ in $(seq 40); do
        session=$(api POST /auth/setup "$(jq -nc --arg t "$setup_token" --arg e "$BENCH_ADMIN_EMAIL" \
            --arg p "$BENCH_ADMIN_PASSWORD" '{token: $t, email: $e, password: $p}')" 2>/dev/null | jq -r .token) \
            && [ -n "$session" ] && break
        sleep 0.5
    done
    umask 077
    printf 'BENCH_ADMIN_EMAIL=%s\nBENCH_ADMIN_PASSWORD=%s\n' "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD" \
        > "$work/admin.env"
    umask 022
fi
[ -n "$session" ] && [ "$session" != null ] || { log "No administrator session"; exit 1; }
HELMDESK_BENCH_TOKEN=$(api POST /enrollment-tokens '{"name":"bench","maxUses":0,"validDays":0}' | jq -r .secret)
export HELMDESK_BENCH_TOKEN
gateway=$(api GET /agent-gateway)
pin=$(jq -r .pin <<<"$gateway")
gateway_port=$(jq -r .port <<<"$gateway")
log "Gateway $(jq -r .host <<<"$gateway"):$gateway_port, pin $pin"

# --- Baseline: the started server with its administrator, before any agent.
sleep 10
heap0=$(heap_used_kb); rss0=$(rss_kb); fds0=$(fds); sock0=$(sockstat)
histogram "$run/histogram-baseline.txt"
log "Baseline: heap after GC ${heap0} KB, RSS ${rss0} KB, ${fds0} open files; TCP $sock0"

# --- The agents.
log "Starting $agents simulated agents (client heap -Xmx$client_heap) ..."
: > "$run/client.out"
# shellcheck disable=SC2086 # options are words
"$HELMDESK_JAVA" -Xmx"$client_heap" $client_opts -Djava.awt.headless=true -cp "$generator_jar:$protocol_jar" \
    io.helmdesk.bench.agents.LoadGenerator --host 127.0.0.1 --port "$gateway_port" --pin "$pin" \
    --agents "$agents" --identities "$work/identities.txt" --results "$run/client.properties" \
    --concurrency "$concurrency" --settle-seconds "$settle" --window-seconds "$window" \
    --preview-bytes "$preview_bytes" --server-pid "$server_pid" --clk-tck "$(getconf CLK_TCK)" \
    > "$run/client.out" 2>&1 &
client_pid=$!
tail -n +1 -f "$run/client.out" &
tail_pid=$!
await_line() { # pattern timeout-seconds
    for _ in $(seq $(($2 * 2))); do
        grep -q "$1" "$run/client.out" && return 0
        kill -0 "$client_pid" 2>/dev/null || { log "The load generator ended; see $run/client.out"; exit 1; }
        sleep 0.5
    done
    log "No '$1' from the load generator within $2 s"
    exit 1
}
await_line READY 1200
if [ "${BENCH_JFR:-0}" = 1 ]; then
    # A flight recording of the window (allocation and CPU samples): where the garbage and the CPU come from.
    await_line WINDOW-START $((settle + 60))
    "$jcmd" "$server_pid" JFR.start name=bench settings=profile duration="${window}s" \
        filename="$run/server.jfr" >/dev/null
fi
await_line WINDOW-END $((settle + window + 300))
sleep 1
kill "$tail_pid" 2>/dev/null || true
tail_pid=

# --- With every agent connected (and active: heartbeats and previews go on).
established=$(ss -Htn state established "( sport = :$gateway_port )" | wc -l)
heap1=$(heap_used_kb); rss1=$(rss_kb); fds1=$(fds); sock1=$(sockstat)
histogram "$run/histogram-connected.txt"
online_server=$(api GET '/devices?status=ONLINE' | jq length)
log "Connected: heap after GC ${heap1} KB, RSS ${rss1} KB, ${fds1} open files, $established established, server lists $online_server online; TCP $sock1"

# --- After every agent left: what stays (database caches, logs) is not per connection.
kill "$client_pid"
wait "$client_pid" 2>/dev/null || true
client_pid=
# (Watched through the sockets, not the REST API: listing every device would load them all.)
for _ in $(seq 120); do
    [ "$(ss -Htn state established "( sport = :$gateway_port )" | wc -l)" = 0 ] && break
    sleep 1
done
wait_quiet
heap2=$(heap_used_kb); rss2=$(rss_kb); fds2=$(fds)
histogram "$run/histogram-after.txt"
log "After the agents left: heap after GC ${heap2} KB, RSS ${rss2} KB, ${fds2} open files"
# Before the server stops (its shutdown may warn); the setup link is logged at WARN on purpose.
grep -E ' (WARN|ERROR) ' "$run/server.out" | grep -v 'setup\.html' > "$run/server-warnings.txt" || true
warnings=$(wc -l < "$run/server-warnings.txt")
cleanup
server_pid=

# --- What the load generator does not know: the server's side, for the report.
{
    echo "agents=$agents"
    echo "mode=$($reuse && echo reuse || echo fresh)"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine=$(nproc) cores ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | sed -n 1p)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, kernel $(uname -r)"
    echo "java=$java_version ($java_vendor)"
    echo "nofile=$nofile"
    echo "product=$(ls "$work/server/plugins"/io.helmdesk.transport_*.jar | sed 's/.*_\(.*\)\.jar/\1/')"
    echo "commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [ -n "$(git status --porcelain 2>/dev/null | sed -n 1p)" ] && echo " + uncommitted changes" || true)"
    echo "server_heap=$server_heap"
    echo "server_opts=$server_opts"
    echo "client_heap=$client_heap"
    echo "client_opts=$client_opts"
    echo "heap0=$heap0"; echo "heap1=$heap1"; echo "heap2=$heap2"
    echo "rss0=$rss0"; echo "rss1=$rss1"; echo "rss2=$rss2"
    echo "fds0=$fds0"; echo "fds1=$fds1"; echo "fds2=$fds2"
    echo "sock0=$sock0"; echo "sock1=$sock1"
    echo "established=$established"
    echo "online_server=$online_server"
} > "$run/server.properties"
report "$run"
