#!/usr/bin/env bash
# Compiles the plugin's sources together with the core's, with kotlinc and WITHOUT the IntelliJ Platform (not
# reachable here), and fails on anything but the platform's absence. Tolerated: an unresolved reference to a name
# the plugin imports from com.intellij / org.cef, or to a member of a platform type listed in platform-members.txt
# (each one is in the API table of docs/rider.md); and the compiler's follow-on errors: a type it cannot infer, an
# expression of an unresolved type, any other error on a line that has a tolerated one (not an unresolved name). Everything
# else is printed and fails the check: calls into the core that do not exist, wrong types between plugin and core,
# Kotlin mistakes. The platform's own API is not checked here (docs/rider.md says where it was).
# Needs ../core/node_modules (../core/test.sh installs it). REUSE_LOG=1 re-reads the last compiler output.
set -uo pipefail
cd "$(dirname "$0")"
klib=../core/node_modules/kotlin-compiler/lib
kotlinc=../core/node_modules/kotlin-compiler/bin/kotlinc
log=${TMPDIR:-/tmp}/maestro-plugin-check.log
if [ "${REUSE_LOG:-}" != 1 ] || [ ! -f "$log" ]; then
  [ -x "$kotlinc" ] || { echo "check-sources.sh: run ../core/test.sh first (it installs kotlinc)"; exit 2; }
  out=$(mktemp -d)
  "$kotlinc" -nowarn -jvm-target 17 -cp "/usr/share/java/gson.jar:$klib/kotlinx-coroutines-core-jvm.jar" -d "$out" \
    $(find ../core/src/main/kotlin src/main/kotlin -name '*.kt') > "$log" 2>&1
  rm -rf "$out"
fi
python3 - "$log" <<'PY'
import re, subprocess, sys, pathlib
log = pathlib.Path(sys.argv[1]).read_text()
errors = re.findall(r'^(\S+\.kt):(\d+):\d+: error: (.*)$', log, re.M)
imported = set()
for f in pathlib.Path('src/main/kotlin').rglob('*.kt'):
    imported |= set(re.findall(r'^import (?:com\.intellij|org\.cef)[\w.]*\.(\w+)', f.read_text(), re.M))
core_types = set()
for f in pathlib.Path('../core/src/main/kotlin').rglob('*.kt'):
    core_types |= set(re.findall(r'\b(?:class|object|interface)\s+(\w+)', f.read_text()))
core_types |= {'String', 'Int', 'Long', 'Boolean', 'List', 'Map', 'Set', 'MutableList', 'MutableMap'}
members = {l.split('#')[0].strip() for l in pathlib.Path('platform-members.txt').read_text().splitlines()} - {''}
tolerated_names = imported | members | {'intellij', 'cef'}
def unresolved(msg):
    m = re.match(r"[Uu]nresolved reference '([^']+)'", msg)
    if not m:
        return None
    # A member missing on a core type is a real error, whatever its name.
    r = re.search(r"on receiver of type '([\w.<>?, ]+)'", msg)
    if r and re.sub(r'[<?].*', '', r.group(1)).split('.')[-1] in core_types:
        return '<core member ' + m.group(1) + '>'
    return m.group(1)
def follow_on(msg):
    # What the compiler says about an expression whose type it could not resolve.
    return 'Unresolved qualified name' in msg or msg.startswith('cannot infer type')
tolerated = [unresolved(msg) in tolerated_names or follow_on(msg) for _, _, msg in errors]
# Any other error on a line that already has a tolerated one is a follow-on too (e.g. a map's set() whose value
# type is a platform class); repeat until nothing changes.
changed = True
while changed:
    lines = {(f, l) for (f, l, _), ok in zip(errors, tolerated) if ok}
    changed = False
    for i, (f, l, msg) in enumerate(errors):
        if not tolerated[i] and (f, l) in lines and unresolved(msg) is None:
            tolerated[i] = changed = True
bad = [e for e, ok in zip(errors, tolerated) if not ok]
print(f"{len(errors)} compiler errors, all but {len(bad)} from the missing IntelliJ Platform")
for f, l, msg in bad:
    print(f"{f}:{l}: {msg}")
if any(f.startswith('../core') for f, _, _ in errors):
    print("the core itself does not compile"); sys.exit(1)
print("PLUGIN SOURCES: no errors besides the missing IntelliJ Platform" if not bad else "PLUGIN SOURCES: errors above")
sys.exit(1 if bad else 0)
PY
