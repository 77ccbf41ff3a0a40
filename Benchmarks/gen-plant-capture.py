#!/usr/bin/env python3
"""Write a synthetic water-plant SPAN capture (classic pcap, Ethernet) for benchmarking `bulkhead bench capture`.

The plant follows Examples/riverside-water: an enterprise LAN, an OT DMZ, a SCADA network and six control cells of
PLCs and RTUs; two cells arrive 802.1Q-tagged as on a trunk SPAN port. Sessions are built whole (TCP handshake, MSS
segmentation, delayed ACKs, FIN or RST teardown) and interleaved in time order with a heap, so memory stays small.

    python3 gen-plant-capture.py -o /tmp/plant.pcap --size-mb 100 --seed 7

Protocols: Modbus/TCP, DNP3 (TCP and UDP), S7comm over COTP/TPKT, EtherNet/IP (explicit + class-1 I/O), OPC UA,
HTTP, TLS, SMB2, DNS, NTP, ICMP echo and ARP. Payloads carry correct framing headers; IP/TCP/UDP checksums are valid.
"""
import argparse
import array
import heapq
import random
import struct
import sys

MSS = 1460


def csum(data):
    if len(data) % 2:
        data += b"\0"
    a = array.array("H", data)
    if sys.byteorder == "little":
        a.byteswap()
    s = sum(a)
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


class Host:
    __slots__ = ("ip", "mac", "vlan")

    def __init__(self, ip, mac, vlan=0):
        self.ip, self.mac, self.vlan = ip, mac, vlan


def ip_bytes(text):
    return bytes(int(x) for x in text.split("."))


def frame(src, dst, proto, l4, ip_id):
    """Ethernet (+802.1Q when either side sits in a tagged cell) / IPv4 / given transport bytes."""
    total = 20 + len(l4)
    hdr = struct.pack(">BBHHHBBH4s4s", 0x45, 0, total, ip_id & 0xFFFF, 0x4000, 64, proto, 0, src.ip, dst.ip)
    hdr = hdr[:10] + struct.pack(">H", csum(hdr)) + hdr[12:]
    vlan = src.vlan or dst.vlan
    eth = dst.mac + src.mac
    if vlan:
        eth += struct.pack(">HH", 0x8100, vlan)
    return eth + b"\x08\x00" + hdr + l4


def tcp(src, dst, sport, dport, seq, ack, flags, payload, ip_id):
    hdr = struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags, 64240, 0, 0)
    pseudo = src.ip + dst.ip + struct.pack(">BBH", 0, 6, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload)
    return frame(src, dst, 6, hdr[:16] + struct.pack(">H", c) + hdr[18:] + payload, ip_id)


def udp(src, dst, sport, dport, payload, ip_id):
    length = 8 + len(payload)
    pseudo = src.ip + dst.ip + struct.pack(">BBH", 0, 17, length)
    c = csum(pseudo + struct.pack(">HHHH", sport, dport, length, 0) + payload) or 0xFFFF
    return frame(src, dst, 17, struct.pack(">HHHH", sport, dport, length, c) + payload, ip_id)


# ---- protocol payloads (request, response) -------------------------------------------------------------------------

def modbus(rng, tid):
    unit = rng.randint(1, 4)
    fc = rng.choices([1, 3, 4, 5, 6, 15, 16], [7, 30, 9, 3, 4, 2, 5])[0]
    addr, qty = rng.randint(0, 9000), rng.randint(1, 60)
    if fc in (1, 3, 4):
        req = struct.pack(">BBHH", unit, fc, addr, qty)
        nbytes = (qty + 7) // 8 if fc == 1 else qty * 2
        resp = struct.pack(">BBB", unit, fc, nbytes) + bytes(rng.getrandbits(8) for _ in range(nbytes))
    elif fc in (5, 6):
        req = struct.pack(">BBHH", unit, fc, addr, rng.choice([0xFF00, 0]) if fc == 5 else rng.randint(0, 65535))
        resp = req
    else:
        nbytes = (qty + 7) // 8 if fc == 15 else qty * 2
        req = struct.pack(">BBHHB", unit, fc, addr, qty, nbytes) + bytes(nbytes)
        resp = struct.pack(">BBHH", unit, fc, addr, qty)
    if rng.random() < 0.02:
        resp = struct.pack(">BBB", unit, fc | 0x80, rng.choice([1, 2, 3]))
    mbap = lambda pdu: struct.pack(">HHH", tid & 0xFFFF, 0, len(pdu)) + pdu
    return mbap(req), mbap(resp)


def dnp3_crc(block):
    crc = 0
    for b in block:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA6BC if crc & 1 else crc >> 1
    return struct.pack("<H", ~crc & 0xFFFF)


def dnp3_frame(dst, src, user):
    header = struct.pack("<HBBHH", 0x6405, 5 + len(user), 0xC4, dst, src)
    out = header + dnp3_crc(header)
    for i in range(0, len(user), 16):
        chunk = user[i:i + 16]
        out += chunk + dnp3_crc(chunk)
    return out


def dnp3(rng, seq):
    master, outstation = 1, rng.randint(10, 200)
    req = dnp3_frame(outstation, master, bytes([0xC0 | (seq & 0x3F), 0xC0 | (seq & 0xF), 0x01, 0x3C, 0x02, 0x06,
                                                0x3C, 0x03, 0x06, 0x3C, 0x04, 0x06]))
    # Group 1 variation 2 (binary input with flags), qualifier 0x00: one flag octet per point.
    n = rng.randint(4, 60)
    objects = bytes([0x01, 0x02, 0x00, 0, n - 1]) + bytes([0x01] * n)
    resp = dnp3_frame(master, outstation, bytes([0xC0 | (seq & 0x3F), 0xC0 | (seq & 0xF), 0x81, 0, 0]) + objects)
    return req, resp


def tpkt(payload):
    return struct.pack(">BBH", 3, 0, 4 + len(payload)) + payload


def s7(rng, pdu_ref):
    cotp = b"\x02\xf0\x80"
    if rng.random() < 0.8:  # Read Var
        items = rng.randint(1, 6)
        param = bytes([0x04, items]) + b"".join(
            bytes([0x12, 0x0A, 0x10, 0x02]) + struct.pack(">HHB", 4, rng.randint(1, 50), 0x84) + b"\0\0\0"
            for _ in range(items))
        req = tpkt(cotp + struct.pack(">BBHHHH", 0x32, 1, 0, pdu_ref, len(param), 0) + param)
        data = b"".join(b"\xff\x04\x00\x20" + bytes(4) for _ in range(items))
        resp = tpkt(cotp + struct.pack(">BBHHHHBB", 0x32, 3, 0, pdu_ref, 2, len(data), 0, 0) + bytes([0x04, items]) + data)
    else:  # Write Var
        param = bytes([0x05, 1, 0x12, 0x0A, 0x10, 0x02]) + struct.pack(">HHB", 2, 1, 0x84) + b"\0\0\0"
        data = b"\x00\x04\x00\x10" + bytes(2)
        req = tpkt(cotp + struct.pack(">BBHHHH", 0x32, 1, 0, pdu_ref, len(param), len(data)) + param + data)
        resp = tpkt(cotp + struct.pack(">BBHHHHBB", 0x32, 3, 0, pdu_ref, 2, 1, 0, 0) + b"\x05\x01\xff")
    return req, resp


def enip(rng, session):
    cip = bytes([0x4C, 0x03, 0x91, 0x04]) + b"TAG1" + struct.pack("<H", 1)
    item = struct.pack("<IHH", 0, 10, 2) + struct.pack("<HH", 0, 0) + struct.pack("<HH", 0xB2, len(cip)) + cip
    req = struct.pack("<HHIIQI", 0x6F, len(item), session, 0, 0, 0) + item
    data = bytes([0xCC, 0, 0, 0, 0xC4, 0]) + bytes(4)
    ritem = struct.pack("<IHH", 0, 10, 2) + struct.pack("<HH", 0, 0) + struct.pack("<HH", 0xB2, len(data)) + data
    resp = struct.pack("<HHIIQI", 0x6F, len(ritem), session, 0, 0, 0) + ritem
    return req, resp


def opcua(rng, req_id):
    # ReadRequest (node id 631): request header, maxAge, timestampsToReturn, an empty NodesToRead array.
    head = struct.pack("<IIII", 1, 1, req_id, req_id)
    body = head + struct.pack("<BBH", 1, 0, 631) + bytes(2 + 8) + struct.pack("<II", req_id, 0) + bytes(4 + 4 + 3)
    body += bytes(8) + struct.pack("<I", 2) + struct.pack("<i", 0)
    # ReadResponse (634): response header, Results of doubles, no diagnostics.
    k = rng.randint(1, 30)
    values = b"".join(b"\x01\x0b" + struct.pack("<d", rng.random() * 100) for _ in range(k))
    rbody = head + struct.pack("<BBH", 1, 0, 634) + bytes(8) + struct.pack("<II", req_id, 0) + b"\x00" + bytes(4 + 3)
    rbody += struct.pack("<i", k) + values + struct.pack("<i", 0)
    return b"MSGF" + struct.pack("<I", 8 + len(body)) + body, b"MSGF" + struct.pack("<I", 8 + len(rbody)) + rbody


def http(rng, _):
    path = rng.choice(["/trend.csv", "/api/tags", "/hmi/screen1.png", "/wsus/update.cab", "/index.html"])
    req = ("GET %s HTTP/1.1\r\nHost: historian\r\nUser-Agent: plant-client\r\n\r\n" % path).encode()
    body = rng.randint(300, 8000)
    resp = ("HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: application/octet-stream\r\n\r\n" % body).encode()
    return req, resp + bytes(body)


def tls(rng, _):
    return b"\x17\x03\x03" + struct.pack(">H", 200) + bytes(200), b"\x17\x03\x03" + struct.pack(">H", 3000) + bytes(
        rng.randint(1000, 8000))


def smb2(rng, msg_id):
    hdr = lambda cmd, flags: b"\xfeSMB" + struct.pack("<HHIHHIIQIIQ16s", 64, 0, 0, cmd, 1, flags, 0, msg_id, 0, 1, 7,
                                                       bytes(16))
    n = rng.randint(1024, 16384)
    req = hdr(8, 0) + struct.pack("<HBBIQ", 49, 0, 0, n, 0) + bytes(16) + struct.pack("<IIIHH", 1, 0, 0, 0, 0) + b"\0"
    resp = hdr(8, 1) + struct.pack("<HBBIII", 17, 80, 0, n, 0, 0) + bytes(n)
    nb = lambda p: struct.pack(">I", len(p)) + p
    return nb(req), nb(resp)


TCP_SERVICES = {  # name: (port, payload maker, exchanges range, think time seconds)
    "modbus": (502, modbus, (2, 20), 0.5),
    "dnp3": (20000, dnp3, (2, 20), 1.0),
    "s7": (102, s7, (2, 15), 0.5),
    "enip": (44818, enip, (2, 20), 0.5),
    "opcua": (4840, opcua, (2, 20), 1.0),
    "http": (80, http, (1, 4), 2.0),
    "https": (443, tls, (1, 6), 2.0),
    "smb": (445, smb2, (1, 4), 0.5),
}


class Plant:
    def __init__(self, rng):
        self.rng = rng
        n = [0]

        def host(ip, vlan=0):
            n[0] += 1
            mac = bytes([0x00, 0x1B, 0x1B]) + struct.pack(">I", n[0])[1:]  # Siemens-style OUI prefix
            return Host(ip_bytes(ip), mac, vlan)

        self.scada = [host("10.50.2.%d" % i) for i in range(10, 60)]
        self.cells = {c: [host("10.50.%d.%d" % (c, i), vlan=100 + c if c in (11, 12) else 0) for i in range(10, 240)]
                      for c in range(11, 17)}
        self.dmz = [host("172.16.10.%d" % i) for i in range(10, 40)]
        self.enterprise = [host("10.20.%d.%d" % (s, i)) for s in range(1, 3) for i in range(10, 250)]
        self.internet = [host("203.0.113.%d" % i) for i in range(1, 51)]
        self.cell_protocol = {11: "modbus", 12: "modbus", 13: "s7", 14: "enip", 15: "dnp3", 16: "opcua"}
        self.dns = self.dmz[1]

    def pick_session(self):
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            cell = rng.randint(11, 16)
            return self.cell_protocol[cell], rng.choice(self.scada), rng.choice(self.cells[cell])
        if r < 0.60:
            return "opcua", rng.choice(self.dmz), rng.choice(self.scada)
        if r < 0.66:
            return rng.choice(["http", "https"]), rng.choice(self.enterprise), rng.choice(self.dmz + self.internet)
        if r < 0.68:
            return "smb", rng.choice(self.enterprise), rng.choice(self.enterprise[:20])
        if r < 0.88:
            return "dns", rng.choice(self.scada + self.enterprise), self.dns
        if r < 0.94:
            return "ntp", rng.choice(self.scada + list(self.cells[13])), self.dmz[2]
        if r < 0.95:
            return "io", rng.choice(self.scada[:5]), rng.choice(self.cells[14])
        return "icmp", rng.choice(self.scada), rng.choice(self.cells[rng.randint(11, 16)])


def tcp_connection(rng, client, server, port, exchanges, start, ip_ids, think=0.5, reset_share=None):
    """A whole TCP connection: handshake, the request/response `exchanges` (any iterable; drawn as the connection
    reaches them) segmented at the MSS with an ACK every second segment, then FIN teardown, or RST at `reset_share`."""
    sport = rng.randint(49152, 65535)
    cseq, sseq = rng.getrandbits(32), rng.getrandbits(32)
    t = start
    rtt = rng.uniform(0.0002, 0.003)
    nid = lambda: next(ip_ids)
    yield t, tcp(client, server, sport, port, cseq, 0, 0x02, b"", nid())
    t += rtt
    yield t, tcp(server, client, port, sport, sseq, cseq + 1, 0x12, b"", nid())
    t += 0.00005
    cseq += 1
    sseq += 1
    yield t, tcp(client, server, sport, port, cseq, sseq, 0x10, b"", nid())
    for req, resp in exchanges:
        t += rng.expovariate(1.0 / think)
        for data, fwd in ((req, True), (resp, False)):
            src, dst, sp, dp = (client, server, sport, port) if fwd else (server, client, port, sport)
            segs = [data[k:k + MSS] for k in range(0, len(data), MSS)]
            for j, seg in enumerate(segs):
                a, b = (cseq, sseq) if fwd else (sseq, cseq)
                yield t, tcp(src, dst, sp, dp, a, b, 0x18 if j == len(segs) - 1 else 0x10, seg, nid())
                if fwd:
                    cseq += len(seg)
                else:
                    sseq += len(seg)
                t += 0.00002 * len(seg) / 100 + 0.00001
                if j % 2 == 1 or j == len(segs) - 1:  # ACK every second segment, delayed ACK at the end
                    a2, b2 = (sseq, cseq) if fwd else (cseq, sseq)
                    yield t + rtt / 2, tcp(dst, src, dp, sp, a2, b2, 0x10, b"", nid())
            t += rtt
    t += rng.uniform(0.01, 1)
    if reset_share is not None and rng.random() < reset_share:
        yield t, tcp(client, server, sport, port, cseq, sseq, 0x14, b"", nid())
        return
    yield t, tcp(client, server, sport, port, cseq, sseq, 0x11, b"", nid())
    t += rtt
    yield t, tcp(server, client, port, sport, sseq, cseq + 1, 0x11, b"", nid())
    t += rtt
    yield t, tcp(client, server, sport, port, cseq + 1, sseq + 1, 0x10, b"", nid())


def tcp_session(rng, name, client, server, start, ip_ids):
    port, maker, (lo, hi), think = TCP_SERVICES[name]

    def exchanges():
        for i in range(rng.randint(lo, hi)):
            yield maker(rng, i + 1)

    return tcp_connection(rng, client, server, port, exchanges(), start, ip_ids, think, reset_share=0.08)


def dns_lookup(rng, client, server, start, ip_ids, names):
    """One DNS query for a name drawn from `names` and its answer (the server's own address)."""
    qid = rng.getrandbits(16)
    qname = b"".join(bytes([len(p)]) + p for p in rng.choice(names).split(b".")) + b"\0"
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + qname + b"\0\x01\0\x01"
    a = struct.pack(">HHHHHH", qid, 0x8180, 1, 1, 0, 0) + qname + b"\0\x01\0\x01" + b"\xc0\x0c\0\x01\0\x01"
    a += struct.pack(">IH", 300, 4) + server.ip
    sport = rng.randint(49152, 65535)
    yield start, udp(client, server, sport, 53, q, next(ip_ids))
    yield start + rng.uniform(0.0003, 0.01), udp(server, client, 53, sport, a, next(ip_ids))


def udp_session(rng, name, client, server, start, ip_ids):
    t = start
    nid = lambda: next(ip_ids)
    if name == "dns":
        yield from dns_lookup(rng, client, server, t, ip_ids,
                              [b"historian.plant.local", b"patch.dmz.local", b"time.dmz.local"])
    elif name == "ntp":
        yield t, udp(client, server, 123, 123, b"\x23" + bytes(47), nid())
        yield t + 0.001, udp(server, client, 123, 123, b"\x24" + bytes(47), nid())
    elif name == "io":
        # EtherNet/IP class-1 cyclic I/O: both directions every 10-50 ms for a while.
        rpi = rng.choice([0.01, 0.02, 0.05])
        seq = 0
        conn = rng.getrandbits(32)
        for _ in range(rng.randint(20, 150)):
            seq += 1
            # CPF: sequenced address item (connection id, sequence) + connected data item (count + I/O bytes).
            io = bytes(32)
            data = struct.pack("<HHHII", 2, 0x8002, 8, conn, seq) + struct.pack("<HHH", 0xB1, 2 + len(io), seq & 0xFFFF) + io
            yield t, udp(client, server, 2222, 2222, data, nid())
            yield t + 0.0004, udp(server, client, 2222, 2222, data, nid())
            t += rpi


def icmp_session(rng, client, server, start, ip_ids):
    ident = rng.getrandbits(16)
    for s in range(rng.randint(1, 4)):
        for typ, src, dst in ((8, client, server), (0, server, client)):
            body = struct.pack(">BBHHH", typ, 0, 0, ident, s) + bytes(56)
            body = body[:2] + struct.pack(">H", csum(body)) + body[4:]
            yield start + s + (0.0005 if typ == 0 else 0), frame(src, dst, 1, body, next(ip_ids))


def arp_packet(rng, plant, t):
    cell = plant.cells[rng.randint(11, 16)]
    a, b = rng.choice(cell), rng.choice(cell)
    body = struct.pack(">HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, a.mac, a.ip, bytes(6), b.ip)
    vlan = a.vlan
    eth = b"\xff" * 6 + a.mac + (struct.pack(">HH", 0x8100, vlan) if vlan else b"")
    return t, eth + b"\x08\x06" + body + bytes(18)


class PcapWriter:
    """Classic pcap (microsecond timestamps, Ethernet, snaplen 65535), frames written whole; times are seconds after
    `epoch` (Unix seconds)."""

    def __init__(self, out, epoch):
        self.out, self.epoch = out, epoch
        self.written, self.packets = 24, 0
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))

    def emit(self, t, data):
        sec = int(t)
        self.out.write(struct.pack("<IIII", self.epoch + sec, int((t - sec) * 1e6), len(data), len(data)))
        self.out.write(data)
        self.written += 16 + len(data)
        self.packets += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--duration", type=float, default=1800, help="capture length in seconds")
    ap.add_argument("--sessions-per-mb", type=float, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    plant = Plant(rng)
    target = int(args.size_mb * 1_000_000)
    sessions = int(args.size_mb * args.sessions_per_mb)
    starts = sorted(rng.uniform(0, args.duration) for _ in range(sessions))
    ip_ids = iter(range(1, 1 << 62))
    epoch = 1_767_225_600  # 2026-01-01T00:00:00Z
    heap = []
    counter = 0
    next_start = 0
    next_arp = 0.0
    with open(args.output, "wb") as out:
        pcap = PcapWriter(out, epoch)
        emit = pcap.emit
        while pcap.written < target and (heap or next_start < len(starts)):
            while next_start < len(starts) and (not heap or starts[next_start] <= heap[0][0]):
                name, client, server = plant.pick_session()
                start = starts[next_start]
                next_start += 1
                if name in TCP_SERVICES:
                    gen = tcp_session(rng, name, client, server, start, ip_ids)
                elif name == "icmp":
                    gen = icmp_session(rng, client, server, start, ip_ids)
                else:
                    gen = udp_session(rng, name, client, server, start, ip_ids)
                first = next(gen, None)
                if first:
                    counter += 1
                    heapq.heappush(heap, (first[0], counter, first[1], gen))
            if not heap:
                break
            t, _, data, gen = heapq.heappop(heap)
            while next_arp <= t:
                emit(*arp_packet(rng, plant, next_arp))
                next_arp += 0.5
            emit(t, data)
            nxt = next(gen, None)
            if nxt:
                counter += 1
                heapq.heappush(heap, (max(nxt[0], t), counter, nxt[1], gen))
    print("%s: %d packets, %.1f MB, %d sessions started" % (args.output, pcap.packets, pcap.written / 1e6, next_start),
          file=sys.stderr)


if __name__ == "__main__":
    main()
