#!/usr/bin/env python3
"""CPU accounting for bench/poll-cycle.sh on a shared machine (Linux /proc only).

  cpu.py snap OUT PID [PID…]   writes a snapshot: machine busy time, and per process and per thread group CPU time
  cpu.py diff A B LABEL [CPU]  prints what happened between two snapshots: machine busy CPU-s, the first PID's CPU-s split by
                               thread group (poll threads, JIT compiler, GC, …), the other PIDs' CPU-s, and everything else
                               on the machine (other people's work: the noise); CPU = CPU-s of a child measured
                               otherwise (newsboat); with CPU_JSON=FILE also writes those figures as JSON
"""
import json
import os
import re
import sys

HZ = os.sysconf("SC_CLK_TCK")
GROUPS = [("poll threads", r"^hallway-poll"), ("JIT compiler", r"Compiler|CompilerThre"),
          ("GC/VM", r"^(GC Thread|G1 |VM Thread|VM Periodic|Sweeper)"), ("HTTP client", r"^(HttpClient|hallway-http|hallway-fetch)"),
          ("H2", r"^(H2|MVStore)"), ("request threads", r"^(executor-thread|vert\.x)")]


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / HZ  # all but idle and iowait, up to steal


def proc_cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
    except OSError:
        return None
    fields = s[s.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / HZ  # utime + stime (fields 14, 15)


def thread_groups(pid):
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s[s.rindex(")") + 2:].split()
        t = (int(fields[11]) + int(fields[12])) / HZ
        group = next((g for g, pat in GROUPS if re.search(pat, comm)), "other threads")
        out[group] = out.get(group, 0) + t
    return out


def main():
    if sys.argv[1] == "snap":
        pids = sys.argv[3:]
        snap = {"busy": machine_busy(), "pids": pids, "cpu": {p: proc_cpu(p) for p in pids},
                "groups": thread_groups(pids[0]) if pids else {}}
        with open(sys.argv[2], "w") as f:
            json.dump(snap, f)
        return
    a, b = (json.load(open(p)) for p in sys.argv[2:4])
    label = sys.argv[4]
    busy = b["busy"] - a["busy"]
    main_pid = a["pids"][0]
    mine = (b["cpu"].get(main_pid) or 0) - (a["cpu"].get(main_pid) or 0)
    rest = sum((b["cpu"].get(p) or 0) - (a["cpu"].get(p) or 0) for p in a["pids"][1:] if b["cpu"].get(p) is not None)
    extra = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0  # CPU-s of a child measured otherwise (newsboat)
    groups = {g: b["groups"].get(g, 0) - a["groups"].get(g, 0) for g in set(a["groups"]) | set(b["groups"])}
    split = ", ".join(f"{g} {v:.1f}" for g, v in sorted(groups.items(), key=lambda kv: -kv[1]) if v >= 0.05)
    exited = mine - sum(groups.values())
    noise = max(0.0, busy - mine - rest - extra)
    if os.environ.get("CPU_JSON"):
        with open(os.environ["CPU_JSON"], "w") as f:
            json.dump({"process": mine if mine > 0 else extra, "servers": rest, "noise": noise, "busy": busy}, f)
    if main_pid and mine > 0:
        print(f"{label}: {mine:.1f} CPU-s [{split}{', exited threads %.1f' % exited if exited >= 0.05 else ''}]; "
              f"HTTP servers {rest:.1f} CPU-s; rest of the machine (noise) {noise:.1f} CPU-s")
    else:
        print(f"{label}: {extra:.1f} CPU-s; HTTP servers {rest:.1f} CPU-s; rest of the machine (noise) {noise:.1f} CPU-s")


if __name__ == "__main__":
    main()
