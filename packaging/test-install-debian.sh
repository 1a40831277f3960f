#!/usr/bin/env bash
# Installs the two Debian packages on a clean Debian 12 root built from the Debian archive with
# mmdebstrap, then checks them as a city's IT department would: the server's version, the demo city
# imported as the service user, the server started and answering Open311 discovery, and the
# workstation's version offscreen; then the upgrade path: every store an earlier release wrote
# (tests/data/upgrade) started by the installed server, migrated and served, and a store of a newer
# version refused with its message and left byte for byte.
#   bash packaging/test-install-debian.sh DIR_WITH_THE_TWO_DEBS
# Exit 77 (skipped) when the archive cannot be reached or the machine cannot build a root; never 0
# without having installed and run both packages.
set -euo pipefail

debs_dir=$(realpath "${1:?usage: test-install-debian.sh DIR_WITH_THE_TWO_DEBS}")
# Stores written by earlier releases (tests/data/upgrade, made by each release's own server): the
# installed server must migrate each on its first start and serve what it held.
upgrade_dir=$(realpath "$(dirname "$0")/../tests/data/upgrade")
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
echo "== the upgrade path: stores written by earlier releases, started by the installed server"
for facts in /tmp/upgrade/server-v*.json; do
  fixture=\${facts%.json}
  number=\$(sed -n 's/.*"request_number": "\\(.*\\)".*/\\1/p' \$facts)
  password=\$(sed -n 's/.*"password": "\\(.*\\)".*/\\1/p' \$facts)
  user=\$(sed -n 's/.*"user": "\\(.*\\)".*/\\1/p' \$facts)
  store=/var/lib/civicdesk/\$(basename \$fixture).sqlite
  gzip -dc \$fixture.sqlite.gz >\$store
  chown civicdesk:civicdesk \$store
  runuser -u civicdesk -- civicdesk-server --listen 127.0.0.1:$port --database \$store \
    >/tmp/upgrade.log 2>&1 &
  pid=\$!
  for i in \$(seq 1 100); do
    if curl -fs http://127.0.0.1:$port/open311/v2/requests/\$number.json >/tmp/request.json; then break; fi
    sleep 0.2
  done
  login=\$(curl -fs http://127.0.0.1:$port/api/v1/login -H 'Content-Type: application/json' \
    -d "{\\"username\\":\\"\$user\\",\\"password\\":\\"\$password\\",\\"device\\":\\"UPGRD\\"}" || true)
  kill \$pid; wait \$pid || true
  grep -h "migrated from schema" /tmp/upgrade.log || true
  grep -q "\$number" /tmp/request.json || { cat /tmp/upgrade.log; echo "\$(basename \$fixture): request \$number not served"; exit 1; }
  echo "\$login" | grep -q '"token"' || { cat /tmp/upgrade.log; echo "\$(basename \$fixture): \$user cannot sign in"; exit 1; }
  echo "\$(basename \$fixture): migrated, request \$number served, \$user signed in"
done
echo "== a store of a newer version is refused and left as it was"
newer=/var/lib/civicdesk/newer.sqlite
gzip -dc \$fixture.sqlite.gz >\$newer
# PRAGMA user_version is the big-endian number at byte 60 of an SQLite file: 999.
printf '\\000\\000\\003\\347' | dd of=\$newer bs=1 seek=60 conv=notrunc status=none
chown civicdesk:civicdesk \$newer
before=\$(sha256sum \$newer)
if runuser -u civicdesk -- civicdesk-server --listen 127.0.0.1:$port --database \$newer \
    >/tmp/newer.log 2>&1; then
  echo "a store of version 999 was opened"; exit 1
fi
grep -q "newer CivicDesk" /tmp/newer.log || { cat /tmp/newer.log; exit 1; }
test "\$(sha256sum \$newer)" = "\$before"
echo "refused: \$(cat /tmp/newer.log)"
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
  --customize-hook="mkdir \"\$1/tmp/upgrade\"" \
  --customize-hook="copy-in $(echo "$upgrade_dir"/server-v*.json "$upgrade_dir"/server-v*.sqlite.gz) /tmp/upgrade" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/$(basename "${workstation[0]}") /tmp/$(basename "${server[0]}")" \
  --customize-hook="chroot \"\$1\" sh -c '$(printf '%s' "$checks" | sed "s/'/'\\\\''/g")'" \
  bookworm /dev/null "$mirror"
