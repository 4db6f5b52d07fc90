# Sourced by ./mvnw, ./warcorn and bin/warcorn (POSIX sh). Sets JAVA_HOME to a JDK >= 25, or
# prints what is missing and how to install it, then exits 1.
# Order: $JAVA_HOME if it is new enough, then the newest /usr/lib/jvm/* (Debian and Temurin packages
# put JDKs there), then the `java` on PATH.
warcorn_java_feature() { # prints the feature version of the java binary $1 (17, 25, ...), or nothing
  # The JDK's own release file first: asking the JVM costs a JVM start (65 ms) per JDK looked at, on every run.
  _wc_rel=$(dirname "$(dirname "$(readlink -f "$1")")")/release
  if [ -f "$_wc_rel" ]; then
    _wc_f=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$_wc_rel" | head -n 1)
    if [ -n "$_wc_f" ]; then echo "$_wc_f"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
warcorn_find_jdk() {
  _wc_need=25
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    _wc_v=$(warcorn_java_feature "$JAVA_HOME/bin/java")
    if [ -n "$_wc_v" ] && [ "$_wc_v" -ge "$_wc_need" ]; then export JAVA_HOME; return 0; fi
    _wc_tried="JAVA_HOME=$JAVA_HOME (java $_wc_v)"
  fi
  _wc_best= ; _wc_bestv=0
  _wc_oldf=$(set +o | grep noglob); set +f
  for _wc_d in /usr/lib/jvm/*; do
    [ -x "$_wc_d/bin/java" ] && [ -x "$_wc_d/bin/javac" ] || continue
    _wc_v=$(warcorn_java_feature "$_wc_d/bin/java")
    [ -n "$_wc_v" ] || continue
    if [ "$_wc_v" -ge "$_wc_need" ] && [ "$_wc_v" -gt "$_wc_bestv" ]; then _wc_best=$_wc_d; _wc_bestv=$_wc_v; fi
  done
  eval "$_wc_oldf"
  if [ -n "$_wc_best" ]; then JAVA_HOME=$_wc_best; export JAVA_HOME; return 0; fi
  if command -v java >/dev/null 2>&1; then
    _wc_j=$(command -v java); _wc_v=$(warcorn_java_feature "$_wc_j")
    if [ -n "$_wc_v" ] && [ "$_wc_v" -ge "$_wc_need" ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$_wc_j")")"); export JAVA_HOME; return 0
    fi
  fi
  echo "warcorn: needs a JDK $_wc_need or newer; none found (looked at ${_wc_tried:-JAVA_HOME (unset)}, /usr/lib/jvm/*, java on PATH)." >&2
  echo "warcorn: install one, e.g. the Temurin 25 JDK (Debian package temurin-25-jdk from the Adoptium repository)," >&2
  echo "warcorn: or set JAVA_HOME to a JDK 25 directory, then run this command again." >&2
  exit 1
}
