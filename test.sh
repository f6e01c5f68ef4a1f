#!/usr/bin/env bash
# Builds everything and runs every test: unit, OSGi integration (real frameworks, real SWT windows) and system
# tests (the built products as processes). Extra arguments go to Maven, e.g. ./test.sh -o
set -euo pipefail
cd "$(dirname "$0")"

. scripts/launcher/helmdesk-java.sh
helmdesk_find_java
export JAVA_HOME=$HELMDESK_JAVA_HOME
echo "Building with Java at $JAVA_HOME"

maven=(./mvnw -B -ntp verify "$@")
if [ -n "${DISPLAY:-}" ]; then
    "${maven[@]}"
elif command -v xvfb-run >/dev/null 2>&1; then
    # The console tests draw real windows: give them a virtual display of their own.
    xvfb-run -a -s "-screen 0 1920x1080x24" "${maven[@]}"
else
    echo "The console tests need a display and none is set: install Xvfb (apt-get install xvfb) or set DISPLAY." >&2
    exit 1
fi
