#!/usr/bin/env bash
# Builds Maestro: the server (ReadyToRun, framework-dependent) into artifacts/bin, the shared panel
# (clients/panel/dist) and the VS Code extension (artifacts/maestro.vsix); then runs `maestro doctor`.
#   ./build.sh                 build, then run `maestro doctor`
#   ./build.sh --no-run        build only
#   ./build.sh -- ARGS         build, then run `maestro ARGS`
#   MAESTRO_SERVER_ONLY=1      skip the clients (no Node needed)
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh dotnet

rid="linux-x64"
case "$(uname -m)" in
  aarch64|arm64) rid="linux-arm64" ;;
esac
if [ "$(uname -s)" = "Darwin" ]; then rid="osx-${rid#linux-}"; fi

echo "==> Building maestro ($rid, Release, ReadyToRun) into artifacts/bin"
dotnet publish src/Maestro.Server/Maestro.Server.csproj -c Release -r "$rid" --self-contained false \
  -o artifacts/bin -p:PublishReadyToRun=true -nologo -clp:ErrorsOnly

if [ "${MAESTRO_SERVER_ONLY:-0}" != "1" ]; then
  scripts/setup.sh clients-build
  echo "==> Building the shared panel (clients/panel/dist) and the VS Code extension (artifacts/maestro.vsix)"
  (cd clients/panel && npm run --silent build)
  # The VSIX carries this build of the server (framework-dependent, ~11 MB): installed, it works without a PATH entry.
  (cd clients/vscode && MAESTRO_BUNDLE_SERVER="$(pwd)/../../artifacts/bin" MAESTRO_VSIX="$(pwd)/../../artifacts/maestro.vsix" npm run --silent package >/dev/null && rm -rf server)
  echo "    artifacts/maestro.vsix"
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
