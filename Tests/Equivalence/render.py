#!/usr/bin/env python3
"""Cross-vendor equivalence, the renderer: seeded random abstract policies, each rendered by aerleon into every
vendor syntax it generates.

  python3 Tests/Equivalence/render.py --seed 1 --count 25 --out DIR

writes DIR/<seed>/<vendor>.<ext> for each policy and DIR/manifest.json (pfSense is rendered by Bulkhead's own
converter, pfsense_config.py, because aerleon has no pfSense/OPNsense generator; its "packetfilter" writes pf.conf):
  {"aerleon": VERSION, "policies": [{"seed": N, "terms": K, "files": {VENDOR: PATH}, "refused": {VENDOR: WHY}}]}

VENDOR is the name a Bulkhead firewall dialect registers (docs/firewall-engine.md, "Adding a vendor"); the Swift
test (CrossVendorEquivalenceTests) compares every vendor Bulkhead reads with the iptables rendering and lists the
others as not read yet. Every policy is default deny, forwards from zone/interface "internal" to "external", and uses
only what every generator below renders faithfully (accept/deny, addresses, tcp/udp ports, any protocol), so no generator refuses.
Exit status: 0 written, 2 aerleon is not installed, 3 an error.
"""

import argparse
import importlib
import ipaddress
import json
import os
import random
import sys

# Bulkhead dialect name -> (aerleon generator, header options, file extension). Interfaces: "internal" in,
# "external" out, wherever the syntax binds a policy to them.
TARGETS = {
    "iptables": ("iptables", "FORWARD DROP", "iptables-save"),
    "nftables": ("nftables", "inet forward", "nft"),
    "fortigate": ("fortigate", "from-zone internal to-zone external", "conf"),
    "paloalto": ("paloalto", "from-zone internal to-zone external", "xml"),
    "juniper-srx": ("srx", "from-zone internal to-zone external", "srx"),
    "cisco-asa": ("ciscoasa", "internal", "asa"),
    "cisco-ios": ("cisco", "bulkhead extended", "acl"),
}

# aerleon's Cisco generators write the access list only, not where it applies; a deployment binds it. Appended to
# those renderings (an ASA with two named interfaces of different security levels, a router with two interfaces), so
# every rendering filters internal -> external and Bulkhead compares the device, not a detached list.
BINDINGS = {
    "cisco-asa": "\n".join([
        "", "interface GigabitEthernet0/0", " nameif internal", " security-level 100",
        "interface GigabitEthernet0/1", " nameif external", " security-level 0",
        "access-group internal in interface internal", ""]),
    "cisco-ios": "\n".join([
        "", "interface internal", " ip access-group bulkhead in", "interface external", ""]),
}

# Vendors aerleon does not generate, rendered by Bulkhead's own literal converters (named here so that nobody takes
# them for aerleon's): dialect name -> (module, file extension).
OWN_RENDERERS = {
    "pfsense": ("pfsense_config", "xml"),
}

PORTS = [22, 23, 80, 102, 443, 502, 1911, 2404, 4840, 20000, 44818, 47808]
RANGES = [(1000, 2000), (1024, 65535), (1, 1023), (8000, 8100), (500, 510)]


def random_network(rng):
    length = rng.choice([8, 12, 16, 16, 20, 24, 24, 24, 28, 30, 32, 32])
    base = ipaddress.ip_address("10.0.0.0") + rng.randrange(0, 1 << 24)
    return ipaddress.ip_network(f"{base}/{length}", strict=False)


def policy(seed):
    """One abstract policy: definitions (networks, services) and ordered terms."""
    rng = random.Random(seed)
    networks = {}
    for n in range(rng.randint(2, 6)):
        nets = sorted({random_network(rng) for _ in range(rng.randint(1, 3))})
        networks[f"NET{n}"] = {"values": [{"address": str(x)} for x in nets]}
    services = {}
    for n in range(rng.randint(1, 4)):
        entries = []
        for _ in range(rng.randint(1, 3)):
            proto = rng.choice(["tcp", "udp"])
            if rng.random() < 0.3:
                lo, hi = rng.choice(RANGES)
                entries.append({"port": f"{lo}-{hi}", "protocol": proto})
            else:
                entries.append({"port": str(rng.choice(PORTS)), "protocol": proto})
        services[f"SVC{n}"] = entries
    # "Any address" is the network ANY4 (0.0.0.0/0), not an omitted address: aerleon renders an omitted address as
    # FortiOS "all" for IPv4 *and* IPv6 (srcaddr6/dstaddr6 all), while its iptables and nft tables are IPv4 only;
    # ANY4 keeps every rendering IPv4-only, so IPv6 is the stated difference (netfilter passes, FortiGate denies).
    networks["ANY4"] = {"values": [{"address": "0.0.0.0/0"}]}
    named = sorted(n for n in networks if n != "ANY4")
    terms = []
    for t in range(rng.randint(1, 8)):
        term = {"name": f"t{t}", "action": "deny" if rng.random() < 0.35 else "accept"}
        term["source-address"] = (" ".join(rng.sample(named, rng.randint(1, 2))) if rng.random() < 0.7 else "ANY4")
        term["destination-address"] = (" ".join(rng.sample(named, rng.randint(1, 2))) if rng.random() < 0.7
                                       else "ANY4")
        # A term names a service (ports) or no protocol at all. Not drawn: protocol-only terms (`protocol icmp`,
        # `protocol tcp` without ports), because aerleon 1.18's FortiGate generator renders them as service ALL
        # (every protocol), and `icmp-type`, on which its nftables and FortiGate generators fail.
        if rng.random() < 0.75:
            svc = rng.choice(sorted(services))
            term["destination-port"] = svc
            term["protocol"] = " ".join(sorted({e["protocol"] for e in services[svc]}))
        terms.append(term)
    return {"networks": networks, "services": services}, terms


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1, help="first seed")
    ap.add_argument("--count", type=int, default=25, help="number of policies")
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()
    try:
        import logging

        from aerleon import api
        from aerleon.lib import naming
        from importlib.metadata import version

        logging.disable(logging.WARNING)  # aerleon warns about every term without a comment
    except ImportError as e:
        print(f"render: aerleon is not installed ({e}); pip install aerleon", file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    manifest = {"aerleon": version("aerleon"), "policies": [],
                "own_renderers": {v: f"Tests/Equivalence/{m}.py" for v, (m, _) in OWN_RENDERERS.items()}}
    for seed in range(a.seed, a.seed + a.count):
        definitions, terms = policy(seed)
        defs = naming.Naming()
        defs.ParseDefinitionsObject(definitions, "")
        folder = os.path.join(a.out, str(seed))
        os.makedirs(folder, exist_ok=True)
        entry = {"seed": seed, "terms": len(terms), "files": {}, "refused": {}}
        for vendor, (generator, options, ext) in TARGETS.items():
            pol = {"filename": f"p{seed}_{vendor}", "filters": [{"header": {"targets": {generator: options}},
                                                                  "terms": terms}]}
            try:
                out = api.Generate([pol], defs)
            except Exception as e:  # a generator that refuses a policy is recorded, not hidden
                entry["refused"][vendor] = str(e).strip().splitlines()[-1][:300]
                continue
            text = "".join(out[k] for k in sorted(out)) + BINDINGS.get(vendor, "")
            path = os.path.join(folder, f"{vendor}.{ext}")
            with open(path, "w") as f:
                f.write(text)
            entry["files"][vendor] = path
        for vendor, (module, ext) in OWN_RENDERERS.items():
            text = importlib.import_module(module).render(definitions, terms, seed)
            path = os.path.join(folder, f"{vendor}.{ext}")
            with open(path, "w") as f:
                f.write(text)
            entry["files"][vendor] = path
        manifest["policies"].append(entry)
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    print(f"render: {a.count} policies, seeds {a.seed}..{a.seed + a.count - 1}, into {a.out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001
        print(f"render: {e!r}", file=sys.stderr)
        sys.exit(3)
