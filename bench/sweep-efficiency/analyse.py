#!/usr/bin/env python3
"""Accounts for the wall time of the sweeps run.sh ran: per build, the medians over runs of each part
of the wall time, the ratio of wall time to the jobs' training and test time, and peak RSS; with two
builds, the ratio of the second's wall time to the first's, paired run by run. Standard library only.

Usage: analyse.py OUT_DIR [--json FILE]   (OUT_DIR as run.sh leaves it: LABEL/run-N/{start,end,time.txt,sweep/})
"""
import argparse, glob, json, os, re, statistics
from datetime import datetime


def seconds_since_epoch(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def job_figures(path):
    """One job's span and the seconds of each phase, from its result.json."""
    result = json.load(open(path))
    phases = result.get("phases") or {}
    epochs = result.get("epochs", [])
    train = sum(e["train_seconds"] for e in epochs)
    test = sum(e["test_seconds"] for e in epochs)
    load, setup = phases.get("data_load_seconds", 0.0), phases.get("setup_seconds", 0.0)
    # started_at is stamped after the data is loaded and the model built: the job began that much earlier.
    begin = seconds_since_epoch(result["started_at"]) - load - setup
    end = seconds_since_epoch(result["finished_at"])
    parts = {
        "train": train, "test": test, "data_load": load, "setup": setup,
        "validation": phases.get("validation_seconds", 0.0),
        "checkpoint": phases.get("checkpoint_seconds", 0.0),
        "result_writes": phases.get("result_write_seconds", 0.0),
        "grad_cam": phases.get("after_training_seconds", 0.0),
    }
    parts["other_in_job"] = (end - begin) - sum(parts.values())
    return begin, end, parts


def run_figures(run_dir):
    start = float(open(os.path.join(run_dir, "start")).read())
    end = float(open(os.path.join(run_dir, "end")).read())
    jobs = [job_figures(p) for p in glob.glob(os.path.join(run_dir, "sweep", "**", "result.json"), recursive=True)]
    if not jobs:
        raise SystemExit(f"{run_dir}: no result.json")
    jobs.sort()
    parts = {k: sum(j[2][k] for j in jobs) for k in jobs[0][2]}
    # Time inside the sweep when no job ran (one slot: the gaps between consecutive jobs).
    covered, reach = 0.0, jobs[0][0]
    for begin, finish, _ in jobs:
        covered += max(0.0, finish - max(begin, reach))
        reach = max(reach, finish)
    first, last = jobs[0][0], max(j[1] for j in jobs)
    parts["between_jobs"] = (last - first) - covered
    parts["startup"] = first - start
    parts["shutdown_and_report"] = end - last
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(os.path.join(run_dir, "time.txt")).read())
    wall = end - start
    return {"wall": wall, "jobs": len(jobs), "train_plus_test": parts["train"] + parts["test"],
            "ratio": wall / (parts["train"] + parts["test"]), "peak_rss_mib": int(rss.group(1)) / 1024 if rss else None,
            "parts": parts, "load_average_after": open(os.path.join(run_dir, "loadavg")).read().split()[:3]}


def median(values):
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--json")
    args = parser.parse_args()
    labels = sorted(d for d in os.listdir(args.out) if os.path.isdir(os.path.join(args.out, d)))
    # run.sh's order of builds is the order of its first runs' start times.
    labels.sort(key=lambda l: float(open(os.path.join(args.out, l, "run-1", "start")).read()))
    builds = {}
    for label in labels:
        runs = sorted(glob.glob(os.path.join(args.out, label, "run-*")), key=lambda p: int(p.rsplit("-", 1)[1]))
        figures = [run_figures(r) for r in runs]
        names = list(figures[0]["parts"])
        builds[label] = {
            "runs": figures,
            "median": {"wall": median([f["wall"] for f in figures]), "train_plus_test": median([f["train_plus_test"] for f in figures]),
                       "ratio": median([f["ratio"] for f in figures]), "peak_rss_mib": median([f["peak_rss_mib"] for f in figures if f["peak_rss_mib"]]),
                       "parts": {n: median([f["parts"][n] for f in figures]) for n in names}},
        }

    header = f"{'seconds (median)':<22}" + "".join(f"{l:>12}" for l in labels)
    print(header)
    print("-" * len(header))
    rows = [("wall", "wall"), ("train + test", "train_plus_test"), ("wall / (train+test)", "ratio")]
    for title, key in rows:
        print(f"{title:<22}" + "".join(f"{builds[l]['median'][key]:>12.2f}" for l in labels))
    for name in builds[labels[0]]["median"]["parts"]:
        print(f"  {name:<20}" + "".join(f"{builds[l]['median']['parts'][name]:>12.2f}" for l in labels))
    print(f"{'peak RSS (MiB)':<22}" + "".join(f"{builds[l]['median']['peak_rss_mib'] or 0:>12.0f}" for l in labels))
    print(f"{'runs, jobs':<22}" + "".join(f"{len(builds[l]['runs']):>9}, {builds[l]['runs'][0]['jobs']}" for l in labels))

    comparison = None
    if len(labels) == 2:
        a, b = labels
        ratios = [rb["wall"] / ra["wall"] for ra, rb in zip(builds[a]["runs"], builds[b]["runs"])]
        comparison = {"of": f"{b} / {a} wall time, paired by run", "median": median(ratios), "min": min(ratios), "max": max(ratios), "ratios": ratios}
        print(f"\n{b} / {a} wall time: median {comparison['median']:.3f} (runs {', '.join(f'{r:.3f}' for r in ratios)})")

    if args.json:
        machine_path = os.path.join(args.out, "machine.json")
        machine = json.load(open(machine_path)) if os.path.exists(machine_path) else None
        json.dump({"benchmark": "sweep-efficiency", "machine": machine, "builds": builds, "comparison": comparison}, open(args.json, "w"), indent=2)
        print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
