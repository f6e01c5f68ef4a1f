#!/usr/bin/env bash
# The whole product on this machine, for a first look: a server (embedded Derby, a fresh demo data folder), a
# "remote" computer on a virtual display (Xvfb) with an agent enrolled in a demo account, and the console on your
# display. Sign in to the console with the account printed below, open Computers…, select demo-computer, Connect.
# Ctrl+C stops everything. Run through ./run.sh demo (which builds first) or ./run.sh --no-build demo.
set -euo pipefail
cd "$(dirname "$0")/.."

products=product
server=$products/io.helmdesk.server.product/target/products/io.helmdesk.server/linux/gtk/x86_64/helmdesk-server
console=$products/io.helmdesk.console.product/target/products/io.helmdesk.console/linux/gtk/x86_64/helmdesk-console
demo=${HELMDESK_DEMO:-$PWD/target/demo}
http_port=${HELMDESK_HTTP_PORT:-8080}
email=demo@helmdesk.example
password=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)-Demo1

for tool in Xvfb curl; do
    command -v "$tool" >/dev/null || { echo "The demo needs $tool (Debian: apt-get install xvfb curl)" >&2; exit 1; }
done
[ -x "$server/bin/helmdesk-server" ] || { echo "No server product: run ./run.sh demo (it builds first)" >&2; exit 1; }

pids=()
stop() {
    echo
    echo "Stopping the demo ..."
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

rm -rf "$demo"
mkdir -p "$demo"

# The reached computer: a virtual display with something on it.
display_number=20
while [ -e "/tmp/.X$display_number-lock" ] || [ -e "/tmp/.X11-unix/X$display_number" ]; do
    display_number=$((display_number + 1))
done
remote_display=":$display_number"
Xvfb "$remote_display" -screen 0 1280x800x24 -nolisten tcp >"$demo/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display_number" ] && break; sleep 0.1; done
if command -v xterm >/dev/null; then
    DISPLAY=$remote_display xterm -geometry 90x24+60+420 -title "Demo computer" >/dev/null 2>&1 &
    pids+=($!)
fi
echo "The demo computer is the virtual display $remote_display."

# The server, with its own data folder.
echo "Starting the server on http://localhost:$http_port/ ..."
HELMDESK_DATA="$demo/server" HELMDESK_HTTP_PORT=$http_port "$server/bin/helmdesk-server" >"$demo/server.out" 2>&1 &
pids+=($!)
setup_token=""
for _ in $(seq 120); do
    setup_token=$(sed -n 's/.*setup\.html#\(hdsetup_[A-Za-z0-9_-]*\).*/\1/p' "$demo/server.out" | head -n 1)
    if [ -n "$setup_token" ] && curl -fs "http://localhost:$http_port/api/v1/auth/setup" >/dev/null; then
        break
    fi
    sleep 1
done
[ -n "$setup_token" ] || { echo "The server did not start; see $demo/server.out" >&2; exit 1; }

api() { # method path [json]
    curl -fsS -X "$1" -H "Content-Type: application/json" ${session:+-H "Authorization: Bearer $session"} \
        ${3:+--data "$3"} "http://localhost:$http_port/api/v1$2"
}
field() { # name: the first "name":"value" of the JSON on stdin
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1
}
session=""
session=$(api POST /auth/setup "{\"token\":\"$setup_token\",\"email\":\"$email\",\"password\":\"$password\"}" | field token)

# The agent, downloaded from the server with an enrollment token, on the virtual display. The demo computer lets its
# card decide about consent (nobody sits at a virtual display to allow the session).
curl -fsS -H "Authorization: Bearer $session" -o "$demo/helmdesk-agent-linux.tar.gz" \
    "http://localhost:$http_port/api/v1/agent-downloads/linux?maxUses=1&validDays=1"
tar xzf "$demo/helmdesk-agent-linux.tar.gz" -C "$demo"
cat >>"$demo/helmdesk-agent/etc/io.helmdesk.agent.cfg" <<EOF
device.name = demo-computer
session.consent = server
session.files.folder = $demo/demo-computer-files
EOF
DISPLAY=$remote_display HELMDESK_DATA="$demo/agent" "$demo/helmdesk-agent/bin/helmdesk-agent" >"$demo/agent.out" 2>&1 &
pids+=($!)
device_id=""
for _ in $(seq 60); do
    device_id=$(api GET /devices | field id)
    [ -n "$device_id" ] && break
    sleep 1
done
[ -n "$device_id" ] || { echo "The agent did not join; see $demo/agent.out" >&2; exit 1; }
api PATCH "/devices/$device_id" '{"consentRequired":false}' >/dev/null

echo
echo "Helmdesk demo is running."
echo "  Web and API:   http://localhost:$http_port/"
echo "  Sign in with:  $email"
echo "  Password:      $password"
echo "  Computer:      demo-computer (an agent on the virtual display $remote_display)"
echo "  Files:         $demo (logs: server.out, agent.out)"
if [ -n "${DISPLAY:-}" ]; then
    echo "  Console:       starting; Computers… → demo-computer → Connect"
    "$console/bin/helmdesk-console" -server "localhost:$http_port" >"$demo/console.out" 2>&1 &
    pids+=($!)
else
    echo "  Console:       no display here; on a desktop run: ./run.sh --no-build console -server localhost:$http_port"
fi
echo "Ctrl+C stops the demo."
wait "${pids[@]}"
