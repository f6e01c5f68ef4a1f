#!/usr/bin/env bash
# Remote-screen benchmark: Helmdesk's remote screen against TigerVNC's scraping server (X0tigervnc) and x11vnc, on
# the same 1920x1080x24 Xvfb display, the same workloads and the same client machine, in one run.
#
#   bench/screen/run.sh [system ...]
#   bench/screen/run.sh --report <run folder>     (writes a run's summary again, from its result files)
#
#   system   x11vnc, x0tigervnc, helmdesk (the default: all three, in that order), x0tigervnc-zrle, x11vnc-zrle,
#            x0tigervnc-tls (Tight inside TLS: VeNCrypt X509None with a throw-away certificate, as Helmdesk is always
#            encrypted; the bytes then include TLS's record overhead)
#
# Per system: the server (or the agent, the Helmdesk server and a session through its relay) is started on the
# display, then one JVM (bench/screen, io.helmdesk.bench.screen.ScreenBench) plays the workloads on the display
# (Xlib through JNA) and is the client (a minimal RFB 3.8 client, or the console's ViewerSession), and measures for
# each workload, after BENCH_SETTLE_SECONDS, for BENCH_WINDOW_SECONDS: bytes on the wire, frames, the CPU of the
# capturing process (/proc/<pid>/stat: X0tigervnc, x11vnc, the Helmdesk agent's JVM), Xvfb's, and the marker's
# latency (p50/p90).
#
# Environment (all optional): BENCH_WORKLOADS (idle,marker,scroll,move,fullscreen,video,noise), BENCH_SETTLE_SECONDS
# (4), BENCH_WINDOW_SECONDS (15), BENCH_VNC_QUALITY (8: pseudo-encoding -24, TigerVNC's viewer default),
# BENCH_VNC_COMPRESSION (2), BENCH_BUILD=1 (build the products first: ./mvnw -B -o -q install -DskipTests; otherwise
# only when missing), BENCH_SCREENSHOTS=1 (a PNG of the display in the middle of each workload's window).
#
# /tmp/helmdesk-build.lock: the script takes it for each build and for each system's part (~2.5 minutes each), and
# lets it go in between, so the two cores are never shared with a build while measuring and nobody waits for the
# whole run. Started under `flock /tmp/helmdesk-build.lock` already, it holds it throughout (~8-9 minutes).
# Installs what it needs with apt-get when missing (xvfb, tigervnc-scraping-server, x11vnc, xterm, imagemagick, openssl,
# xdotool, curl, jq, iproute2). Logs: bench/screen/work/runs/<stamp>/; summary: bench/results/screen-<stamp>.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lock=/tmp/helmdesk-build.lock
work=$here/work

. "$root/scripts/launcher/helmdesk-java.sh"
helmdesk_find_java
export JAVA_HOME=$HELMDESK_JAVA_HOME

bench_jar=$here/target/helmdesk-bench-screen.jar

report() { # run folder
    local run=$1 files=() name order
    order=$(cat "$run/systems" 2>/dev/null || echo x11vnc x11vnc-zrle x0tigervnc x0tigervnc-tls x0tigervnc-zrle helmdesk)
    for name in $order; do
        [ -f "$run/$name.properties" ] && files+=("$run/$name.properties")
    done
    [ ${#files[@]} -gt 0 ] || { echo "No result files in $run" >&2; return 1; }
    local result=$root/bench/results/screen-$(basename "$run").md
    mkdir -p "$root/bench/results"
    "$HELMDESK_JAVA" -cp "$(cat "$run/classpath")" io.helmdesk.bench.screen.Report --header "$run/header.md" \
        --subject Helmdesk --reference X0tigervnc --out "$result" "${files[@]}"
    if [ -f "$run/notes.md" ]; then
        { echo; cat "$run/notes.md"; } >> "$result"
        cat "$run/notes.md"
    fi
    echo "Written to $result"
}

if [ "${1:-}" = "--report" ]; then
    [ -d "${2:-}" ] || { echo "Usage: $0 --report <run folder>" >&2; exit 2; }
    report "$(cd "$2" && pwd)"
    exit 0
fi

systems=("$@")
[ ${#systems[@]} -gt 0 ] || systems=(x11vnc x0tigervnc helmdesk)
for s in "${systems[@]}"; do
    case "$s" in
        x11vnc|x11vnc-zrle|x11vnc-q[0-9]|x0tigervnc|x0tigervnc-zrle|x0tigervnc-tls|x0tigervnc-q[0-9]|helmdesk) ;;
        *) echo "Unknown system $s (x11vnc, x0tigervnc, helmdesk; x0tigervnc-zrle, x11vnc-zrle; x0tigervnc-qN, x11vnc-qN: Tight at JPEG quality level N)" >&2; exit 2 ;;
    esac
done
workloads=${BENCH_WORKLOADS:-idle,marker,scroll,move,fullscreen,video,noise}
settle=${BENCH_SETTLE_SECONDS:-4}
window=${BENCH_WINDOW_SECONDS:-15}
quality=${BENCH_VNC_QUALITY:-8}
compression=${BENCH_VNC_COMPRESSION:-2}

# --- Debian packages: installed when missing.
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
[ -x /usr/bin/X0tigervnc ] || need+=(tigervnc-scraping-server)
command -v x11vnc >/dev/null || need+=(x11vnc)
command -v xterm >/dev/null || need+=(xterm)
[ -x /usr/bin/import ] || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
command -v ss >/dev/null || need+=(iproute2)
command -v flock >/dev/null || need+=(util-linux)
command -v openssl >/dev/null || need+=(openssl)
[ -d /usr/share/fonts/X11/misc ] || need+=(xfonts-base)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- The build lock: held throughout when started under flock, else taken per part.
held=false
for fd in /proc/$$/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "$lock" ] && held=true
done
exec 8>>"$lock"
lock_take() { $held || { echo "[$(date +%H:%M:%S)] waiting for $lock ..."; flock 8; }; }
lock_release() { $held || flock -u 8; }

stamp=$(date +%Y-%m-%d-%H%M%S)
run=$work/runs/$stamp
mkdir -p "$run"
echo "${systems[*]}" > "$run/systems"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$run/run.log"; }

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        if [ -z "$(ss -Htln "sport = :$port")" ]; then
            echo "$port"
            return
        fi
    done
}

# --- Products (copied, so a later build cannot change them under the run) and the benchmark's own jar.
server_product=$root/product/io.helmdesk.server.product/target/products/io.helmdesk.server/linux/gtk/x86_64/helmdesk-server
agent_product=$root/product/io.helmdesk.agent.product/target/helmdesk-agent
lock_take
if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -x "$server_product/bin/helmdesk-server" ] || [ ! -x "$agent_product/bin/helmdesk-agent" ]; then
    log "Building the products (./mvnw -B -o -q install -DskipTests) ..."
    (cd "$root" && ./mvnw -B -o -q install -DskipTests)
fi
rm -rf "$work/server" "$work/agent"
cp -a "$server_product" "$work/server"
cp -a "$agent_product" "$work/agent"
jar_of() { # bundle name -> its jar in the agent product copy
    ls "$work/agent"/bundle/"$1"-[0-9]*.jar "$work/agent"/bundle/"$1"_[0-9]*.jar 2>/dev/null | head -n 1 || true
}
protocol_jar=$(jar_of io.helmdesk.protocol); screen_jar=$(jar_of io.helmdesk.screen)
session_jar=$(jar_of io.helmdesk.session); transport_jar=$(jar_of io.helmdesk.transport)
mina_jar=$(jar_of mina-core); jna_jar=$(jar_of jna)
slf4j_jar=$(ls "$work/agent"/bundle/slf4j-api-*.jar "$work/agent"/lib/slf4j-api-*.jar 2>/dev/null | head -n 1 || true)
for jar in protocol_jar screen_jar session_jar transport_jar mina_jar jna_jar; do
    [ -n "${!jar}" ] || { log "The agent product has no ${jar%_jar} bundle (is it up to date? BENCH_BUILD=1)"; exit 1; }
done
log "Building the benchmark against $(basename "$session_jar") ..."
# clean: the jars may change while the sources do not, and an incremental build would keep classes made against others
"$root/mvnw" -B -q -f "$here/pom.xml" clean package -Dhelmdesk.protocol.jar="$protocol_jar" \
    -Dhelmdesk.screen.jar="$screen_jar" -Dhelmdesk.session.jar="$session_jar" -Dhelmdesk.transport.jar="$transport_jar"
lock_release
classpath=$bench_jar:$jna_jar:$protocol_jar:$screen_jar:$session_jar:$transport_jar:$mina_jar${slf4j_jar:+:$slf4j_jar}
echo "$classpath" > "$run/classpath"

# --- The display.
display_number=77
while [ -e "/tmp/.X11-unix/X$display_number" ] || [ -e "/tmp/.X$display_number-lock" ]; do
    display_number=$((display_number + 1))
done
display=:$display_number
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
stop() { # pid
    kill "$1" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$1" 2>/dev/null || true
}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp -noreset > "$run/xvfb.log" 2>&1 8>&- &
xvfb_pid=$!
pids+=("$xvfb_pid")
for _ in $(seq 100); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done
DISPLAY=$display xdotool getdisplaygeometry >/dev/null || { log "Xvfb did not start"; exit 1; }
# The pointer rests in the bottom left corner, away from every workload.
DISPLAY=$display xdotool mousemove --sync 0 1079
log "Display $display (Xvfb pid $xvfb_pid), workloads $workloads, ${settle} s settle + ${window} s window each"

bench() { # system name, then ScreenBench arguments
    local name=$1
    shift
    local shots=()
    [ "${BENCH_SCREENSHOTS:-0}" = 1 ] && shots=(--screenshots "$run/screenshots-$name")
    "$HELMDESK_JAVA" -Xmx1g -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -cp "$classpath" \
        io.helmdesk.bench.screen.ScreenBench --display "$display" --system "$(label "$name")" \
        --workloads "$workloads" --settle "$settle" --window "$window" --clk-tck "$(getconf CLK_TCK)" \
        --work "$run/work-$name" --results "$run/$name.properties" "${shots[@]}" "$@"
}
label() {
    case "$1" in
        x11vnc) echo x11vnc ;; x11vnc-zrle) echo "x11vnc ZRLE" ;; x11vnc-q*) echo "x11vnc q${1#x11vnc-q}" ;;
        x0tigervnc) echo X0tigervnc ;; x0tigervnc-zrle) echo "X0tigervnc ZRLE" ;; x0tigervnc-tls) echo "X0tigervnc TLS" ;;
        x0tigervnc-q*) echo "X0tigervnc q${1#x0tigervnc-q}" ;;
        helmdesk) echo Helmdesk ;;
    esac
}
await_port() { # port pid
    for _ in $(seq 100); do
        [ -n "$(ss -Htln "sport = :$1")" ] && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

run_vnc() { # system
    local name=$1 port server_pid encoding=tight level=$quality security=(-SecurityTypes None) tls=false
    case "$name" in
        *-zrle) encoding=zrle ;;
        *-q[0-9]) level=${name##*-q} ;;
        *-tls)
            tls=true
            mkdir -p "$run/tls"
            [ -f "$run/tls/vnc.crt" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
                -keyout "$run/tls/vnc.key" -out "$run/tls/vnc.crt" -days 7 -subj /CN=localhost 2>/dev/null
            security=(-SecurityTypes X509None -X509Cert "$run/tls/vnc.crt" -X509Key "$run/tls/vnc.key")
            ;;
    esac
    port=$(free_port)
    lock_take
    case "$name" in
        x0tigervnc*)
            # The real binary (x0vncserver is a wrapper that daemonizes): its pid is the one whose CPU counts.
            /usr/bin/X0tigervnc -display "$display" -rfbport "$port" "${security[@]}" -AlwaysShared -localhost \
                > "$run/$name-server.log" 2>&1 8>&- &
            ;;
        x11vnc*)
            x11vnc -display "$display" -rfbport "$port" -nopw -forever -shared -noipv6 -localhost \
                > "$run/$name-server.log" 2>&1 8>&- &
            ;;
    esac
    server_pid=$!
    pids+=("$server_pid")
    if ! await_port "$port" "$server_pid"; then
        log "$name did not listen on $port; see $run/$name-server.log"
        lock_release
        return 1
    fi
    log "$name: pid $server_pid, port $port, encoding $encoding"
    bench "$name" --protocol rfb --port "$port" --encoding "$encoding" --quality "$level" \
        --compression "$compression" --tls "$tls" --cpu "server=$server_pid,xvfb=$xvfb_pid" 2>&1 8>&- | tee "$run/$name.out" || true
    stop "$server_pid"
    lock_release
}

run_helmdesk() {
    local http_port agent_port relay_port server_pid agent_pid data=$run/helmdesk-data agent_data=$run/agent-data
    local base session setup_token token gateway pin gateway_port device_id
    http_port=$(free_port); agent_port=$(free_port); relay_port=$(free_port)
    while [ "$agent_port" = "$http_port" ]; do agent_port=$(free_port); done
    while [ "$relay_port" = "$http_port" ] || [ "$relay_port" = "$agent_port" ]; do relay_port=$(free_port); done
    base=http://127.0.0.1:$http_port/api/v1
    api() { # method path [json]
        local args=(-sS -f -X "$1" -H "Accept: application/json")
        [ -n "${session:-}" ] && args+=(-H "Authorization: Bearer $session")
        [ -n "${3:-}" ] && args+=(-H "Content-Type: application/json" --data "$3")
        curl "${args[@]}" "$base$2"
    }
    lock_take
    printf 'public.host = 127.0.0.1\n' > "$work/server/etc/io.helmdesk.devices.cfg"
    log "Helmdesk server: HTTP $http_port, agents $agent_port, relay $relay_port, data $data"
    HELMDESK_DATA=$data HELMDESK_HTTP_PORT=$http_port HELMDESK_AGENT_PORT=$agent_port HELMDESK_RELAY_PORT=$relay_port \
        HELMDESK_JAVA_OPTS=-Xmx512m "$work/server/bin/helmdesk-server" > "$run/helmdesk-server.out" 2>&1 8>&- &
    server_pid=$!
    pids+=("$server_pid")
    for i in $(seq 240); do
        curl -sf -o /dev/null "$base/health" && curl -sf -o /dev/null "$base/auth/setup" && break
        kill -0 "$server_pid" 2>/dev/null || { log "The server ended; see $run/helmdesk-server.out"; lock_release; return 1; }
        [ "$i" = 240 ] && { log "The server was not healthy within 120 s"; lock_release; return 1; }
        sleep 0.5
    done
    session=
    setup_token=$(sed -n 's/.*\/setup\.html#\(hdsetup_[A-Za-z0-9_-]*\).*/\1/p' "$run/helmdesk-server.out" | head -n 1)
    [ -n "$setup_token" ] || { log "No setup link in the server's output"; lock_release; return 1; }
    session=$(api POST /auth/setup "$(jq -nc --arg t "$setup_token" \
        '{token: $t, email: "bench@example.org", password: "Screen-bench-2026"}')" | jq -r .token)
    token=$(api POST /enrollment-tokens '{"name":"screen-bench","maxUses":1,"validDays":1}' | jq -r .secret)
    gateway=$(api GET /agent-gateway)
    pin=$(jq -r .pin <<<"$gateway"); gateway_port=$(jq -r .port <<<"$gateway")
    {
        echo "server.address = 127.0.0.1:$gateway_port"
        echo "server.pin = $pin"
        echo ".enrollment.token = $token"
        echo "device.name = screen-bench"
        echo "window = true"
        echo "session.files.folder = $run/agent-files"
    } > "$work/agent/etc/io.helmdesk.agent.cfg"
    DISPLAY=$display HELMDESK_DATA=$agent_data "$work/agent/bin/helmdesk-agent" > "$run/helmdesk-agent.out" 2>&1 8>&- &
    agent_pid=$!
    pids+=("$agent_pid")
    device_id=
    for _ in $(seq 120); do
        device_id=$(api GET /devices | jq -r '[.[] | select(.status == "ONLINE")][0].id // empty')
        [ -n "$device_id" ] && break
        kill -0 "$agent_pid" 2>/dev/null || { log "The agent ended; see $run/helmdesk-agent.out"; lock_release; return 1; }
        sleep 0.5
    done
    [ -n "$device_id" ] || { log "The agent was not ONLINE within 60 s"; lock_release; return 1; }
    for _ in $(seq 120); do
        DISPLAY=$display xdotool search --onlyvisible --name '^Helmdesk$' >/dev/null 2>&1 && break
        sleep 0.5
    done
    log "Agent pid $agent_pid ONLINE as $device_id; its window is up"
    # The benchmark's JVM opens the session(s) itself (POST /sessions, the viewer joins, xdotool clicks "Allow").
    bench helmdesk --protocol helmdesk --api "$base" --token "$session" --device "$device_id" \
        --cpu "server=$agent_pid,xvfb=$xvfb_pid,relay=$server_pid" 2>&1 8>&- | tee "$run/helmdesk.out" || true
    api GET "/sessions?deviceId=$device_id" > "$run/helmdesk-sessions.json" 2>/dev/null || true
    stop "$agent_pid"
    stop "$server_pid"
    cp "$data/logs/server.log" "$run/helmdesk-server.log" 2>/dev/null || true
    cp "$agent_data/logs/agent.log" "$run/helmdesk-agent.log" 2>/dev/null || true
    lock_release
    {
        local warnings
        # WARN and ERROR lines (the setup link aside), each ERROR with the first lines of its stack trace.
        warnings=$(cat "$run/helmdesk-agent.log" "$run/helmdesk-server.log" 2>/dev/null | awk '
            / (WARN|ERROR) / && !/setup\.html/ { print; trace = / ERROR / ? 3 : 0; next }
            trace > 0 && /^([[:space:]]|[a-z][a-zA-Z0-9_.]*(Exception|Error))/ { print; trace--; next }
            { trace = 0 }' | head -n 16 || true)
        if [ -n "$warnings" ]; then
            echo "- Helmdesk log lines at WARN/ERROR (agent log, then server log; an ERROR with the start of its stack trace):"
            echo
            echo '```'
            echo "$warnings" | cut -c 1-300
            echo '```'
        fi
    } >> "$run/notes.md"
}

for s in "${systems[@]}"; do
    log "=== $(label "$s")"
    case "$s" in
        helmdesk) run_helmdesk || log "Helmdesk's part failed" ;;
        *) run_vnc "$s" || log "$s's part failed" ;;
    esac
done

# --- The report's header.
version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }
{
    echo "# Remote screen benchmark: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$(nproc) cores ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | sed -n 1p)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, kernel $(uname -r); Java $("$HELMDESK_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')."
    echo "Xvfb $(version xvfb) 1920x1080x24; X0tigervnc $(version tigervnc-scraping-server); x11vnc $(version x11vnc); xterm $(version xterm)."
    echo "Helmdesk products: server $(ls "$work/server/plugins" | sed -n 's/^io\.helmdesk\.relay_\(.*\)\.jar$/\1/p'), agent built $(date -u -r "$work/agent/bundle/$(basename "$session_jar")" '+%Y-%m-%d %H:%M UTC') (working tree at commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [ -n "$(git status --porcelain -- . ':!bench' 2>/dev/null | sed -n 1p)" ] && echo " + uncommitted changes" || true))."
    echo "Workloads ($workloads): ${settle} s settling, then a ${window} s window each; one system after the other on the same display; player and client in one JVM on the same two cores."
    echo
} > "$run/header.md"
report "$run"
