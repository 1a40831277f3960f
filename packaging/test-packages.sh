#!/usr/bin/env bash
# Builds the two Debian packages from a build tree (CPack) and checks them with lintian:
# any error fails, and so does a program without a manual page; other warnings are printed.
#   bash packaging/test-packages.sh BUILD_DIR
set -euo pipefail
build=$(realpath "${1:?usage: test-packages.sh BUILD_DIR}")
rm -rf "$build/packages"
cmake --build "$build" --target package
shopt -s nullglob
debs=("$build"/packages/*.deb)
[ ${#debs[@]} -eq 2 ] || { echo "expected two packages, found: ${debs[*]}" >&2; exit 1; }
for deb in "${debs[@]}"; do
  echo "== $(basename "$deb")"
  dpkg-deb --field "$deb" Package Version Depends Recommends Installed-Size
done
command -v lintian >/dev/null || { echo "lintian is missing: apt-get install lintian" >&2; exit 1; }
report=$(lintian --tag-display-limit 0 "${debs[@]}" 2>&1 | grep -v 'running with root privileges' || true)
echo "$report"
if grep -q '^E: ' <<<"$report"; then
  echo "lintian reports errors" >&2
  exit 1
fi
# An administrator reads `man civicdesk-server`: a program without its manual page fails too.
if grep -q 'no-manual-page' <<<"$report"; then
  echo "lintian: a program has no manual page (packaging/man)" >&2
  exit 1
fi
echo "lintian: no errors"
