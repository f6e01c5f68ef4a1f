#!/usr/bin/env bash
# Relay throughput: iperf3 on loopback through the Helmdesk session relay (the built server product) and, in the same
# run, directly, through HAProxy in TCP mode and through HAProxy terminating TLS on both legs with the same adapters.
#
#   bench/relay/run.sh                       1 stream, every configuration once: ~2.5 minutes under the lock
#   BENCH_STREAMS=4 bench/relay/run.sh       4 parallel streams (the relay: 5 sessions, one per iperf3 connection)
#   bench/relay/run.sh --report <run folder> (writes a run's summary again, from its results.tsv)
#
# Configurations (BENCH_CONFIGS, in this order, each BENCH_ROUNDS times, interleaved):
#   direct       iperf3 -c → iperf3 -s
#   haproxy      iperf3 -c → HAProxy (mode tcp, no TLS) → iperf3 -s
#   helmdesk     iperf3 -c → console adapter (POST /api/v1/sessions, RelayJoin, then TLS end to end as the client)
#                → relay (the server JVM: reads the tickets, then forwards bytes it cannot read) → simulated agent
#                (session-offer, RelayJoin, TLS end to end as the server) → iperf3 -s
#   helmdesk-raw the same sessions, but after RelayPaired the adapters pass iperf3's bytes as they are (no TLS at the
#                ends): the relay cannot tell, and forwards what HAProxy in TCP mode forwards; the like-for-like
#                comparison of the forwarders (the TLS of the helmdesk configuration costs the adapters' JVM a core)
#   haproxy-tls  iperf3 -c → TLS client adapter → HAProxy (bind ssl, server ssl: decrypts and encrypts again) → TLS
#                server adapter → iperf3 -s; the same adapter JVM, so the same work around the forwarder
# The forwarder's CPU is utime + stime of its process (/proc/<pid>/stat) from just before to just after iperf3: the
# server JVM for helmdesk (every thread: network, GC, JIT), the haproxy process for the others. The adapters' own TLS
# costs CPU in their JVM, reported apart and not counted for the forwarder. GB = 10^9 bytes, received by iperf3 -s.
#
# Environment (all optional): BENCH_SECONDS (15, iperf3 -t), BENCH_STREAMS (1, iperf3 -P), BENCH_ROUNDS (1),
# BENCH_RATE (iperf3 -b per stream, e.g. 1G; default unlimited), BENCH_CONFIGS ("direct haproxy helmdesk helmdesk-raw
# haproxy-tls"), BENCH_WARMUP_SECONDS (8, unmeasured, through the relay and
# the TLS adapters, for the JIT), BENCH_SERVER_HEAP (1g), BENCH_SERVER_OPTS (more server JVM options), BENCH_ADAPTER_OPTS,
# BENCH_JFR=1 (a flight recording of the server during the first helmdesk test: CPU samples by method, in the summary;
# it costs the server a little CPU), BENCH_RELAY_DEBUG=1 (the relay logs at DEBUG), BENCH_BUILD=1 (rebuild the server
# product first).
#
# Runs while holding /tmp/helmdesk-build.lock (takes it itself unless started under `flock` already). Needs a JDK 21+,
# iperf3, haproxy, openssl, curl, jq, ss (Debian: apt-get install iperf3 haproxy openssl curl jq iproute2); no root.
# Logs go to bench/relay/work/runs/<stamp>/, the summary to bench/results/relay-<stamp>.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lock=/tmp/helmdesk-build.lock

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The summary of a run folder (results.tsv, run.properties, logs) as Markdown in bench/results.
report() {
    local run=$1
    local tsv=$run/results.tsv
    prop() { sed -n "s/^$1=//p" "$run/run.properties"; }
    # column of the median row per config+streams: config streams column-name
    col() { awk -F '\t' -v c="$1" -v s="$2" -v name="$3" '
            NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) k = i; next }
            $3 == c && $2 == s && $k != "-" { print $k }' "$tsv" | median; }
    local result=$root/bench/results/relay-$(basename "$run").md
    local streams_list
    streams_list=$(awk -F '\t' 'NR > 1 { print $2 }' "$tsv" | sort -un | tr '\n' ' ')
    {
        echo "# Relay throughput: iperf3 through the Helmdesk relay and HAProxy, loopback"
        echo
        echo "$(prop date); $(prop machine); Java $(prop java); $(prop haproxy); $(prop iperf3)."
        echo "Server product $(prop product) (commit $(prop commit)), server JVM $(prop server_opts)."
        echo "iperf3 -t $(prop seconds), 128 KiB writes, rate $(prop rate)$([ "$(prop rate)" = unlimited ] || echo " per stream (iperf3 -b)"), $(prop rounds) round(s) per configuration, interleaved; medians below when more than one."
        echo "TLS: relay $(prop relay_tls); HAProxy TLS frontend $(prop haproxy_tls_client), backend $(prop haproxy_tls_server)."
        echo "Relay forward.buffer.bytes (its back-pressure high-water mark per direction): $(prop relay_forward_buffer)."
        echo
        for s in $streams_list; do
            local direct haproxy helmdesk helmdeskraw haproxytls
            direct=$(col direct "$s" gbps); haproxy=$(col haproxy "$s" gbps)
            helmdesk=$(col helmdesk "$s" gbps); helmdeskraw=$(col helmdesk-raw "$s" gbps)
            haproxytls=$(col haproxy-tls "$s" gbps)
            echo "## $s stream$([ "$s" = 1 ] || echo s)"
            echo
            echo "| path | Gbit/s | best second | streams stalled, longest (s) | forwarder CPU-s/GB | forwarder CPU (% of one core) | adapters' JVM CPU-s/GB (not the forwarder's) | machine busy (2 cores) | retransmits |"
            echo "|---|---|---|---|---|---|---|---|---|"
            for c in direct haproxy helmdesk-raw helmdesk haproxy-tls; do
                [ -n "$(col "$c" "$s" gbps)" ] || continue
                local label
                case $c in
                    direct) label="direct (no forwarder)" ;;
                    haproxy) label="HAProxy, mode tcp (no TLS)" ;;
                    helmdesk) label="**Helmdesk relay** (forwards the ends' TLS, server JVM)" ;;
                    helmdesk-raw) label="**Helmdesk relay**, raw bytes after pairing (no TLS at the ends)" ;;
                    haproxy-tls) label="HAProxy, TLS in + TLS out, same adapters" ;;
                esac
                local fwd adp pct
                fwd=$(col "$c" "$s" fwd_cpu_s_per_gb); adp=$(col "$c" "$s" adapters_cpu_s_per_gb)
                pct=$(col "$c" "$s" fwd_cpu_pct)
                [ -n "$fwd" ] || fwd=–
                if [ -n "$pct" ]; then pct="$pct %"; else pct=–; fi
                echo "| $label | $(col "$c" "$s" gbps) | $(col "$c" "$s" best_1s_gbps) | $(col "$c" "$s" stalled_streams) of $s, $(col "$c" "$s" stalled_s) | $fwd | $pct | $([ "$c" = helmdesk ] || [ "$c" = helmdesk-raw ] || [ "$c" = haproxy-tls ] && echo "$adp" || echo –) | $(col "$c" "$s" machine_busy_pct) % | $(col "$c" "$s" retransmits) |"
            done
            echo
            if [ -n "$haproxy" ] && { [ -n "$helmdesk" ] || [ -n "$helmdeskraw" ]; }; then
                echo "Target (issue): Helmdesk ≥ 0.8 × HAProxy's throughput at ≤ 0.6 CPU-s/GB."
            fi
            if [ -n "$helmdeskraw" ] && [ -n "$haproxy" ]; then
                echo "Like for like (raw bytes through both): Helmdesk / HAProxy (tcp) throughput: **$(awk -v a="$helmdeskraw" -v b="$haproxy" 'BEGIN { printf "%.2f", a / b }')×**; CPU-s/GB: Helmdesk **$(col helmdesk-raw "$s" fwd_cpu_s_per_gb)**, HAProxy $(col haproxy "$s" fwd_cpu_s_per_gb)."
            fi
            if [ -n "$helmdesk" ] && [ -n "$haproxy" ]; then
                local fwd_h stalled_h
                fwd_h=$(col helmdesk "$s" fwd_cpu_s_per_gb); stalled_h=$(col helmdesk "$s" stalled_s)
                echo "With the ends' TLS: Helmdesk / HAProxy (tcp) throughput: **$(awk -v a="$helmdesk" -v b="$haproxy" 'BEGIN { printf "%.2f", a / b }')×**; Helmdesk CPU: **$fwd_h CPU-s/GB**$( [ -n "$haproxytls" ] && echo "; Helmdesk / HAProxy with TLS on both legs: $(awk -v a="$helmdesk" -v b="$haproxytls" 'BEGIN { printf "%.2f", a / b }')× throughput, $(awk -v a="$fwd_h" -v b="$(col haproxy-tls "$s" fwd_cpu_s_per_gb)" 'BEGIN { printf "%.2f", a / b }')× CPU per GB")."
                if awk -v x="${stalled_h:-0}" 'BEGIN { exit !(x > 0) }'; then
                    echo "**The relay stalled** (a stream's seconds under 5 % of its own best second): a stalled session never resumes, so this average is not a forwarding rate; see bench/README.md, Relay, the back-pressure race."
                fi
                echo
            fi
        done
        echo "## Every test"
        echo
        echo "| round | streams | path | Gbit/s | best second | streams stalled, longest (s) | GB received | forwarder CPU-s | CPU-s/GB | adapters CPU-s | machine busy | relay bytes (server log) |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
        awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
            { printf "| %s | %s | %s | %s | %s | %s, %s | %.2f | %s | %s | %s | %s %% | %s |\n", $k["round"], $k["streams"], $k["config"],
                $k["gbps"], $k["best_1s_gbps"], $k["stalled_streams"], $k["stalled_s"], $k["bytes"] / 1e9, $k["fwd_cpu_s"], $k["fwd_cpu_s_per_gb"],
                $k["adapters_cpu_s"], $k["machine_busy_pct"], $k["relay_bytes"] }' "$tsv"
        echo
        if [ -s "$run/server-threads.txt" ]; then
            echo "Server CPU by thread during the helmdesk and helmdesk-raw tests (CPU-s per GB forwarded, all of them together): $(cat "$run/server-threads.txt")."
            echo
        fi
        if [ -f "$run/server.jfr" ]; then
            echo "## Flight recording of the server during the first helmdesk test (BENCH_JFR=1)"
            echo
            echo "CPU samples by the method on top of the stack, then by the first frame outside the JDK:"
            echo
            echo '```'
            jfr_top "$run/server.jfr" leaf
            echo '```'
            echo
            echo '```'
            jfr_top "$run/server.jfr" caller
            echo '```'
            echo
        fi
        echo "Warnings and errors in the server log (the setup link aside): $( (cat "$run/server-warnings.txt" 2>/dev/null || true) | wc -l)."
        echo "Logs: bench/relay/work/runs/$(basename "$run")/ (server.out, server.log, adapters.out, haproxy.out, iperf3 JSON per test)."
    } > "$result"
    cat "$result"
    echo "Written to $result"
}

# Execution samples of a JFR file, counted by their top frame (leaf) or by their first frame outside the JDK (caller).
jfr_top() {
    "$HELMDESK_JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 40 "$1" | awk -v mode="$2" '
        function flush() {
            if (inside) { total++; k = (mode == "leaf") ? top : (caller == "" ? top " (JDK only)" : caller); sum[k]++ }
            inside = 0; top = ""; caller = ""
        }
        /^jdk\.ExecutionSample/ { flush(); inside = 1; next }
        /^    [a-zA-Z]/ {
            frame = $0; sub(/^ +/, "", frame); sub(/\(.*$/, "", frame); sub(/ +line:.*$/, "", frame)
            if (top == "") top = frame
            if (caller == "" && frame !~ /^(java|javax|jdk|sun|com\.sun)\./) caller = frame
        }
        END { flush(); for (k in sum) printf "%5.1f%%  %s\n", 100 * sum[k] / total, k }' | sort -k1,1 -nr | sed -n '1,20p'
}

if [ "${1:-}" = "--report" ]; then
    [ -f "${2:-}/results.tsv" ] && [ -f "$2/run.properties" ] || { echo "Usage: $0 --report <run folder>" >&2; exit 2; }
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

seconds=${BENCH_SECONDS:-15}
streams=${BENCH_STREAMS:-1}
rounds=${BENCH_ROUNDS:-1}
configs=${BENCH_CONFIGS:-direct haproxy helmdesk helmdesk-raw haproxy-tls}
warmup=${BENCH_WARMUP_SECONDS:-8}
rate=${BENCH_RATE:-}
rate_option=()
[ -z "$rate" ] || rate_option=(-b "$rate")
server_heap=${BENCH_SERVER_HEAP:-1g}
server_opts="-Xmx$server_heap ${BENCH_SERVER_OPTS:-}"
adapter_opts=${BENCH_ADAPTER_OPTS:-}
for tool in iperf3 haproxy openssl curl jq ss flock; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install iperf3 haproxy openssl curl jq iproute2 util-linux)" >&2; exit 1; }
done
. "$root/scripts/launcher/helmdesk-java.sh"
helmdesk_find_java
export JAVA_HOME=$HELMDESK_JAVA_HOME
clk_tck=$(getconf CLK_TCK)

stamp=$(date +%Y-%m-%d-%H%M%S)
work=$here/work
run=$work/runs/$stamp
mkdir -p "$run" "$root/bench/results"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$run/run.log"; }

# --- The server product: built by the reactor, copied so that a later build cannot change it under the run.
product=$root/product/io.helmdesk.server.product/target/products/io.helmdesk.server/linux/gtk/x86_64/helmdesk-server
if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -x "$product/bin/helmdesk-server" ]; then
    log "Building the server product ..."
    (cd "$root" && ./mvnw -B -o -q install -DskipTests -Dspotless.check.skip=true -am -pl product/io.helmdesk.server.product)
fi
rm -rf "$work/server"
cp -a "$product" "$work/server"
protocol_jar=$(ls "$work/server/plugins"/io.helmdesk.protocol_*.jar | head -n 1)
transport_jar=$(ls "$work/server/plugins"/io.helmdesk.transport_*.jar | head -n 1)
printf 'agent.port = -1\npublic.host = 127.0.0.1\n' > "$work/server/etc/io.helmdesk.devices.cfg"
if [ -n "${BENCH_RELAY_FORWARD_BUFFER:-}" ]; then # the relay's high-water mark per direction (default 1 MiB)
    printf '\nforward.buffer.bytes = %s\n' "$BENCH_RELAY_FORWARD_BUFFER" >> "$work/server/etc/io.helmdesk.relay.cfg"
fi
if [ "${BENCH_RELAY_DEBUG:-0}" = 1 ]; then # the relay's debug lines (connections failing, sides joining)
    sed -i 's#^</configuration>#  <logger name="io.helmdesk.relay" level="DEBUG"/>\n</configuration>#' "$work/server/etc/logback.xml"
fi

# --- The adapters, against the protocol and transport jars of that very product.
log "Building the adapters against $(basename "$protocol_jar") and $(basename "$transport_jar") ..."
# clean: the jars may change while the sources do not, and an incremental build would keep classes made against others
"$root/mvnw" -B -q -f "$here/pom.xml" clean package -Dhelmdesk.protocol.jar="$protocol_jar" \
    -Dhelmdesk.transport.jar="$transport_jar"
adapters_jar=$here/target/helmdesk-bench-relay.jar

# --- Throw-away TLS keys for the HAProxy TLS comparison (HAProxy's frontend, the TLS server adapter behind it).
tls=$run/tls
mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$tls/haproxy.key" \
    -out "$tls/haproxy.crt" -days 7 -subj /CN=localhost 2>/dev/null
cat "$tls/haproxy.crt" "$tls/haproxy.key" > "$tls/haproxy.pem"
"$HELMDESK_JAVA_HOME/bin/keytool" -genkeypair -alias bench -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -validity 7 -storetype PKCS12 -keystore "$tls/adapter.p12" -storepass benchbench -keypass benchbench 2>/dev/null

# --- Ports, data, processes.
used_ports=" "
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        if [ -z "$(ss -Htln "sport = :$port")" ] && [[ "$used_ports" != *" $port "* ]]; then
            echo "$port"
            return
        fi
    done
}
# (called in this shell, not in $(...), so that used_ports keeps every port given)
assign() { local p; p=$(free_port); used_ports="$used_ports$p "; printf -v "$1" '%s' "$p"; }
assign http_port; assign agent_port; assign relay_port; assign iperf_port; assign haproxy_port
assign haproxy_tls_port; assign helmdesk_listen; assign helmdesk_raw_listen; assign tls_listen; assign tls_server_listen
data=$run/data

server_pid=; adapters_pid=; haproxy_pid=; iperf_server_pid=
stop() { # pid
    [ -n "$1" ] || return 0
    if kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
        kill -9 "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$adapters_pid"; stop "$haproxy_pid"; stop "$iperf_server_pid"; stop "$server_pid"
}
trap cleanup EXIT

base=http://127.0.0.1:$http_port/api/v1
api() { # method path [json]
    local args=(-sS -f -X "$1" -H "Accept: application/json")
    [ -n "${session:-}" ] && args+=(-H "Authorization: Bearer $session")
    [ -n "${3:-}" ] && args+=(-H "Content-Type: application/json" --data "$3")
    curl "${args[@]}" "$base$2"
}
api_retry() { # the same, retried for up to 60 s: the REST resources register a little after /health answers
    local i
    for i in $(seq 120); do
        api "$@" 2>/dev/null && return 0
        sleep 0.5
    done
    api "$@"
}
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; } # busy total
threads() { # pid -> "tid name ticks" per thread (names without their numbers, so that pools add up)
    for t in /proc/"$1"/task/*; do
        awk -v tid="${t##*/}" '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\) .*$/, "", n); gsub(/[-#]?[0-9]+$/, "", n)
               gsub(/ /, "_", n); rest = $0; sub(/.*\) /, "", rest); split(rest, f, " "); print tid, n, f[12] + f[13] }' \
            "$t/stat" 2>/dev/null || true
    done
}

log "Server: data $data, HTTP $http_port, agents $agent_port, relay $relay_port, JVM $server_opts"
HELMDESK_DATA=$data HELMDESK_HTTP_PORT=$http_port HELMDESK_AGENT_PORT=$agent_port HELMDESK_RELAY_PORT=$relay_port \
    HELMDESK_JAVA_OPTS="$server_opts" "$work/server/bin/helmdesk-server" > "$run/server.out" 2>&1 &
server_pid=$!
echo "$server_pid" > "$run/server.pid"
for i in $(seq 240); do
    if curl -sf -o /dev/null "$base/health"; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { log "The server ended; see $run/server.out"; exit 1; }
    [ "$i" = 240 ] && { log "The server was not healthy within 120 s"; exit 1; }
    sleep 0.5
done
session=
setup_token=
for _ in $(seq 60); do
    setup_token=$(sed -n 's/.*\/setup\.html#\(hdsetup_[A-Za-z0-9_-]*\).*/\1/p' "$run/server.out" | head -n 1)
    [ -n "$setup_token" ] && break
    sleep 0.5
done
[ -n "$setup_token" ] || { log "No setup link in the server's log"; exit 1; }
session=$(api_retry POST /auth/setup "$(jq -nc --arg t "$setup_token" --arg e bench@example.org \
    --arg p "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-Bench1" '{token: $t, email: $e, password: $p}')" | jq -r .token)
[ -n "$session" ] && [ "$session" != null ] || { log "No administrator session"; exit 1; }
enrollment_token=$(api_retry POST /enrollment-tokens '{"name":"relay-bench","maxUses":1,"validDays":1}' | jq -r .secret)
gateway=$(api_retry GET /agent-gateway)
pin=$(jq -r .pin <<<"$gateway")
gateway_port=$(jq -r .port <<<"$gateway")
log "Gateway 127.0.0.1:$gateway_port, pin $pin"

# --- iperf3 server, HAProxy, adapters.
iperf3 -s -B 127.0.0.1 -p "$iperf_port" > "$run/iperf3-server.out" 2>&1 &
iperf_server_pid=$!
cat > "$run/haproxy.cfg" <<EOF
global
    nbthread $(nproc)
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend plain
    bind 127.0.0.1:$haproxy_port
    default_backend iperf3
backend iperf3
    server iperf3 127.0.0.1:$iperf_port
frontend tls
    bind 127.0.0.1:$haproxy_tls_port ssl crt $tls/haproxy.pem
    default_backend adapter
backend adapter
    server adapter 127.0.0.1:$tls_server_listen ssl verify none
EOF
haproxy -db -f "$run/haproxy.cfg" > "$run/haproxy.out" 2>&1 &
haproxy_pid=$!

# shellcheck disable=SC2086 # options are words
"$HELMDESK_JAVA" -Xmx512m $adapter_opts -cp "$adapters_jar:$protocol_jar:$transport_jar" io.helmdesk.bench.relay.Adapters \
    --target-port "$iperf_port" \
    --helmdesk-listen "$helmdesk_listen" --helmdesk-raw-listen "$helmdesk_raw_listen" --api "$base" --admin-session "$session" --gateway-port "$gateway_port" \
    --gateway-pin "$pin" --enrollment-token "$enrollment_token" \
    --tls-listen "$tls_listen" --tls-upstream "$haproxy_tls_port" \
    --tls-server-listen "$tls_server_listen" --keystore "$tls/adapter.p12" --keystore-password benchbench \
    > "$run/adapters.out" 2>&1 &
adapters_pid=$!
for i in $(seq 120); do
    grep -q 'READY helmdesk' "$run/adapters.out" && break
    kill -0 "$adapters_pid" 2>/dev/null || { log "The adapters ended; see $run/adapters.out"; cat "$run/adapters.out"; exit 1; }
    [ "$i" = 120 ] && { log "The adapters were not ready within 60 s"; cat "$run/adapters.out"; exit 1; }
    sleep 0.5
done
kill -0 "$haproxy_pid" 2>/dev/null || { log "HAProxy ended"; cat "$run/haproxy.out"; exit 1; }
log "$(grep 'READY helmdesk' "$run/adapters.out" | sed 's/.*READY //'); iperf3 -s :$iperf_port, HAProxy :$haproxy_port (tcp) :$haproxy_tls_port (tls)"

port_of() {
    case $1 in
        direct) echo "$iperf_port" ;; haproxy) echo "$haproxy_port" ;;
        helmdesk) echo "$helmdesk_listen" ;; helmdesk-raw) echo "$helmdesk_raw_listen" ;;
        haproxy-tls) echo "$tls_listen" ;;
    esac
}
forwarder_of() {
    case $1 in
        direct) echo "" ;; haproxy|haproxy-tls) echo "$haproxy_pid" ;; helmdesk|helmdesk-raw) echo "$server_pid" ;;
    esac
}
server_log=$data/logs/server.log
relay_bytes_since() { # line number -> bytes the relay reported for the sessions that ended since
    tail -n +"$(($1 + 1))" "$server_log" | sed -n 's/.*relay ended (.*): \([0-9]*\) bytes from the agent, \([0-9]*\) from the console.*/\1 \2/p' |
        awk '{ s += $1 + $2 } END { printf "%.0f\n", s }'
}

log "Warm-up: ${warmup} s through the relay and through the TLS adapters (not measured)"
for c in helmdesk helmdesk-raw haproxy-tls haproxy; do
    iperf3 -c 127.0.0.1 -p "$(port_of $c)" -t "$warmup" "${rate_option[@]}" -J > "$run/warmup-$c.json" 2>&1 ||
        { log "Warm-up through $c failed:"; tail -n 20 "$run/warmup-$c.json"; tail -n 20 "$run/adapters.out"; exit 1; }
    sleep 1
done

printf 'round\tstreams\tconfig\tgbps\tbytes\tfwd_cpu_s\tfwd_cpu_s_per_gb\tfwd_cpu_pct\tadapters_cpu_s\tadapters_cpu_s_per_gb\tmachine_busy_pct\tretransmits\trelay_bytes\tbest_1s_gbps\tstalled_s\tstalled_streams\n' \
    > "$run/results.tsv"
: > "$run/server-threads-ticks.txt"
jfr_done=false
for round in $(seq "$rounds"); do
    for c in $configs; do
        name=r$round-$c-P$streams
        pid=$(forwarder_of "$c")
        if [ "$c" = helmdesk ] && [ "${BENCH_JFR:-0}" = 1 ] && ! $jfr_done; then
            "$HELMDESK_JAVA_HOME/bin/jcmd" "$server_pid" JFR.start name=relay settings=profile \
                filename="$run/server.jfr" >/dev/null
        fi
        log_lines=$(wc -l < "$server_log")
        if [ "$c" = helmdesk ] || [ "$c" = helmdesk-raw ]; then
            threads "$server_pid" > "$run/threads-before.tmp"
            # MINA names an I/O thread NioProcessor-N only while it has sessions (idle, it is its pool's thread):
            # names are taken in the middle of the test
            (sleep $((seconds / 2)); threads "$server_pid" > "$run/threads-during.tmp") &
            namer_pid=$!
        fi
        f0=$([ -n "$pid" ] && ticks "$pid" || echo 0); a0=$(ticks "$adapters_pid"); read -r mb0 mt0 <<<"$(machine)"
        iperf3 -c 127.0.0.1 -p "$(port_of "$c")" -t "$seconds" -P "$streams" "${rate_option[@]}" -J > "$run/$name.json" 2>&1 || true
        f1=$([ -n "$pid" ] && ticks "$pid" || echo 0); a1=$(ticks "$adapters_pid"); read -r mb1 mt1 <<<"$(machine)"
        if [ "$c" = helmdesk ] || [ "$c" = helmdesk-raw ]; then
            wait "$namer_pid" || true
            threads "$server_pid" | awk 'FNR == 1 { file++ } file == 1 { b[$1] = $3; next } file == 2 { name[$1] = $2; next }
                { d = $3 - b[$1]; if (d > 0) print (($1 in name) ? name[$1] : $2), d }' \
                "$run/threads-before.tmp" "$run/threads-during.tmp" - >> "$run/server-threads-ticks.txt"
        fi
        if [ "$c" = helmdesk ] && [ "${BENCH_JFR:-0}" = 1 ] && ! $jfr_done; then
            "$HELMDESK_JAVA_HOME/bin/jcmd" "$server_pid" JFR.stop name=relay >/dev/null
            jfr_done=true
        fi
        sleep 2 # the sessions end (the relay logs their bytes), TIME_WAIT and stragglers settle
        if ! jq -e '.end.sum_received.bytes' "$run/$name.json" >/dev/null 2>&1; then
            log "$name: iperf3 failed: $(jq -r '.error // empty' "$run/$name.json" 2>/dev/null | head -c 300)"
            continue
        fi
        bytes=$(jq -r '.end.sum_received.bytes' "$run/$name.json")
        received_seconds=$(jq -r '.end.sum_received.seconds' "$run/$name.json")
        retransmits=$(jq -r '.end.sum_sent.retransmits // 0' "$run/$name.json")
        # Per-second intervals: the best one (all streams), and per stream how many seconds carried under 5 % of
        # that stream's best (a stalled connection): the most of any stream, and how many streams stalled at all
        read -r best stalled stalled_streams <<<"$(jq -r '([.intervals[].sum.bits_per_second] | max) as $m |
            [.intervals | map(.streams | map(.bits_per_second)) | transpose[] | (max) as $s | map(select(. < 0.05 * $s)) | length] as $per |
            "\($m / 1e9 * 100 | round / 100) \($per | max) \($per | map(select(. > 0)) | length)"' "$run/$name.json")"
        relay=$({ [ "$c" = helmdesk ] || [ "$c" = helmdesk-raw ]; } && relay_bytes_since "$log_lines" || echo -)
        read -r gbps fwd_s fwd_gb fwd_pct adp_s adp_gb busy <<<"$(awk -v b="$bytes" -v s="$received_seconds" \
            -v f="$((f1 - f0))" -v a="$((a1 - a0))" -v hz="$clk_tck" -v fw="$pid" -v mb="$((mb1 - mb0))" -v mt="$((mt1 - mt0))" 'BEGIN {
                gb = b / 1e9
                printf "%.2f %s %s %s %.2f %.2f %.0f\n", b * 8 / s / 1e9,
                    fw == "" ? "-" : sprintf("%.2f", f / hz), fw == "" ? "-" : sprintf("%.2f", f / hz / gb),
                    fw == "" ? "-" : sprintf("%.0f", 100 * f / hz / s), a / hz, a / hz / gb, 100 * mb / mt }')"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$streams" "$c" "$gbps" \
            "$bytes" "$fwd_s" "$fwd_gb" "$fwd_pct" "$adp_s" "$adp_gb" "$busy" "$retransmits" "$relay" "$best" "$stalled" \
            "$stalled_streams" >> "$run/results.tsv"
        log "$name: $gbps Gbit/s (best second $best; $stalled_streams of $streams streams stalled, the longest $stalled s), forwarder $fwd_s CPU-s = $fwd_gb CPU-s/GB, adapters $adp_gb CPU-s/GB, machine $busy % busy, relay reported $relay bytes"
    done
done

# Server threads during the helmdesk tests: CPU-s per GB by thread group.
helmdesk_gb=$(awk -F '\t' '$3 == "helmdesk" || $3 == "helmdesk-raw" { s += $5 } END { print s / 1e9 }' "$run/results.tsv")
if [ -s "$run/server-threads-ticks.txt" ] && awk -v g="$helmdesk_gb" 'BEGIN { exit !(g > 0) }'; then
    awk -v hz="$clk_tck" -v gb="$helmdesk_gb" '{ s[$1] += $2 } END { for (k in s) { d = s[k] / hz / gb; if (d >= 0.005) printf "%.3f %s\n", d, k } }' \
        "$run/server-threads-ticks.txt" | sort -nr |
        awk '{ printf "%s`%s` %.2f", (NR > 1 ? ", " : ""), $2, $1 }' > "$run/server-threads.txt"
fi
rm -f "$run"/threads-*.tmp
grep -E ' (WARN|ERROR) ' "$server_log" | grep -v 'setup\.html' > "$run/server-warnings.txt" || true
cp "$server_log" "$run/server.log"
relay_tls=$(sed -n 's/.*console: session .* paired .*(\(.*\))$/\1/p' "$run/adapters.out" | head -n 1)
tls_client=$(sed -n 's/.*tls-client: connected (\(.*\))$/\1/p' "$run/adapters.out" | head -n 1)
tls_server=$(sed -n 's/.*tls-server: accepted (\(.*\))$/\1/p' "$run/adapters.out" | head -n 1)
cleanup
server_pid=; adapters_pid=; haproxy_pid=; iperf_server_pid=

{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine=$(nproc) cores ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | sed -n 1p)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, kernel $(uname -r)"
    echo "java=$("$HELMDESK_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')"
    echo "haproxy=HAProxy $(haproxy -v | sed -n 's/^HAProxy version \([^ ]*\).*/\1/p') ($(haproxy -vv 2>/dev/null | sed -n 's/^Running on OpenSSL version : \(OpenSSL [^ ]*\).*/\1/p' | head -n 1), nbthread $(nproc))"
    echo "iperf3=$(iperf3 --version | head -n 1 | cut -d ' ' -f 1-2)"
    echo "product=$(basename "$transport_jar" .jar | sed 's/.*_//')"
    echo "commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [ -n "$(git status --porcelain 2>/dev/null | sed -n 1p)" ] && echo " + uncommitted changes" || true)"
    echo "server_opts=$server_opts"
    echo "seconds=$seconds"
    echo "rate=${rate:-unlimited}"
    echo "rounds=$rounds"
    echo "relay_tls=${relay_tls:-unknown}"
    echo "relay_forward_buffer=${BENCH_RELAY_FORWARD_BUFFER:-1048576 (the default)}"
    echo "haproxy_tls_client=${tls_client:-unknown}"
    echo "haproxy_tls_server=${tls_server:-unknown}"
} > "$run/run.properties"
report "$run"
