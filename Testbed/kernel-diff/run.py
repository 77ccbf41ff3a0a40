#!/usr/bin/env python3
"""Differential test: Bulkhead's firewall engine against the Linux kernel.

For each seed: generate a ruleset (even seeds iptables, odd seeds nftables unless --vendor says otherwise), load it
into the router namespace, send probes through the router, and compare the kernel's verdict (did the packet
arrive?) with `bulkhead trace --batch`. Exit 0 when every probe agrees, 1 on a disagreement, 2 when the testbed
cannot run here (not root, no `ip netns`), 3 on a harness error.

Reproduce one case: python3 Testbed/kernel-diff/run.py --seed N --rulesets 1
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import netns  # noqa: E402
import rulegen  # noqa: E402
import topology as topo  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(os.path.dirname(HERE))
ENGINE_TIMEOUT = 120
MAX_SHOWN = 25  # disagreements printed in full; the --report JSON has all of them


def vendor_for(seed, choice):
    if choice != "both":
        return choice
    if seed % 2:
        return "nftables"
    return "ip6tables" if seed % 10 == 0 else "iptables"


def rule_text(rs, where):
    """The reference interpreter's deciding rule, as the vendor text renders it."""
    chain, i = where
    if i is None:
        return f"policy of chain {chain}"
    r = rs.rule_at(chain, i)
    if rs.vendor != "nftables":
        body = " ".join([m.ipt() for m in r.matches] + [r.verdict_ipt()])
    else:
        body = rs.nft_rule(r)
    return f"chain {chain} rule {i + 1}: {body}"


def export_positions(vendor, exported):
    """(chain, rule index) -> where the kernel's export has that rule: iptables-save line, or nft handle."""
    pos = {}
    if vendor != "nftables":
        counts = {}
        for n, line in enumerate(exported.splitlines(), 1):
            words = line.split()
            if words and words[0].startswith("[") and len(words) > 1:
                words = words[1:]  # iptables-save -c: [packets:bytes] -A ...
            if len(words) >= 2 and words[0] == "-A":
                i = counts.get(words[1], 0)
                pos[(words[1], i)] = n
                counts[words[1]] = i + 1
        return pos
    counts = {}
    for item in json.loads(exported).get("nftables", []):
        r = item.get("rule")
        if r:
            i = counts.get(r["chain"], 0)
            pos[(r["chain"], i)] = r.get("handle")
            counts[r["chain"]] = i + 1
    return pos


def same_rule(vendor, where, positions, engine_rule):
    """Whether the engine's deciding rule is the reference's (a policy is no rule)."""
    if where[1] is None:
        return engine_rule is None
    if not isinstance(engine_rule, dict):
        return False
    want = positions.get(where)
    return engine_rule.get("handle" if vendor == "nftables" else "line") == want


def kernel_round(prober, vendor, text, probes, tag, counters):
    """One round on a fresh conntrack table: open the connections that established probes need (on a ruleset
    that accepts everything), load the ruleset under test, send the probes."""
    est = [p for p in probes if p.get("state") == "established"]
    if est:
        netns.load_establish_ruleset()
        netns.flush_conntrack()
        prober.establish(est, tag ^ 0x4000)
        netns.load_ruleset(vendor, text, counters)
    else:
        netns.flush_conntrack()
    return prober.run(probes, round_tag=tag)


def run_engine(bulkhead, config, vendor, probes_path, expected_ids):
    # ip6tables-save is the iptables dialect to Bulkhead (the parser tells the family from the addresses)
    args = [bulkhead, "trace", "--config", config, "--vendor", "nftables" if vendor == "nftables" else "iptables",
            "--batch", probes_path]
    if vendor != "nftables":
        args += ["--chain", "FORWARD"]
    try:
        res = subprocess.run(args, capture_output=True, text=True, timeout=ENGINE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"`{' '.join(args)}` timed out after {ENGINE_TIMEOUT}s"
    except OSError as e:
        return None, f"cannot run {bulkhead}: {e}"
    if res.returncode != 0:
        return None, f"`{' '.join(args)}` exited {res.returncode}: {res.stderr.strip()[:2000]}"
    out = {}
    for n, line in enumerate(res.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            return None, f"engine output line {n} is not JSON ({e}): {line[:200]}"
        if not isinstance(o, dict) or "id" not in o or o.get("verdict") not in ("allow", "deny"):
            return None, f"engine output line {n} lacks id/verdict allow|deny: {line[:200]}"
        out[o["id"]] = o
    missing = [i for i in expected_ids if i not in out]
    if missing:
        return None, f"engine printed no verdict for {len(missing)} probes (first: {missing[0]}); stderr: " \
                     f"{res.stderr.strip()[:500]}"
    return out, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("BULKHEAD_KDIFF_SEED", "1")),
                    help="first seed; ruleset i uses seed+i (default 1, env BULKHEAD_KDIFF_SEED)")
    ap.add_argument("--rulesets", type=int, default=50)
    ap.add_argument("--probes", type=int, default=200, help="probes per ruleset")
    ap.add_argument("--nft-text", action="store_true",
                    help="for nftables rulesets also give bulkhead the `nft list ruleset` text (its text parser)")
    ap.add_argument("--established", type=float, default=0.15,
                    help="share of TCP/UDP probes sent as the next packet of an opened connection (state "
                         "established); default 0.15")
    ap.add_argument("--vendor", choices=["both", "iptables", "ip6tables", "nftables"], default="both",
                    help="both (default): odd seeds nftables, even seeds iptables, every tenth ip6tables")
    ap.add_argument("--bulkhead", default=os.path.join(PACKAGE_ROOT, ".build", "debug", "bulkhead"),
                    help="bulkhead binary (default <package root>/.build/debug/bulkhead)")
    ap.add_argument("--kernel-only", action="store_true",
                    help="do not run bulkhead; check the kernel against the harness's reference interpreter only")
    ap.add_argument("--workdir", help="where rulesets/probes/verdicts are written (default: a new temp dir)")
    ap.add_argument("--report", help="write a JSON summary here")
    ap.add_argument("--keep-netns", action="store_true", help="leave this run's bhk-<run>-* namespaces up afterwards (their names are printed)")
    ap.add_argument("--strict-rules", action="store_true",
                    help="also fail when bulkhead's deciding rule differs from the reference's (same verdict)")
    ap.add_argument("--strict-reference", action="store_true",
                    help="also fail when the kernel disagrees with the harness's own reference interpreter")
    a = ap.parse_args()

    why = netns.preflight()
    if why:
        print(f"kernel-diff: cannot run: {why}", file=sys.stderr)
        return 2
    if not a.kernel_only and not os.access(a.bulkhead, os.X_OK):
        print(f"kernel-diff: no bulkhead binary at {a.bulkhead} (swift build first, or --kernel-only)",
              file=sys.stderr)
        return 3
    workdir = a.workdir or tempfile.mkdtemp(prefix="bhk-kernel-diff-")
    os.makedirs(workdir, exist_ok=True)
    t0 = time.monotonic()
    try:
        held = netns.lock()
    except netns.HarnessError as e:
        print(f"kernel-diff: {e}", file=sys.stderr)
        return 3
    try:
        netns.setup()
        prober = netns.Prober()
    except netns.HarnessError as e:
        netns.teardown()
        print(f"kernel-diff: testbed setup failed: {e}", file=sys.stderr)
        return 3
    # Named, so a run killed with SIGKILL (the one case without a teardown) leaves a trail for `ip netns del`.
    print(f"kernel-diff: namespaces {topo.ROUTER_NS} {' '.join(topo.HOST_NS)}", file=sys.stderr)
    t_setup = time.monotonic() - t0
    disagreements, ref_disagreements, harness_errors, rule_differences = [], [], [], []
    stats = {"rulesets": 0, "probes": 0, "kernel_allow": 0, "by_vendor": {}}
    t_kernel = t_engine = 0.0
    try:
        for i in range(a.rulesets):
            seed = a.seed + i
            vendor = vendor_for(seed, a.vendor)
            rs = rulegen.generate_ruleset(seed, vendor)
            text = rs.render()
            stem = os.path.join(workdir, f"seed-{seed}")
            src_path = stem + (".nft" if vendor == "nftables" else ".rules")
            with open(src_path, "w") as f:
                f.write(text)
            tk = time.monotonic()
            try:
                exported = netns.load_ruleset(vendor, text, counters=seed % 4 == 0)  # validates, exports
            except netns.HarnessError as e:
                harness_errors.append(f"seed {seed}: the kernel refused the generated ruleset {src_path}: {e}")
                continue
            config = stem + {"iptables": ".iptables-save", "ip6tables": ".ip6tables-save"}.get(vendor, ".nft.json")
            with open(config, "w") as f:
                f.write(exported)
            positions = export_positions(vendor, exported)
            probes = rulegen.generate_probes(seed, rs, a.probes, a.established)
            probes_path = stem + ".probes.jsonl"
            with open(probes_path, "w") as f:
                for p in probes:
                    f.write(json.dumps(rulegen.probe_json(p), sort_keys=True) + "\n")
            counters = seed % 4 == 0
            kernel = kernel_round(prober, vendor, text, probes, (seed * 2 + 1) & 0xFFFF, counters)
            t_kernel += time.monotonic() - tk
            for p in probes:
                if kernel[p["id"]][1]:
                    harness_errors.append(f"seed {seed} probe {p['id']}: {kernel[p['id']][1]}")
            engine = None
            text_engine, text_config = None, None
            if not a.kernel_only:
                te = time.monotonic()
                engine, err = run_engine(a.bulkhead, config, vendor, probes_path, [p["id"] for p in probes])
                if err:
                    harness_errors.append(f"seed {seed} ({vendor}, {config}): {err}")
                if a.nft_text and vendor == "nftables":
                    # The same ruleset as `nft list ruleset` prints it (the engine's nft text parser).
                    text_config = stem + ".listed.nft"
                    with open(text_config, "w") as f:
                        f.write(netns.sh(["nft", "list", "ruleset"], ns=topo.ROUTER_NS))
                    text_engine, err = run_engine(a.bulkhead, text_config, vendor, probes_path,
                                                  [p["id"] for p in probes])
                    if err:
                        harness_errors.append(f"seed {seed} ({vendor} text, {text_config}): {err}")
                t_engine += time.monotonic() - te
            suspects = []
            for p in probes:
                kv = "allow" if kernel[p["id"]][0] else "deny"
                rv, where = rs.evaluate(p)
                ev = engine[p["id"]]["verdict"] if engine else None
                tv = text_engine[p["id"]]["verdict"] if text_engine else None
                if rv != kv or (ev is not None and ev != kv) or (tv is not None and tv != kv):
                    suspects.append(p)
            # Re-probe every suspect alone, on a fresh conntrack table, before calling it a disagreement: a lost
            # frame must never pass for a kernel verdict.
            # (One extra round for all of a ruleset's suspects: their tuples are distinct, so they stay independent,
            # and a run with many disagreements stays bounded.)
            confirmed = {}
            if suspects:
                again = kernel_round(prober, vendor, text, suspects, (seed * 2 + 1 + 0x8000) & 0xFFFF, counters)
                confirmed = {p["id"]: again[p["id"]][0] for p in suspects}
            verdicts_path = stem + ".verdicts.jsonl"
            with open(verdicts_path, "w") as f:
                for p in probes:
                    kv = "allow" if kernel[p["id"]][0] else "deny"
                    if p["id"] in confirmed and confirmed[p["id"]] != kernel[p["id"]][0]:
                        harness_errors.append(f"seed {seed} probe {p['id']}: kernel verdict not reproducible "
                                              f"({kv} then {'allow' if confirmed[p['id']] else 'deny'})")
                        continue
                    rv, where = rs.evaluate(p)
                    rec = {"id": p["id"], "kernel": kv, "reference": rv}
                    case = {"seed": seed, "vendor": vendor, "ruleset": src_path, "config": config,
                            "probe": rulegen.probe_json(p), "kernel": kv, "reference": rv,
                            "reference_rule": rule_text(rs, where)}
                    if engine:
                        e = engine[p["id"]]
                        rec["bulkhead"] = e["verdict"]
                        case["bulkhead"] = e["verdict"]
                        case["bulkhead_rule"] = e.get("rule")
                        if e["verdict"] != kv:
                            disagreements.append(case)
                        elif rv == kv and not same_rule(vendor, where, positions, e.get("rule")):
                            rule_differences.append(case)
                    if text_engine and text_engine[p["id"]]["verdict"] != kv:
                        t = text_engine[p["id"]]
                        disagreements.append(dict(case, variant="nft list ruleset text", config=text_config,
                                                  bulkhead=t["verdict"], bulkhead_rule=t.get("rule")))
                    if rv != kv:
                        ref_disagreements.append(case)
                    f.write(json.dumps(rec, sort_keys=True) + "\n")
                    stats["kernel_allow"] += kv == "allow"
            stats["rulesets"] += 1
            stats["probes"] += len(probes)
            stats["by_vendor"][vendor] = stats["by_vendor"].get(vendor, 0) + 1
    finally:
        missing_sentinels = prober.missing_sentinels
        prober.close()
        if a.keep_netns:
            print(f"kernel-diff: namespaces kept: {' '.join(netns.keep())}", file=sys.stderr)
        else:
            netns.teardown()
        held.close()
    wall = time.monotonic() - t0

    extra_args = (f" --vendor {a.vendor}" if a.vendor != "both" else "") + (
        f" --probes {a.probes}" if a.probes != 200 else "")
    # The first disagreement of every seed before any second one: distinct bugs first.
    firsts, rest, seeds_seen = [], [], set()
    for c in disagreements:
        (rest if c["seed"] in seeds_seen else firsts).append(c)
        seeds_seen.add(c["seed"])
    shown = (firsts + rest)[:MAX_SHOWN]
    for c in shown:
        print(f"DISAGREEMENT seed={c['seed']} vendor={c['vendor']}"
              + (f" (engine given the {c['variant']})" if c.get("variant") else ""))
        print(f"  ruleset:   {c['ruleset']}  (engine input: {c['config']})")
        print(f"  probe:     {json.dumps(c['probe'], sort_keys=True)}")
        print(f"  kernel:    {c['kernel']}")
        print(f"  bulkhead:  {c['bulkhead']}  deciding rule {json.dumps(c['bulkhead_rule'], sort_keys=True)}")
        print(f"  reference: {c['reference']}  ({c['reference_rule']})")
        print(f"  reproduce: python3 Testbed/kernel-diff/run.py --seed {c['seed']} --rulesets 1{extra_args}")
    if len(disagreements) > len(shown):
        per_seed = {}
        for c in disagreements:
            per_seed[c["seed"]] = per_seed.get(c["seed"], 0) + 1
        print(f"... {len(disagreements) - len(shown)} more disagreements not shown (all in --report); per seed: " +
              ", ".join(f"{k}: {v}" for k, v in sorted(per_seed.items())))
    for c in ref_disagreements[:MAX_SHOWN]:
        print(f"REFERENCE-MISMATCH seed={c['seed']} vendor={c['vendor']} kernel={c['kernel']} "
              f"reference={c['reference']} ({c['reference_rule']}) probe={json.dumps(c['probe'], sort_keys=True)}")
    for c in rule_differences[:5]:
        print(f"RULE-DIFFERENCE seed={c['seed']} same verdict {c['kernel']}, but bulkhead's deciding rule "
              f"{json.dumps(c['bulkhead_rule'], sort_keys=True)} is not the reference's ({c['reference_rule']}); "
              f"probe={json.dumps(c['probe'], sort_keys=True)}")
    for h in harness_errors[:MAX_SHOWN * 4]:
        print(f"HARNESS-ERROR {h}")
    allow_pct = 100.0 * stats["kernel_allow"] / max(1, stats["probes"])
    mode = "kernel vs reference only" if a.kernel_only else "kernel vs bulkhead"
    print(f"kernel-diff: {stats['rulesets']} rulesets ({', '.join(f'{v} {n}' for v, n in sorted(stats['by_vendor'].items()))}) "
          f"x {a.probes} probes = {stats['probes']} probes, {mode}; kernel allowed {allow_pct:.0f}%; "
          f"disagreements {len(disagreements)}, reference mismatches {len(ref_disagreements)}, "
          f"deciding-rule differences {len(rule_differences)}, "
          f"harness errors {len(harness_errors)}; seeds {a.seed}..{a.seed + a.rulesets - 1}; "
          + (f"rounds without every sentinel reply {missing_sentinels}; " if missing_sentinels else "") +
          f"wall {wall:.1f}s (setup {t_setup:.1f}s, kernel {t_kernel:.1f}s, engine {t_engine:.1f}s); files in {workdir}")
    if a.report:
        with open(a.report, "w") as f:
            json.dump({"stats": stats, "disagreements": disagreements, "reference_mismatches": ref_disagreements,
                       "rule_differences": rule_differences,
                       "harness_errors": harness_errors, "wall_seconds": round(wall, 1), "workdir": workdir},
                      f, sort_keys=True, indent=1)
    if disagreements:
        return 1
    if harness_errors or (a.strict_reference and ref_disagreements) or (a.strict_rules and rule_differences):
        return 3
    return 0


if __name__ == "__main__":
    try:
        rc = main()
    except KeyboardInterrupt:
        netns.teardown()
        rc = 3
    except Exception:  # a harness bug must never read as exit 1 (a disagreement)
        import traceback
        traceback.print_exc()
        print("kernel-diff: harness error (see the traceback above)", file=sys.stderr)
        rc = 3
    sys.exit(rc)
