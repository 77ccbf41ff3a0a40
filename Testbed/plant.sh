#!/usr/bin/env bash
# Riverside Water's virtual plant in network namespaces (Examples/riverside-water/TOPOLOGY.md).
#
#   plant.sh up                                  build the namespaces, links, routes and load both firewalls
#   plant.sh record --out DIR [--duration S] [--keep]
#                                                up + capture + scenario + exports + ground truth, then down
#   plant.sh down                                stop our processes, delete the namespaces we created
#
# Every namespace is named <prefix><name> ($BH_NS_PREFIX, default bh-) and is listed in $BH_STATE_DIR/namespaces
# *before* it is created, so a run killed at any point is cleaned up by the next `up` or `down` with the same state
# directory; nothing else is ever deleted, and an existing namespace is never adopted. Two plants with different
# prefixes and state directories run side by side (the tests give each run its own). Addresses exist only
# inside these namespaces: no link reaches the host's namespace, so no packet can leave the plant.
set -euo pipefail

readonly TESTBED_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_DIR="$(cd "$TESTBED_DIR/.." && pwd)"
readonly PLANT_DIR="$REPO_DIR/Examples/riverside-water"
readonly STATE_DIR="${BH_STATE_DIR:-/run/bulkhead-plant}"
readonly PYTHON="${BH_PYTHON:-python3}"
# Exported: the scenario starts the peers inside these namespaces.
export BH_NS_PREFIX="${BH_NS_PREFIX:-bh-}"
if ! [[ "$BH_NS_PREFIX" =~ ^[a-z0-9][a-z0-9-]{0,23}$ ]]; then
  echo "plant.sh: BH_NS_PREFIX '$BH_NS_PREFIX' is not a short name (letters, digits, '-')" >&2
  exit 64
fi

# Zones: id, firewall namespace, firewall interface, firewall address, switch namespace.
readonly ZONES=(
  "enterprise fw-itot ent0 10.20.0.1/16"
  "ot-dmz fw-itot dmz0 172.16.10.1/24"
  "scada fw-ot scada0 10.50.2.1/24"
  "filtration fw-ot filt0 10.50.11.1/24"
  "dosing fw-ot dose0 10.50.12.1/24"
  "safety fw-ot sis0 10.50.13.1/24"
)

# Hosts: namespace name (<prefix><name>), zone, address/prefix, gateway, MAC. The MACs carry the vendors' real OUIs
# (ieee-data) so that passive asset discovery has something honest to find: Dell/HP desktops, VMware servers,
# Schneider (Telemecanique) M340s, a Siemens S7-1200, a Schneider safety controller. hmi-2 is powered off during the
# recording (TOPOLOGY.md, silent asset), so it has no namespace at all. contractor-laptop is the unknown asset.
readonly HOSTS=(
  "corp-ws-17 enterprise 10.20.1.17/16 10.20.0.1 b8:ca:3a:01:01:17"
  "erp-app enterprise 10.20.5.10/16 10.20.0.1 00:50:56:20:05:10"
  "vendor-support-pc enterprise 10.20.30.40/16 10.20.0.1 3c:52:82:30:40:01"
  "historian ot-dmz 172.16.10.10/24 172.16.10.1 00:50:56:16:10:10"
  "patch-server ot-dmz 172.16.10.20/24 172.16.10.1 00:50:56:16:10:20"
  "jump-host ot-dmz 172.16.10.30/24 172.16.10.1 00:50:56:16:10:30"
  "scada-server scada 10.50.2.10/24 10.50.2.1 00:1d:09:50:02:10"
  "hmi-1 scada 10.50.2.21/24 10.50.2.1 00:1d:09:50:02:21"
  "eng-ws scada 10.50.2.30/24 10.50.2.1 00:1d:09:50:02:30"
  "contractor-laptop scada 10.50.2.99/24 10.50.2.1 3c:52:82:50:02:99"
  "plc-filt-1 filtration 10.50.11.10/24 10.50.11.1 00:80:f4:11:00:10"
  "plc-filt-2 filtration 10.50.11.11/24 10.50.11.1 00:80:f4:11:00:11"
  "plc-dose-1 dosing 10.50.12.10/24 10.50.12.1 28:63:36:12:00:10"
  "sis-1 safety 10.50.13.10/24 10.50.13.1 00:00:54:13:00:10"
)

# Capture points (TOPOLOGY.md "Capture points"): file, firewall namespace, interface.
readonly CAPTURES=(
  "enterprise fw-itot ent0"
  "ot-dmz fw-itot dmz0"
  "scada fw-ot scada0"
  "filtration fw-ot filt0"
  "dosing fw-ot dose0"
  "safety fw-ot sis0"
)

die() {
  echo "plant.sh: $*" >&2
  exit 1
}

# Missing privileges or tools: one clear message, exit 2, before anything is touched.
preflight() {
  local need_python="${1:-no}"
  if [ "$(id -u)" != 0 ]; then
    echo "plant.sh: needs root (network namespaces, veth, iptables, nft, tcpdump); run as root or set BULKHEAD_SKIP_NETNS=1 for the tests" >&2
    exit 2
  fi
  local tool
  for tool in ip iptables-restore iptables-save nft tcpdump flock timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "plant.sh: '$tool' not found; install iproute2 iptables nftables tcpdump util-linux coreutils" >&2
      exit 2
    fi
  done
  if ! timeout 5 ip netns list >/dev/null 2>&1; then
    echo "plant.sh: 'ip netns' does not work here (no network namespace support)" >&2
    exit 2
  fi
  if [ "$need_python" = yes ]; then
    if ! timeout 30 "$PYTHON" -c 'import pymodbus, asyncua, snap7' >/dev/null 2>&1; then
      echo "plant.sh: the protocol peers need: $PYTHON -m pip install -r $TESTBED_DIR/requirements.txt" >&2
      exit 2
    fi
    command -v openssl >/dev/null 2>&1 || { echo "plant.sh: 'openssl' not found (HTTPS certificate)" >&2; exit 2; }
  fi
}

# One plant per state directory at a time (its namespace list and pid files live there). Background children close fd 9
# (close_inherited_fds), so a killed plant.sh never leaves its lock held by an orphaned tcpdump.
take_lock() {
  mkdir -p "$STATE_DIR/pids"
  exec 9>"$STATE_DIR/lock"
  if ! flock -w 180 9; then
    echo "plant.sh: another plant.sh holds $STATE_DIR/lock for more than 180 s" >&2
    exit 2
  fi
}

ns() { echo "$BH_NS_PREFIX$1"; }

# For background children (in a subshell, before exec): close every inherited descriptor above stderr, our lock
# included. A long-lived child must not keep open what our caller gave us (a lock, or the socket a test harness
# watches to learn that plant.sh has exited).
close_inherited_fds() {
  local fd
  for fd in $(ls "/proc/$BASHPID/fd"); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

nsexec() {
  local name="$1"
  shift
  ip netns exec "$(ns "$name")" "$@"
}

add_ns() {
  local name
  name="$(ns "$1")"
  # Never adopt a namespace someone else made: teardown deletes whatever the list names.
  if [ -e "/run/netns/$name" ]; then
    echo "plant.sh: namespace $name exists but was not created by this plant (not in $STATE_DIR/namespaces); remove it yourself" >&2
    exit 2
  fi
  # Listed first: a run killed between these two lines still gets the namespace deleted.
  echo "$name" >>"$STATE_DIR/namespaces"
  ip netns add "$name"
  # No IPv6 at all: the plant is IPv4, and link-local chatter would only add noise to the captures.
  ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$name" link set lo up
}

# Alive = exists and is not a zombie (an orphan's zombie may wait for a PID 1 that never reaps it).
alive() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# Stop PIDs: SIGNAL (default TERM) to all of them at once, then KILL whatever is still alive after 5 s.
stop_pids() {
  local signal="$1" pid i left
  shift
  [ $# -gt 0 ] || return 0
  for pid in "$@"; do kill "-$signal" "$pid" 2>/dev/null || true; done
  for i in $(seq 1 50); do
    left=0
    for pid in "$@"; do alive "$pid" && left=1; done
    [ "$left" = 0 ] && return 0
    sleep 0.1
  done
  for pid in "$@"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null; done
  return 0
}

teardown() {
  local name pid pidfile pids=()
  # Processes started from the root namespace (the scenario runner) are recorded in pid files; check the command
  # line before killing, a PID may have been reused since a killed run.
  for pidfile in "$STATE_DIR"/pids/*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -n "$pid" ] && grep -qa "Testbed" "/proc/$pid/cmdline" 2>/dev/null; then
      pids+=("$pid")
    fi
  done
  # Everything still running inside one of our namespaces is ours: tcpdump, peers.
  if [ -f "$STATE_DIR/namespaces" ]; then
    while read -r name; do
      [ -n "$name" ] && [ -e "/run/netns/$name" ] || continue
      for pid in $(ip netns pids "$name" 2>/dev/null); do pids+=("$pid"); done
    done <"$STATE_DIR/namespaces"
  fi
  stop_pids TERM "${pids[@]}"
  rm -f "$STATE_DIR"/pids/*.pid
  [ -f "$STATE_DIR/namespaces" ] || return 0
  while read -r name; do
    [ -n "$name" ] || continue
    if [ -e "/run/netns/$name" ]; then
      ip netns del "$name" 2>/dev/null || echo "plant.sh: could not delete namespace $name" >&2
    fi
  done <"$STATE_DIR/namespaces"
  rm -f "$STATE_DIR/namespaces"
}

build() {
  local zone fw ifname addr name host_addr gw mac port
  : >"$STATE_DIR/namespaces"
  add_ns fw-itot
  add_ns fw-ot
  for fw in fw-itot fw-ot; do
    # Routers: forward, and no reverse-path filter (asymmetric paths are the firewall rules' business, not rp_filter's).
    nsexec "$fw" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  done

  # Each zone is a switch (a bridge in its own namespace) whose uplink is the firewall's zone-facing interface.
  for zone_line in "${ZONES[@]}"; do
    read -r zone fw ifname addr <<<"$zone_line"
    add_ns "sw-$zone"
    # A plain learning switch: no STP, no multicast snooping (its IGMP queries/joins would be noise in the captures).
    ip -n "$(ns "sw-$zone")" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
    ip link add "$ifname" netns "$(ns "$fw")" type veth peer name uplink netns "$(ns "sw-$zone")"
    ip -n "$(ns "sw-$zone")" link set uplink master br0
    ip -n "$(ns "sw-$zone")" link set uplink up
    ip -n "$(ns "sw-$zone")" link set br0 up
    ip -n "$(ns "$fw")" link set "$ifname" address "$(fw_mac "$fw" "$ifname")"
    ip -n "$(ns "$fw")" addr add "$addr" dev "$ifname"
    ip -n "$(ns "$fw")" link set "$ifname" up
    nsexec "$fw" sysctl -qw "net.ipv4.conf.$ifname.rp_filter=0"
  done

  # Transit link between the firewalls (10.50.0.0/30, no zone).
  ip link add ot0 netns "$(ns fw-itot)" type veth peer name up0 netns "$(ns fw-ot)"
  ip -n "$(ns fw-itot)" link set ot0 address 02:fa:01:00:00:03
  ip -n "$(ns fw-ot)" link set up0 address 02:fa:02:00:00:00
  ip -n "$(ns fw-itot)" addr add 10.50.0.1/30 dev ot0
  ip -n "$(ns fw-ot)" addr add 10.50.0.2/30 dev up0
  ip -n "$(ns fw-itot)" link set ot0 up
  ip -n "$(ns fw-ot)" link set up0 up
  nsexec fw-itot sysctl -qw net.ipv4.conf.ot0.rp_filter=0
  nsexec fw-ot sysctl -qw net.ipv4.conf.up0.rp_filter=0
  # Routes only between the plant's own networks; neither firewall has a default route.
  ip -n "$(ns fw-itot)" route add 10.50.0.0/16 via 10.50.0.2 dev ot0
  ip -n "$(ns fw-ot)" route add 10.20.0.0/16 via 10.50.0.1 dev up0
  ip -n "$(ns fw-ot)" route add 172.16.10.0/24 via 10.50.0.1 dev up0

  for host_line in "${HOSTS[@]}"; do
    read -r name zone host_addr gw mac <<<"$host_line"
    add_ns "$name"
    port="p-$(echo "${host_addr%/*}" | cut -d. -f3,4 | tr . -)"
    ip link add eth0 netns "$(ns "$name")" type veth peer name "$port" netns "$(ns "sw-$zone")"
    ip -n "$(ns "sw-$zone")" link set "$port" master br0
    ip -n "$(ns "sw-$zone")" link set "$port" up
    ip -n "$(ns "$name")" link set eth0 address "$mac"
    ip -n "$(ns "$name")" addr add "$host_addr" dev eth0
    ip -n "$(ns "$name")" link set eth0 up
    # The gateway is the zone's firewall; the default route cannot leave the plant (the firewalls have none).
    ip -n "$(ns "$name")" route add default via "$gw" dev eth0
  done

  load_firewalls "$PLANT_DIR/firewalls"
}

fw_mac() {
  # Locally administered MACs for the firewalls: 02:fa:<fw>:00:00:<interface>.
  case "$1/$2" in
    fw-itot/ent0) echo 02:fa:01:00:00:01 ;;
    fw-itot/dmz0) echo 02:fa:01:00:00:02 ;;
    fw-ot/scada0) echo 02:fa:02:00:00:02 ;;
    fw-ot/filt0) echo 02:fa:02:00:00:11 ;;
    fw-ot/dose0) echo 02:fa:02:00:00:12 ;;
    fw-ot/sis0) echo 02:fa:02:00:00:13 ;;
    *) echo 02:fa:ff:00:00:00 ;;
  esac
}

load_firewalls() {
  local dir="$1"
  [ -f "$dir/fw-itot.rules" ] || die "missing $dir/fw-itot.rules"
  [ -f "$dir/fw-ot.nft" ] || die "missing $dir/fw-ot.nft"
  # -w: the xtables lock is shared by every namespace on the machine; wait for it, boundedly.
  nsexec fw-itot timeout 30 iptables-restore -w 10 <"$dir/fw-itot.rules" || die "iptables-restore of fw-itot.rules failed"
  nsexec fw-ot timeout 30 nft -f "$dir/fw-ot.nft" || die "nft -f fw-ot.nft failed"
}

snapshot_counters() {
  local tag="$1" work="$2"
  nsexec fw-itot timeout 30 iptables-save -c >"$work/fw-itot.$tag.iptables-save"
  nsexec fw-ot timeout 30 nft -j list ruleset >"$work/fw-ot.$tag.json"
}

start_captures() {
  local out="$1" work="$2" file fw ifname i
  for cap_line in "${CAPTURES[@]}"; do
    read -r file fw ifname <<<"$cap_line"
    # -U: flush each packet, so a stop by PID loses nothing; -Z root: keep writing where root asked;
    # default snaplen: whole packets.
    (
      close_inherited_fds
      exec ip netns exec "$(ns "$fw")" tcpdump -i "$ifname" -n -U -Z root -w "$out/captures/$file.pcap" \
        >"$work/tcpdump-$file.log" 2>&1
    ) &
    echo $! >"$STATE_DIR/pids/tcpdump-$file.pid"
  done
  for cap_line in "${CAPTURES[@]}"; do
    read -r file fw ifname <<<"$cap_line"
    for i in $(seq 1 100); do
      grep -q "listening on" "$work/tcpdump-$file.log" 2>/dev/null && break
      [ "$i" = 100 ] && die "tcpdump on $fw/$ifname did not start within 10 s: $(cat "$work/tcpdump-$file.log")"
      sleep 0.1
    done
  done
}

stop_captures() {
  local file pidfile pid
  for cap_line in "${CAPTURES[@]}"; do
    read -r file _ <<<"$cap_line"
    pidfile="$STATE_DIR/pids/tcpdump-$file.pid"
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    # SIGINT: tcpdump closes the file cleanly; stop_pids escalates to KILL after 5 s.
    stop_pids INT "$pid"
    rm -f "$pidfile"
  done
}

cmd_up() {
  preflight
  take_lock
  teardown
  # A build that fails half-way removes what it made.
  trap 'teardown' EXIT
  build
  trap - EXIT
  echo "plant.sh: up: $(wc -l <"$STATE_DIR/namespaces") namespaces"
}

cmd_down() {
  preflight
  take_lock
  teardown
  echo "plant.sh: down"
}

cmd_record() {
  local out="" duration=12 keep=no
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) out="${2:-}"; shift 2 ;;
      --duration) duration="${2:-}"; shift 2 ;;
      --keep) keep=yes; shift ;;
      *) die "record: unknown argument '$1' (usage: record --out DIR [--duration S] [--keep])" ;;
    esac
  done
  [ -n "$out" ] || die "record: --out DIR is required"
  [[ "$duration" =~ ^[0-9]+$ ]] && [ "$duration" -ge 4 ] && [ "$duration" -le 60 ] ||
    die "record: --duration must be a whole number of seconds in 4...60"
  preflight yes
  take_lock
  local started=$SECONDS
  mkdir -p "$out/captures" "$out/firewalls"
  out="$(cd "$out" && pwd)"
  local work="$STATE_DIR/work"
  rm -rf "$work"
  mkdir -p "$work"

  teardown
  # A record stopped by a signal still stops its captures and (without --keep) tears the plant down.
  trap 'exit 143' TERM
  trap 'exit 130' INT
  if [ "$keep" = no ]; then
    trap 'stop_captures; teardown' EXIT
  else
    trap 'stop_captures' EXIT
  fi
  build

  # Certificates are made at run time, never committed: the historian's HTTPS one here, the OPC UA server's own
  # (application certificate with its URI) by the server itself.
  timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/O=Riverside Water/CN=historian" \
    -addext "subjectAltName=DNS:historian,IP:172.16.10.10" \
    -keyout "$work/historian.key" -out "$work/historian.crt" >/dev/null 2>&1 || die "openssl could not make a certificate"

  rm -f "$out"/captures/*.pcap
  start_captures "$out" "$work"
  snapshot_counters before "$work"

  # The scenario runs in the host namespace only as a conductor: every peer it starts runs inside one of our namespaces.
  (
    close_inherited_fds
    exec timeout -k 10 $((duration + 90)) "$PYTHON" "$TESTBED_DIR/scenario.py" --duration "$duration" --work "$work" \
      --results "$work/results.json" >"$work/scenario.log" 2>&1
  ) &
  local scenario_pid=$!
  echo "$scenario_pid" >"$STATE_DIR/pids/scenario.pid"
  local rc=0
  wait "$scenario_pid" || rc=$?
  rm -f "$STATE_DIR/pids/scenario.pid"
  if [ "$rc" != 0 ]; then
    cat "$work/scenario.log" >&2
    die "scenario failed (exit $rc); log above"
  fi

  # Let the last FIN/ACKs cross the firewalls before the counters and the captures are closed.
  sleep 1
  snapshot_counters after "$work"
  stop_captures

  cp "$work/fw-itot.after.iptables-save" "$out/firewalls/fw-itot.iptables-save"
  cp "$work/fw-ot.after.json" "$out/firewalls/fw-ot.json"
  if [ "$out" != "$PLANT_DIR" ]; then
    cp "$PLANT_DIR/firewalls/fw-itot.rules" "$PLANT_DIR/firewalls/fw-ot.nft" "$out/firewalls/"
  fi
  timeout 60 "$PYTHON" "$TESTBED_DIR/groundtruth.py" --work "$work" --firewalls "$PLANT_DIR/firewalls" \
    --duration "$duration" --captures "$out/captures" --out "$out/ground-truth.json" ||
    die "ground truth could not be derived"

  if [ "$keep" = no ]; then
    teardown
  fi
  trap - EXIT
  echo "plant.sh: recorded into $out in $((SECONDS - started)) s"
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    record) cmd_record "$@" ;;
    *)
      echo "usage: plant.sh up | record --out DIR [--duration S] [--keep] | down" >&2
      exit 64
      ;;
  esac
}

# A caller may hand us blocked signals (a test runner's thread mask is inherited across fork and exec): every
# child would then sit out SIGTERM/SIGINT until the 5 s KILL fallback. Start again from an empty mask, once.
if [ -z "${BH_SIGMASK_RESET:-}" ] && ! grep -qE '^SigBlk:[[:space:]]*0+$' "/proc/$$/status" 2>/dev/null &&
  command -v "$PYTHON" >/dev/null 2>&1; then
  export BH_SIGMASK_RESET=1
  exec "$PYTHON" -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
os.execvp("bash", ["bash", *sys.argv[1:]])' "${BASH_SOURCE[0]}" "$@"
fi

main "$@"
