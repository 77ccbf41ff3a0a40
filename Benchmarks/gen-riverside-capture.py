#!/usr/bin/env python3
"""Write a plant directory whose SPAN capture fits Examples/riverside-water, with planted gaps at known rates.

    python3 gen-riverside-capture.py --out /tmp/riverside-1g --size-mb 1000 --seed 15

The directory holds a copy of the example plant's model, inventory and firewall exports, with `captures:` naming one
SPAN capture of the core switch (`captures/span.pcap`, classic pcap, Ethernet) that watches every zone. Its traffic
is the plant's declared conduits (SCADA polling the filtration PLCs and the SIS over Modbus, S7 reads and programming
of the dosing PLC, the historian's OPC UA collection, ERP reports, remote access through the jump host, patches and
DNS from the patch server), traffic inside zones (office SMB, HTTP and DNS, HMI to SCADA server, PLC to its remote
I/O), office web traffic to the internet, and the planted gaps below, so the causes `bulkhead assess` must report
are known in advance (Benchmarks/riverside-expected-causes.txt, checked by a test on a small capture).

Planted gaps, each at a fixed number of sessions per MB (at least one at any size):

  vendor-writes      the ACME support PC 10.20.30.40 writes to plc-filt-1 through the 2019 rule (DMZ bypass)
  hmi-to-dosing      hmi-1 reads plc-dose-1 over S7: no conduit declares it, the any/any lets it through
  drop-rdp           corp-ws-17 tries RDP to hmi-1; fw-itot drops it (SYN, retransmissions, no answer)
  drop-modbus        corp-ws-17 tries Modbus to plc-filt-1; dropped
  drop-s7            unknown office hosts try S7 to plc-dose-1; dropped
  office-to-sis      unknown office hosts read sis-1 over Modbus and are answered (a path around both firewalls)
  engws-to-sis       eng-ws reads sis-1 and is answered although fw-ot lets only scada-server through
  sis-write          scada-server writes a register of sis-1 (the conduit allows reads only)
  contractor         the contractor laptop 10.50.2.99 (not in the model) pulls updates from patch-server
  dmz-av             an antivirus server 172.16.10.40 (not in the model) fetches signatures from patch-server

Unknown hosts: about 400 office PCs and three servers in enterprise, an antivirus server in the OT DMZ, the
contractor laptop in SCADA, eight remote I/O modules in filtration, an undocumented cell in 10.50.14.0/24 (no zone)
and web servers on the internet (203.0.113.0/24). hmi-2 never talks (the silent asset).

Frames, whole TCP connections, DNS lookups, pings and the pcap writer come from gen-plant-capture.py, and so do
the protocol payloads (Modbus, S7comm, TLS, HTTP, SMB2, EtherNet/IP); OPC UA
sessions here open a secure channel with SecurityPolicy None and activate an anonymous session, as the example
plant's historian does.
"""
import argparse
import heapq
import importlib.util
import os
import random
import re
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("plantgen", os.path.join(HERE, "gen-plant-capture.py"))
plantgen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(plantgen)
Host, tcp, udp, ip_bytes = plantgen.Host, plantgen.tcp, plantgen.udp, plantgen.ip_bytes
tcp_session, dns_lookup, ping_session = plantgen.tcp_connection, plantgen.dns_lookup, plantgen.icmp_session

EXAMPLE = os.path.join(HERE, "..", "Examples", "riverside-water")

# Planted gaps: sessions per MB of capture (at least one each).
PLANTED = {
    "vendor-writes": 0.3,
    "hmi-to-dosing": 1.0,
    "drop-rdp": 1.0,
    "drop-modbus": 1.0,
    "drop-s7": 0.5,
    "office-to-sis": 0.3,
    "engws-to-sis": 0.2,
    "sis-write": 0.1,
    "contractor": 0.5,
    "dmz-av": 0.5,
}

# Everyday traffic: relative weights of the sessions that fill the rest of the capture.
EVERYDAY = {
    "scada-filtration": 15, "scada-safety": 8, "scada-dosing": 8, "engws-dosing": 2, "historian-opcua": 6,
    "erp-historian": 3, "office-jump": 2, "jump-engws": 1, "scada-wsus": 2, "scada-dns": 10,
    "office-smb": 3, "office-web": 2, "office-dns": 10, "office-internet": 5, "hmi-scada": 3, "plc-io": 3,
    "cell14-enip": 3, "scada-ntp": 3, "hmi-ping": 1,
}


class Plant:
    def __init__(self, rng):
        self.rng = rng
        self.count = 0
        h = self.host
        self.corp_ws = h("10.20.1.17")
        self.erp = h("10.20.5.10")
        self.vendor = h("10.20.30.40")
        self.office = [h("10.20.1.%d" % i) for i in range(30, 230)] + [h("10.20.2.%d" % i) for i in range(10, 210)]
        self.office_dc, self.office_files, self.office_web = h("10.20.5.2"), h("10.20.5.20"), h("10.20.5.30")
        self.historian, self.patch, self.jump = h("172.16.10.10"), h("172.16.10.20"), h("172.16.10.30")
        self.antivirus = h("172.16.10.40")
        self.scada_server, self.hmi1, self.eng_ws = h("10.50.2.10"), h("10.50.2.21"), h("10.50.2.30")
        self.contractor = h("10.50.2.99")
        self.plc_filt = [h("10.50.11.10"), h("10.50.11.11")]
        self.remote_io = [h("10.50.11.%d" % i) for i in range(50, 58)]
        self.plc_dose = h("10.50.12.10")
        self.sis = h("10.50.13.10")
        self.cell14 = [h("10.50.14.%d" % i) for i in range(10, 30)]
        self.internet = [h("203.0.113.%d" % i) for i in range(1, 41)]

    def host(self, ip):
        self.count += 1
        return Host(ip_bytes(ip), bytes([0x02, 0x42, 0xAC]) + struct.pack(">I", self.count)[1:])


# ---- payloads --------------------------------------------------------------------------------------------------

def modbus_pdu(tid, unit, pdu):
    return struct.pack(">HHH", tid & 0xFFFF, 0, len(pdu) + 1) + bytes([unit]) + pdu


def modbus_read(rng, tid):
    fc = rng.choice([3, 4])
    addr, qty = rng.randint(0, 9000), rng.randint(1, 60)
    req = modbus_pdu(tid, 1, struct.pack(">BHH", fc, addr, qty))
    resp = modbus_pdu(tid, 1, struct.pack(">BB", fc, qty * 2) + bytes(qty * 2))
    return req, resp


def modbus_write(rng, tid):
    addr = rng.randint(0, 9000)
    pdu = struct.pack(">BHH", 6, addr, rng.randint(0, 65535))
    return modbus_pdu(tid, 1, pdu), modbus_pdu(tid, 1, pdu)


def modbus_poll(write_share):
    def maker(rng, tid):
        return modbus_write(rng, tid) if rng.random() < write_share else modbus_read(rng, tid)
    return maker


def s7_maker(write_share):
    def maker(rng, ref):
        while True:
            req, resp = plantgen.s7(rng, ref)
            is_write = req[7 + 10] == 0x05 if len(req) > 17 else False
            if write_share == 0 and is_write:
                continue
            if write_share >= 1 and not is_write:
                continue
            return req, resp
    return maker


def ua_string(text):
    data = text.encode()
    return struct.pack("<i", len(data)) + data


UA_NULL = struct.pack("<i", -1)
UA_POLICY_NONE = "http://opcfoundation.org/UA/SecurityPolicy#None"


def ua_request_header(handle):
    # AuthenticationToken (two-byte NodeId 0), Timestamp, RequestHandle, ReturnDiagnostics, AuditEntryId,
    # TimeoutHint, AdditionalHeader (null ExtensionObject).
    return b"\x00\x00" + bytes(8) + struct.pack("<II", handle, 0) + UA_NULL + struct.pack("<I", 10000) + b"\x00\x00\x00"


def ua_response_header(handle):
    return bytes(8) + struct.pack("<II", handle, 0) + b"\x00" + struct.pack("<i", -1) + b"\x00\x00\x00"


def ua_node(identifier):
    return struct.pack("<BBH", 1, 0, identifier)


def ua_message(kind, body):
    return kind + struct.pack("<I", 8 + len(body)) + body


def opcua_session(rng):
    """HEL/ACK, OpenSecureChannel with policy None and mode None, an anonymous ActivateSession, then reads."""
    exchanges = []
    hel = struct.pack("<IIIII", 0, 65536, 65536, 0, 0) + ua_string("opc.tcp://10.50.2.10:4840")
    ack = struct.pack("<IIIII", 0, 65536, 65536, 0, 0)
    exchanges.append((ua_message(b"HELF", hel), ua_message(b"ACKF", ack)))
    asym = struct.pack("<I", 0) + ua_string(UA_POLICY_NONE) + UA_NULL + UA_NULL + struct.pack("<II", 1, 1)
    opn = asym + ua_node(446) + ua_request_header(1) + struct.pack("<III", 0, 0, 1) + UA_NULL + struct.pack(
        "<I", 3600000)
    opn_resp = asym + ua_node(449) + ua_response_header(1) + struct.pack("<I", 0) + struct.pack(
        "<IIQI", 1, 1, 0, 3600000) + UA_NULL
    exchanges.append((ua_message(b"OPNF", opn), ua_message(b"OPNF", opn_resp)))
    sym = lambda seq: struct.pack("<IIII", 1, 1, seq, seq)
    token = ua_node(321) + b"\x01" + struct.pack("<i", 4 + 9) + ua_string("anonymous")
    activate = sym(2) + ua_node(467) + ua_request_header(2) + UA_NULL + UA_NULL + struct.pack("<ii", 0, 0) + token
    activate += UA_NULL + UA_NULL
    activate_resp = sym(2) + ua_node(470) + ua_response_header(2) + UA_NULL + struct.pack("<ii", 0, 0)
    exchanges.append((ua_message(b"MSGF", activate), ua_message(b"MSGF", activate_resp)))
    for i in range(rng.randint(2, 20)):
        seq = 3 + i
        body = sym(seq) + ua_node(631) + ua_request_header(seq) + bytes(8) + struct.pack("<I", 2) + struct.pack(
            "<i", 0)
        k = rng.randint(1, 30)
        values = b"".join(b"\x01\x0b" + struct.pack("<d", rng.random() * 100) for _ in range(k))
        rbody = sym(seq) + ua_node(634) + ua_response_header(seq) + struct.pack("<i", k) + values + struct.pack(
            "<i", 0)
        exchanges.append((ua_message(b"MSGF", body), ua_message(b"MSGF", rbody)))
    return exchanges


def tls_small(rng, _):
    """A TLS application-data exchange: a short request record, a reply of up to two MSS."""
    request = rng.randint(80, 400)
    reply = rng.randint(200, 2800)
    return (b"\x17\x03\x03" + struct.pack(">H", request) + bytes(request),
            b"\x17\x03\x03" + struct.pack(">H", reply) + bytes(reply))


def repeated(maker, lo, hi):
    def build(rng):
        return [maker(rng, i + 1) for i in range(rng.randint(lo, hi))]
    return build


def wsus(rng):
    req = b"GET /Content/%02X/update.cab HTTP/1.1\r\nHost: patch-server:8530\r\n\r\n" % rng.randint(0, 255)
    body = rng.randint(1000, 8000)
    return [(req, b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % body + bytes(body))]


# ---- sessions --------------------------------------------------------------------------------------------------

def dropped_attempt(rng, client, server, port, start, ip_ids):
    """A connection attempt a firewall drops: the SYN and its retransmissions (1 s, 2 s, 4 s), never answered."""
    sport = rng.randint(49152, 65535)
    seq = rng.getrandbits(32)
    t = start
    for backoff in (1, 2, 4, 0):
        yield t, tcp(client, server, sport, port, seq, 0, 0x02, b"", next(ip_ids))
        t += backoff


def dns_session(rng, client, server, start, ip_ids):
    return dns_lookup(rng, client, server, start, ip_ids,
                      [b"patch-server.plant.local", b"historian.plant.local", b"files.corp.local"])


def ntp_session(rng, client, server, start, ip_ids):
    sport = rng.randint(49152, 65535)
    yield start, udp(client, server, sport, 123, b"\x23" + bytes(47), next(ip_ids))
    yield start + 0.001, udp(server, client, 123, sport, b"\x24" + bytes(47), next(ip_ids))


def session(kind, plant, rng, start, ip_ids):
    """The packets of one session of `kind` (a key of PLANTED or EVERYDAY), as a generator of (time, frame)."""
    p = plant
    c = rng.choice
    modbus_reads = repeated(modbus_poll(0), 2, 20)
    if kind == "scada-filtration":
        return tcp_session(rng, p.scada_server, c(p.plc_filt), 502, repeated(modbus_poll(0.2), 2, 20)(rng), start,
                           ip_ids)
    if kind == "scada-safety":
        return tcp_session(rng, p.scada_server, p.sis, 502, modbus_reads(rng), start, ip_ids)
    if kind == "scada-dosing":
        return tcp_session(rng, p.scada_server, p.plc_dose, 102, repeated(s7_maker(0), 2, 15)(rng), start, ip_ids)
    if kind == "engws-dosing":
        return tcp_session(rng, p.eng_ws, p.plc_dose, 102, repeated(s7_maker(0.5), 2, 15)(rng), start, ip_ids)
    if kind == "historian-opcua":
        return tcp_session(rng, p.historian, p.scada_server, 4840, opcua_session(rng), start, ip_ids, think=1.0)
    if kind == "erp-historian":
        return tcp_session(rng, p.erp, p.historian, 443, repeated(tls_small, 1, 6)(rng), start, ip_ids, 2.0)
    if kind == "office-jump":
        client = p.corp_ws if rng.random() < 0.2 else c(p.office)
        return tcp_session(rng, client, p.jump, 3389, repeated(tls_small, 2, 10)(rng), start, ip_ids, 1.0)
    if kind == "jump-engws":
        return tcp_session(rng, p.jump, p.eng_ws, 3389, repeated(tls_small, 2, 10)(rng), start, ip_ids, 1.0)
    if kind == "scada-wsus":
        return tcp_session(rng, c([p.scada_server, p.hmi1, p.eng_ws]), p.patch, 8530, wsus(rng), start, ip_ids)
    if kind == "scada-dns":
        return dns_session(rng, c([p.scada_server, p.hmi1, p.eng_ws]), p.patch, start, ip_ids)
    if kind == "office-smb":
        return tcp_session(rng, c(p.office), p.office_files, 445, repeated(plantgen.smb2, 1, 4)(rng), start, ip_ids)
    if kind == "office-web":
        return tcp_session(rng, c(p.office), p.office_web, 80, repeated(plantgen.http, 1, 4)(rng), start, ip_ids, 2.0)
    if kind == "office-dns":
        return dns_session(rng, c(p.office + [p.corp_ws, p.erp]), p.office_dc, start, ip_ids)
    if kind == "office-internet":
        return tcp_session(rng, c(p.office), c(p.internet), 443, repeated(tls_small, 1, 6)(rng), start, ip_ids, 2.0)
    if kind == "hmi-scada":
        return tcp_session(rng, p.hmi1, p.scada_server, 4840, opcua_session(rng), start, ip_ids, think=1.0)
    if kind == "plc-io":
        return tcp_session(rng, c(p.plc_filt), c(p.remote_io), 502, modbus_reads(rng), start, ip_ids)
    if kind == "cell14-enip":
        a, b = rng.sample(p.cell14, 2)
        return tcp_session(rng, a, b, 44818, repeated(plantgen.enip, 2, 20)(rng), start, ip_ids)
    if kind == "dmz-av":
        return tcp_session(rng, p.antivirus, p.patch, 80, repeated(plantgen.http, 1, 3)(rng), start, ip_ids, 2.0)
    if kind == "scada-ntp":
        return ntp_session(rng, c([p.hmi1, p.eng_ws]), p.scada_server, start, ip_ids)
    if kind == "hmi-ping":
        return ping_session(rng, p.hmi1, p.scada_server, start, ip_ids)
    # Planted gaps.
    if kind == "vendor-writes":
        return tcp_session(rng, p.vendor, p.plc_filt[0], 502, repeated(modbus_poll(0.7), 2, 10)(rng), start, ip_ids)
    if kind == "hmi-to-dosing":
        return tcp_session(rng, p.hmi1, p.plc_dose, 102, repeated(s7_maker(0), 2, 10)(rng), start, ip_ids)
    if kind == "drop-rdp":
        return dropped_attempt(rng, p.corp_ws, p.hmi1, 3389, start, ip_ids)
    if kind == "drop-modbus":
        return dropped_attempt(rng, p.corp_ws, p.plc_filt[0], 502, start, ip_ids)
    if kind == "drop-s7":
        return dropped_attempt(rng, c(p.office[200:]), p.plc_dose, 102, start, ip_ids)
    if kind == "office-to-sis":
        return tcp_session(rng, c(p.office[200:220]), p.sis, 502, modbus_reads(rng), start, ip_ids)
    if kind == "engws-to-sis":
        return tcp_session(rng, p.eng_ws, p.sis, 502, modbus_reads(rng), start, ip_ids)
    if kind == "sis-write":
        return tcp_session(rng, p.scada_server, p.sis, 502, [modbus_write(rng, 1)] + modbus_reads(rng), start, ip_ids)
    if kind == "contractor":
        return tcp_session(rng, p.contractor, p.patch, 8530, wsus(rng), start, ip_ids)
    raise ValueError(kind)


# ---- the plant directory ---------------------------------------------------------------------------------------

def write_model(out):
    """The example plant's model, inventory and firewalls, with one SPAN capture of the core switch."""
    os.makedirs(os.path.join(out, "captures"), exist_ok=True)
    os.makedirs(os.path.join(out, "firewalls"), exist_ok=True)
    for name in ("inventory.csv",):
        shutil.copyfile(os.path.join(EXAMPLE, name), os.path.join(out, name))
    for name in os.listdir(os.path.join(EXAMPLE, "firewalls")):
        shutil.copyfile(os.path.join(EXAMPLE, "firewalls", name), os.path.join(out, "firewalls", name))
    with open(os.path.join(EXAMPLE, "bulkhead.yaml")) as f:
        model = f.read()
    head = model[:model.index("\n# Captures:")]
    span = ("\n# Captures: one SPAN of the core switch, written by Benchmarks/gen-riverside-capture.py; it sees every "
            "zone.\ncaptures:\n  - path: captures/span.pcap\n    zones: [enterprise, ot-dmz, scada, filtration, "
            "dosing, safety]\n")
    with open(os.path.join(out, "bulkhead.yaml"), "w") as f:
        f.write(head + span)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="plant directory to write (model + captures/span.pcap)")
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--duration", type=float, default=1800, help="capture length in seconds")
    ap.add_argument("--sessions-per-mb", type=float, default=260)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    plant = Plant(rng)
    write_model(args.out)
    target = int(args.size_mb * 1_000_000)
    total = max(1, int(args.size_mb * args.sessions_per_mb))
    kinds = []
    for kind, per_mb in sorted(PLANTED.items()):
        kinds += [kind] * max(1, int(round(per_mb * args.size_mb)))
    names = sorted(EVERYDAY)
    weights = [EVERYDAY[n] for n in names]
    kinds += rng.choices(names, weights, k=max(0, total - len(kinds)))
    rng.shuffle(kinds)
    # Planted sessions start in the first half, so a capture cut at the size target still holds them.
    starts = []
    for kind in kinds:
        limit = args.duration / 2 if kind in PLANTED else args.duration
        starts.append((rng.uniform(0, limit), kind))
    starts.sort()
    ip_ids = iter(range(1, 1 << 62))
    epoch = 1_795_000_000  # 2026-11-19
    heap = []
    counter = 0
    next_start = 0
    path = os.path.join(args.out, "captures", "span.pcap")
    with open(path, "wb") as out:
        pcap = plantgen.PcapWriter(out, epoch)
        emit = pcap.emit
        while heap or next_start < len(starts):
            if pcap.written >= target and next_start >= len(starts):
                break
            while next_start < len(starts) and (not heap or starts[next_start][0] <= heap[0][0]):
                start, kind = starts[next_start]
                next_start += 1
                if pcap.written >= target and kind not in PLANTED:
                    continue
                gen = session(kind, plant, rng, start, ip_ids)
                first = next(gen, None)
                if first:
                    counter += 1
                    heapq.heappush(heap, (first[0], counter, first[1], gen))
            if not heap:
                break
            t, _, data, gen = heapq.heappop(heap)
            emit(t, data)
            nxt = next(gen, None)
            if nxt:
                counter += 1
                heapq.heappush(heap, (max(nxt[0], t), counter, nxt[1], gen))
    print("%s: %d packets, %.1f MB, %d sessions" % (path, pcap.packets, pcap.written / 1e6, next_start), file=sys.stderr)


if __name__ == "__main__":
    main()
