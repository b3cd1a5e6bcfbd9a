#!/usr/bin/env bash
# Installs the pinned agent CLIs into tools/agents/node_modules (never globally).
# Idempotent: skips `npm ci` when node_modules was installed from this exact lockfile
# and every CLI still answers --version. CI calls this before the real-CLI tests.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.maestro-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)

# codex and opencode ship native binaries in optional dependencies, claude in a postinstall:
# a present node_modules is not enough, each binary must actually run.
clis_run() {
  local cli
  for cli in claude codex opencode gemini; do
    if ! timeout 60 "node_modules/.bin/$cli" --version >/dev/null 2>&1 </dev/null; then
      echo "install.sh: $cli --version failed" >&2
      return 1
    fi
  done
  [[ -x node_modules/.bin/claude-agent-acp ]]
}

if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]] && clis_run; then
  echo "tools/agents: CLIs already installed from this lockfile"
  exit 0
fi

rm -f "$stamp"
npm ci --no-audit --no-fund
clis_run
echo "$want" > "$stamp"
echo "tools/agents: installed $(node_modules/.bin/claude --version), $(node_modules/.bin/codex --version), opencode $(node_modules/.bin/opencode --version), gemini $(node_modules/.bin/gemini --version)"
