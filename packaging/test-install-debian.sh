#!/usr/bin/env bash
# Installs the two Debian packages on a clean Debian 12 root built from the Debian archive with
# mmdebstrap, then checks them as a city's IT department would: the server's version, the demo city
# imported as the service user, the server started and answering Open311 discovery, and the
# workstation's version offscreen.
#   bash packaging/test-install-debian.sh DIR_WITH_THE_TWO_DEBS
# Exit 77 (skipped) when the archive cannot be reached or the machine cannot build a root; never 0
# without having installed and run both packages.
set -euo pipefail

debs_dir=$(realpath "${1:?usage: test-install-debian.sh DIR_WITH_THE_TWO_DEBS}")
mirror=${CIVICDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
skip() { echo "SKIPPED: $*" >&2; exit 77; }

shopt -s nullglob
workstation=("$debs_dir"/civicdesk_*_amd64.deb)
server=("$debs_dir"/civicdesk-server_*_amd64.deb)
[ ${#workstation[@]} -eq 1 ] && [ ${#server[@]} -eq 1 ] ||
  { echo "expected one civicdesk and one civicdesk-server package in $debs_dir" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "building a Debian root with mmdebstrap needs root (run as root, or in CI)"
curl -fsI --max-time 20 "$mirror/dists/bookworm/InRelease" >/dev/null ||
  skip "the Debian archive ($mirror) cannot be reached"

port=18311
checks=$(cat <<CHECKS
set -eu
echo "== civicdesk-server --version"; civicdesk-server --version
echo "== the service user and its state folder"
getent passwd civicdesk
test "\$(stat -c %U:%a /var/lib/civicdesk)" = "civicdesk:750"
echo "== the demo city imported as the service user"
runuser -u civicdesk -- civicdesk-server --import-city /usr/share/civicdesk/cities/boston \
  --database /var/lib/civicdesk/civicdesk-server.sqlite
echo "== the server answers Open311 discovery"
runuser -u civicdesk -- civicdesk-server --listen 127.0.0.1:$port \
  --database /var/lib/civicdesk/civicdesk-server.sqlite >/tmp/server.log 2>&1 &
pid=\$!
for i in \$(seq 1 100); do
  if curl -fs http://127.0.0.1:$port/open311/discovery.json >/tmp/discovery.json; then break; fi
  sleep 0.2
done
kill \$pid; wait \$pid || true
grep -q '"endpoints"' /tmp/discovery.json || { cat /tmp/server.log; exit 1; }
echo "== civicdesk --version (offscreen)"
QT_QPA_PLATFORM=offscreen civicdesk --version
echo "== removing keeps the store; purging deletes it"
apt-get remove -y -q civicdesk-server >/dev/null
test -f /var/lib/civicdesk/civicdesk-server.sqlite
apt-get purge -y -q civicdesk-server >/dev/null
test ! -e /var/lib/civicdesk
echo "== all checks passed"
CHECKS
)
mmdebstrap --mode=root --variant=apt --include=curl,ca-certificates \
  --customize-hook="copy-in ${workstation[0]} ${server[0]} /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/$(basename "${workstation[0]}") /tmp/$(basename "${server[0]}")" \
  --customize-hook="chroot \"\$1\" sh -c '$(printf '%s' "$checks" | sed "s/'/'\\\\''/g")'" \
  bookworm /dev/null "$mirror"
