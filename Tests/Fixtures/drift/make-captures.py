#!/usr/bin/env python3
"""Writes the drift fixtures (classic pcap, Ethernet): hand-built TCP sessions between hosts of the example plant
(Examples/riverside-water), one day apart. Run from this directory; the output is deterministic.

  baseline.pcap  2026-11-26: SCADA server reads the SIS (Modbus 3), reads its identity (Modbus 43/14, firmware
                 2.1.0); the historian reads the SCADA server over OPC UA with Basic256Sha256 (SignAndEncrypt).
  quiet.pcap     2026-11-27: the same traffic a day later (no drift).
  drifted.pcap   2026-11-27: the same, plus a write (Modbus 6) to the SIS, a new host 10.50.2.77 reading the SIS,
                 the SIS reporting firmware 2.2.0, the first use of the scada-filtration conduit, and the OPC UA
                 session opened with SecurityPolicy None (mode None).
"""
import struct

DAY = 86400
BASE = 1795651200  # 2026-11-26T00:00:00Z

MACS = {
    "10.50.2.10": bytes.fromhex("001b1b0002aa"),
    "10.50.2.77": bytes.fromhex("3c5282000277"),
    "10.50.13.10": bytes.fromhex("001d9c130010"),
    "10.50.11.10": bytes.fromhex("001d9c110010"),
    "172.16.10.10": bytes.fromhex("00155d100010"),
}


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ip(a):
    return bytes(int(x) for x in a.split("."))


class Session:
    """One TCP connection: handshake, request/response payloads, FIN exchange."""

    def __init__(self, out, client, cport, server, sport, start):
        self.out, self.c, self.cp, self.s, self.sp, self.t = out, client, cport, server, sport, start
        self.cseq, self.sseq = 1000, 5000

    def frame(self, src, dst, sport, dport, seq, ack, flags, payload=b""):
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
        pseudo = ip(src) + ip(dst) + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, ip(src), ip(dst))
        header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
        ether = MACS[dst] + MACS[src] + b"\x08\x00"
        data = ether + header + tcp
        self.t += 0.001
        seconds = int(self.t)
        micros = int(round((self.t - seconds) * 1e6))
        self.out.append(struct.pack("<IIII", seconds, micros, len(data), len(data)) + data)

    def open(self):
        self.frame(self.c, self.s, self.cp, self.sp, self.cseq, 0, 0x02)
        self.frame(self.s, self.c, self.sp, self.cp, self.sseq, self.cseq + 1, 0x12)
        self.cseq += 1
        self.sseq += 1
        self.frame(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x10)
        return self

    def exchange(self, request, response):
        self.frame(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x18, request)
        self.cseq += len(request)
        self.frame(self.s, self.c, self.sp, self.cp, self.sseq, self.cseq, 0x18, response)
        self.sseq += len(response)
        return self

    def close(self):
        self.frame(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x11)
        self.cseq += 1
        self.frame(self.s, self.c, self.sp, self.cp, self.sseq, self.cseq, 0x11)
        self.sseq += 1
        self.frame(self.c, self.s, self.cp, self.sp, self.cseq, self.sseq, 0x10)


def mbap(transaction, pdu):
    return struct.pack("!HHHB", transaction, 0, len(pdu) + 1, 1) + pdu


def modbus_reads(session, count, first=1):
    for i in range(count):
        session.exchange(mbap(first + i, struct.pack("!BHH", 3, 0, 2)), mbap(first + i, bytes([3, 4, 0, 1, 0, 2])))


def identity(session, transaction, firmware):
    objects = [(0, b"Triconex"), (1, b"TCM-4351"), (2, firmware)]
    body = bytes([0x2B, 0x0E, 1, 1, 0, 0, len(objects)])
    for oid, value in objects:
        body += bytes([oid, len(value)]) + value
    session.exchange(mbap(transaction, bytes([0x2B, 0x0E, 1, 0])), mbap(transaction, body))


def ua_string(text):
    if text is None:
        return struct.pack("<i", -1)
    data = text.encode()
    return struct.pack("<i", len(data)) + data


def ua_message(kind, body):
    return kind + b"F" + struct.pack("<I", 8 + len(body)) + body


def opcua(session, secure):
    endpoint = ua_string("opc.tcp://10.50.2.10:4840")
    session.exchange(
        ua_message(b"HEL", struct.pack("<IIIII", 0, 65536, 65536, 0, 0) + endpoint),
        ua_message(b"ACK", struct.pack("<IIIII", 0, 65536, 65536, 0, 0)))
    policy = "http://opcfoundation.org/UA/SecurityPolicy#" + ("Basic256Sha256" if secure else "None")
    header = struct.pack("<I", 0) + ua_string(policy) + ua_string(None) + ua_string(None) + struct.pack("<II", 1, 1)
    if secure:
        # The body is encrypted with the server's key: opaque bytes.
        request = ua_message(b"OPN", header + bytes(range(64)))
        response = ua_message(b"OPN", header + bytes(range(64, 128)))
        session.exchange(request, response)
        # Symmetric MSG chunks whose bodies are encrypted too.
        for n in range(2):
            session.exchange(
                ua_message(b"MSG", struct.pack("<IIII", 7, 1, 2 + n, 2 + n) + bytes([0xA5] * 48)),
                ua_message(b"MSG", struct.pack("<IIII", 7, 1, 2 + n, 2 + n) + bytes([0x5A] * 48)))
    else:
        # OpenSecureChannelRequest (ns=0;i=446): RequestHeader, ClientProtocolVersion, RequestType, SecurityMode 1.
        request_header = bytes([0x00, 0x00]) + struct.pack("<qIIi", 0, 1, 0, -1) + struct.pack("<IBBB", 10000, 0, 0, 0)
        body = bytes([0x01, 0x00]) + struct.pack("<H", 446) + request_header + struct.pack("<III", 0, 0, 1)
        body += ua_string(None) + struct.pack("<I", 3600000)
        session.exchange(ua_message(b"OPN", header + body), ua_message(b"OPN", header + bytes([0x01, 0x00]) + struct.pack("<H", 449)))
        # ReadRequest (ns=0;i=631) in the clear.
        for n in range(2):
            session.exchange(
                ua_message(b"MSG", struct.pack("<IIII", 7, 1, 2 + n, 2 + n) + bytes([0x01, 0x00]) + struct.pack("<H", 631) + bytes(16)),
                ua_message(b"MSG", struct.pack("<IIII", 7, 1, 2 + n, 2 + n) + bytes([0x01, 0x00]) + struct.pack("<H", 634) + bytes(16)))


def capture(day, drifted):
    out = []
    start = BASE + day * DAY + 8 * 3600
    s = Session(out, "10.50.2.10", 40001, "10.50.13.10", 502, start).open()
    modbus_reads(s, 4)
    identity(s, 10, b"2.2.0" if drifted else b"2.1.0")
    if drifted:
        s.exchange(mbap(11, struct.pack("!BHH", 6, 1, 42)), mbap(11, struct.pack("!BHH", 6, 1, 42)))
    s.close()
    u = Session(out, "172.16.10.10", 50001, "10.50.2.10", 4840, start + 60).open()
    opcua(u, secure=not drifted)
    u.close()
    if drifted:
        n = Session(out, "10.50.2.77", 40077, "10.50.13.10", 502, start + 120).open()
        modbus_reads(n, 2, first=100)
        n.close()
        f = Session(out, "10.50.2.10", 40011, "10.50.11.10", 502, start + 180).open()
        modbus_reads(f, 2, first=200)
        f.close()
    return out


def write(name, records):
    with open(name, "wb") as handle:
        handle.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for record in records:
            handle.write(record)


write("baseline.pcap", capture(0, drifted=False))
write("quiet.pcap", capture(1, drifted=False))
write("drifted.pcap", capture(1, drifted=True))
