#!/usr/bin/env python3
"""Writes the hand-made malformed captures in this folder (deterministic; run from this folder)."""
import struct

def ipv4_udp(sport, dport, payload=b"hi"):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 50, 2, 10]), bytes([10, 50, 11, 10]))
    return ip + udp

def ether(ip):
    return bytes.fromhex("00001b1b0002" "00001b1b0001") + b"\x08\x00" + ip

def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
frame = ether(ipv4_udp(40000, 502))
epb = lambda ts: block(6, struct.pack("<IIIII", 0, 0, ts, len(frame), len(frame)) + frame)

# An interface option whose length runs past the end of its block.
idb_bad = block(1, struct.pack("<HHI", 1, 0, 0) + struct.pack("<HH", 9, 200) + b"\x09\0\0\0")
open("malformed-pcapng-option-overrun.pcapng", "wb").write(shb + idb_bad + epb(1) + epb(2))

# Garbage between blocks, then valid blocks again.
idb = block(1, struct.pack("<HHI", 1, 0, 0))
open("malformed-pcapng-garbage-between-blocks.pcapng", "wb").write(
    shb + idb + epb(1) + b"\xde\xad\xbe\xef" * 5 + epb(2) + epb(3))

# Classic pcap: a zero-length record, a record whose length lies, then good records.
hdr = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
rec = lambda sec, data, orig=None: struct.pack("<IIII", sec, 0, len(data), orig or len(data)) + data
lie = struct.pack("<IIII", 100, 0, 0x00FFFFFF, 0x00FFFFFF)
open("malformed-pcap-zero-and-lying-records.pcap", "wb").write(
    hdr + rec(100, frame) + rec(100, b"") + lie + rec(101, frame) + rec(102, frame))
