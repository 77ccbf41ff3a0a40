#!/usr/bin/env python3
"""Compare `bulkhead flows --format csv` with tshark's TCP/UDP conversation table on the same capture.

    bulkhead flows plant.pcap --format csv --idle-timeout 0 > flows.csv
    tshark -r plant.pcap -q -z conv,tcp -z conv,udp > conv.txt
    python3 compare-conversations.py flows.csv conv.txt

Rows are compared as (endpoints, frames and bytes each way); bytes are rendered the way tshark 4.0 prints them
(integer SI units from 10 of a unit upwards). Exit status 1 when the tables differ.
"""
import collections
import sys


def tshark_size(n):
    for size, unit in ((10**12, "TB"), (10**9, "GB"), (10**6, "MB"), (1000, "kB")):
        if n // size >= 10:
            return "%d %s" % (n // size, unit)
    return "%d bytes" % n


def row(a, frames_a, bytes_a, b, frames_b, bytes_b):
    return (a, frames_a, bytes_a, b, frames_b, bytes_b) if a < b else (b, frames_b, bytes_b, a, frames_a, bytes_a)


def main(csv_path, conv_path):
    tshark = collections.Counter()
    for line in open(conv_path):
        if "<->" not in line:
            continue
        f = line.split()
        # A <-> B | frames B->A, bytes | frames A->B, bytes | total | start | duration
        tshark[row(f[0], int(f[6]), f[7] + " " + f[8], f[2], int(f[3]), f[4] + " " + f[5])] += 1
    ours = collections.Counter()
    with open(csv_path) as lines:
        next(lines)
        for line in lines:
            f = line.rstrip("\n").split(",")
            if f[5] not in ("tcp", "udp"):
                continue
            ours[row(f[1] + ":" + f[2], int(f[8]), tshark_size(int(f[9])), f[3] + ":" + f[4], int(f[10]),
                     tshark_size(int(f[11])))] += 1
    only_ours, only_tshark = ours - tshark, tshark - ours
    print("tshark %d conversations, bulkhead %d; only bulkhead %d, only tshark %d" % (
        sum(tshark.values()), sum(ours.values()), sum(only_ours.values()), sum(only_tshark.values())))
    for r in list(only_ours)[:5]:
        print("  only bulkhead:", r)
    for r in list(only_tshark)[:5]:
        print("  only tshark:  ", r)
    return 1 if only_ours or only_tshark else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
