#!/usr/bin/env bash
# Installs what Maestro's build and tests need, and nothing by hand: Debian packages with apt-get,
# npm packages from their lockfiles. Idempotent; each part is skipped when already in place.
#   scripts/setup.sh dotnet     the .NET SDK check and git
#   scripts/setup.sh tests      everything the test suites need
#   scripts/setup.sh clients-build   what building the panel and the VSIX needs
#   scripts/setup.sh client-tests    what `npm test` of a client package needs besides its node_modules (server, model server, agents, Chromium, interop kit)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} (no apt-get on this machine)" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $apt_updated -eq 0 ]; then
    echo "==> apt-get update"
    $sudo apt-get update -qq
    apt_updated=1
  fi
  echo "==> apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

npm_ci() {
  # npm ci only when the lockfile changed since the last install.
  local dir="$1"
  local stamp="$dir/node_modules/.maestro-lock-hash"
  local hash
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    return 0
  fi
  echo "==> npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" > "$stamp"
}

need_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET 10 SDK is required (https://dot.net); it is preinstalled on the project's machines." >&2
    exit 1
  fi
  command -v git >/dev/null 2>&1 || apt_install git
}

need_tests() {
  need_dotnet
  need_sshd
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
  npm_ci tests/interop
  tools/agents/install.sh
  need_clients
}

# The hosts tests start their own OpenSSH server on 127.0.0.1 and a free port (tests/Maestro.TestSupport/Ssh/LoopbackSshd.cs):
# they need the sshd binary, not the system service. Where systemd runs, the package starts sshd on port 22 for
# every interface: a fresh install here turns that service off again (an sshd that was there before is left alone).
need_sshd() {
  apt_install openssh-client
  dpkg -s openssh-server >/dev/null 2>&1 && return 0
  apt_install openssh-server
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
  fi
}

# Building the panel bundle and the VSIX needs only Node and the two packages' locked dependencies.
need_clients_build() {
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
  npm_ci clients/panel
  npm_ci clients/vscode
}

# The clients' suites: Chromium for the panel and code-server runs, code-server itself (under its own Node 24).
need_clients() {
  command -v python3 >/dev/null 2>&1 || apt_install python3
  apt_install chromium libkrb5-dev pkg-config
  need_clients_build
  clients/vscode/scripts/install-code-server.sh
}

# What a client package's own `npm test` needs beyond its node_modules, for a clean checkout: the server built,
# the pinned agent CLIs, Chromium. Called by the pretest scripts of clients/panel and clients/vscode.
need_client_tests() {
  # Run from `npm test`: the outer npm's npm_config_* would configure the inner npm installs.
  for var in $(compgen -e | grep -i '^npm_'); do unset "$var"; done
  need_dotnet
  apt_install chromium
  tools/agents/install.sh
  # The clients' real-server tests start maestro through the interop kit (tests/interop/maestro.mjs).
  npm_ci tests/interop
  if [ ! -x artifacts/bin/maestro ]; then
    echo "==> building the server for the client tests (artifacts/bin/maestro)"
    MAESTRO_SERVER_ONLY=1 ./build.sh --no-run
  fi
  if [ ! -x tests/Maestro.ModelServerHost/bin/Release/net10.0/maestro-model-server ]; then
    echo "==> building the scripted model server the real agents talk to"
    dotnet build tests/Maestro.ModelServerHost -c Release -nologo -clp:ErrorsOnly
  fi
}

case "${1:-tests}" in
  dotnet) need_dotnet ;;
  tests) need_tests ;;
  clients-build) need_clients_build ;;
  client-tests) need_client_tests ;;
  *) echo "usage: scripts/setup.sh [dotnet|tests|clients-build|client-tests]" >&2; exit 2 ;;
esac
