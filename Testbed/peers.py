#!/usr/bin/env python3
"""Protocol peers of Riverside Water's virtual plant: one role per process, run inside one of the plant's namespaces.

Servers (run until SIGTERM, write --ready once listening):
  modbus-server, opcua-server, s7-server, https-server, patch-server (HTTP tcp/8530 + DNS udp/53), rdp-server.
Clients (bounded; print one JSON object, their observed results, as the last line of stdout):
  scada-poller, scada-s7, scada-dns, vendor-modbus, corp-ws, erp-https, historian-opcua, eng-s7, jump-rdp,
  patch-client.

Every client result says what really happened (connected / refused / timed out, protocol responses); the ground
truth is derived from these results and from the firewall counters, never from what the scenario intended.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import logging
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.request
import socketserver
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger("peers")

# Addresses of the plant (TOPOLOGY.md "Assets").
ADDR = {
    "corp-ws-17": "10.20.1.17",
    "erp-app": "10.20.5.10",
    "vendor-support-pc": "10.20.30.40",
    "historian": "172.16.10.10",
    "patch-server": "172.16.10.20",
    "jump-host": "172.16.10.30",
    "scada-server": "10.50.2.10",
    "hmi-1": "10.50.2.21",
    "hmi-2": "10.50.2.22",
    "eng-ws": "10.50.2.30",
    "contractor-laptop": "10.50.2.99",
    "plc-filt-1": "10.50.11.10",
    "plc-filt-2": "10.50.11.11",
    "plc-dose-1": "10.50.12.10",
    "sis-1": "10.50.13.10",
}

CONNECT_TIMEOUT = 3.0


def _no_reverse_lookup(name: str = "") -> str:
    return name


# The plant has no resolver of its own except patch-server's, and the host's resolv.conf points outside the plant:
# a reverse lookup (http.server calls getfqdn when it binds) would send a PTR query towards an address that is not
# the plant's. Peers never resolve names through the system resolver.
socket.getfqdn = _no_reverse_lookup

# --------------------------------------------------------------------------------------------------------------
# helpers


def wait_listening(port: int, udp: bool = False, timeout: float = 15.0) -> None:
    """Wait until this namespace has a socket listening on `port`, reading /proc (no probe packet is sent)."""
    table = "/proc/net/udp" if udp else "/proc/net/tcp"
    want = f":{port:04X}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1].endswith(want) and (udp or fields[3] == "0A"):
                    return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {'udp' if udp else 'tcp'}/{port} after {timeout} s")


def mark_ready(path: str | None) -> None:
    if path:
        Path(path).write_text(f"{os.getpid()}\n")


def block_until_terminated() -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Bounded anyway: a forgotten server dies by itself after 5 minutes.
    stop.wait(300)


def tcp_attempt(host: str, port: int, timeout: float = CONNECT_TIMEOUT) -> tuple[str, socket.socket | None, str]:
    """One TCP connect; returns (connected | refused | timed out | unreachable | error, socket, detail)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((host, port))
        return "connected", sock, ""
    except socket.timeout:
        sock.close()
        return "timed out", None, f"no answer within {timeout:g} s"
    except ConnectionRefusedError:
        sock.close()
        return "refused", None, "RST"
    except OSError as e:
        sock.close()
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return "unreachable", None, os.strerror(e.errno)
        return "error", None, str(e)


def emit(result: dict) -> None:
    print(json.dumps(result, sort_keys=True), flush=True)


class RequestTally:
    """Aggregates repeated protocol requests into one line per (operation, target): sent, ok, exceptions, errors."""

    def __init__(self) -> None:
        self.rows: dict[tuple, dict] = {}

    def add(self, key: tuple, base: dict, outcome: str, values=None, detail: str | None = None) -> None:
        row = self.rows.setdefault(key, dict(base, sent=0, ok=0, exceptions=0, errors=0))
        row["sent"] += 1
        if outcome == "ok":
            row["ok"] += 1
            if values is not None:
                row["last_values"] = values
        elif outcome == "exception":
            row["exceptions"] += 1
            if detail:
                row["exception"] = detail
        else:
            row["errors"] += 1
            if detail:
                row["error"] = detail

    def list(self) -> list[dict]:
        return [self.rows[k] for k in sorted(self.rows, key=str)]


# --------------------------------------------------------------------------------------------------------------
# Modbus/TCP (pymodbus)

MODBUS_PROFILES = {
    # Filtration PLCs: Modicon M340. Holding registers 0-9 are setpoints, input registers 0-9 measurements.
    "plc-filt-1": dict(
        vendor="Schneider Electric",
        product="BMX P34 2020",
        revision="3.20",
        hr=[350, 120, 45, 800, 1, 0, 0, 0, 0, 0],
        ir=[412, 38, 15, 7120, 1, 0, 0, 0, 0, 0],
        readonly=False,
    ),
    "plc-filt-2": dict(
        vendor="Schneider Electric",
        product="BMX P34 2020",
        revision="3.20",
        hr=[340, 118, 45, 800, 1, 0, 0, 0, 0, 0],
        ir=[405, 41, 16, 6980, 1, 0, 0, 0, 0, 0],
        readonly=False,
    ),
    # Safety controller: read-only by design, writes are answered with an exception.
    "sis-1": dict(
        vendor="Schneider Electric",
        product="Triconex Tricon CX",
        revision="11.3",
        hr=[1, 0, 0, 0, 2500, 2600, 0, 0, 0, 0],
        ir=[0, 0, 1, 0, 2410, 2380, 0, 0, 0, 0],
        readonly=True,
    ),
}


async def modbus_server(args) -> None:
    from pymodbus.pdu.device import ModbusDeviceIdentification
    from pymodbus.server import ModbusTcpServer
    from pymodbus.simulator import DataType, SimData, SimDevice

    profile = MODBUS_PROFILES[args.name]
    ro = profile["readonly"]
    device = SimDevice(
        id=1,
        simdata=(
            [SimData(0, count=16, values=False, datatype=DataType.BITS, readonly=ro)],
            [SimData(0, count=16, values=False, datatype=DataType.BITS)],
            [SimData(0, values=list(profile["hr"]), datatype=DataType.REGISTERS, readonly=ro)],
            [SimData(0, values=list(profile["ir"]), datatype=DataType.REGISTERS)],
        ),
    )
    identity = ModbusDeviceIdentification(
        info_name={
            "VendorName": profile["vendor"],
            "ProductCode": profile["product"],
            "MajorMinorRevision": profile["revision"],
        }
    )
    server = ModbusTcpServer(device, address=(ADDR[args.name], 502), identity=identity)
    task = asyncio.create_task(server.serve_forever())
    await asyncio.to_thread(wait_listening, 502)
    mark_ready(args.ready)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    try:
        await asyncio.wait_for(stop.wait(), 300)
    except asyncio.TimeoutError:
        pass
    await server.shutdown()
    task.cancel()


async def modbus_request(client, tally: RequestTally, target: str, fc: int, op: str, call, addr: int, count: int):
    base = dict(function_code=fc, operation=op, server=target, address=addr, quantity=count)
    try:
        rr = await call
    except Exception as e:  # noqa: BLE001 - every failure is a result to record
        tally.add((target, fc, addr, count), base, "error", detail=type(e).__name__)
        return None
    if rr.isError():
        tally.add((target, fc, addr, count), base, "exception", detail=f"exception code {getattr(rr, 'exception_code', '?')}")
        return rr
    values = None
    if hasattr(rr, "registers") and rr.registers:
        values = list(rr.registers)
    tally.add((target, fc, addr, count), base, "ok", values=values)
    return rr


async def modbus_session_open(target: str):
    from pymodbus.client import AsyncModbusTcpClient

    client = AsyncModbusTcpClient(ADDR[target], port=502, timeout=CONNECT_TIMEOUT, retries=0, reconnect_delay=0)
    ok = await client.connect()
    return client, ok


async def scada_poller(args) -> None:
    """scada-server: periodic FC3/FC4 polls of the filtration PLCs and the SIS, one setpoint write (FC6)."""
    targets = ["plc-filt-1", "plc-filt-2", "sis-1"]
    sessions = {}
    clients = {}
    tally = {t: RequestTally() for t in targets}
    for t in targets:
        client, ok = await modbus_session_open(t)
        clients[t] = client
        sessions[t] = dict(protocol="modbus", server=t, server_address=ADDR[t], port=502, transport="tcp",
                           connection="connected" if ok else "failed")
    for rnd in range(args.rounds):
        started = time.monotonic()
        for t in targets:
            c = clients[t]
            if not c.connected:
                continue
            await modbus_request(c, tally[t], t, 3, "read_holding_registers",
                                 c.read_holding_registers(0, count=10, device_id=1), 0, 10)
            await modbus_request(c, tally[t], t, 4, "read_input_registers",
                                 c.read_input_registers(0, count=10, device_id=1), 0, 10)
        if rnd == args.rounds // 2 and clients["plc-filt-2"].connected:
            # Operator changes the backwash setpoint on plc-filt-2: a declared write (scada-filtration).
            c = clients["plc-filt-2"]
            await modbus_request(c, tally["plc-filt-2"], "plc-filt-2", 6, "write_register",
                                 c.write_register(1, 121, device_id=1), 1, 1)
        await asyncio.sleep(max(0.0, args.interval - (time.monotonic() - started)))
    for t in targets:
        clients[t].close()
        sessions[t]["requests"] = tally[t].list()
    emit(dict(client="scada-server", address=ADDR["scada-server"], role="scada-poller",
              sessions=[sessions[t] for t in targets]))


async def vendor_modbus(args) -> None:
    """vendor-support-pc: ACME support session straight from the enterprise LAN to plc-filt-1 (the 2019 rule)."""
    await asyncio.sleep(args.delay)
    t = "plc-filt-1"
    tally = RequestTally()
    client, ok = await modbus_session_open(t)
    session = dict(protocol="modbus", server=t, server_address=ADDR[t], port=502, transport="tcp",
                   connection="connected" if ok else "failed")
    if ok:
        c = client
        try:
            rr = await c.read_device_information(read_code=1, object_id=0, device_id=1)
            if rr.isError():
                tally.add((t, 43), dict(function_code=43, operation="read_device_identification", server=t), "exception")
            else:
                info = {str(k): v.decode("latin-1") if isinstance(v, bytes) else str(v) for k, v in rr.information.items()}
                tally.add((t, 43), dict(function_code=43, operation="read_device_identification", server=t), "ok")
                session["device_identification"] = info
        except Exception as e:  # noqa: BLE001
            tally.add((t, 43), dict(function_code=43, operation="read_device_identification", server=t), "error",
                      detail=type(e).__name__)
        await modbus_request(c, tally, t, 3, "read_holding_registers", c.read_holding_registers(0, count=10, device_id=1), 0, 10)
        # Remote "tuning": filter run time and backwash flow setpoints.
        await modbus_request(c, tally, t, 6, "write_register", c.write_register(0, 360, device_id=1), 0, 1)
        await modbus_request(c, tally, t, 16, "write_registers", c.write_registers(2, [50, 820], device_id=1), 2, 2)
        await modbus_request(c, tally, t, 3, "read_holding_registers", c.read_holding_registers(0, count=10, device_id=1), 0, 10)
        client.close()
    session["requests"] = tally.list()
    emit(dict(client="vendor-support-pc", address=ADDR["vendor-support-pc"], role="vendor-modbus", sessions=[session]))


# --------------------------------------------------------------------------------------------------------------
# RDP: a real X.224 Connection Request / Confirm with RDP negotiation (MS-RDPBCGR 2.2.1.1, 2.2.1.2), then close.
# Enough for the flow, the port and a dissector to say "RDP, CredSSP requested"; no desktop behind it.


def rdp_connection_request(cookie: str) -> bytes:
    cookie_bytes = f"Cookie: mstshash={cookie}\r\n".encode()
    neg_req = struct.pack("<BBHI", 0x01, 0x00, 8, 0x00000003)  # TYPE_RDP_NEG_REQ, PROTOCOL_SSL | PROTOCOL_HYBRID
    x224 = bytes([0xE0, 0x00, 0x00, 0x00, 0x00, 0x00]) + cookie_bytes + neg_req
    x224 = bytes([len(x224)]) + x224
    return struct.pack(">BBH", 3, 0, 4 + len(x224)) + x224


def rdp_connection_confirm() -> bytes:
    neg_rsp = struct.pack("<BBHI", 0x02, 0x00, 8, 0x00000002)  # TYPE_RDP_NEG_RSP, PROTOCOL_HYBRID selected
    x224 = bytes([0xD0, 0x00, 0x00, 0x12, 0x34, 0x00]) + neg_rsp
    x224 = bytes([len(x224)]) + x224
    return struct.pack(">BBH", 3, 0, 4 + len(x224)) + x224


def rdp_server(args) -> None:
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((ADDR[args.name], 3389))
    srv.listen(8)
    srv.settimeout(0.5)

    def serve():
        while True:
            try:
                conn, _ = srv.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(5)
            try:
                head = conn.recv(4)
                if len(head) == 4 and head[0] == 3:
                    length = struct.unpack(">H", head[2:4])[0]
                    rest = b""
                    while len(rest) < length - 4:
                        chunk = conn.recv(length - 4 - len(rest))
                        if not chunk:
                            break
                        rest += chunk
                    conn.sendall(rdp_connection_confirm())
                    conn.recv(64)  # wait for the client's close (CredSSP would start here)
            except OSError:
                pass
            finally:
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    wait_listening(3389)
    mark_ready(args.ready)
    block_until_terminated()
    srv.close()


def rdp_session(target: str, cookie: str, timeout: float = CONNECT_TIMEOUT) -> dict:
    state, sock, detail = tcp_attempt(ADDR[target], 3389, timeout)
    session = dict(protocol="rdp", server=target, server_address=ADDR[target], port=3389, transport="tcp",
                   connection=state)
    if detail:
        session["detail"] = detail
    if sock:
        try:
            sock.sendall(rdp_connection_request(cookie))
            reply = sock.recv(64)
            selected = struct.unpack("<I", reply[15:19])[0] if len(reply) >= 19 and reply[11] == 0x02 else None
            session["x224_connection_confirm"] = bool(reply[:1] == b"\x03" and len(reply) > 5 and reply[5] == 0xD0)
            session["selected_protocol"] = {1: "ssl", 2: "hybrid (CredSSP)"}.get(selected, str(selected))
        except OSError as e:
            session["error"] = str(e)
        finally:
            sock.close()
    return session


def corp_ws(args) -> None:
    """corp-ws-17: RDP to the jump host (allowed), then RDP to hmi-1 and Modbus to plc-filt-1 (both dropped)."""
    time.sleep(args.delay)
    sessions = [rdp_session("jump-host", "jsmith")]
    time.sleep(0.5)
    sessions.append(rdp_session("hmi-1", "jsmith"))
    # A Modbus/TCP client's first step is the TCP connect; the FC3 it would send is recorded only if that succeeds.
    state, sock, detail = tcp_attempt(ADDR["plc-filt-1"], 502)
    s = dict(protocol="modbus", server="plc-filt-1", server_address=ADDR["plc-filt-1"], port=502, transport="tcp",
             connection=state)
    if detail:
        s["detail"] = detail
    if sock:
        sock.sendall(struct.pack(">HHHBBHH", 1, 0, 6, 1, 3, 0, 10))
        sock.settimeout(2)
        try:
            s["response_bytes"] = len(sock.recv(260))
        except OSError as e:
            s["error"] = str(e)
        sock.close()
    sessions.append(s)
    emit(dict(client="corp-ws-17", address=ADDR["corp-ws-17"], role="corp-ws", sessions=sessions))


def jump_rdp(args) -> None:
    """jump-host: RDP onward to the engineering workstation (remote-engineering)."""
    time.sleep(args.delay)
    emit(dict(client="jump-host", address=ADDR["jump-host"], role="jump-rdp",
              sessions=[rdp_session("eng-ws", "acme-eng")]))


# --------------------------------------------------------------------------------------------------------------
# HTTPS (historian web API) and the patch server (WSUS-like HTTP on tcp/8530, DNS on udp/53)


class PlantHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer without the reverse DNS lookup of HTTPServer.server_bind."""

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = host, port


class QuietHandler(BaseHTTPRequestHandler):
    server_version = "Riverside/1.0"

    def log_message(self, fmt, *a):  # noqa: D401 - keep stderr for errors only
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        body = self.server.body(self.path)  # type: ignore[attr-defined]
        self.send_response(200 if body is not None else 404)
        payload = (body or "not found\n").encode()
        self.send_header("Content-Type", "application/json" if body and body.startswith("{") else "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def https_server(args) -> None:
    httpd = PlantHTTPServer((ADDR["historian"], 443), QuietHandler)
    httpd.body = lambda path: json.dumps(  # type: ignore[attr-defined]
        {"tag": "FILT.TURBIDITY_NTU", "samples": [[0, 0.12], [60, 0.13], [120, 0.12]]}
    ) if path.startswith("/api/") else None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs=dict(poll_interval=0.2), daemon=True).start()
    wait_listening(443)
    mark_ready(args.ready)
    block_until_terminated()
    httpd.shutdown()


def erp_https(args) -> None:
    """erp-app: reads the historian's web API over HTTPS (enterprise-historian)."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the historian's certificate is made fresh for every run
    sessions = []
    for i in range(args.count):
        if i:
            time.sleep(args.interval)
        s = dict(protocol="https", server="historian", server_address=ADDR["historian"], port=443, transport="tcp")
        try:
            with urllib.request.urlopen(f"https://{ADDR['historian']}/api/v1/tags/FILT.TURBIDITY_NTU", timeout=5,
                                        context=ctx) as r:
                s.update(connection="connected", http_status=r.status, tls_version=r.fp.raw._sock.version(),
                         bytes=len(r.read()))
        except Exception as e:  # noqa: BLE001
            s.update(connection="error", error=str(e))
        sessions.append(s)
    emit(dict(client="erp-app", address=ADDR["erp-app"], role="erp-https", sessions=sessions))


DNS_ZONE = {
    "wsus.riverside.local": ADDR["patch-server"],
    "patch-server.riverside.local": ADDR["patch-server"],
    "historian.riverside.local": ADDR["historian"],
    "scada-server.riverside.local": ADDR["scada-server"],
}


def dns_answer(query: bytes) -> bytes | None:
    """A minimal authoritative answer (RFC 1035 4.1): one question, A records from DNS_ZONE, else NXDOMAIN."""
    if len(query) < 12:
        return None
    qid, flags, qdcount = struct.unpack(">HHH", query[:6])
    if qdcount != 1 or flags & 0x8000:
        return None
    labels, i = [], 12
    while i < len(query) and query[i] != 0:
        n = query[i]
        labels.append(query[i + 1 : i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    if i + 5 > len(query):
        return None
    question = query[12 : i + 5]
    qtype = struct.unpack(">H", query[i + 1 : i + 3])[0]
    name = ".".join(labels).lower()
    addr = DNS_ZONE.get(name)
    if addr and qtype == 1:
        header = struct.pack(">HHHHHH", qid, 0x8580, 1, 1, 0, 0)
        answer = struct.pack(">HHHIH", 0xC00C, 1, 1, 300, 4) + socket.inet_aton(addr)
        return header + question + answer
    rcode = 0 if addr else 3
    return struct.pack(">HHHHHH", qid, 0x8580 | rcode, 1, 0, 0, 0) + question


def patch_server(args) -> None:
    httpd = PlantHTTPServer((ADDR["patch-server"], 8530), QuietHandler)
    httpd.body = lambda path: (  # type: ignore[attr-defined]
        '<?xml version="1.0"?><updates><update kb="KB5034441" size="1048576"/></updates>\n'
        if path.startswith("/ClientWebService/") or path.startswith("/Content/") else None
    )
    threading.Thread(target=httpd.serve_forever, kwargs=dict(poll_interval=0.2), daemon=True).start()
    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns.bind((ADDR["patch-server"], 53))
    dns.settimeout(0.5)

    def serve_dns():
        while True:
            try:
                data, peer = dns.recvfrom(512)
            except socket.timeout:
                continue
            except OSError:
                return
            reply = dns_answer(data)
            if reply:
                dns.sendto(reply, peer)

    threading.Thread(target=serve_dns, daemon=True).start()
    wait_listening(8530)
    wait_listening(53, udp=True)
    mark_ready(args.ready)
    block_until_terminated()
    httpd.shutdown()
    dns.close()


def dns_query(name: str, qid: int) -> dict:
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\x00" + struct.pack(">HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(CONNECT_TIMEOUT)
    result = dict(protocol="dns", server="patch-server", server_address=ADDR["patch-server"], port=53,
                  transport="udp", query=name)
    try:
        s.sendto(q, (ADDR["patch-server"], 53))
        reply, _ = s.recvfrom(512)
        rcode = struct.unpack(">H", reply[2:4])[0] & 0xF
        result.update(connection="answered", rcode={0: "NOERROR", 3: "NXDOMAIN"}.get(rcode, str(rcode)))
        if rcode == 0 and len(reply) >= 4:
            result["answer"] = socket.inet_ntoa(reply[-4:])
    except socket.timeout:
        result.update(connection="timed out")
    except OSError as e:
        result.update(connection="error", error=str(e))
    finally:
        s.close()
    return result


def patch_client(args) -> None:
    """A SCADA host (hmi-1 or the unknown contractor laptop) resolves the WSUS name and checks for updates."""
    time.sleep(args.delay)
    sessions = [dns_query("wsus.riverside.local", 0x1000 + int(ADDR[args.name].split(".")[-1]))]
    s = dict(protocol="http", server="patch-server", server_address=ADDR["patch-server"], port=8530, transport="tcp")
    try:
        url = f"http://{ADDR['patch-server']}:8530/ClientWebService/client.asmx?host={args.name}"
        with urllib.request.urlopen(url, timeout=5) as r:
            s.update(connection="connected", http_status=r.status, bytes=len(r.read()))
    except Exception as e:  # noqa: BLE001
        s.update(connection="error", error=str(e))
    sessions.append(s)
    emit(dict(client=args.name, address=ADDR[args.name], role="patch-client", sessions=sessions))


def scada_dns(args) -> None:
    """scada-server resolves the historian's name once (patch-distribution's dns service)."""
    time.sleep(args.delay)
    emit(dict(client="scada-server", address=ADDR["scada-server"], role="scada-dns",
              sessions=[dns_query("historian.riverside.local", 0x2010)]))


# --------------------------------------------------------------------------------------------------------------
# OPC UA (asyncua): server on scada-server:4840 with None and Basic256Sha256/SignAndEncrypt endpoints


OPCUA_URL = f"opc.tcp://{ADDR['scada-server']}:4840/riverside/scada"
OPCUA_VARIABLES = {
    "Filtration": {"Turbidity_NTU": 0.12, "FilterDP_kPa": 38.5, "Flow_m3h": 712.0},
    "Dosing": {"ChlorineResidual_mgL": 0.8, "PumpRunning": True},
    "Safety": {"ChlorineGasAlarm": False},
}


async def opcua_server(args) -> None:
    from asyncua import Server, ua
    from asyncua.crypto.cert_gen import setup_self_signed_certificate
    from cryptography.x509.oid import ExtendedKeyUsageOID

    for name in ("asyncua",):
        logging.getLogger(name).setLevel(logging.ERROR)
    work = Path(args.certdir)
    cert, key = work / "scada-server-opcua.der", work / "scada-server-opcua.pem"
    uri = "urn:riverside-water:scada-server"
    await setup_self_signed_certificate(key, cert, uri, "scada-server",
                                        [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH],
                                        {"organizationName": "Riverside Water", "countryName": "US"})
    server = Server()
    await server.init()
    server.set_endpoint(OPCUA_URL)
    server.set_server_name("Riverside SCADA OPC UA Server")
    await server.set_application_uri(uri)
    await server.load_certificate(str(cert))
    await server.load_private_key(str(key))
    server.set_security_policy([
        ua.SecurityPolicyType.NoSecurity,
        ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt,
    ])
    idx = await server.register_namespace("urn:riverside-water:plant")
    for folder, variables in OPCUA_VARIABLES.items():
        obj = await server.nodes.objects.add_object(idx, folder)
        for vname, value in variables.items():
            await obj.add_variable(idx, vname, value)
    async with server:
        await asyncio.to_thread(wait_listening, 4840)
        mark_ready(args.ready)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        try:
            await asyncio.wait_for(stop.wait(), 300)
        except asyncio.TimeoutError:
            pass


async def historian_opcua(args) -> None:
    """historian: asks for the endpoints, then reads the plant values over security mode None (observed gap)."""
    from asyncua import Client, ua

    logging.getLogger("asyncua").setLevel(logging.ERROR)
    sessions = []
    for n in range(args.sessions):
        if n:
            await asyncio.sleep(args.gap)
        s = dict(protocol="opcua", server="scada-server", server_address=ADDR["scada-server"], port=4840,
                 transport="tcp", endpoint_url=OPCUA_URL)
        client = Client(OPCUA_URL, timeout=5)
        client.application_uri = "urn:riverside-water:historian"
        client.name = "Riverside Historian Collector"
        try:
            if n == 0:
                endpoints = await asyncio.wait_for(client.connect_and_get_server_endpoints(), 10)
                s["offered_endpoints"] = sorted(
                    {f"{e.SecurityPolicyUri.split('#')[-1]}/{e.SecurityMode.name.rstrip('_')}" for e in endpoints})
            await asyncio.wait_for(client.connect(), 10)
            s["connection"] = "connected"
            s["security_policy"] = client.security_policy.URI.split("#")[-1]
            s["security_mode"] = ua.MessageSecurityMode(client.security_policy.Mode).name.rstrip("_")
            values = {}
            ns = await client.get_namespace_index("urn:riverside-water:plant")
            for folder, variables in OPCUA_VARIABLES.items():
                for vname in variables:
                    node = await client.nodes.objects.get_child([f"{ns}:{folder}", f"{ns}:{vname}"])
                    values[f"{folder}.{vname}"] = await node.read_value()
            s["operations"] = ["browse", "read"]
            s["values_read"] = len(values)
            await client.disconnect()
        except asyncio.TimeoutError:
            s.setdefault("connection", "timed out")
        except OSError as e:
            s.setdefault("connection", "refused" if isinstance(e, ConnectionRefusedError) else "error")
            s["error"] = str(e)
        except Exception as e:  # noqa: BLE001
            s.setdefault("connection", "error")
            s["error"] = f"{type(e).__name__}: {e}"
        sessions.append(s)
    emit(dict(client="historian", address=ADDR["historian"], role="historian-opcua", sessions=sessions))


# --------------------------------------------------------------------------------------------------------------
# S7comm (python-snap7): server on plc-dose-1:102


def s7_server_class():
    import snap7

    class DosingPLC(snap7.Server):
        """python-snap7's server, answering the identity and state queries as plc-dose-1 (an S7-1200) would.

        SZL 0x001C (component identification) keeps the library's record layout with this PLC's names; SZL 0x0424
        (current mode, the real CPU state query) is added: one 20-byte record, bzu-id 0x08 = RUN.
        """

        def _get_szl_data(self, szl_id: int, szl_index: int):
            if szl_id == 0x001C:
                data = bytearray(210)
                data[6:30] = b"PLC-DOSE-1".ljust(24, b"\x00")
                data[40:64] = b"CPU 1214C DC/DC/DC".ljust(24, b"\x00")
                data[108:134] = b"Original Siemens Equipment".ljust(26, b"\x00")
                data[142:166] = b"S C-H4R912345678".ljust(24, b"\x00")
                data[176:208] = b"CPU 1214C DC/DC/DC".ljust(32, b"\x00")
                return bytes(data)
            if szl_id == 0x0424:
                record = struct.pack(">HBB", 0x4303, 0xFF, 0x08) + bytes(16)
                return struct.pack(">HH", len(record), 1) + record
            return super()._get_szl_data(szl_id, szl_index)

    return DosingPLC


def s7_server(args) -> None:
    from snap7 import SrvArea

    logging.getLogger("snap7").setLevel(logging.ERROR)
    server = s7_server_class()(log=False)
    db1 = bytearray(64)  # dosing setpoints: DB1.DBD0 chlorine dose mg/l, DB1.DBW4 pump stroke %
    struct.pack_into(">fH", db1, 0, 1.8, 62)
    db2 = bytearray(32)  # measurements: DB2.DBD0 residual mg/l
    struct.pack_into(">f", db2, 0, 0.8)
    server.register_area(SrvArea.DB, 1, db1)
    server.register_area(SrvArea.DB, 2, db2)
    server.register_area(SrvArea.MK, 0, bytearray(32))
    server.register_area(SrvArea.PE, 0, bytearray(16))
    server.register_area(SrvArea.PA, 0, bytearray(16))
    server.start_to(ADDR["plc-dose-1"], 102)
    server.set_cpu_status(8)
    wait_listening(102)
    mark_ready(args.ready)
    block_until_terminated()
    server.stop()


def s7_step(ops: list, name: str, fn, detail=None):
    try:
        value = fn()
        row = dict(operation=name, result="ok")
        if detail:
            row.update(detail(value))
        ops.append(row)
        return value
    except Exception as e:  # noqa: BLE001
        ops.append(dict(operation=name, result="error", error=f"{type(e).__name__}: {e}"))
        return None


def s7_connect(target: str) -> tuple[object, dict]:
    import snap7

    logging.getLogger("snap7").setLevel(logging.ERROR)
    session = dict(protocol="s7comm", server=target, server_address=ADDR[target], port=102, transport="tcp")
    client = snap7.Client()
    try:
        client.connect(ADDR[target], 0, 1)
        session["connection"] = "connected"
        session["pdu_length"] = client.get_pdu_length()
    except Exception as e:  # noqa: BLE001
        session["connection"] = "error"
        session["error"] = f"{type(e).__name__}: {e}"
        return None, session
    return client, session


def s7_requested_mode(data: bytes) -> str:
    """The requested mode of an SZL 0x0424 answer: LENTHDR, N_DR, then the record (ereig, ae, bzu-id, ...)."""
    if len(data) < 8:
        return "short answer"
    return {0x08: "RUN", 0x04: "STOP", 0x03: "STOP (update)", 0x05: "STARTUP"}.get(data[7] & 0x0F, hex(data[7]))


def eng_s7(args) -> None:
    """eng-ws: the engineer's S7 session: CPU state, reads, a setpoint write, block upload and download."""
    time.sleep(args.delay)
    client, session = s7_connect("plc-dose-1")
    ops: list = []
    if client:
        # The CPU state query a real engineering tool sends: SZL 0x0424 (python-snap7's get_cpu_state sends an
        # empty Read Var instead, which no PLC would understand).
        s7_step(ops, "read_szl_cpu_state", lambda: client.read_szl(0x0424, 0),
                lambda v: dict(szl_id="0x0424", cpu_state=s7_requested_mode(bytes(v.Data))))
        s7_step(ops, "get_cpu_info", client.get_cpu_info,
                lambda v: dict(szl_id="0x001c", module_type=v.ModuleTypeName.decode(errors="replace")))
        s7_step(ops, "read_db", lambda: client.db_read(1, 0, 6),
                lambda v: dict(db=1, start=0, size=6, value=list(struct.unpack(">fH", bytes(v))) if v else None))
        s7_step(ops, "write_db", lambda: client.db_write(1, 0, bytearray(struct.pack(">f", 2.0))),
                lambda v: dict(db=1, start=0, size=4))
        block = s7_step(ops, "upload_block", lambda: client.upload(1), lambda v: dict(block="DB1", bytes=len(v)))
        image = bytearray(64)
        struct.pack_into(">fH", image, 0, 2.0, 64)
        s7_step(ops, "download_block", lambda: client.download(image, 1), lambda v: dict(block="DB1", bytes=len(image)))
        s7_step(ops, "read_db", lambda: client.db_read(1, 0, 6),
                lambda v: dict(db=1, start=0, size=6, value=list(struct.unpack(">fH", bytes(v))) if v else None))
        _ = block
        client.disconnect()
    session["operations"] = ops
    emit(dict(client="eng-ws", address=ADDR["eng-ws"], role="eng-s7", sessions=[session]))


def scada_s7(args) -> None:
    """scada-server: periodic S7 reads of the dosing PLC (scada-dosing, read)."""
    client, session = s7_connect("plc-dose-1")
    tally = RequestTally()
    if client:
        for n in range(args.rounds):
            if n:
                time.sleep(args.interval)
            for db, size in ((1, 6), (2, 4)):
                base = dict(operation="read_db", server="plc-dose-1", db=db, start=0, size=size)
                try:
                    data = client.db_read(db, 0, size)
                    tally.add((db, size), base, "ok", values=list(data))
                except Exception as e:  # noqa: BLE001
                    tally.add((db, size), base, "error", detail=type(e).__name__)
        client.disconnect()
    session["requests"] = tally.list()
    emit(dict(client="scada-server", address=ADDR["scada-server"], role="scada-s7", sessions=[session]))


# --------------------------------------------------------------------------------------------------------------


def main() -> None:
    # Stop requests must reach us even if the caller blocked them (the mask survives exec).
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(name)s: %(message)s")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("role")
    p.add_argument("--name", default="")
    p.add_argument("--ready")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--certdir")
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--count", type=int, default=3)
    p.add_argument("--sessions", type=int, default=2)
    p.add_argument("--gap", type=float, default=5.0)
    args = p.parse_args()
    roles = {
        "modbus-server": lambda: asyncio.run(modbus_server(args)),
        "opcua-server": lambda: asyncio.run(opcua_server(args)),
        "s7-server": lambda: s7_server(args),
        "https-server": lambda: https_server(args),
        "patch-server": lambda: patch_server(args),
        "rdp-server": lambda: rdp_server(args),
        "scada-poller": lambda: asyncio.run(scada_poller(args)),
        "scada-s7": lambda: scada_s7(args),
        "scada-dns": lambda: scada_dns(args),
        "vendor-modbus": lambda: asyncio.run(vendor_modbus(args)),
        "corp-ws": lambda: corp_ws(args),
        "erp-https": lambda: erp_https(args),
        "historian-opcua": lambda: asyncio.run(historian_opcua(args)),
        "eng-s7": lambda: eng_s7(args),
        "jump-rdp": lambda: jump_rdp(args),
        "patch-client": lambda: patch_client(args),
    }
    if args.role not in roles:
        p.error(f"unknown role {args.role}")
    roles[args.role]()


if __name__ == "__main__":
    main()
