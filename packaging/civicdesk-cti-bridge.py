#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fake dialer speaking CivicDesk's call-event socket protocol (JSON lines).

CivicDesk connects to it with --cti socket:127.0.0.1:5070 (or socket:/PATH with --unix). Type
at the prompt to make the desk ring:

  ring NUMBER [LANGUAGE] [QUEUE]   offer a call ("ring (617) 555-0100 es general", "ring anonymous")
  answer [CALL]                    the call is answered (as if on the phone itself)
  hangup [CALL] [CAUSE]            the call ends (cause: normal, missed, busy, rejected,
                                   transferred, failed)
  quit

Commands CivicDesk sends (answer, hangup, transfer, dial) are printed and, for answer and
hangup, carried out: the dialer replies with the event a phone system would send. A bridge to
a real phone system has the same shape: translate its events (Asterisk AMI Newstate/Hangup,
FreeSWITCH CHANNEL_CREATE/CHANNEL_ANSWER/CHANNEL_HANGUP_COMPLETE, ...) into these lines, and
these commands into its actions.
"""
import argparse
import datetime
import itertools
import json
import os
import socket
import sys
import threading

lock = threading.Lock()
clients = []
calls = {}  # call id -> answered?
counter = itertools.count(1)


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")


def send(event):
    event.setdefault("at", now())
    line = (json.dumps(event) + "\n").encode()
    with lock:
        for c in list(clients):
            try:
                c.sendall(line)
            except OSError:
                clients.remove(c)
    print("->", line.decode().strip(), flush=True)


def latest(call_id=None):
    if call_id:
        return call_id
    return next(reversed(calls), None)


def serve(conn):
    with lock:
        clients.append(conn)
    print("CivicDesk connected", flush=True)
    buffer = b""
    while True:
        try:
            data = conn.recv(4096)
        except OSError:
            data = b""
        if not data:
            break
        buffer += data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            if not line.strip():
                continue
            print("<-", line.decode(errors="replace"), flush=True)
            try:
                command = json.loads(line)
            except ValueError:
                continue
            call_id = command.get("call_id", "")
            kind = command.get("command")
            if call_id and call_id not in calls and kind in ("answer", "hangup", "transfer"):
                send({"event": "error", "message": "no call %s" % call_id})
            elif kind == "answer":
                calls[call_id] = True
                send({"event": "answered", "call_id": call_id})
            elif kind == "hangup":
                calls.pop(call_id, None)
                send({"event": "ended", "call_id": call_id, "cause": "normal"})
            elif kind == "transfer":
                calls.pop(call_id, None)
                send({"event": "ended", "call_id": call_id, "cause": "transferred"})
    with lock:
        if conn in clients:
            clients.remove(conn)
    print("CivicDesk disconnected", flush=True)


def accept_loop(server):
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5070, help="loopback TCP port (5070)")
    parser.add_argument("--unix", help="listen on this local socket path instead")
    args = parser.parse_args()
    if args.unix:
        if os.path.exists(args.unix):
            os.unlink(args.unix)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(args.unix)
        where = "socket:" + args.unix
    else:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", args.port))
        where = "socket:127.0.0.1:%d" % args.port
    server.listen()
    threading.Thread(target=accept_loop, args=(server,), daemon=True).start()
    print("Listening: start CivicDesk with --cti %s" % where, flush=True)
    for raw in sys.stdin:
        words = raw.split()
        if not words:
            continue
        verb, rest = words[0].lower(), words[1:]
        if verb == "quit":
            break
        if verb == "ring":
            # A number may contain spaces: a trailing 2-letter word is the language, then queue.
            language = queue = ""
            if len(rest) >= 3 and len(rest[-2]) == 2 and rest[-2].isalpha():
                language, queue, rest = rest[-2], rest[-1], rest[:-2]
            elif len(rest) >= 2 and len(rest[-1]) == 2 and rest[-1].isalpha():
                language, rest = rest[-1], rest[:-1]
            call_id = "fake-%d" % next(counter)
            calls[call_id] = False
            event = {"event": "offered", "call_id": call_id, "from": " ".join(rest), "to": "311"}
            if language:
                event["language"] = language
            if queue:
                event["queue"] = queue
            send(event)
        elif verb == "answer":
            call_id = latest(rest[0] if rest else None)
            if call_id:
                calls[call_id] = True
                send({"event": "answered", "call_id": call_id})
        elif verb == "hangup":
            call_id = latest(rest[0] if rest else None)
            if call_id:
                calls.pop(call_id, None)
                send({"event": "ended", "call_id": call_id,
                      "cause": rest[1] if len(rest) > 1 else "normal"})
        else:
            print("ring NUMBER [LANGUAGE] [QUEUE] | answer [CALL] | hangup [CALL] [CAUSE] | quit")


if __name__ == "__main__":
    main()
