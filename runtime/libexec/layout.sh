# Sourced by bin/pyro-ns and bin/pyro-nsc (after setting `here`, the real directory of the script, and `command`,
# its name): where this pyrons's files are, and the java that runs them.
#
# Two layouts share the scripts:
# - the source tree: runtime/ of a clone (pyrons.bndrun beside bin/), the build's outputs in runtime/target/; an
#   output that is missing is built with Maven first, so that runtime/bin/pyro-ns works on a fresh clone;
# - a distribution (pyrons-VERSION.tar.gz, the Debian package's /usr/share/pyrons): the same files in lib/; nothing
#   is built there, a missing file is named and the script ends (status 1).
# Sets runtime (the directory above bin/), pyrons_lib (the jars), pyrons_source_tree ("yes" or empty) and java.

runtime="$(dirname "$here")"
if [[ -f "$runtime/pyrons.bndrun" && -f "$runtime/pom.xml" ]]; then
    pyrons_source_tree=yes
    pyrons_lib="$runtime/target"
else
    pyrons_source_tree=""
    pyrons_lib="$runtime/lib"
fi

# pyrons_require FILE: returns when FILE exists; in the source tree it builds it first when it is missing.
pyrons_require() {
    [[ -e "$1" ]] && return 0
    if [[ -z "$pyrons_source_tree" ]]; then
        echo "$command: $1 is missing: this pyrons installation is incomplete (unpack or install it again)" >&2
        exit 1
    fi
    if ! command -v mvn >/dev/null; then
        echo "$command: $1 is missing and mvn is not on PATH to build it" \
            "(mvn -B -DskipTests install in $(dirname "$runtime"))" >&2
        exit 1
    fi
    echo "$command: $1 is missing; building it (mvn -B -q -DskipTests install)..." >&2
    (cd "$(dirname "$runtime")" && mvn -B -q -DskipTests install) >&2
    if [[ ! -e "$1" ]]; then
        echo "$command: the build did not produce $1" >&2
        exit 1
    fi
}

# JAVA_HOME's java when it is set (as every Java tool does), else the first java on PATH.
if [[ -n "${JAVA_HOME:-}" ]]; then
    java="$JAVA_HOME/bin/java"
    if [[ ! -x "$java" ]]; then
        echo "$command: JAVA_HOME is $JAVA_HOME, which has no bin/java (pyrons needs Java 17 or later)" >&2
        exit 1
    fi
elif ! java="$(command -v java)"; then
    echo "$command: no java on PATH and JAVA_HOME is not set (pyrons needs Java 17 or later)" >&2
    exit 1
fi
