#!/usr/bin/env bash
# Publishes the server as users get it: self-contained (no .NET install needed) and trimmed, one folder per runtime
# identifier, artifacts/server/<rid>/maestro[.exe]. ReadyToRun where this host's cross-compiler (crossgen2) can target
# the RID; elsewhere IL only (the JIT compiles at start-up; still correct, a little slower to start).
#   scripts/publish-server.sh                 this machine's RID
#   scripts/publish-server.sh RID...          the given RIDs (linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)
#   scripts/publish-server.sh --all-platforms every RID a VSIX is made for
# Prints "<rid> <size of the folder>" per RID. The trimming settings live in src/Maestro.Server/Maestro.Server.csproj.
set -euo pipefail
cd "$(dirname "$0")/.."

all_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)

host_rid() {
  local arch="x64"
  case "$(uname -m)" in aarch64|arm64) arch="arm64" ;; esac
  if [ "$(uname -s)" = "Darwin" ]; then echo "osx-$arch"; else echo "linux-$arch"; fi
}

rids=()
if [ $# -eq 0 ]; then
  rids=("$(host_rid)")
elif [ "$1" = "--all-platforms" ]; then
  rids=("${all_rids[@]}")
else
  rids=("$@")
fi

# crossgen2 ships for the host only; it compiles for the host's own OS and architecture here (cross-OS targets
# need the target's runtime pack compiled by crossgen2 for that OS, which NuGet does not serve us offline).
r2r_for() {
  [ "$1" = "$(host_rid)" ] && echo true || echo false
}

for rid in "${rids[@]}"; do
  out="artifacts/server/$rid"
  rm -rf "$out"
  r2r=$(r2r_for "$rid")
  echo "==> maestro for $rid (self-contained, trimmed, ReadyToRun=$r2r) into $out"
  dotnet publish src/Maestro.Server/Maestro.Server.csproj -c Release -r "$rid" --self-contained true \
    -p:PublishTrimmed=true -p:PublishReadyToRun="$r2r" -o "$out" -nologo -clp:ErrorsOnly
  exe="$out/maestro"
  [ "${rid%%-*}" = "win" ] && exe="$out/maestro.exe"
  [ -f "$exe" ] || { echo "publish-server: $exe was not produced" >&2; exit 1; }
  echo "    $rid $(du -sh "$out" | cut -f1)"
done
