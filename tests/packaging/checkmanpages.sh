#!/usr/bin/env bash
# Keeps a manual page true to its program: every long option that `PROGRAM --help` lists is
# described in PAGE, every option the page describes is one the program accepts, and man renders
# the page without a warning (as lintian checks it).
#   checkmanpages.sh PROGRAM PAGE
set -euo pipefail
program=${1:?usage: checkmanpages.sh PROGRAM PAGE}
page=${2:?usage: checkmanpages.sh PROGRAM PAGE}
export QT_QPA_PLATFORM=offscreen
help=$("$program" --help 2>/dev/null)
listed=$(grep -o -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u)
# In roff a hyphen in an option is written \-; the page's options, as a reader sees them, outside
# EXAMPLES and SEE ALSO (where other programs' options appear: systemctl enable --now).
described=$(sed 's/\\-/-/g' "$page" | awk '/^\.SH/ { other = /EXAMPLES|SEE ALSO/ } !other' |
  grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
status=0
missing=$(comm -23 <(echo "$listed") <(echo "$described"))
if [ -n "$missing" ]; then
  echo "$(basename "$page") does not describe these options of $(basename "$program") --help:" >&2
  echo "$missing" >&2
  status=1
fi
unknown=$(comm -13 <(echo "$listed") <(echo "$described"))
if [ -n "$unknown" ]; then
  echo "$(basename "$page") describes options $(basename "$program") does not accept:" >&2
  echo "$unknown" >&2
  status=1
fi
command -v man >/dev/null || { echo "man is missing: apt-get install man-db" >&2; exit 1; }
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null || true)
if [ -n "$warnings" ]; then
  echo "man warns about $(basename "$page"):" >&2
  echo "$warnings" >&2
  status=1
fi
[ $status -eq 0 ] && echo "$(basename "$page"): $(wc -l <<<"$listed") options, all described"
exit $status
