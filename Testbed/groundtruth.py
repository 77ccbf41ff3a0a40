#!/usr/bin/env python3
"""Derives ground-truth.json from what a recording actually did (called by plant.sh record).

Inputs, all produced during the run: the clients' own results (results.json), and both firewalls' counters read
from the kernel before and after the scenario (iptables-save -c, nft -j list ruleset). Each rule is tied back to
its line in the firewall source file, so a later stage can check "rule at fw-itot.rules:NN matched N packets".
"""

from __future__ import annotations

import argparse
import json
import re
import struct
from pathlib import Path

COUNTER_RULE = re.compile(r"^\[(\d+):(\d+)\] -A (\S+) (.*)$")
COUNTER_CHAIN = re.compile(r"^:(\S+) (\S+) \[(\d+):(\d+)\]$")


def iptables_counters(text: str) -> tuple[dict, list]:
    chains, rules, index = {}, [], {}
    for line in text.splitlines():
        if m := COUNTER_CHAIN.match(line):
            chains[m[1]] = dict(policy=m[2], packets=int(m[3]), bytes=int(m[4]))
        elif m := COUNTER_RULE.match(line):
            index[m[3]] = index.get(m[3], 0) + 1
            rules.append(dict(chain=m[3], index=index[m[3]], rule=f"-A {m[3]} {m[4]}", packets=int(m[1]),
                              bytes=int(m[2])))
    return chains, rules


def iptables_source_lines(path: Path) -> dict:
    lines, index = {}, {}
    for n, line in enumerate(path.read_text().splitlines(), start=1):
        if line.startswith("-A "):
            chain = line.split()[1]
            index[chain] = index.get(chain, 0) + 1
            lines[(chain, index[chain])] = n
    return lines


def nft_rules(doc: dict) -> list:
    rules, index = [], {}
    for item in doc.get("nftables", []):
        rule = item.get("rule")
        if not rule:
            continue
        key = (rule["table"], rule["chain"])
        index[key] = index.get(key, 0) + 1
        counter = next((e["counter"] for e in rule.get("expr", []) if isinstance(e, dict) and "counter" in e), None)
        rules.append(dict(table=f"{rule['family']} {rule['table']}", chain=rule["chain"], index=index[key],
                          handle=rule["handle"], comment=rule.get("comment"),
                          packets=counter["packets"] if counter else None,
                          bytes=counter["bytes"] if counter else None))
    return rules


def nft_policies(doc: dict) -> dict:
    return {c["chain"]["name"]: c["chain"].get("policy") for c in doc.get("nftables", []) if "chain" in c}


def nft_source_lines(path: Path) -> dict:
    """(chain, index) → (line, text) for every rule line of an nft file written one rule per line."""
    lines, chain, index = {}, None, 0
    for n, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if m := re.match(r"chain (\S+) \{$", line):
            chain, index = m[1], 0
            continue
        if chain is None or not line or line.startswith("#"):
            continue
        if line == "}":
            chain = None
            continue
        if line.startswith("type ") or line.startswith("policy "):
            continue
        index += 1
        lines[(chain, index)] = (n, line)
    return lines


CAPTURE_POINTS = {
    "enterprise": ("fw-itot", "ent0"),
    "ot-dmz": ("fw-itot", "dmz0"),
    "scada": ("fw-ot", "scada0"),
    "filtration": ("fw-ot", "filt0"),
    "dosing": ("fw-ot", "dose0"),
    "safety": ("fw-ot", "sis0"),
}


def pcap_summary(path: Path) -> dict:
    """Frame count and link type of a classic pcap file, from its record headers (no dissection)."""
    data = path.read_bytes()
    if len(data) < 24:
        return dict(frames=0, error="shorter than a pcap header")
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    frames, offset = 0, 24
    while offset + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[offset + 8 : offset + 12])[0]
        offset += 16 + incl
        frames += 1
    return dict(frames=frames, linktype=linktype, truncated=offset != len(data))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--work", required=True)
    p.add_argument("--firewalls", required=True, help="folder holding fw-itot.rules and fw-ot.nft")
    p.add_argument("--duration", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--captures", required=True, help="folder holding the six pcap files")
    args = p.parse_args()
    work, fwdir = Path(args.work), Path(args.firewalls)

    results = json.loads((work / "results.json").read_text())

    # fw-itot: iptables counters, after minus before.
    before_chains, before_rules = iptables_counters((work / "fw-itot.before.iptables-save").read_text())
    after_chains, after_rules = iptables_counters((work / "fw-itot.after.iptables-save").read_text())
    src = iptables_source_lines(fwdir / "fw-itot.rules")
    itot_rules = []
    for b, a in zip(before_rules, after_rules, strict=True):
        comment = re.search(r'--comment "([^"]*)"', a["rule"])
        itot_rules.append(dict(chain=a["chain"], index=a["index"], source_line=src.get((a["chain"], a["index"])),
                               rule=a["rule"], comment=comment[1] if comment else None,
                               packets=a["packets"] - b["packets"], bytes=a["bytes"] - b["bytes"]))
    itot_chains = {
        name: dict(policy=c["policy"], policy_packets=c["packets"] - before_chains[name]["packets"])
        for name, c in after_chains.items()
    }

    # fw-ot: nftables counters, after minus before, matched by handle.
    nb = json.loads((work / "fw-ot.before.json").read_text())
    na = json.loads((work / "fw-ot.after.json").read_text())
    before_by_handle = {(r["chain"], r["handle"]): r for r in nft_rules(nb)}
    nsrc = nft_source_lines(fwdir / "fw-ot.nft")
    ot_rules = []
    for r in nft_rules(na):
        b = before_by_handle.get((r["chain"], r["handle"]), {})
        line, text = nsrc.get((r["chain"], r["index"]), (None, None))
        ot_rules.append(dict(chain=r["chain"], table=r["table"], index=r["index"], handle=r["handle"],
                             source_line=line, rule=text, comment=r["comment"],
                             packets=None if r["packets"] is None else r["packets"] - (b.get("packets") or 0),
                             bytes=None if r["bytes"] is None else r["bytes"] - (b.get("bytes") or 0)))

    clients = sorted(results["clients"], key=lambda c: (c["client"], c["role"]))
    sessions = []
    for c in clients:
        for s in c["sessions"]:
            sessions.append(dict(client=c["client"], client_address=c["address"], server=s["server"],
                                 server_address=s["server_address"], protocol=s["protocol"], transport=s["transport"],
                                 port=s["port"], connection=s.get("connection")))
    truth = dict(
        plant="riverside-water",
        recorded_by="Testbed/plant.sh record",
        scenario=dict(duration_s=results["duration_s"],
                      powered_off=["hmi-2"],
                      note="hmi-2 has no namespace during the recording; 10.50.2.99 is contractor-laptop, "
                           "an asset the model does not list"),
        captures={
            name: dict(file=f"captures/{name}.pcap", firewall=fw, interface=ifname,
                       **pcap_summary(Path(args.captures) / f"{name}.pcap"))
            for name, (fw, ifname) in CAPTURE_POINTS.items()
        },
        sessions=sessions,
        clients=clients,
        firewalls={
            "fw-itot": dict(family="iptables", source="firewalls/fw-itot.rules",
                            export="firewalls/fw-itot.iptables-save", chains=itot_chains, rules=itot_rules),
            "fw-ot": dict(family="nftables", source="firewalls/fw-ot.nft", export="firewalls/fw-ot.json",
                          policies=nft_policies(na), rules=ot_rules),
        },
    )
    Path(args.out).write_text(json.dumps(truth, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
