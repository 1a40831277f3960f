#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora (tests/fuzz/corpus/<fuzzer>/) from the Boston city pack in
resources/cities/boston: small real samples, a few KB each. Run again after the pack changes:
python3 tests/fuzz/make-seeds.py"""
import csv, gzip, io, json, os, pathlib, shutil

root = pathlib.Path(__file__).resolve().parents[2]
pack = root / "resources/cities/boston"
out = root / "tests/fuzz/corpus"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def write(fuzzer, name, data):
    d = out / fuzzer
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def lines(path, n):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return "".join(f.readline() for _ in range(n))


def request_number(device, sequence):
    seq = ""
    for _ in range(4):
        seq = ALPHABET[sequence % 31] + seq
        sequence //= 31
    payload = device + seq
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(payload))
    check = ALPHABET[(-total * 28) % 31]  # 28 = 10^-1 mod 31
    return payload + check


shutil.rmtree(out, ignore_errors=True)

# Request numbers as agents read them (valid, spaced, lower case, one typo).
for i, (device, seq) in enumerate([("K7M2Q", 1), ("ZZZZZ", 923520), ("23456", 0), ("HWX9R", 4711)]):
    n = request_number(device, seq)
    write("fuzz_requestnumber", f"valid-{i}", n[:5] + "-" + n[5:])
    write("fuzz_requestnumber", f"spoken-{i}", " ".join(n.lower()))
write("fuzz_requestnumber", "typo", "K7M2Q-22230")

# HTTP/1.1 as clients send it: Open311 GET and POST, the sync API with a chunked body.
form = ("api_key=demo&service_code=STRLGTOUT&lat=42.3504&long=-71.0867"
        "&address_string=29+Hereford+St&attribute%5BLIGHTS_OUT%5D=2"
        "&description=Two+lights+out+in+front+of+29+Hereford&email=resident%40example.org")
requests = {
    "get-discovery": "GET /open311/discovery.json HTTP/1.1\r\nHost: 311.boston.gov\r\n\r\n",
    "get-requests": "GET /open311/v2/requests.json?start_date=2015-01-01T00:00:00Z&status=open"
                    " HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"
                    "GET /open311/v2/services.xml HTTP/1.0\r\n\r\n",
    "post-form": "POST /open311/v2/requests.json HTTP/1.1\r\nHost: localhost\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\n"
                 f"Content-Length: {len(form)}\r\n\r\n{form}",
    "post-chunked": "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    "Authorization: Bearer abc\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "b\r\n{\"events\":[\r\n2;ext=1\r\n]}\r\n0\r\nX-Trailer: 1\r\n\r\n",
}
for name, text in requests.items():
    write("fuzz_requestframer", name, b"\x07" + text.encode())

# Open311 forms: "<query string>\n<body>".
write("fuzz_open311_form", "post", "\n" + form)
write("fuzz_open311_form", "post-query", "api_key=demo\nservice_code=ABNDBIKE&address_id=275"
      "&attribute[BIKE_LOCKED][]=Yes&first_name=Ana&last_name=Ruiz&phone=617-635-4500")
write("fuzz_open311_form", "get-window", "start_date=2015-01-05T00:00:00-05:00&end_date="
      "2015-02-01T00:00:00Z&service_code=STRLGTOUT,ABNDBIKE&status=open,closed&page=2&page_size=50\n")
write("fuzz_open311_form", "get-ids", "service_request_id=K7M2Q-22238,101001242404\n")

# Open311 JSON: a few services of services.json and definitions of the demo set.
services = json.loads(gzip.open(pack / "services.json.gz").read())
write("fuzz_open311_json", "services", json.dumps(services[:3], indent=1))
definitions = json.loads((pack / "service-definitions-demo.json").read_text())
small = sorted(definitions, key=lambda d: len(json.dumps(d)))
for d in small[:4]:
    write("fuzz_open311_json", "definition-" + d["service_code"], json.dumps([d], indent=1))

# Open311 XML: the JSON form of responses the server writes.
write("fuzz_open311_xml", "services", json.dumps([{k: v for k, v in s.items() if k != "definitions"}
                                                  for s in services[:3]]))
write("fuzz_open311_xml", "definition", json.dumps(small[0]))
with gzip.open(pack / "requests-2015.csv.gz", "rt", encoding="utf-8", newline="") as f:
    history = [row for _, row in zip(range(6), csv.DictReader(f))]
write("fuzz_open311_xml", "requests", json.dumps([{
    "service_request_id": r["CASE_ENQUIRY_ID"], "status": "closed", "status_notes": r["CLOSURE_REASON"],
    "service_name": r["TYPE"], "service_code": "ABNDBIKE", "description": r["CASE_TITLE"],
    "agency_responsible": r["Department"], "requested_datetime": "2015-01-05T12:40:41-05:00",
    "address": r["Location"], "lat": float(r["LATITUDE"]), "long": float(r["LONGITUDE"]),
    "media_url": None} for r in history[:3]]))

# Events in the sync API's wire form, from real historical requests.
def event(i, kind, entity_type, payload):
    return {"id": f"6f1c2a4e-0000-4000-8000-{i:012d}", "entity_type": entity_type,
            "entity_id": "0b7d9c1e-5f3a-4c2b-9d8e-000000000001", "kind": kind, "payload": payload,
            "actor": "ana", "device": "K7M2Q", "client_time": 1420479641000 + i}

events = []
for i, r in enumerate(history[:3]):
    events.append(event(i, "request.created", "request", {
        "number": request_number("K7M2Q", i + 1), "type_code": "ABNDBIKE", "type_name": r["TYPE"],
        "department_code": r["Department"], "description": r["CASE_TITLE"],
        "address": r["Location"], "neighborhood": r["neighborhood"], "ward": r["ward"],
        "latitude": float(r["LATITUDE"]), "longitude": float(r["LONGITUDE"]),
        "opened_at": "2015-01-05T17:40:41Z", "due_at": "2015-01-08T17:40:41Z", "channel": "phone",
        "attributes": {"BIKE_LOCKED": ["Yes"]}}))
events += [
    event(10, "request.status_changed", "request", {"status": "closed", "previous_status": "open",
                                                    "note": history[0]["CLOSURE_REASON"]}),
    event(11, "request.note_added", "request", {"text": "Caller says the bike is still there."}),
    event(12, "request.field_changed", "request", {"field": "description", "before": "a", "after": "b"}),
    event(13, "contact.started", "contact", {"channel": "phone", "call_id": "c-1"}),
    event(14, "contact.ended", "contact", {"outcome": "request_created",
                                            "call_ended_at": "2015-01-05T17:45:00Z"}),
    event(15, "contact.search_unanswered", "contact", {"query": "bicicleta abandonada", "language": "es"}),
    event(16, "caller.upserted", "caller", {"name": "Ana Ruiz", "phone": "617-635-4500"}),
]
write("fuzz_event", "push-batch", json.dumps({"events": events[:3]}))
for i, e in enumerate(events[3:]):
    write("fuzz_event", f"event-{i}", json.dumps(dict(e, seq=812 + i)))

# City-pack CSV: the head of each file as the pack ships it.
for name in ["addresses.csv.gz", "intersections.csv.gz", "requests-2015.csv.gz"]:
    write("fuzz_csv", name.split(".")[0], lines(pack / name, 6))
for name in ["referrals.csv", "intake-rules.csv", "type-map.csv"]:
    write("fuzz_csv", name.split(".")[0], lines(pack / name, 5))
write("fuzz_csv", "quoted", 'a,b\r\n"x ""y""",2\r\n"multi\nline",3\r\n')

# gzip: the same heads compressed as the pack's .gz files are.
for name in ["addresses.csv.gz", "requests-2015.csv.gz"]:
    write("fuzz_gzip", name.split(".")[0], gzip.compress(lines(pack / name, 8).encode(), mtime=0))
write("fuzz_gzip", "two-members", gzip.compress(b"a,b\n", mtime=0) + gzip.compress(b"1,2\n", mtime=0))

# GeoJSON: Boston's polygons, thinned to a few points a ring (first byte chooses the layer kind).
def thin(geometry, keep):
    def ring(r):
        pts = r[::max(1, len(r) // keep)][:keep]
        return [[round(x, 5), round(y, 5)] for x, y in pts] + [[round(r[0][0], 5), round(r[0][1], 5)]]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"][:2]]}
    return {"type": "MultiPolygon",
            "coordinates": [[ring(r) for r in p[:2]] for p in geometry["coordinates"][:2]]}

for kind_index, (layer, prop, count) in {1: ("neighborhoods", "Name", 3), 2: ("wards", "WARD", 2),
                                         0: ("city-boundary", None, 1)}.items():
    data = json.loads(gzip.open(pack / f"layers/{layer}.geojson.gz").read())
    features = [{"type": "Feature", "properties": ({"name": f["properties"][prop]} if prop else {}),
                 "geometry": thin(f["geometry"], 12)} for f in data["features"][:count]]
    write("fuzz_geojson", layer, bytes([kind_index]) +
          json.dumps({"type": "FeatureCollection", "features": features}).encode())
