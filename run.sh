#!/usr/bin/env bash
# Builds Helmdesk and starts it from the build output.
#   ./run.sh                     the server on embedded Derby, http://localhost:8080/ (HELMDESK_HTTP_PORT to change)
#   ./run.sh console [-server A] the operator console (needs a display)
#   ./run.sh agent               the agent, with the configuration in its etc/
#   ./run.sh demo                a server, an agent on a virtual display and the console: connect within a minute
# --no-build skips the build. Data goes to ~/.local/share/helmdesk/<runtime> unless HELMDESK_DATA says otherwise.
set -euo pipefail
cd "$(dirname "$0")"

build=true
if [ "${1:-}" = "--no-build" ]; then
    build=false
    shift
fi
runtime=${1:-server}
[ $# -gt 0 ] && shift

products=product
server=$products/io.helmdesk.server.product/target/products/io.helmdesk.server/linux/gtk/x86_64/helmdesk-server
console=$products/io.helmdesk.console.product/target/products/io.helmdesk.console/linux/gtk/x86_64/helmdesk-console
agent=$products/io.helmdesk.agent.product/target/helmdesk-agent

if $build; then
    . scripts/launcher/helmdesk-java.sh
    helmdesk_find_java
    echo "Building Helmdesk (no tests; ./test.sh runs them) with Java at $HELMDESK_JAVA_HOME ..."
    JAVA_HOME=$HELMDESK_JAVA_HOME ./mvnw -B -ntp -q package -DskipTests
fi

case "$runtime" in
    server) exec "$server/bin/helmdesk-server" "$@" ;;
    console) exec "$console/bin/helmdesk-console" "$@" ;;
    agent) exec "$agent/bin/helmdesk-agent" "$@" ;;
    demo) exec scripts/demo.sh "$@" ;;
    *) echo "Unknown runtime '$runtime': use server, console, agent or demo" >&2; exit 2 ;;
esac
