"""The router-and-hosts namespace testbed and the packet prober.

Layout: namespace bhk-<run>-router holds one veth end per host (ent0, dmz0, ot0, ot1); the other end (up0) sits
in bhk-<run>-h<k> (names unique per run, see topology.py). Hosts drop everything they receive at prerouting, so they
never answer (no RST, no ICMP error, no echo reply) and conntrack on the router only ever sees the probe's first
packet: state NEW. Frames are built whole and
sent with AF_PACKET from the sender's up0, and sniffed with AF_PACKET on the receiver's up0 (which sees a frame
before netfilter drops it). A probe is "allow" iff it arrived at the host its destination routes to.
"""

import atexit
import ctypes
import fcntl
import os
import select
import signal
import socket
import struct
import subprocess
import time

import topology as topo

CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
CMD_TIMEOUT = 30

_libc = ctypes.CDLL(None, use_errno=True)


class HarnessError(Exception):
    pass


def sh(args, input_text=None, ns=None, check=True):
    """Run one command (in namespace ns) with a bound time; return stdout."""
    if ns:
        args = ["ip", "netns", "exec", ns] + args
    res = subprocess.run(args, input=input_text, capture_output=True, text=True, timeout=CMD_TIMEOUT)
    if check and res.returncode != 0:
        raise HarnessError(f"command failed ({res.returncode}): {' '.join(args)}\n{res.stderr.strip()}")
    return res.stdout


def preflight():
    """None when the testbed can run here, else the reason it cannot."""
    if os.geteuid() != 0:
        return "kernel-diff needs root (it creates network namespaces bhk-<run>-*); run it as root or in CI"
    try:
        r = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as e:
        return f"kernel-diff needs iproute2 `ip netns`: {e}"
    if r.returncode != 0:
        return f"`ip netns` does not work here: {r.stderr.strip()}"
    for tool in ("nft", "iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode != 0:
            return f"kernel-diff needs `{tool}` (Debian: apt-get install nftables iptables)"
    return None


LOCK_PATH = "/run/lock/bhk-kernel-diff.lock"
LOCK_WAIT = 900


def lock(wait=LOCK_WAIT):
    """Hold the machine-wide testbed lock (one run at a time keeps probe timing and the xtables lock uncontended;
    the namespace names are per run); returns the open file."""
    os.makedirs(os.path.dirname(LOCK_PATH), exist_ok=True)
    f = open(LOCK_PATH, "w")
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return f
        except BlockingIOError:
            if time.monotonic() > deadline:
                f.close()
                raise HarnessError(f"another kernel-diff run has held {LOCK_PATH} for over {wait}s")
            time.sleep(0.5)


class Netns:
    """Enter a namespace for the duration of a with-block (sockets created inside stay bound to it)."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY)
        fd = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        try:
            if _libc.setns(fd, CLONE_NEWNET) != 0:
                raise HarnessError(f"setns({self.name}) failed: errno {ctypes.get_errno()}")
        finally:
            os.close(fd)
        return self

    def __exit__(self, *exc):
        _libc.setns(self.home, CLONE_NEWNET)
        os.close(self.home)


def existing_namespaces():
    out = sh(["ip", "netns", "list"], check=False)
    return [line.split()[0] for line in out.splitlines() if line.strip()]


# The namespaces this process created, in creation order: teardown deletes these and nothing else.
_created = []


def add_namespace(name):
    """Create one namespace of this run; never adopt one that already exists (it is not ours to delete)."""
    if os.path.exists(f"/run/netns/{name}"):
        raise HarnessError(f"namespace {name} already exists and was not created by this run; not touching it")
    _created.append(name)  # listed first: a failure between the two lines still gets it deleted
    sh(["ip", "netns", "add", name])


def teardown():
    """Delete the namespaces this run created (idempotent); their veths die with them."""
    while _created:
        name = _created.pop()
        if os.path.exists(f"/run/netns/{name}"):
            sh(["ip", "netns", "del", name], check=False)


def keep():
    """Leave this run's namespaces up (--keep-netns): forget them, so no teardown deletes them; returns their names."""
    kept = list(_created)
    _created.clear()
    return kept


def _exit_on_signal(signum, _frame):
    # `timeout` (the Swift test's bound) sends SIGTERM first: unwind like on Ctrl-C, so `finally` and atexit tear the
    # namespaces down.
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, _exit_on_signal)
atexit.register(teardown)


def setup():
    r = topo.ROUTER_NS
    add_namespace(r)
    batch_router = ["link set lo up"]
    for k, ifname in enumerate(topo.ROUTER_IFACES):
        h = topo.HOST_NS[k]
        add_namespace(h)
        sh(["ip", "link", "add", ifname, "netns", r, "address", topo.router_mac(k), "type", "veth",
            "peer", "name", topo.HOST_IFACE, "netns", h, "address", topo.host_mac(k)])
        for key, val in (("net.ipv6.conf.all.accept_dad", "0"), ("net.ipv6.conf.default.accept_dad", "0"),
                         ("net.ipv6.conf.all.autoconf", "0"), ("net.ipv6.conf.default.autoconf", "0"),
                         ("net.ipv6.conf.default.accept_ra", "0")):
            sh(["sysctl", "-qw", f"{key}={val}"], ns=h)
        hb = [f"link set lo up", f"link set {topo.HOST_IFACE} up",
              f"addr add 10.99.{k}.2/24 dev {topo.HOST_IFACE}", f"addr add 10.99.{k}.3/24 dev {topo.HOST_IFACE}",
              f"addr add fd00:98:0:{k}::2/64 dev {topo.HOST_IFACE} nodad",
              f"addr add fd00:98:0:{k}::3/64 dev {topo.HOST_IFACE} nodad"]
        sh(["ip", "-batch", "-"], input_text="\n".join(hb) + "\n", ns=h)
        # Hosts never answer: the frame is sniffed before this drop, and nothing goes back to the router.
        sh(["nft", "-f", "-"], ns=h, input_text=(
            "table inet bhk_host {\n chain pre { type filter hook prerouting priority -400; policy drop; }\n"
            " chain out { type filter hook output priority -400; policy drop; }\n}\n"))
    for key, val in (("net.ipv4.ip_forward", "1"), ("net.ipv6.conf.all.forwarding", "1"),
                     ("net.ipv4.conf.all.rp_filter", "0"), ("net.ipv4.conf.default.rp_filter", "0"),
                     ("net.ipv6.conf.all.accept_dad", "0"), ("net.ipv6.conf.default.accept_dad", "0"),
                     ("net.ipv4.conf.all.send_redirects", "0"), ("net.ipv4.conf.default.send_redirects", "0"),
                     ("net.ipv4.icmp_ratelimit", "0"), ("net.ipv6.icmp.ratelimit", "0")):
        sh(["sysctl", "-qw", f"{key}={val}"], ns=r)
    for k, ifname in enumerate(topo.ROUTER_IFACES):
        sh(["sysctl", "-qw", f"net.ipv4.conf.{ifname}.rp_filter=0"], ns=r)
        batch_router += [f"link set {ifname} up", f"addr add 10.99.{k}.1/24 dev {ifname}",
                         f"addr add fd00:98:0:{k}::1/64 dev {ifname} nodad"]
        # Static neighbours: the hosts never answer ARP/ND (and probes must not wait for resolution).
        for x in range(2, 255):
            batch_router.append(f"neigh replace 10.99.{k}.{x} lladdr {topo.host_mac(k)} dev {ifname} nud permanent")
        for x in (2, 3):
            batch_router.append(
                f"neigh replace fd00:98:0:{k}::{x} lladdr {topo.host_mac(k)} dev {ifname} nud permanent")
        batch_router.append(f"route add {topo.v4_routed(k)} via 10.99.{k}.2 dev {ifname}")
        batch_router.append(f"route add {topo.v6_routed(k)} via fd00:98:0:{k}::2 dev {ifname}")
    batch_router.append("route add default via 10.99.0.2 dev ent0")
    batch_router.append("route add ::/0 via fd00:98:0:0::2 dev ent0")
    sh(["ip", "-batch", "-"], input_text="\n".join(batch_router) + "\n", ns=r)


def load_ruleset(vendor, text, counters=False):
    """Replace the router's whole ruleset with this one; return the text/JSON Bulkhead is given.

    counters: export with `iptables-save -c` ([packets:bytes] before every rule)."""
    r = topo.ROUTER_NS
    sh(["nft", "flush", "ruleset"], ns=r)
    if vendor in ("iptables", "ip6tables"):
        tool = "iptables" if vendor == "iptables" else "ip6tables"
        sh([f"{tool}-restore"], input_text=text, ns=r)
        return sh([f"{tool}-save", "-t", "filter"] + (["-c"] if counters else []), ns=r)
    sh(["nft", "-f", "-"], input_text=text, ns=r)
    return sh(["nft", "-j", "list", "ruleset"], ns=r)


# Loaded while connections are opened: accepts everything and, by using ct, keeps conntrack hooked in the router
# (the kernel only tracks connections in a namespace while some rule needs it).
ESTABLISH_RULESET = """table inet bhk_establish {
	chain forward {
		type filter hook forward priority filter; policy accept;
		ct state invalid counter accept
	}
}
"""


def load_establish_ruleset():
    r = topo.ROUTER_NS
    sh(["nft", "flush", "ruleset"], ns=r)
    sh(["nft", "-f", "-"], input_text=ESTABLISH_RULESET, ns=r)


def flush_conntrack():
    """Empty the router's conntrack table (ctnetlink IPCTNL_MSG_CT_DELETE without attributes = flush)."""
    NETLINK_NETFILTER = 12
    NFNL_SUBSYS_CTNETLINK = 1
    IPCTNL_MSG_CT_DELETE = 2
    NLM_F_REQUEST, NLM_F_ACK = 1, 4
    with Netns(topo.ROUTER_NS):
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    try:
        s.settimeout(5)
        for family in (socket.AF_INET, socket.AF_INET6):
            body = struct.pack("BBH", family, 0, 0)
            hdr = struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_DELETE,
                              NLM_F_REQUEST | NLM_F_ACK, 1, 0)
            s.send(hdr + body)
            reply = s.recv(65536)
            if len(reply) >= 20:
                err = struct.unpack("=i", reply[16:20])[0]
                if err not in (0, -2):  # -ENOENT: already empty
                    raise HarnessError(f"conntrack flush failed: errno {-err}")
    finally:
        s.close()


def conntrack_count():
    return int(sh(["cat", "/proc/sys/net/netfilter/nf_conntrack_count"], ns=topo.ROUTER_NS, check=False) or 0)


# --- packets -------------------------------------------------------------------------------------------------------


def _csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def build_frame(p, k_src, tag, kind="probe", etag=0):
    """Ethernet frame for probe p sent by host k_src; tag (16 bits) goes into the IPv4 id / IPv6 flow label.

    kind: "probe" (TCP SYN / first datagram / echo request), "reply" (the answer, sent back by the destination
    host: SYN-ACK seq 0x5000+etag ack 0x1000+etag+1, swapped ports) or "est" (the next packet of the connection
    opened with tag etag: ACK with the right sequence numbers, so conntrack calls it ESTABLISHED)."""
    fam = p["family"]
    l4 = p["l4"]
    n = 4 if fam == 4 else 16
    src, dst = p["src"].to_bytes(n, "big"), p["dst"].to_bytes(n, "big")
    sport, dport = p["sport"], p["dport"]
    if kind == "reply":
        src, dst, sport, dport = dst, src, dport, sport
    if l4 == "tcp":
        proto = 6
        if kind == "reply":
            seq, ack, flags = 0x5000 + etag, 0x1000 + etag + 1, 0x12
        elif kind == "est":
            seq, ack, flags = 0x1000 + etag + 1, 0x5000 + etag + 1, 0x10
        else:
            seq, ack, flags = 0x1000 + tag, 0, 0x02
        seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0)
    elif l4 == "udp":
        proto = 17
        payload = b"bhk" + tag.to_bytes(2, "big")
        seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    else:
        proto = 1 if fam == 4 else 58
        payload = b"bhk" + tag.to_bytes(2, "big")
        if p["icmp_type"] in (13,):
            payload += b"\0" * 12  # timestamp request body
        seg = struct.pack("!BBHHH", p["icmp_type"], p["icmp_code"], 0, p["icmp_id"], 1) + payload
    if fam == 4:
        pseudo = src + dst + struct.pack("!BBH", 0, proto, len(seg))
    else:
        pseudo = src + dst + struct.pack("!IxxxB", len(seg), proto)
    if proto == 1:
        c = _csum(seg)
    else:
        c = _csum(pseudo + seg)
        if proto == 17 and c == 0:
            c = 0xFFFF
    off = {6: 16, 17: 6, 1: 2, 58: 2}[proto]
    seg = seg[:off] + struct.pack("!H", c) + seg[off + 2:]
    if fam == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), tag, 0x4000, 64, proto, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", _csum(ip)) + ip[12:]
        ethertype = 0x0800
    else:
        ip = struct.pack("!IHBB16s16s", (6 << 28) | tag, len(seg), proto, 64, src, dst)
        ethertype = 0x86DD
    eth = bytes.fromhex(topo.router_mac(k_src).replace(":", "")) + bytes.fromhex(
        topo.host_mac(k_src).replace(":", "")) + struct.pack("!H", ethertype)
    return eth + ip + seg


def parse_frame(frame):
    """(family, src, dst, l4 name, a, b, tag) or None; a/b are ports, or ICMP type and echo id."""
    if len(frame) < 14:
        return None
    et = struct.unpack("!H", frame[12:14])[0]
    b = frame[14:]
    if et == 0x0800 and len(b) >= 20:
        ihl = (b[0] & 0xF) * 4
        proto, tag = b[9], struct.unpack("!H", b[4:6])[0]
        fam, src, dst, l4b = 4, int.from_bytes(b[12:16], "big"), int.from_bytes(b[16:20], "big"), b[ihl:]
    elif et == 0x86DD and len(b) >= 40:
        tag = struct.unpack("!I", b[0:4])[0] & 0xFFFFF
        proto = b[6]
        fam, src, dst, l4b = 6, int.from_bytes(b[8:24], "big"), int.from_bytes(b[24:40], "big"), b[40:]
    else:
        return None
    if proto in (6, 17) and len(l4b) >= 4:
        sp, dp = struct.unpack("!HH", l4b[:4])
        if proto == 6 and (len(l4b) < 14 or l4b[13] not in (0x02, 0x10)):
            return None  # only a bare SYN (state new) or a bare ACK (state established) is a probe
        return fam, src, dst, "tcp" if proto == 6 else "udp", sp, dp, tag
    if proto in (1, 58) and len(l4b) >= 8:
        t, ident = l4b[0], struct.unpack("!H", l4b[4:6])[0]
        return fam, src, dst, "icmp" if proto == 1 else "icmpv6", t, ident, tag
    return None


def probe_key(p):
    a, b = (p["sport"], p["dport"]) if p["l4"] in ("tcp", "udp") else (p["icmp_type"], p["icmp_id"])
    return p["family"], p["src"], p["dst"], p["l4"], a, b


class Prober:
    """Owns one AF_PACKET socket per host namespace, used both to send and to sniff."""

    def __init__(self):
        self.socks = []
        for k, ns in enumerate(topo.HOST_NS):
            with Netns(ns):
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
            s.bind((topo.HOST_IFACE, 0))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            s.setblocking(False)
            self.socks.append(s)
        self.missing_sentinels = 0  # rounds that ended without every sender's echo reply (should stay 0)

    def close(self):
        for s in self.socks:
            s.close()
        self.socks = []

    def drain(self, seconds):
        """Read everything that arrives within `seconds`; return [(host k, parsed)]."""
        got = []
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            rd, _, _ = select.select(self.socks, [], [], left)
            if not rd:
                break
            for s in rd:
                k = self.socks.index(s)
                for _ in range(10000):
                    try:
                        data, addr = s.recvfrom(65535)
                    except BlockingIOError:
                        break
                    if addr[2] == PACKET_OUTGOING:
                        continue
                    parsed = parse_frame(data)
                    if parsed:
                        got.append((k, parsed))
        return got

    def run(self, probes, round_tag, quiet=0.15, max_wait=3.0):
        """Send every probe, sniff; return {probe id: (arrived bool, note or None)}.

        Completion: after the probes, every sender pings the router (INPUT/OUTPUT, never the FORWARD chain under
        test). The process is pinned to one CPU while sending, so all frames sit in that CPU's backlog in order and
        each forwarded probe is queued before the router's echo reply: once every reply is in, every probe that
        was going to arrive has arrived (a quiet period stays as the fallback)."""
        self.drain(0.0)
        want = {}
        for p in probes:
            want[probe_key(p) + (round_tag,)] = p
        senders = sorted({p["in_k"] for p in probes})
        affinity = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(affinity)})
        try:
            for i, p in enumerate(probes):
                if p.get("state") == "established":
                    frame = build_frame(p, p["in_k"], round_tag, "est", p["etag"])
                else:
                    frame = build_frame(p, p["in_k"], round_tag)
                self.socks[p["in_k"]].send(frame)
                if (i + 1) % 64 == 0:
                    time.sleep(0.002)  # keep the per-CPU backlog (netdev_max_backlog) far from full
            for k in senders:
                self.socks[k].send(build_frame(self.sentinel(k, round_tag), k, round_tag))
        finally:
            os.sched_setaffinity(0, affinity)
        pending = {(4, int(topo.v4_router_addr(k)), int(topo.v4_router_addr(k)) + 1, "icmp", 0, round_tag)
                   for k in senders}
        seen = {}
        deadline = time.monotonic() + max_wait
        while time.monotonic() < deadline:
            batch = self.drain(0.05 if not pending else quiet)
            if not batch and not pending:
                break
            if not batch and time.monotonic() >= deadline:
                break
            for k, (fam, src, dst, l4, a, b, tag) in batch:
                pending.discard((fam, src, dst, l4, a, b))
                p = want.get((fam, src, dst, l4, a, b, tag & 0xFFFF))
                if p is not None:
                    seen.setdefault(p["id"], k)
            if not batch and pending and quiet:
                # no traffic for a quiet period and a sentinel still missing: give up waiting on it
                break
        self.missing_sentinels += len(pending)
        out = {}
        for p in probes:
            if p["id"] not in seen:
                out[p["id"]] = (False, None)
            elif seen[p["id"]] != p["out_k"]:
                out[p["id"]] = (True, f"arrived at host {seen[p['id']]}, expected {p['out_k']}")
            else:
                out[p["id"]] = (True, None)
        return out

    def establish(self, probes, etag):
        """Open a connection for every probe of state established: its first packet, then the destination's
        answer, on whatever ruleset is loaded (the harness loads one that accepts all and keeps conntrack on).
        The probe frame sent later is the connection's next packet (see build_frame)."""
        for p in probes:
            p["etag"] = etag
        senders = sorted({p["in_k"] for p in probes} | {p["out_k"] for p in probes})
        affinity = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(affinity)})
        try:
            # One CPU, one backlog: every opening packet is seen by conntrack before any answer.
            for p in probes:
                self.socks[p["in_k"]].send(build_frame(p, p["in_k"], etag))
            for p in probes:
                self.socks[p["out_k"]].send(build_frame(p, p["out_k"], etag, "reply", etag))
            for k in senders:
                self.socks[k].send(build_frame(self.sentinel(k, etag), k, etag))
        finally:
            os.sched_setaffinity(0, affinity)
        pending = {(4, int(topo.v4_router_addr(k)), int(topo.v4_router_addr(k)) + 1, "icmp", 0, etag)
                   for k in senders}
        deadline = time.monotonic() + 3.0
        while pending and time.monotonic() < deadline:
            for k, (fam, src, dst, l4, a, b, tag) in self.drain(0.15):
                pending.discard((fam, src, dst, l4, a, b))
        self.missing_sentinels += len(pending)

    @staticmethod
    def sentinel(k, round_tag):
        """An echo request from host k to the router itself (10.99.k.2 -> 10.99.k.1), id = the round tag."""
        return {"family": 4, "src": int(topo.v4_router_addr(k)) + 1, "dst": int(topo.v4_router_addr(k)),
                "l4": "icmp", "icmp_type": 8, "icmp_code": 0, "icmp_id": round_tag, "sport": None, "dport": None}
