# Sourced by every Helmdesk launch script and by the build scripts: finds a JDK 21 or newer.
# Order: HELMDESK_JAVA_HOME, JAVA_HOME, java on the PATH, then the newest under /usr/lib/jvm.
# Sets HELMDESK_JAVA (the java binary) and HELMDESK_JAVA_HOME; exits with a clear message if none fits.

helmdesk_java_major() {
    # Prints the major version of the java binary $1 (17, 21, 25, ...), or nothing if it does not run.
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

helmdesk_find_java() {
    for candidate in "${HELMDESK_JAVA_HOME:-}" "${JAVA_HOME:-}" \
        "$(command -v java 2>/dev/null | xargs -r readlink -f 2>/dev/null | sed 's#/bin/java$##')" \
        $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidate=${candidate%/}
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        major=$(helmdesk_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            HELMDESK_JAVA_HOME=$candidate
            HELMDESK_JAVA=$candidate/bin/java
            export HELMDESK_JAVA_HOME HELMDESK_JAVA
            return 0
        fi
    done
    echo "Helmdesk needs Java 21 or newer and found none." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+), or set HELMDESK_JAVA_HOME to it." >&2
    exit 1
}
