#!/usr/bin/env bash
# Builds Maestro as users get it: the server self-contained and trimmed (no .NET install needed, ReadyToRun) into
# artifacts/server/<rid> (artifacts/bin points at this machine's), the shared panel (clients/panel/dist) and the
# VS Code extension: this platform's VSIX with the server inside (artifacts/maestro-<target>.vsix, also copied to
# artifacts/maestro.vsix) and the universal VSIX without one (artifacts/maestro-universal.vsix, uses `maestro` on PATH
# or the maestro.serverPath setting); then runs `maestro doctor`.
#   ./build.sh                   build, then run `maestro doctor`
#   ./build.sh --no-run          build only
#   ./build.sh -- ARGS           build, then run `maestro ARGS`
#   ./build.sh --all-platforms   also publish the server and a VSIX for every target (linux-x64, linux-arm64,
#                                darwin-x64, darwin-arm64, win32-x64); combine with --no-run or -- ARGS
#   MAESTRO_SERVER_ONLY=1        skip the clients (no Node needed)
#   MAESTRO_FRAMEWORK_DEPENDENT=1  a quicker server for development loops: framework-dependent (needs the .NET 10
#                                runtime), published straight into artifacts/bin; no VSIX carries it
set -euo pipefail
cd "$(dirname "$0")"

all_platforms=0
if [ "${1:-}" = "--all-platforms" ]; then
  all_platforms=1
  shift
fi

scripts/setup.sh dotnet

arch="x64"
case "$(uname -m)" in aarch64|arm64) arch="arm64" ;; esac
if [ "$(uname -s)" = "Darwin" ]; then rid="osx-$arch"; target="darwin-$arch"; else rid="linux-$arch"; target="linux-$arch"; fi

rid_of() { # VS Code target -> .NET runtime identifier
  case "$1" in darwin-*) echo "osx-${1#darwin-}" ;; win32-*) echo "win-${1#win32-}" ;; *) echo "$1" ;; esac
}

# The panel first: the server embeds its bundle as the remote page (docs/remote.md). The quick framework-dependent
# server embeds it only if it was built before.
if [ "${MAESTRO_SERVER_ONLY:-0}" != "1" ] && [ "${MAESTRO_FRAMEWORK_DEPENDENT:-0}" != "1" ]; then
  scripts/setup.sh clients-build
  echo "==> Building the shared panel (clients/panel/dist)"
  (cd clients/panel && npm run --silent build)
fi

if [ "${MAESTRO_FRAMEWORK_DEPENDENT:-0}" = "1" ]; then
  echo "==> Building maestro ($rid, framework-dependent, ReadyToRun) into artifacts/bin"
  [ -L artifacts/bin ] && rm artifacts/bin
  dotnet publish src/Maestro.Server/Maestro.Server.csproj -c Release -r "$rid" --self-contained false \
    -o artifacts/bin -p:PublishReadyToRun=true -nologo -clp:ErrorsOnly
  export MAESTRO_SERVER_ONLY=1
else
  if [ $all_platforms -eq 1 ]; then
    scripts/publish-server.sh --all-platforms
  else
    scripts/publish-server.sh "$rid"
  fi
  # artifacts/bin/maestro stays the path of this machine's server (tests, docs, MAESTRO_BIN).
  rm -rf artifacts/bin
  ln -s "server/$rid" artifacts/bin
fi

if [ "${MAESTRO_SERVER_ONLY:-0}" != "1" ]; then
  targets=("$target")
  [ $all_platforms -eq 1 ] && targets=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)
  root=$(pwd)
  for t in "${targets[@]}"; do
    echo "==> The VS Code extension for $t, with its server (artifacts/maestro-$t.vsix)"
    (cd clients/vscode && MAESTRO_VSIX_TARGET="$t" MAESTRO_BUNDLE_SERVER="$root/artifacts/server/$(rid_of "$t")" \
      MAESTRO_VSIX="$root/artifacts/maestro-$t.vsix" npm run --silent package >/dev/null)
    size=$(stat -c %s "artifacts/maestro-$t.vsix")
    echo "    artifacts/maestro-$t.vsix $((size / 1024 / 1024)) MB"
    # Marketplace limit we hold ourselves to: a platform VSIX stays a quick download.
    if [ "$size" -gt $((40 * 1024 * 1024)) ]; then echo "build: artifacts/maestro-$t.vsix is over 40 MB" >&2; exit 1; fi
  done
  cp "artifacts/maestro-$target.vsix" artifacts/maestro.vsix
  echo "==> The universal VS Code extension, no server inside (artifacts/maestro-universal.vsix)"
  (cd clients/vscode && MAESTRO_VSIX="$root/artifacts/maestro-universal.vsix" npm run --silent package >/dev/null)
  echo "    artifacts/maestro.vsix (= maestro-$target.vsix), artifacts/maestro-universal.vsix"
fi

if [ "${1:-}" = "--no-run" ]; then
  exit 0
fi
if [ "${1:-}" = "--" ]; then
  shift
  exec artifacts/bin/maestro "$@"
fi
echo "==> artifacts/bin/maestro doctor"
exec artifacts/bin/maestro doctor
