#!/usr/bin/env bash
# Compiles the Rider client's core (plain Kotlin, no IDE) and its tests with the kotlinc of the npm package
# kotlin-compiler, and runs them with the JUnit 5 console launcher against a real `maestro`.
# Installs what it needs first (idempotent, quick when present). The last line is always:
#   KOTLIN: N passed, M failed
set -uo pipefail
cd "$(dirname "$0")"
core=$(pwd)
root=$(cd ../../.. && pwd)

summary() { echo "KOTLIN: $1 passed, $2 failed"; }
die() { echo "core/test.sh: $*" >&2; summary 0 1; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Tools: kotlinc (npm), JUnit console launcher and Gson (Debian), a JDK.
command -v java >/dev/null || die "java is missing (a JDK 17 or newer is needed)"
kotlinc="$core/node_modules/kotlin-compiler/bin/kotlinc"
if [ ! -x "$kotlinc" ]; then
  echo "==> npm ci (kotlin-compiler)"
  npm ci --no-audit --no-fund >/dev/null || die "npm ci failed"
fi
klib="$core/node_modules/kotlin-compiler/lib"
junit=/usr/share/java/junit-platform-console-standalone.jar
gson=/usr/share/java/gson.jar
if [ ! -f "$junit" ] || [ ! -f "$gson" ]; then
  echo "==> apt-get install junit5 libgoogle-gson-java"
  (as_root apt-get update -qq && as_root apt-get install -y -qq junit5 libgoogle-gson-java) >/dev/null || die "apt-get install failed"
fi

# 2. What the tests run: the server, the scripted model server, the pinned agent CLIs.
if [ -z "${MAESTRO_BIN:-}" ]; then
  echo "==> building maestro (set MAESTRO_BIN to skip)"
  "$root/build.sh" --no-run || die "build.sh failed"
  export MAESTRO_BIN="$root/artifacts/bin/maestro"
fi
[ -x "$MAESTRO_BIN" ] || die "MAESTRO_BIN=$MAESTRO_BIN is not executable"
model="$root/tests/Maestro.ModelServerHost/bin/Release/net10.0/maestro-model-server"
if [ ! -x "$model" ]; then
  echo "==> building the scripted model server"
  dotnet build "$root/tests/Maestro.ModelServerHost" -c Release -nologo -clp:ErrorsOnly >/dev/null || die "model server build failed"
fi
"$root/tools/agents/install.sh" >/dev/null || die "tools/agents/install.sh failed"
export MAESTRO_REPO_ROOT="$root"

# 3. Compile (skipped when the sources did not change).
main_cp="$gson:$klib/kotlinx-coroutines-core-jvm.jar"
test_cp="$core/build/main:$main_cp:$klib/kotlin-test.jar:$klib/kotlin-test-junit5.jar:/usr/share/java/junit-jupiter-api.jar:/usr/share/java/opentest4j.jar:/usr/share/java/apiguardian-api.jar"
stamp_now=$( (find src -name '*.kt' -print0 | sort -z | xargs -0 sha256sum; echo "$kotlinc") | sha256sum | cut -d' ' -f1)
if [ "$(cat build/.stamp 2>/dev/null)" != "$stamp_now" ]; then
  rm -rf build && mkdir -p build
  echo "==> kotlinc src/main"
  "$kotlinc" -nowarn -jvm-target 17 -cp "$main_cp" -d build/main $(find src/main -name '*.kt') || die "compiling src/main failed"
  echo "==> kotlinc src/test"
  "$kotlinc" -nowarn -jvm-target 17 -cp "$test_cp" -d build/test $(find src/test -name '*.kt') || die "compiling src/test failed"
  echo "$stamp_now" > build/.stamp
else
  echo "==> sources unchanged since the last compile: reusing build/"
fi

# 4. Run the tests.
echo "==> JUnit (tests against $MAESTRO_BIN)"
log="$core/build/junit.log"
java -jar "$junit" --disable-banner --details=tree \
  --class-path "$core/build/test:$test_cp:$klib/kotlin-stdlib.jar" \
  --scan-class-path "$core/build/test" 2>&1 | tee "$log"
passed=$(grep -Eo '\[ *[0-9]+ tests successful' "$log" | grep -Eo '[0-9]+' | tail -1)
failed=$(grep -Eo '\[ *[0-9]+ tests failed' "$log" | grep -Eo '[0-9]+' | tail -1)
[ -n "$passed" ] || { echo "JUnit printed no summary"; summary 0 1; exit 1; }
summary "$passed" "${failed:-0}"
[ "${failed:-0}" -eq 0 ]
