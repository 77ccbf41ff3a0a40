"""Seeded random rulesets (iptables-save filter tables and nftables inet tables) and probes that exercise them.

A ruleset is generated once as a small structured form, then rendered twice: to the vendor's text (what the kernel
loads) and evaluated by `Ruleset.evaluate`, a deliberately simple reference interpreter. The interpreter is not the
thing under test; it only lets the harness check itself (a probe the interpreter and the kernel disagree on points at
the harness or at a kernel semantic this file got wrong, never at Bulkhead).
"""

import ipaddress
import random

import topology as topo

PROTO_NUM = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}
NFT_PROTO_NAME = {"tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmpv6": "ipv6-icmp"}
ICMP4_NAMES = {0: "echo-reply", 3: "destination-unreachable", 8: "echo-request", 11: "time-exceeded",
               13: "timestamp-request", 14: "timestamp-reply"}
ICMP6_NAMES = {1: "destination-unreachable", 128: "echo-request", 129: "echo-reply"}
# Only these ICMP types start a conntrack entry in state NEW (nf_conntrack_proto_icmp{,v6}.c valid_new[]); any
# other type sent alone is INVALID, which the probe contract cannot express, so probes use only these.
ICMP4_PROBE_TYPES = [8, 8, 8, 13]
ICMP6_PROBE_TYPES = [128]
COMMON_PORTS = [22, 53, 80, 102, 443, 502, 1024, 2404, 4840, 20000, 44818, 47808, 65535]


def addr_text(a, family):
    return str(ipaddress.IPv4Address(a) if family == 4 else ipaddress.IPv6Address(a))


def bits(family):
    return 32 if family == 4 else 128


# --- matches ---------------------------------------------------------------------------------------------------


class AddrMatch:
    """Source or destination address: CIDR, range, anonymous set or named set; optionally negated."""

    def __init__(self, direction, family, neg, kind, items, set_name=None):
        self.direction, self.family, self.neg, self.kind, self.items, self.set_name = (
            direction, family, neg, kind, items, set_name)

    def item_text(self, item):
        lo, hi, prefix = item
        if prefix is not None:
            return f"{addr_text(lo, self.family)}/{prefix}"
        if lo == hi:
            return addr_text(lo, self.family)
        return f"{addr_text(lo, self.family)}-{addr_text(hi, self.family)}"

    def ipt(self):
        flag = "-s" if self.direction == "s" else "-d"
        bang = "! " if self.neg else ""
        if self.kind == "cidr":
            return f"{bang}{flag} {self.item_text(self.items[0])}"
        rng = "--src-range" if self.direction == "s" else "--dst-range"
        return f"-m iprange {bang}{rng} {self.item_text(self.items[0])}"

    def nft(self):
        key = ("ip " if self.family == 4 else "ip6 ") + ("saddr" if self.direction == "s" else "daddr")
        op = "!= " if self.neg else ""
        if self.kind == "named":
            return f"{key} {op}@{self.set_name}"
        if self.kind == "set":
            return f"{key} {op}{{ " + ", ".join(self.item_text(i) for i in self.items) + " }"
        return f"{key} {op}{self.item_text(self.items[0])}"

    def matches(self, p):
        if p["family"] != self.family:
            return False  # nft: the payload dependency (meta nfproto) fails whatever the operator
        a = p["src"] if self.direction == "s" else p["dst"]
        hit = any(lo <= a <= hi for lo, hi, _ in self.items)
        return hit != self.neg


class ProtoMatch:
    """IP protocol: one protocol (iptables -p, nft meta l4proto / ip protocol) or an nft set of them."""

    def __init__(self, protos, neg, style):
        self.protos, self.neg, self.style = protos, neg, style

    def ipt(self):
        return ("! " if self.neg else "") + f"-p {self.protos[0]}"

    def nft(self):
        op = "!= " if self.neg else ""
        names = [NFT_PROTO_NAME[x] for x in self.protos]
        val = names[0] if len(names) == 1 else "{ " + ", ".join(names) + " }"
        key = {"l4proto": "meta l4proto", "ip": "ip protocol", "ip6": "ip6 nexthdr"}[self.style]
        return f"{key} {op}{val}"

    def matches(self, p):
        if self.style == "ip" and p["family"] != 4:
            return False
        if self.style == "ip6" and p["family"] != 6:
            return False
        hit = p["l4"] in self.protos
        return hit != self.neg


class PortMatch:
    """Source or destination port of tcp/udp (or th after an l4proto {tcp, udp} match)."""

    def __init__(self, proto, direction, neg, kind, items, set_name=None):
        self.proto, self.direction, self.neg, self.kind, self.items, self.set_name = (
            proto, direction, neg, kind, items, set_name)

    @staticmethod
    def item_text(item, sep):
        lo, hi = item
        return str(lo) if lo == hi else f"{lo}{sep}{hi}"

    def ipt(self):
        bang = "! " if self.neg else ""
        if self.kind == "multiport":
            flag = {"s": "--sports", "d": "--dports", "b": "--ports"}[self.direction]
            return f"-m multiport {bang}{flag} " + ",".join(self.item_text(i, ":") for i in self.items)
        flag = "--sport" if self.direction == "s" else "--dport"
        return f"-m {self.proto} {bang}{flag} {self.item_text(self.items[0], ':')}"

    def nft(self):
        key = f"{self.proto} {'sport' if self.direction == 's' else 'dport'}"
        op = "!= " if self.neg else ""
        if self.kind == "named":
            return f"{key} {op}@{self.set_name}"
        if self.kind in ("set", "multiport"):
            return f"{key} {op}{{ " + ", ".join(self.item_text(i, "-") for i in self.items) + " }"
        return f"{key} {op}{self.item_text(self.items[0], '-')}"

    def matches(self, p):
        if self.proto == "th":
            if p["l4"] not in ("tcp", "udp"):
                return False
        elif p["l4"] != self.proto:
            return False
        ports = {"s": [p["sport"]], "d": [p["dport"]], "b": [p["sport"], p["dport"]]}[self.direction]
        hit = any(lo <= x <= hi for x in ports for lo, hi in self.items)
        return hit != self.neg


class IcmpMatch:
    """ICMP / ICMPv6 type (and for iptables optionally code)."""

    def __init__(self, family, neg, types, code=None, numeric=False):
        self.family, self.neg, self.types, self.code, self.numeric = family, neg, types, code, numeric

    def ipt(self):
        t = str(self.types[0]) if self.code is None else f"{self.types[0]}/{self.code}"
        if self.family == 6:
            return f"-m icmp6 {'! ' if self.neg else ''}--icmpv6-type {t}"
        return f"-m icmp {'! ' if self.neg else ''}--icmp-type {t}"

    def nft(self):
        key = "icmp type" if self.family == 4 else "icmpv6 type"
        names = ICMP4_NAMES if self.family == 4 else ICMP6_NAMES
        vals = [str(t) if self.numeric else names[t] for t in self.types]
        op = "!= " if self.neg else ""
        val = vals[0] if len(vals) == 1 else "{ " + ", ".join(vals) + " }"
        return f"{key} {op}{val}"

    def matches(self, p):
        want = "icmp" if self.family == 4 else "icmpv6"
        if p["l4"] != want:
            return False
        hit = p["icmp_type"] in self.types and (self.code is None or p["icmp_code"] == self.code)
        return hit != self.neg


class IfaceMatch:
    """Input or output interface name, exact or prefix wildcard (iptables `+`, nft `*`), or an nft name set."""

    def __init__(self, direction, neg, names, wildcard, by_index=False):
        self.direction, self.neg, self.names, self.wildcard = direction, neg, names, wildcard
        self.by_index = by_index  # nft iif/oif: the interface index, resolved when the rule is loaded
        self.set_name = None  # nft named set of names

    def ipt(self):
        flag = "-i" if self.direction == "i" else "-o"
        return f"{'! ' if self.neg else ''}{flag} {self.names[0]}{'+' if self.wildcard else ''}"

    def nft(self):
        key = "iifname" if self.direction == "i" else "oifname"
        if self.by_index:
            key = key.replace("name", "")
        op = "!= " if self.neg else ""
        if self.set_name:
            return f"{key} {op}@{self.set_name}"
        if len(self.names) > 1:
            return f"{key} {op}{{ " + ", ".join(f'"{n}"' for n in self.names) + " }"
        return f'{key} {op}"{self.names[0]}{"*" if self.wildcard else ""}"'

    def matches(self, p):
        name = topo.ROUTER_IFACES[p["in_k"] if self.direction == "i" else p["out_k"]]
        if self.wildcard:
            hit = name.startswith(self.names[0])
        else:
            hit = name in self.names
        return hit != self.neg


class CtMatch:
    """Connection tracking state; every probe is NEW."""

    def __init__(self, neg, states, style):
        self.neg, self.states, self.style = neg, states, style

    def ipt(self):
        bang = "! " if self.neg else ""
        st = ",".join(s.upper() for s in self.states)
        if self.style == "state":
            return f"-m state {bang}--state {st}"
        return f"-m conntrack {bang}--ctstate {st}"

    def nft(self):
        op = "!= " if self.neg else ""
        if self.style == "set":
            return f"ct state {op}{{ " + ", ".join(self.states) + " }"
        return f"ct state {op}" + ",".join(self.states)

    def matches(self, p):
        state = p.get("state", "new")
        if self.style == "list" and self.neg:
            # nft compiles `ct state != a,b` to an exact compare of the state bits with a|b (cmp neq 0xa), not to
            # "none of a, b": a NEW packet matches `!= new,established`.
            return self.states != [state]
        return (state in self.states) != self.neg


class FamilyMatch:
    """nft meta nfproto."""

    def __init__(self, family):
        self.family = family

    def nft(self):
        return f"meta nfproto {'ipv4' if self.family == 4 else 'ipv6'}"

    def matches(self, p):
        return p["family"] == self.family


# --- rules and rulesets --------------------------------------------------------------------------------------


class Rule:
    """Matches (all must hold) and a verdict: accept, drop, reject, jump C, goto C, return, continue, log, vmap."""

    def __init__(self, matches, verdict, target=None, vmap=None, comment=None, reject_with=None):
        self.matches, self.verdict, self.target, self.vmap, self.comment = matches, verdict, target, vmap, comment
        # iptables: the --reject-with value; nft: the `reject with …` text. nft turns `reject with icmp …` into an
        # implicit `meta nfproto ipv4` (icmpv6: ipv6) that `nft list` does not show; see reject_family.
        self.reject_with = reject_with

    @property
    def reject_family(self):
        if self.verdict != "reject" or not self.reject_with:
            return None
        if self.reject_with.startswith("icmpv6 "):
            return 6
        if self.reject_with.startswith("icmp "):
            return 4
        return None

    def verdict_text_nft(self):
        if self.verdict == "reject" and self.reject_with:
            return f"reject with {self.reject_with}"
        return Rule.verdict_nft(self.verdict, self.target)

    def verdict_ipt(self):
        rw = self.reject_with or "icmp-port-unreachable"
        return {"accept": "-j ACCEPT", "drop": "-j DROP", "reject": f"-j REJECT --reject-with {rw}",
                "jump": f"-j {self.target}", "goto": f"-g {self.target}", "return": "-j RETURN",
                "continue": "", "log": '-j LOG --log-prefix "bhk "'}[self.verdict]

    @staticmethod
    def verdict_nft(verdict, target):
        return {"accept": "accept", "drop": "drop", "reject": "reject", "jump": f"jump {target}",
                "goto": f"goto {target}", "return": "return", "continue": "counter", "log": "log prefix \"bhk \""}[
            verdict]


class Vmap:
    """An nft verdict map keyed by a port, an address or an interface name."""

    def __init__(self, key, family, entries, set_name=None):
        # entries: list of ((lo, hi, prefix_or_None) or name, verdict, target)
        self.key, self.family, self.entries, self.set_name = key, family, entries, set_name

    def key_text(self):
        ip = "ip" if self.family == 4 else "ip6"
        return {"tcp dport": "tcp dport", "udp dport": "udp dport", "saddr": f"{ip} saddr", "daddr": f"{ip} daddr",
                "iifname": "iifname", "oifname": "oifname", "ct state": "ct state", "l4proto": "meta l4proto"}[self.key]

    def element_text(self, e):
        item, verdict, target = e
        if self.key in ("iifname", "oifname"):
            k = f'"{item}"'
        elif self.key in ("ct state", "l4proto"):
            k = item
        elif self.key in ("saddr", "daddr"):
            k = AddrMatch("s", self.family, False, "cidr", [item]).item_text(item)
        else:
            k = PortMatch.item_text(item, "-")
        return f"{k} : {Rule.verdict_nft(verdict, target)}"

    def elements_text(self):
        return ", ".join(self.element_text(e) for e in self.entries)

    def nft(self):
        if self.set_name:
            return f"{self.key_text()} vmap @{self.set_name}"
        return f"{self.key_text()} vmap {{ {self.elements_text()} }}"

    def lookup(self, p):
        if self.key in ("tcp dport", "udp dport"):
            if p["l4"] != self.key.split()[0]:
                return None
            for (lo, hi), v, t in self.entries:
                if lo <= p["dport"] <= hi:
                    return v, t
            return None
        if self.key in ("saddr", "daddr"):
            if p["family"] != self.family:
                return None
            a = p["src"] if self.key == "saddr" else p["dst"]
            for (lo, hi, _), v, t in self.entries:
                if lo <= a <= hi:
                    return v, t
            return None
        if self.key in ("ct state", "l4proto"):
            # a map lookup is an exact match of the value: the state NEW, or the protocol's name
            want = p.get("state", "new") if self.key == "ct state" else NFT_PROTO_NAME[p["l4"]]
            for n, v, t in self.entries:
                if n == want:
                    return v, t
            return None
        name = topo.ROUTER_IFACES[p["in_k"] if self.key == "iifname" else p["out_k"]]
        for n, v, t in self.entries:
            if n == name:
                return v, t
        return None


class Ruleset:
    """A generated filter ruleset for one vendor, with its rendering and a reference interpreter."""

    def __init__(self, vendor, seed):
        self.vendor, self.seed = vendor, seed
        self.policy = "accept"
        self.chains = {}  # name -> [Rule]; the first is the base (forward) chain
        self.sets = []  # nft named sets: (name, type_text, elements_text)
        # nft only: more base chains on the forward hook, each in its own table: dicts with family ("ip"/"inet"),
        # table, chain, priority, policy, rules. The main chain has priority 0 (filter).
        self.extra = []
        self.addrs = {4: set(), 6: set()}  # boundaries the probes aim at
        self.ports = set()

    @property
    def base(self):
        return "forward" if self.vendor == "nftables" else "FORWARD"

    # -- rendering

    def render(self):
        return self.render_nft() if self.vendor == "nftables" else self.render_ipt()

    def render_ipt(self):
        out = [f"# bulkhead kernel-diff seed {self.seed}", "*filter", ":INPUT ACCEPT [0:0]",
               f":FORWARD {self.policy.upper()} [0:0]", ":OUTPUT ACCEPT [0:0]"]
        for name in self.chains:
            if name != "FORWARD":
                out.append(f":{name} - [0:0]")
        for name, rules in self.chains.items():
            for r in rules:
                parts = [f"-A {name}"] + [m.ipt() for m in r.matches]
                if r.comment:
                    parts.append(f'-m comment --comment "{r.comment}"')
                v = r.verdict_ipt()
                if v:
                    parts.append(v)
                out.append(" ".join(parts))
        out.append("COMMIT")
        return "\n".join(out) + "\n"

    def render_nft(self):
        out = [f"# bulkhead kernel-diff seed {self.seed}", "table inet bhk {"]
        for name, typ, elems in self.sets:
            out.append(f"\t{'map' if ': verdict' in typ else 'set'} {name} {{")
            out.append(f"\t\ttype {typ}")
            if "ifname" not in typ.split(":")[0]:
                out.append("\t\tflags interval")
            out.append(f"\t\telements = {{ {elems} }}")
            out.append("\t}")
        for name, rules in self.chains.items():
            out.append(f"\tchain {name} {{")
            if name == "forward":
                out.append(f"\t\ttype filter hook forward priority filter; policy {self.policy};")
            out += ["\t\t" + self.nft_rule(r) for r in rules]
            out.append("\t}")
        out.append("}")
        for e in self.extra:
            out += [f"table {e['family']} {e['table']} {{", f"\tchain {e['chain']} {{",
                    f"\t\ttype filter hook forward priority {e['priority']}; policy {e['policy']};"]
            out += ["\t\t" + self.nft_rule(r) for r in e["rules"]]
            out += ["\t}", "}"]
        return "\n".join(out) + "\n"

    @staticmethod
    def nft_rule(r):
        parts = [m.nft() for m in r.matches]
        parts.append(r.vmap.nft() if r.vmap else r.verdict_text_nft())
        if r.comment:
            parts.append(f'comment "{r.comment}"')
        return " ".join(parts)

    def rule_at(self, chain, i):
        if chain in self.chains:
            return self.chains[chain][i]
        for e in self.extra:
            if e["chain"] == chain:
                return e["rules"][i]
        raise KeyError(chain)

    # -- reference interpreter

    def evaluate(self, p):
        """Verdict ("allow"/"deny") and (chain, rule index), or (chain, None) for that base chain's policy.

        Base chains on the forward hook run in priority order; an accept ends only its own base chain, a drop ends
        the packet (nf_hook_slow)."""
        bases = [(0, None)] + sorted(((e["priority"], e) for e in self.extra), key=lambda x: x[0])
        bases.sort(key=lambda x: x[0])
        last = None
        for _, e in bases:
            if e is None:
                last = self.run_chain(p, self.base, self.policy, self.chains)
            elif e["family"] == "ip" and p["family"] != 4:
                continue
            else:
                last = self.run_chain(p, e["chain"], e["policy"], {e["chain"]: e["rules"]})
            if last[0] == "deny":
                return last
        return last

    @staticmethod
    def run_chain(p, base, policy, chains):
        stack = []  # return positions for jump (goto pushes nothing)
        chain, i = base, 0
        for _ in range(100000):
            rules = chains[chain]
            if i >= len(rules):
                if not stack:
                    return ("allow" if policy == "accept" else "deny"), (base, None)
                chain, i = stack.pop()
                continue
            r = rules[i]
            if not all(m.matches(p) for m in r.matches) or (r.reject_family and r.reject_family != p["family"]):
                i += 1
                continue
            verdict, target = r.verdict, r.target
            if r.vmap:
                hit = r.vmap.lookup(p)
                if hit is None:
                    i += 1
                    continue
                verdict, target = hit
            if verdict == "accept":
                return "allow", (chain, i)
            if verdict in ("drop", "reject"):
                return "deny", (chain, i)
            if verdict == "jump":
                stack.append((chain, i + 1))
                chain, i = target, 0
            elif verdict == "goto":
                chain, i = target, 0
            elif verdict == "return":
                if not stack:
                    return ("allow" if policy == "accept" else "deny"), (base, None)
                chain, i = stack.pop()
            else:
                i += 1
        raise RuntimeError("chain loop in generated ruleset")


# --- generator --------------------------------------------------------------------------------------------------


class Generator:
    """Builds one Ruleset from a seed."""

    def __init__(self, seed, vendor):
        self.rng = random.Random(seed)
        self.rs = Ruleset(vendor, seed)
        self.nft = vendor == "nftables"
        self.v6 = vendor == "ip6tables"  # ip6tables-save: same syntax, IPv6 addresses, ICMPv6
        self.set_count = 0
        self.no_named = False  # named sets belong to table bhk; extra tables cannot see them
        self.ip_table = False  # generating for a `table ip` (IPv4 only)

    def rand_addr(self, family):
        spaces = topo.V4_SPACES if family == 4 else topo.V6_SPACES
        net = self.rng.choice(spaces)
        return int(net.network_address) + self.rng.randrange(net.num_addresses)

    def cidr(self, family):
        r = self.rng
        if family == 4:
            prefix = r.choice([0, 8, 11, 12, 14, 16, 16, 20, 22, 23, 24, 24, 25, 26, 27, 28, 29, 30, 31, 32, 32])
        else:
            prefix = r.choice([0, 16, 32, 44, 48, 48, 56, 60, 64, 64, 96, 112, 120, 126, 127, 128, 128])
        b = bits(family)
        a = self.rand_addr(family)
        mask = ((1 << b) - 1) ^ ((1 << (b - prefix)) - 1)
        lo = a & mask
        hi = lo | ((1 << (b - prefix)) - 1)
        self.note_addr(family, lo, hi)
        return lo, hi, prefix

    def arange(self, family):
        a = self.rand_addr(family)
        span = self.rng.choice([0, 1, 3, 10, 100, 300, 5000, 70000])
        hi = min(a + span, (1 << bits(family)) - 1)
        self.note_addr(family, a, hi)
        return a, hi, None

    def note_addr(self, family, lo, hi):
        top = (1 << bits(family)) - 1
        for x in (lo, hi, lo - 1, hi + 1, (lo + hi) // 2):
            if 0 <= x <= top:
                self.rs.addrs[family].add(x)

    def port_item(self, allow_range=True):
        r = self.rng
        if allow_range and r.random() < 0.35:
            lo = r.choice(COMMON_PORTS + [r.randint(1, 65000)])
            hi = min(65535, lo + r.choice([1, 2, 10, 100, 1000, 30000]))
            item = (lo, hi)
        else:
            p = r.choice(COMMON_PORTS) if r.random() < 0.6 else r.randint(1, 65535)
            item = (p, p)
        for x in (item[0], item[1], item[0] - 1, item[1] + 1):
            if 1 <= x <= 65535:
                self.rs.ports.add(x)
        return item

    def disjoint_ports(self, n):
        items = []
        for _ in range(n * 3):
            if len(items) >= n:
                break
            it = self.port_item()
            if all(it[1] < a or it[0] > b for a, b in items):
                items.append(it)
        return sorted(items)

    def new_set_name(self, stem):
        self.set_count += 1
        return f"{stem}{self.set_count}"

    def addr_items_disjoint(self, family, n):
        items = []
        for _ in range(n * 4):
            if len(items) >= n:
                break
            it = self.cidr(family) if self.rng.random() < 0.7 else self.arange(family)
            if it[2] == 0:
                continue
            if all(it[1] < a or it[0] > b for a, b, _ in items):
                items.append(it)
        return sorted(items)

    def addr_match(self, direction, family):
        r = self.rng
        neg = r.random() < 0.2
        roll = r.random()
        if not self.nft:
            if roll < 0.8:
                c = self.cidr(family)
                # iptables-nft refuses `! -s 0.0.0.0/0` (RULE_APPEND: Invalid argument)
                return AddrMatch(direction, family, neg and c[2] != 0, "cidr", [c])
            return AddrMatch(direction, family, neg, "range", [self.arange(family)])
        if roll < 0.55:
            return AddrMatch(direction, family, neg, "cidr", [self.cidr(family)])
        if roll < 0.7:
            return AddrMatch(direction, family, neg, "range", [self.arange(family)])
        items = self.addr_items_disjoint(family, r.randint(2, 5))
        if not items:
            return AddrMatch(direction, family, neg, "cidr", [self.cidr(family)])
        m = AddrMatch(direction, family, neg, "set", items)
        if roll < 0.85 or self.no_named:
            return m
        name = self.new_set_name("addr")
        self.rs.sets.append((name, "ipv4_addr" if family == 4 else "ipv6_addr",
                             ", ".join(m.item_text(i) for i in items)))
        return AddrMatch(direction, family, neg, "named", items, name)

    def port_match(self, proto, direction):
        r = self.rng
        neg = r.random() < 0.15
        roll = r.random()
        if roll < 0.4:
            return PortMatch(proto, direction, neg, "single", [self.port_item(False)])
        if roll < 0.65:
            it = self.port_item(True)
            if it[0] == it[1]:
                it = (it[0], min(65535, it[0] + 7))
            return PortMatch(proto, direction, neg, "single", [it])
        items = self.disjoint_ports(r.randint(2, 6))
        if not self.nft:
            d = direction if r.random() < 0.8 else "b"
            return PortMatch(proto, d, neg, "multiport", items)
        if roll < 0.9 or proto == "th" or self.no_named:
            return PortMatch(proto, direction, neg, "set", items)
        name = self.new_set_name("ports")
        self.rs.sets.append((name, "inet_service", ", ".join(PortMatch.item_text(i, "-") for i in items)))
        return PortMatch(proto, direction, neg, "named", items, name)

    def iface_match(self, direction):
        r = self.rng
        neg = r.random() < 0.2
        roll = r.random()
        if roll < 0.5:
            return IfaceMatch(direction, neg, [r.choice(topo.ROUTER_IFACES)], False,
                              by_index=self.nft and r.random() < 0.15)
        if roll < 0.85 or not self.nft:
            pre = r.choice(topo.IFACE_PREFIXES + ([""] if not self.nft else []))
            return IfaceMatch(direction, neg, [pre], True)
        m = IfaceMatch(direction, neg, r.sample(topo.ROUTER_IFACES, r.randint(2, 3)), False)
        if not self.no_named and r.random() < 0.4:
            m.set_name = self.new_set_name("ifs")
            self.rs.sets.append((m.set_name, "ifname", ", ".join(f'"{n}"' for n in m.names)))
        return m

    def matches(self, force_family=None):
        r = self.rng
        ms = []
        family = 6 if self.v6 else 4
        if self.nft:
            family = force_family or r.choices([4, 6, None], [0.55, 0.3, 0.15])[0]
            if family and not force_family and r.random() < 0.1:
                ms.append(FamilyMatch(family))
        # protocol
        proto = r.choices([None, "tcp", "udp", "icmp", "!tcp", "tcpudp"], [0.3, 0.3, 0.18, 0.14, 0.04, 0.04])[0]
        if proto == "tcpudp" and not self.nft:
            proto = "udp"
        l4 = None
        if proto == "icmp":
            fam = family or r.choice([4, 6])
            l4 = "icmp" if fam == 4 else "icmpv6"
            if self.nft:
                style = r.choice(["l4proto", "ip" if family == 4 else ("ip6" if family == 6 else "l4proto")])
                ms.append(ProtoMatch([l4], False, style))
            else:
                ms.append(ProtoMatch([l4], False, None))
            if r.random() < 0.45:
                types = list(ICMP4_NAMES if fam == 4 else ICMP6_NAMES)
                if self.nft:
                    chosen = r.sample(types, r.randint(1, 2))
                    ms.append(IcmpMatch(fam, r.random() < 0.15, chosen, numeric=r.random() < 0.3))
                else:
                    t = r.choice(types)
                    code = 0 if r.random() < 0.3 else None
                    ms.append(IcmpMatch(fam, r.random() < 0.15, [t], code))
        elif proto in ("tcp", "udp"):
            l4 = proto
            style = "l4proto"
            if self.nft and family == 4 and r.random() < 0.3:
                style = "ip"
            elif self.nft and family == 6 and r.random() < 0.3:
                style = "ip6"
            explicit = not self.nft or r.random() < 0.5
            if explicit:
                ms.append(ProtoMatch([proto], False, style))
            if r.random() < 0.55:
                ms.append(self.port_match(proto, "d"))
            if r.random() < 0.2:
                ms.append(self.port_match(proto, "s"))
            if not explicit and not any(isinstance(m, PortMatch) for m in ms):
                ms.append(ProtoMatch([proto], False, style))
        elif proto == "!tcp":
            l4 = "!tcp"
            ms.append(ProtoMatch(["tcp"], True, "l4proto"))
        elif proto == "tcpudp":
            l4 = "th"
            ms.append(ProtoMatch(["tcp", "udp"], False, "l4proto"))
            if r.random() < 0.6:
                ms.append(self.port_match("th", "d"))
        # addresses
        if family:
            if r.random() < 0.4:
                ms.append(self.addr_match("s", family))
            if r.random() < 0.4:
                ms.append(self.addr_match("d", family))
            if r.random() < 0.12:
                # A second test of the same field: both must hold.
                d = r.choice(["s", "d"])
                same = [m for m in ms if isinstance(m, AddrMatch) and m.direction == d]
                if self.nft:
                    ms.append(self.addr_match(d, family))
                elif same and all(m.kind == "cidr" for m in same):
                    ms.append(AddrMatch(d, family, r.random() < 0.2, "range", [self.arange(family)]))
        if r.random() < 0.25:
            ms.append(self.iface_match("i"))
        if r.random() < 0.25:
            ms.append(self.iface_match("o"))
        if r.random() < 0.15:
            states = r.choice([["new"], ["established", "related"], ["new", "established"], ["invalid"]])
            if self.nft:
                style = "set" if len(states) > 1 and r.random() < 0.4 else "list"
            else:
                style = "state" if r.random() < 0.3 else None
            ms.append(CtMatch(r.random() < 0.2, states, style))
        # iptables wants -p before the protocol's own matches; keep generation order (proto first) but put
        # the address matches first for readability like iptables-save does.
        return ms, family, l4

    def verdict(self, chain_index, chain_names, is_base):
        r = self.rng
        callees = chain_names[chain_index + 1:]
        choices = ["accept", "drop", "reject", "jump", "goto", "return", "continue", "log"]
        weights = [0.3, 0.2, 0.08, 0.2 if callees else 0, 0.07 if callees else 0, 0.02 if is_base else 0.1, 0.02,
                   0.01]
        v = r.choices(choices, weights)[0]
        target = r.choice(callees) if v in ("jump", "goto") else None
        return v, target

    def vmap(self, chain_index, chain_names, family, l4):
        r = self.rng
        callees = chain_names[chain_index + 1:]

        def verdict():
            # nft does not take reject as a map verdict
            v = r.choice(["accept", "drop", "jump" if callees else "accept", "goto" if callees else "drop",
                          "return" if r.random() < 0.2 else "accept"])
            return v, (r.choice(callees) if v in ("jump", "goto") else None)

        key = r.choice(["tcp dport", "udp dport", "saddr", "daddr", "iifname", "oifname", "ct state", "l4proto"])
        if key == "l4proto" and l4 is not None:
            key = "ct state"
        if key.endswith("dport") and l4 is not None:
            # nft refuses a second, conflicting protocol in one rule
            key = f"{l4} dport" if l4 in ("tcp", "udp") else "iifname"
        if key.endswith("dport") and family == 6 and self.rng.random() < 0.5:
            key = "saddr"
        if key in ("tcp dport", "udp dport"):
            entries = [(it,) + verdict() for it in self.disjoint_ports(r.randint(1, 4))]
        elif key in ("saddr", "daddr"):
            family = family or 4
            entries = [(it,) + verdict() for it in self.addr_items_disjoint(family, r.randint(1, 3))]
        elif key == "ct state":
            entries = [(n,) + verdict() for n in r.sample(["new", "established", "related", "invalid"],
                                                           r.randint(1, 3))]
        elif key == "l4proto":
            entries = [(n,) + verdict() for n in r.sample(["tcp", "udp", "icmp", "ipv6-icmp"], r.randint(1, 3))]
        else:
            entries = [(n,) + verdict() for n in r.sample(topo.ROUTER_IFACES, r.randint(1, 3))]
        if not entries:
            return None
        vm = Vmap(key, family or 4, entries)
        if key in ("tcp dport", "udp dport", "saddr", "daddr") and r.random() < 0.3:
            name = self.new_set_name("vm")
            typ = {"tcp dport": "inet_service", "udp dport": "inet_service",
                   "saddr": "ipv4_addr" if vm.family == 4 else "ipv6_addr",
                   "daddr": "ipv4_addr" if vm.family == 4 else "ipv6_addr"}[key]
            self.rs.sets.append((name, f"{typ} : verdict", vm.elements_text()))
            vm.set_name = name
        return vm

    def generate(self):
        r = self.rng
        rs = self.rs
        rs.policy = r.choice(["accept", "drop"])
        n_user = r.randint(2, 5)
        names = [rs.base] + [f"{r.choice(['ot', 'dmz', 'ent', 'svc', 'mgmt'])}_{i}" for i in range(1, n_user + 1)]
        for ci, name in enumerate(names):
            n_rules = r.randint(6, 14) if ci == 0 else r.randint(2, 8)
            if ci == 0 and r.random() < 0.1:
                n_rules = r.randint(20, 40)  # a long base chain: first-match order over many rules
            rules = []
            for _ in range(n_rules):
                ms, family, l4 = self.matches()
                comment = f"rule {len(rules) + 1}" if r.random() < 0.1 else None
                if self.nft and r.random() < 0.1:
                    vm = self.vmap(ci, names, family, l4)
                    if vm:
                        # Drop the matches that would contradict the vmap key's dependency check nothing: keep them,
                        # a contradiction only makes the rule dead, which is a fine case too.
                        rules.append(Rule(ms, None, vmap=vm, comment=comment))
                        continue
                v, t = self.verdict(ci, names, ci == 0)
                rules.append(Rule(ms, v, t, comment=comment, reject_with=self.reject_with(v, ms, family, l4)))
            rs.chains[name] = rules
        if self.nft and r.random() < 0.25:
            self.no_named = True
            fam = r.choice(["ip", "inet"])
            self.ip_table = fam == "ip"
            rules = []
            for _ in range(r.randint(2, 5)):
                ms, family, l4 = self.matches(force_family=4 if fam == "ip" else None)
                v = r.choices(["accept", "drop", "reject", "return", "continue"], [0.3, 0.3, 0.1, 0.15, 0.15])[0]
                rules.append(Rule(ms, v, reject_with=self.reject_with(v, ms, family, l4)))
            rs.extra.append({"family": fam, "table": "bhk2", "chain": "forward2", "priority": r.choice([-10, 10]),
                             "policy": r.choices(["accept", "drop"], [0.75, 0.25])[0], "rules": rules})
        return rs

    def reject_with(self, verdict, ms, family, l4):
        """A reject flavour; for nft `tcp reset` adds the `meta l4proto tcp` nft would add itself."""
        if verdict != "reject":
            return None
        r = self.rng
        if not self.nft:
            if self.v6:
                options = ["icmp6-port-unreachable", "icmp6-adm-prohibited", "icmp6-no-route"]
            else:
                options = ["icmp-port-unreachable", "icmp-host-prohibited", "icmp-admin-prohibited",
                           "icmp-net-unreachable"]
            return r.choice(options + (["tcp-reset"] * 2 if l4 == "tcp" else []))
        # icmpx (family-abstracted) exists only in inet/bridge/netdev tables
        options = [None, None] + (["icmpx type admin-prohibited"] if not self.ip_table else [])
        if family != 6:
            options.append("icmp type host-unreachable")
        if family != 4:
            options.append("icmpv6 type admin-prohibited")
        # nft 1.0.6 lists `meta nfproto ipv6 … reject with tcp reset` without the nfproto test (text and JSON), though
        # the kernel keeps it: the export is lossy, no reader can recover it, so the generator never writes it.
        if l4 in (None, "tcp") and not any(isinstance(m, FamilyMatch) for m in ms):
            options.append("tcp reset")
        choice = r.choice(options)
        if choice == "tcp reset" and l4 is None:
            ms.append(ProtoMatch(["tcp"], False, "l4proto"))
        return choice


def generate_ruleset(seed, vendor):
    return Generator(seed, vendor).generate()


# --- probes -----------------------------------------------------------------------------------------------------


def generate_probes(seed, rs, n, established=0.0):
    """n probes with distinct tuples, aimed at the ruleset's address and port boundaries.

    established: the share of TCP/UDP probes sent as the second packet of an opened connection (state
    established); drawn from a separate stream so the probes themselves do not change with it."""
    r = random.Random(seed * 7919 + 17)
    r_state = random.Random(seed * 104729 + 3)
    probes = []
    seen = set()
    addrs = {f: sorted(rs.addrs[f]) for f in (4, 6)}
    ports = sorted(rs.ports)

    def pick_addr(family, want_dst):
        for _ in range(50):
            if addrs[family] and r.random() < 0.65:
                a = r.choice(addrs[family])
                if r.random() < 0.2:
                    a += r.choice([-2, -1, 1, 2])
            else:
                net = r.choice(topo.V4_SPACES if family == 4 else topo.V6_SPACES)
                if family == 6 and r.random() < 0.3:
                    k = r.randrange(topo.N)
                    a = int(topo.v6_connected(k).network_address) + r.choice([2, 3])
                else:
                    a = int(net.network_address) + r.randrange(net.num_addresses)
            ok = topo.usable_dst(a, family) if want_dst else topo.usable_src(a, family)
            if ok:
                return a
        return None

    def pick_port():
        if ports and r.random() < 0.6:
            return r.choice(ports)
        if r.random() < 0.3:
            return r.choice(COMMON_PORTS)
        return r.randint(1, 65535)

    attempts = 0
    while len(probes) < n and attempts < n * 50:
        attempts += 1
        family = {"iptables": 4, "ip6tables": 6}.get(rs.vendor) or (4 if r.random() < 0.7 else 6)
        dst = pick_addr(family, True)
        src = pick_addr(family, False)
        if dst is None or src is None or dst == src:
            continue
        out_k = topo.route_of(dst, family)
        in_k = r.choice([k for k in range(topo.N) if k != out_k])
        l4 = r.choices(["tcp", "udp", "icmp"], [0.5, 0.33, 0.17])[0]
        p = {"family": family, "src": src, "dst": dst, "in_k": in_k, "out_k": out_k,
             "sport": None, "dport": None, "icmp_type": None, "icmp_code": None}
        if l4 == "icmp":
            p["l4"] = "icmp" if family == 4 else "icmpv6"
            p["icmp_type"] = r.choice(ICMP4_PROBE_TYPES if family == 4 else ICMP6_PROBE_TYPES)
            p["icmp_code"] = 0
            p["icmp_id"] = len(probes) + 1
            key = (family, src, dst, p["l4"], p["icmp_type"], p["icmp_id"])
        else:
            p["l4"] = l4
            if r_state.random() < established:
                p["state"] = "established"
            p["sport"] = pick_port() if r.random() < 0.4 else r.randint(1024, 65535)
            p["dport"] = pick_port()
            key = (family, src, dst, l4, p["sport"], p["dport"])
        if key in seen:
            continue
        seen.add(key)
        p["id"] = f"s{rs.seed}-p{len(probes) + 1}"
        probes.append(p)
    return probes


def probe_json(p):
    """The probe as the `bulkhead trace --batch` contract spells it."""
    o = {"id": p["id"], "src": addr_text(p["src"], p["family"]), "dst": addr_text(p["dst"], p["family"]),
         "proto": p["l4"],  # icmpv6 for IPv6 echo: the kernel sees next header 58
         "in": topo.ROUTER_IFACES[p["in_k"]], "out": topo.ROUTER_IFACES[p["out_k"]],
         "state": p.get("state", "new")}
    if p["l4"] in ("tcp", "udp"):
        o["sport"], o["dport"] = p["sport"], p["dport"]
    else:
        o["icmp_type"], o["icmp_code"] = p["icmp_type"], p["icmp_code"]
    return o
