#!/usr/bin/env python3
"""Conducts one bounded recording scenario of Riverside Water's virtual plant (called by plant.sh record).

Starts the protocol servers inside their plant namespaces ($BH_NS_PREFIX<host>), waits until each one listens (read from /proc, no probe
packets), runs the clients concurrently, collects each client's JSON result and stops every process by its PID.
The conductor itself sends nothing: it only starts processes with `ip netns exec`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PEERS = str(Path(__file__).with_name("peers.py"))
PYTHON = os.environ.get("BH_PYTHON", sys.executable)
# The namespace prefix of this plant (plant.sh exports it; each test run has its own).
NS_PREFIX = os.environ.get("BH_NS_PREFIX", "bh-")


def servers(work: Path) -> list[tuple[str, list[str]]]:
    """(host, peers.py arguments) for every server of the plant."""
    return [
        ("plc-filt-1", ["modbus-server", "--name", "plc-filt-1"]),
        ("plc-filt-2", ["modbus-server", "--name", "plc-filt-2"]),
        ("sis-1", ["modbus-server", "--name", "sis-1"]),
        ("plc-dose-1", ["s7-server"]),
        ("scada-server", ["opcua-server", "--certdir", str(work)]),
        ("historian", ["https-server", "--cert", str(work / "historian.crt"), "--key", str(work / "historian.key")]),
        ("patch-server", ["patch-server"]),
        ("jump-host", ["rdp-server", "--name", "jump-host"]),
        ("eng-ws", ["rdp-server", "--name", "eng-ws"]),
    ]


def clients(duration: int) -> list[tuple[str, list[str]]]:
    """(host, peers.py arguments) for every client; all run at once, each paced by its own delays."""
    d = duration
    return [
        ("scada-server", ["scada-poller", "--rounds", str(d), "--interval", "1"]),
        ("scada-server", ["scada-s7", "--rounds", str(max(2, d // 2)), "--interval", "2"]),
        ("scada-server", ["scada-dns", "--delay", "0.5"]),
        ("historian", ["historian-opcua", "--sessions", "2", "--gap", str(d / 2)]),
        ("erp-app", ["erp-https", "--count", "3", "--interval", str(d / 3)]),
        ("corp-ws-17", ["corp-ws", "--delay", "1"]),
        ("eng-ws", ["eng-s7", "--delay", "2"]),
        ("jump-host", ["jump-rdp", "--delay", "3"]),
        ("contractor-laptop", ["patch-client", "--name", "contractor-laptop", "--delay", "2"]),
        ("vendor-support-pc", ["vendor-modbus", "--delay", str(d / 3)]),
        ("hmi-1", ["patch-client", "--name", "hmi-1", "--delay", str(d / 2)]),
    ]


def spawn(host: str, args: list[str], log: Path, stdout=None) -> subprocess.Popen:
    cmd = ["ip", "netns", "exec", f"{NS_PREFIX}{host}", PYTHON, PEERS, *args]
    return subprocess.Popen(
        cmd,
        stdout=stdout if stdout is not None else log.open("wb"),
        stderr=log.open("wb") if stdout is not None else subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def main() -> int:
    # Stop requests must reach us even if the caller blocked them (the mask survives exec).
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--duration", type=int, default=12)
    p.add_argument("--work", required=True)
    p.add_argument("--results", required=True)
    args = p.parse_args()
    work = Path(args.work)
    (work / "ready").mkdir(parents=True, exist_ok=True)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    running: list[tuple[str, str, subprocess.Popen]] = []
    failures: list[str] = []
    try:
        pending = {}
        for host, sargs in servers(work):
            ready = work / "ready" / f"{host}-{sargs[0]}"
            ready.unlink(missing_ok=True)
            proc = spawn(host, [*sargs, "--ready", str(ready)], work / "logs" / f"{host}-{sargs[0]}.log")
            running.append((host, sargs[0], proc))
            pending[ready] = (host, sargs[0], proc)
        deadline = time.monotonic() + 45
        while pending and time.monotonic() < deadline:
            for ready, (host, role, proc) in list(pending.items()):
                if ready.exists():
                    del pending[ready]
                elif proc.poll() is not None:
                    failures.append(f"server {role} on {host} exited with {proc.returncode} before listening")
                    del pending[ready]
            time.sleep(0.1)
        for host, role, _ in pending.values():
            failures.append(f"server {role} on {host} not listening within 45 s")
        if failures:
            raise RuntimeError("; ".join(failures))
        print(f"scenario: {len(running)} servers listening after {time.monotonic() - started:.1f} s", flush=True)

        client_procs = []
        for host, cargs in clients(args.duration):
            out = work / "logs" / f"{host}-{cargs[0]}.out"
            proc = spawn(host, cargs, work / "logs" / f"{host}-{cargs[0]}.log", stdout=out.open("wb"))
            client_procs.append((host, cargs[0], proc, out))
        results = []
        client_deadline = time.monotonic() + args.duration + 30
        for host, role, proc, out in client_procs:
            try:
                proc.wait(max(0.1, client_deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                stop(proc)
                failures.append(f"client {role} on {host} did not finish in time")
                continue
            lines = [ln for ln in out.read_text().splitlines() if ln.startswith("{")]
            if proc.returncode != 0 or not lines:
                log = (work / "logs" / f"{host}-{role}.log").read_text()[-2000:]
                failures.append(f"client {role} on {host} exited with {proc.returncode}: {log}")
                continue
            results.append(json.loads(lines[-1]))
        print(f"scenario: {len(results)} clients done after {time.monotonic() - started:.1f} s", flush=True)
    finally:
        for _, _, proc in running:
            stop(proc)

    Path(args.results).write_text(json.dumps(dict(duration_s=args.duration, clients=results), indent=2,
                                             sort_keys=True) + "\n")
    if failures:
        print("scenario: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
