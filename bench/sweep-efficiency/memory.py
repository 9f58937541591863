#!/usr/bin/env python3
"""Memory over many jobs in one silo: runs `grn run SPEC --slots 1`, reads the process's VmRSS from
/proc every 100 ms, and reports the resident memory right after each job finished, and its growth
from after job WARM (the first few jobs fill caches and pools) to after the last. Standard library only.

Usage: memory.py GRN_DLL OUT_DIR [--spec FILE] [--warm N] [--json FILE]
(run it under the bench lock: flock /tmp/grn-bench.lock python3 ...)
"""
import argparse, glob, json, os, subprocess, time
from datetime import datetime


def rss_bytes(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dll")
    parser.add_argument("out")
    parser.add_argument("--spec", default="bench/sweep-efficiency/memory.yaml")
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    samples = []
    with open(os.path.join(args.out, "grn.log"), "w") as log:
        process = subprocess.Popen(["dotnet", args.dll, "run", args.spec, "--slots", "1", "--out", os.path.join(args.out, "sweep")], stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            value = rss_bytes(process.pid)
            if value is not None:
                samples.append((time.time(), value))
            time.sleep(0.1)
    if process.returncode != 0:
        raise SystemExit(f"grn run exited {process.returncode}: see {args.out}/grn.log")

    jobs = []
    for path in glob.glob(os.path.join(args.out, "sweep", "**", "result.json"), recursive=True):
        result = json.load(open(path))
        finished = datetime.fromisoformat(result["finished_at"].replace("Z", "+00:00")).timestamp()
        epochs = result.get("epochs", [])
        jobs.append((finished, epochs[-1]["process_memory_bytes"] if epochs else None))
    jobs.sort()
    after = []
    for finished, trainer_reading in jobs:
        # The first reading after the job's end: its data, model and optimizer are released by then.
        later = [value for t, value in samples if t >= finished]
        after.append({"rss_after_job": later[0] if later else samples[-1][1], "trainer_rss_after_epoch": trainer_reading})
    warm = min(args.warm, len(after))
    base, last = after[warm - 1]["rss_after_job"], after[-1]["rss_after_job"]
    growth = (last - base) / base
    mib = 1 << 20
    print(f"{'job':>5}{'RSS after (MiB)':>18}{'trainer RSS (MiB)':>20}")
    for index, row in enumerate(after, 1):
        if index <= warm or index % 5 == 0 or index == len(after):
            print(f"{index:>5}{row['rss_after_job'] / mib:>18.0f}{(row['trainer_rss_after_epoch'] or 0) / mib:>20.0f}")
    print(f"peak RSS {max(v for _, v in samples) / mib:.0f} MiB; growth from after job {warm} to after job {len(after)}: {growth * 100:+.1f} %")
    if args.json:
        machine_path = os.path.join(args.out, "machine.json")
        json.dump({"benchmark": "memory-over-jobs", "machine": json.load(open(machine_path)) if os.path.exists(machine_path) else None,
                   "jobs": len(after), "warm": warm, "growth_after_warm": growth, "peak_rss_bytes": max(v for _, v in samples),
                   "after_each_job": after}, open(args.json, "w"), indent=2)
        print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
