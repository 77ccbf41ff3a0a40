"""Address plan of the kernel-diff testbed, shared by the generator, the prober and the namespaces.

Everything here exists only inside this run's bhk-<tag>-* network namespaces: 10.96.0.0/11-ish test ranges,
172.16.0.0/12 and 192.168.0.0/16 behind the default route, and the ULA fd00:98::/32, fd00:99::/32.
"""

import ipaddress
import os
import secrets

# Router interface k faces host namespace bhk-<tag>-h<k>; the names carry shared prefixes so `ot+` / "ot*" wildcards
# select several interfaces.
ROUTER_IFACES = ["ent0", "dmz0", "ot0", "ot1"]
HOST_IFACE = "up0"
# Namespace names are unique per run (process id and a random tag, as a temporary file's name would be), so a run
# creates and deletes only its own namespaces, never another run's or anything else named bhk-*. A harness that
# starts helpers passes its tag on in BHK_RUN_TAG so they name the same namespaces.
RUN_TAG = os.environ.get("BHK_RUN_TAG") or f"{os.getpid()}-{secrets.token_hex(2)}"
ROUTER_NS = f"bhk-{RUN_TAG}-router"
HOST_NS = [f"bhk-{RUN_TAG}-h{k}" for k in range(len(ROUTER_IFACES))]

# Interface-name patterns the generator draws from (iptables `+` suffix, nft `*` suffix are added by the renderer).
IFACE_PREFIXES = ["ot", "o", "e", "dmz", "d", "en"]


def router_mac(k):
    return f"02:99:00:00:0{k}:01"


def host_mac(k):
    return f"02:99:00:00:0{k}:02"


def v4(s):
    return int(ipaddress.IPv4Address(s))


def v6(s):
    return int(ipaddress.IPv6Address(s))


def v4_connected(k):
    """Link subnet between the router (.1) and host k (.2, .3)."""
    return ipaddress.IPv4Network(f"10.99.{k}.0/24")


def v4_routed(k):
    """A /16 routed to host k through 10.99.k.2."""
    return ipaddress.IPv4Network(f"10.{100 + k}.0.0/16")


def v6_connected(k):
    return ipaddress.IPv6Network(f"fd00:98:0:{k}::/64")


def v6_routed(k):
    return ipaddress.IPv6Network(f"fd00:99:{k}::/48")


def v4_router_addr(k):
    return ipaddress.IPv4Address(f"10.99.{k}.1")


def v6_router_addr(k):
    return ipaddress.IPv6Address(f"fd00:98:0:{k}::1")


# Spaces behind the default route (interface 0, "ent0").
V4_OTHER = [ipaddress.IPv4Network(n) for n in ("10.200.0.0/16", "172.16.0.0/12", "192.168.0.0/16")]
V6_OTHER = [ipaddress.IPv6Network(n) for n in ("fd00:9a::/32", "fd00:9b:1::/48")]

N = len(ROUTER_IFACES)

V4_SPACES = [v4_connected(k) for k in range(N)] + [v4_routed(k) for k in range(N)] + V4_OTHER
V6_SPACES = [v6_connected(k) for k in range(N)] + [v6_routed(k) for k in range(N)] + V6_OTHER


def route_of(addr, family):
    """Router interface index a destination leaves through (the kernel's routing table, mirrored)."""
    a = ipaddress.ip_address(addr) if not isinstance(addr, int) else (
        ipaddress.IPv4Address(addr) if family == 4 else ipaddress.IPv6Address(addr))
    for k in range(N):
        if family == 4 and (a in v4_connected(k) or a in v4_routed(k)):
            return k
        if family == 6 and (a in v6_connected(k) or a in v6_routed(k)):
            return k
    return 0


def usable_src(a, family):
    """A source the router forwards without calling it a martian: inside a test space, not the router's own."""
    if a < 0 or a >= (1 << (32 if family == 4 else 128)):
        return False
    if family == 4:
        ip = ipaddress.IPv4Address(a)
        if not any(ip in n for n in V4_SPACES):
            return False
        for k in range(N):
            if ip in v4_connected(k) and (a & 0xFF) in (0, 1, 255):
                return False
        return True
    ip = ipaddress.IPv6Address(a)
    if not any(ip in n for n in V6_SPACES):
        return False
    for k in range(N):
        if ip in v6_connected(k) and (a & 0xFFFFFFFFFFFFFFFF) in (0, 1):
            return False
    return True


def usable_dst(a, family):
    """A destination the router can deliver without neighbour discovery (static neighbours only)."""
    if not usable_src(a, family):
        return False
    if family == 4:
        # Connected v4 subnets have static neighbours for .2-.254; routed spaces go through the .2 next hop.
        return True
    ip = ipaddress.IPv6Address(a)
    for k in range(N):
        if ip in v6_connected(k):
            return (a & 0xFFFFFFFFFFFFFFFF) in (2, 3)
    return True
