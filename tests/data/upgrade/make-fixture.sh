#!/usr/bin/env bash
# Makes the upgrade fixture: a central store written by THIS release's civicdesk-server, as a
# city would have it after using the release (the mini city pack imported, a user, an API key, a
# resident's Open311 request, an agent's note pushed through the sync API). tests/packaging/
# tst_upgrade opens it with every later version. Run it once per release, from a build of the
# release, and commit the result beside the earlier ones (never overwrite an older fixture):
#   bash tests/data/upgrade/make-fixture.sh build/bin/civicdesk-server
# Writes tests/data/upgrade/server-v<schema version>.sqlite.gz and .json (what the test checks).
set -euo pipefail
server=$(realpath "${1:?usage: make-fixture.sh PATH/TO/civicdesk-server}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=0
db=$work/store.sqlite
"$server" --database "$db" --import-city "$here/../minipack"
printf 'correct horse battery\n' | "$server" --database "$db" --add-user ana --role call_taker
key=$("$server" --database "$db" --create-api-key "web form" | tail -1)
"$server" --database "$db" --listen 127.0.0.1:0 >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  port=$(grep -o 'listening on [0-9.]*:[0-9]*' "$work/log" | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
base=http://127.0.0.1:$port
code=$(sqlite3 "$db" "SELECT code FROM service_types WHERE NOT emergency AND code NOT IN
  (SELECT service_code FROM service_attributes WHERE required) ORDER BY code LIMIT 1")
number=$(curl -fsS "$base/open311/v2/requests.json" --data-urlencode "api_key=$key" \
  --data-urlencode "service_code=$code" --data-urlencode "lat=42.3504" \
  --data-urlencode "long=-71.0867" --data-urlencode "description=Streetlight out by the upgrade fixture" \
  --data-urlencode "email=resident@example.org" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["service_request_id"])')
token=$(curl -fsS "$base/api/v1/login" -H 'Content-Type: application/json' \
  -d '{"username":"ana","password":"correct horse battery","device":"UPGRD"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
entity=$(sqlite3 "$db" "SELECT entity_id FROM events WHERE kind = 'request.created'")
note='{"events":[{"id":"9d3c1b7a-1f2e-4c5d-8e9f-0a1b2c3d4e5f","entity_type":"request",
  "entity_id":"'$entity'","kind":"request.note_added","payload":{"text":"Caller called back: still out."},
  "actor":"ana","device":"UPGRD","client_time":1765000000000}]}'
curl -fsS "$base/api/v1/events" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "$note" >/dev/null
kill $pid; wait $pid || true
version=$(sqlite3 "$db" "PRAGMA user_version")
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); DELETE FROM sessions; VACUUM;" >/dev/null
services=$(sqlite3 "$db" "SELECT count(*) FROM service_types")
events=$(sqlite3 "$db" "SELECT count(*) FROM events")
gzip -9n <"$db" >"$here/server-v$version.sqlite.gz"
cat >"$here/server-v$version.json" <<JSON
{
  "schema_version": $version,
  "made_by": "civicdesk-server $("$server" --version | awk '{print $NF}') (git $(git -C "$here" rev-parse --short HEAD))",
  "request_number": "$number",
  "description": "Streetlight out by the upgrade fixture",
  "note": "Caller called back: still out.",
  "user": "ana",
  "password": "correct horse battery",
  "api_key": "$key",
  "services": $services,
  "events": $events
}
JSON
echo "wrote $here/server-v$version.sqlite.gz ($(stat -c %s "$here/server-v$version.sqlite.gz") bytes)"
