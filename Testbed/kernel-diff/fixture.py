#!/usr/bin/env python3
"""Record a regression fixture: a hand-written ruleset and probes, with the verdicts the kernel gives them.

  python3 Testbed/kernel-diff/fixture.py --vendor nftables --ruleset my.nft --probes my.probes.jsonl \
      --out Tests/Fixtures/firewall/kernel/nft-ct-state-not-list

writes <out>.nft.json (or <out>.iptables-save: the kernel's own export, what Bulkhead reads) and
<out>.expect.jsonl (each probe line plus "kernel": "allow"|"deny"). Probes use the `bulkhead trace --batch`
contract; "in"/"out" must be testbed interfaces (ent0, dmz0, ot0, ot1) and "out" must be where "dst" routes.
"""

import argparse
import ipaddress
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import netns  # noqa: E402
import run as harness  # noqa: E402
import topology as topo  # noqa: E402


def internal_probe(o, n):
    src, dst = ipaddress.ip_address(o["src"]), ipaddress.ip_address(o["dst"])
    family = src.version
    p = {"id": o.get("id", f"f{n}"), "family": family, "src": int(src), "dst": int(dst),
         "in_k": topo.ROUTER_IFACES.index(o["in"]), "out_k": topo.ROUTER_IFACES.index(o["out"]),
         "sport": o.get("sport"), "dport": o.get("dport"), "icmp_type": o.get("icmp_type"),
         "icmp_code": o.get("icmp_code", 0), "icmp_id": n, "state": o.get("state", "new")}
    if p["state"] not in ("new", "established") or (p["state"] == "established" and o["proto"] not in ("tcp", "udp")):
        raise SystemExit(f"probe {p['id']}: the testbed sends state new, or established for tcp/udp")
    proto = o["proto"]
    if proto in ("icmp", "icmpv6"):
        p["l4"] = "icmp" if family == 4 else "icmpv6"
        if p["icmp_type"] is None:
            p["icmp_type"] = 8 if family == 4 else 128
    else:
        p["l4"] = proto
    if topo.route_of(p["dst"], family) != p["out_k"]:
        raise SystemExit(f"probe {p['id']}: {o['dst']} routes out of "
                         f"{topo.ROUTER_IFACES[topo.route_of(p['dst'], family)]}, not {o['out']}")
    if not topo.usable_src(p["src"], family) or not topo.usable_dst(p["dst"], family):
        raise SystemExit(f"probe {p['id']}: addresses outside the testbed plan (see topology.py)")
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vendor", choices=["iptables", "ip6tables", "nftables"], required=True)
    ap.add_argument("--ruleset", required=True, help="iptables-restore or nft -f text")
    ap.add_argument("--probes", required=True, help="JSON lines in the trace --batch contract")
    ap.add_argument("--out", required=True, help="output path without extension")
    a = ap.parse_args()
    why = netns.preflight()
    if why:
        print(f"fixture: cannot run: {why}", file=sys.stderr)
        return 2
    text = open(a.ruleset).read()
    lines = [json.loads(x) for x in open(a.probes) if x.strip()]
    probes = [internal_probe(o, n + 1) for n, o in enumerate(lines)]
    held = netns.lock()
    netns.setup()
    prober = netns.Prober()
    try:
        exported = netns.load_ruleset(a.vendor, text)
        if a.vendor != "nftables" and any(t in text for t in ("*raw", "*mangle")):
            # raw/mangle drops are part of the forward path: export every table, not only filter.
            tool = "iptables-save" if a.vendor == "iptables" else "ip6tables-save"
            exported = netns.sh([tool], ns=topo.ROUTER_NS)
        listed = netns.sh(["nft", "list", "ruleset"], ns=topo.ROUTER_NS) if a.vendor == "nftables" else None
        verdicts = {}
        # One probe at a time on a fresh conntrack table, twice: a fixture verdict must be reproducible.
        for j, p in enumerate(probes):
            seen = []
            for attempt in range(2):
                got = harness.kernel_round(prober, a.vendor, text, [p], (40000 + 2 * j + attempt) & 0xFFFF,
                                           False)[p["id"]]
                if got[1]:
                    raise SystemExit(f"probe {p['id']}: {got[1]}")
                seen.append(got[0])
            if seen[0] != seen[1]:
                raise SystemExit(f"probe {p['id']}: kernel verdict not reproducible")
            verdicts[p["id"]] = "allow" if seen[0] else "deny"
    finally:
        prober.close()
        netns.teardown()
        held.close()
    config = a.out + {"iptables": ".iptables-save", "ip6tables": ".ip6tables-save"}.get(a.vendor, ".nft.json")
    with open(config, "w") as f:
        if a.vendor == "nftables":
            json.dump(json.loads(exported), f, sort_keys=True, indent=1)
            f.write("\n")
        else:
            f.write(exported)
    if listed is not None:
        # The same ruleset as `nft list ruleset` prints it: Bulkhead's nft text parser must agree too.
        with open(a.out + ".nft", "w") as f:
            f.write(listed)
    with open(a.out + ".expect.jsonl", "w") as f:
        for o, p in zip(lines, probes):
            o = dict(o, id=p["id"], kernel=verdicts[p["id"]])
            f.write(json.dumps(o, sort_keys=True) + "\n")
    print(f"fixture: {config} and {a.out}.expect.jsonl: " +
          ", ".join(f"{p['id']}={verdicts[p['id']]}" for p in probes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
