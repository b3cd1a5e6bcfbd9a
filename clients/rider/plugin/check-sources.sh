#!/usr/bin/env bash
# Compiles the plugin's sources together with the core's, with kotlinc and WITHOUT the IntelliJ Platform (not
# reachable here), and prints what the compiler found besides missing IntelliJ/JCEF classes: every error that is not
# an unresolved reference, and every unresolved name that is not imported from com.intellij or org.cef. On a
# correct tree both lists are empty (the last line says so). It catches calls into the core that do not exist,
# wrong argument types between plugin and core, and Kotlin mistakes; it cannot check the platform's own API
# (docs/rider.md lists each platform API and where it was checked). Needs ../core/node_modules (core/test.sh).
set -uo pipefail
cd "$(dirname "$0")"
klib=../core/node_modules/kotlin-compiler/lib
kotlinc=../core/node_modules/kotlin-compiler/bin/kotlinc
[ -x "$kotlinc" ] || { echo "check-sources.sh: run ../core/test.sh first (it installs kotlinc)"; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$kotlinc" -nowarn -jvm-target 17 -cp "/usr/share/java/gson.jar:$klib/kotlinx-coroutines-core-jvm.jar" -d "$out" \
  $(find ../core/src/main/kotlin src/main/kotlin -name '*.kt') > "$out/log" 2>&1
errors=$(grep -E '^[^ ]+\.kt:[0-9]+:[0-9]+: error:' "$out/log")
# Names the plugin imports from the platform: their absence is expected here.
platform=$(grep -rhoE '^import (com\.intellij|org\.cef)[A-Za-z0-9_.]*' src/main/kotlin | sed -E 's/.*\.//' | sort -u)
unexpected_kinds=$(echo "$errors" | grep -v "Unresolved reference" | grep -v '^$')
unresolved=$(echo "$errors" | grep -oE "Unresolved reference '[^']+'" | sed -E "s/Unresolved reference '([^']+)'/\1/" | sort -u)
unexpected_names=$(comm -23 <(echo "$unresolved") <(printf '%s\n' $platform intellij cef | sort -u) | grep -v '^$')
echo "$(echo "$errors" | grep -c . ) compiler errors in all; unresolved platform names: $(echo "$unresolved" | grep -c .)"
if [ -n "$unexpected_kinds" ]; then echo "== errors other than unresolved references:"; echo "$unexpected_kinds"; fi
if [ -n "$unexpected_names" ]; then echo "== unresolved names not imported from the platform:"; echo "$unexpected_names"; fi
if [ -z "$unexpected_kinds" ] && [ -z "$unexpected_names" ]; then echo "PLUGIN SOURCES: no errors besides the missing IntelliJ Platform"; exit 0; fi
echo "PLUGIN SOURCES: see above"; exit 1
