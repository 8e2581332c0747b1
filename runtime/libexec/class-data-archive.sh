# Sourced by bin/pyro-ns after libexec/layout.sh: which class data archive pyrons.jar starts with (archive, used
# when the file exists) and where this start writes one as it exits (archive_dump, empty: none).
#
# The source tree uses the one its build writes beside the jar (src/main/cds/create-archive).
# A distribution makes its own, on this machine: JDK 17 takes an archive only for the jar at the path it had when
# the archive was made and for the exact JVM build, so one made by the build is void wherever the archive is
# unpacked or the package installed. The first start that finds none writes one when it exits
# (-XX:ArchiveClassesAtExit, into a file named by its PID); a later start checks that file with a short JVM run (a
# torn archive makes the JVM that maps it crash) and moves it into place. The name says which jar and which JVM it
# belongs to: a new jar or JDK makes a new one, which replaces the old. Kept in PYRONS_CACHE_DIR, else systemd's
# CACHE_DIRECTORY (CacheDirectory=pyrons), else $XDG_CACHE_HOME/pyrons or ~/.cache/pyrons; without a writable
# one pyro-ns simply starts without. `pyro-ns -h` never writes one (it would hold only the classes of the help).

archive_dump=""
if [[ -n "$pyrons_source_tree" ]]; then
    archive="$pyrons_lib/pyrons.jsa"
else
    cache="${PYRONS_CACHE_DIR:-${CACHE_DIRECTORY:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/pyrons}}"
    # named by the jar's path (already resolved: layout.sh works from the script's real directory; _ doubled, / as
    # _) and by size-mtime of the jar, the java launcher and libjvm.so: two processes (readlink, stat), as a start
    # should cost as little as it can
    real_java="$(readlink -f "$java")"
    stamp="$(stat -L -c '%s-%Y' "$jar" "$real_java" "${real_java%/bin/java}/lib/server/libjvm.so" 2>/dev/null || true)"
    jar_path="${jar//_/__}"
    for_jar="$cache/pyrons${jar_path//\//_}"
    archive="$for_jar-${stamp//$'\n'/-}.jsa"
    if [[ -d "$cache" ]]; then
        for made in "$for_jar-"*.jsa*; do
            [[ -f "$made" && "$made" != "$archive" ]] || continue
            if [[ "$made" =~ \.jsa\.([0-9]+)$ ]] && kill -0 "${BASH_REMATCH[1]}" 2>/dev/null; then
                continue # still running: it writes its archive when it exits
            fi
            if [[ "$made" == "$archive".* && ! -f "$archive" ]] \
                && "$java" -Xshare:on -XX:SharedArchiveFile="$made" -Xlog:disable -XX:ErrorFile=/dev/null \
                    -XX:-CreateCoredumpOnCrash -cp "$jar" -version >/dev/null 2>&1; then
                mv -f "$made" "$archive"
            else
                rm -f "$made" # torn, or made for another jar or JVM
            fi
        done
    fi
    if [[ ! -f "$archive" && " $* " != *" -h "* && " $* " != *" --he"* ]] \
        && mkdir -p "$cache" 2>/dev/null && [[ -w "$cache" ]]; then
        archive_dump="$archive.$$"
    fi
fi
