#!/usr/bin/env bash
# Installs every Debian 12 package CivicDesk needs to build, run and test.
# Idempotent and non-interactive: packages already present are left alone.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format lld
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qt6-httpserver-dev qt6-websockets-dev qt6-webengine-dev qt6-webchannel-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
  libgl-dev libvulkan-dev libxkbcommon-dev
  libsqlite3-dev sqlite3 zlib1g-dev libsodium-dev libbenchmark-dev libstemmer-dev
  libjs-leaflet libjs-leaflet.markercluster
  postgresql postgresql-contrib nginx
  xvfb xauth desktop-file-utils appstream
  lintian mmdebstrap curl
  baresip-core
  libqrencode-dev zbar-tools poppler-utils faketime
  qt6-charts-dev
  qt6-speech-dev qt6-speech-flite-plugin
  # Spanish voices (the board's call-out, the practice caller): Flite speaks English only;
  # speech-dispatcher's Qt engine speaks Spanish with espeak-ng's voices.
  qt6-speech-speechd-plugin speech-dispatcher speech-dispatcher-espeak-ng
)
# tst_open311thirdparty runs Ajv, the third-party Open311 schema validator, with Node.js and npm:
# Debian's, unless a Node.js with its own npm is installed already (Debian's npm conflicts with it).
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  packages+=(nodejs npm)
fi
# The fuzzers (packaging/run-fuzzers.sh) need Debian's clang with libFuzzer; only they ask for it.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "setup-debian: installing ${missing[*]}"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
