#!/usr/bin/env bash
# Installs a real VS Code server + web workbench (from the npm package code-server)
# for the integration tests, without any download outside the npm registry.
#
#   bash scripts/install-vscode-server.sh
#
# Result: ${DERIVCHECK_VSCODE_DIR:-$HOME/.cache/derivcheck-vscode}/node_modules/code-server/lib/vscode
# Idempotent: skipped when the stamp file in that folder names the same version.
# Needs (installed by .ci/run): Debian packages ripgrep (for /usr/bin/rg) and
# libkrb5-dev (headers for the kerberos native module); g++/make/python3.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"          # = VS Code 1.100.3, the last that runs on Node 20
HOME_DIR="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"   # same as Node's os.homedir()
DIR="${DERIVCHECK_VSCODE_DIR:-$HOME_DIR/.cache/derivcheck-vscode}"
STAMP="$DIR/.derivcheck-stamp"
STAMP_CONTENT="code-server@${CODE_SERVER_VERSION} node-$(node -p 'process.versions.modules')"
VSCODE="$DIR/node_modules/code-server/lib/vscode"

log() { printf '[install-vscode-server] %s\n' "$*"; }

# The Debian packages the tests need: a fresh clone's `npm test` installs them when it can (root).
APT_PACKAGES=(chromium ripgrep libkrb5-dev)
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! command -v krb5-config >/dev/null; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${APT_PACKAGES[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${APT_PACKAGES[@]}" </dev/null
  else
    log "ERROR: missing Debian packages; run: sudo apt-get install -y ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
fi

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$STAMP_CONTENT" && -f "$VSCODE/out/server-main.js" ]]; then
  log "already installed ($STAMP_CONTENT) in $DIR, skipping"
  exit 0
fi

RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  log "ERROR: ripgrep (rg) not found; install it first: apt-get install -y ripgrep" >&2
  exit 1
fi

start=$SECONDS
log "installing code-server@${CODE_SERVER_VERSION} into $DIR"
# A stale or half-finished install is removed rather than patched.
rm -rf "$DIR"
mkdir -p "$DIR"

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Its postinstall downloads ripgrep from the internet: skip scripts, do the steps by hand.
npm install --ignore-scripts --no-save --prefix "$DIR" "code-server@${CODE_SERVER_VERSION}"

cd "$VSCODE"
log "installing VS Code's own dependencies"
npm install --omit=dev --ignore-scripts --no-save

log "copying $RG into @vscode/ripgrep"
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$RG" node_modules/@vscode/ripgrep/bin/rg

log "rebuilding native modules against Node $(node -v)"
npm rebuild kerberos node-pty @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid

ln -sfn node_modules node_modules.asar

log "installing the built-in extensions' dependencies"
(cd extensions && npm install --omit=dev --ignore-scripts --no-save)

# Only the code-server CLI wrapper (used for --install-extension of a .vsix) needs argon2.
log "rebuilding argon2 for the code-server CLI wrapper"
(cd "$DIR" && npm rebuild argon2)

# Smoke check: the native modules the server loads at start.
node -e '
  for (const m of ["@vscode/spdlog", "node-pty", "native-watchdog", "@parcel/watcher"]) require(m);
' || { log "ERROR: a native module failed to load after the rebuild" >&2; exit 1; }

printf '%s' "$STAMP_CONTENT" > "$STAMP"
log "done in $((SECONDS - start))s: $VSCODE"
