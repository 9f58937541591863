"""Runs the C# and PyTorch step runners side by side and compares their step times.

For each case (workload x optimizer x threads) it runs R rounds of one C# process and one PyTorch
process, alternating which goes first, each under the machine-wide benchmark lock. Each process
reports its per-step times; a process's figure is its median step. Per round the ratio C#/PyTorch
is taken from the two processes of that round, so slow phases of a shared machine hit both sides
of a ratio; the case reports the median of each side's per-process medians and the median ratio
with its min-max spread over rounds (never the ratio of two separately measured means).
Writes JSON (cases, rounds, per-step times, machine) and prints a table. Run through run.sh.
"""

import argparse
import datetime
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

import benchlock
import blas
import machine
from report import verdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))
FULL_CASES = [(w, o, t) for w in ("mnist", "cifar", "text") for o in ("sgd", "adam") for t in (1, 2)]
# Every workload, optimizer and thread count once: a check that both sides run and agree on shapes.
# The thresholds TensorMemoryRetention sets on the C# side (32 MiB, glibc's largest mmap threshold; 256 MiB).
SAME_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(32 * 1024 * 1024), "MALLOC_TRIM_THRESHOLD_": str(256 * 1024 * 1024)}

SMOKE_CASES = [("mnist", "sgd", 1), ("cifar", "adam", 2), ("text", "adam", 1)]


def run_side(command, case, args):
    """Runs one step process; returns its JSON report."""
    workload, optimizer, threads = case
    argv = command + ["--workload", workload, "--optimizer", optimizer, "--threads", str(threads),
                      "--batch", str(args.batch), "--warmup", str(args.warmup), "--steps", str(args.steps),
                      "--device", args.device]
    # Thread pools that torch.set_num_threads does not reach (Debian's torch calls OpenBLAS through
    # the generic libblas.so.3, so OpenBLAS would start one thread per core) get the same count.
    environment = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    if args.peer_malloc == "same":
        # The C# side sets glibc's mmap and trim thresholds itself (TensorMemoryRetention, mallopt);
        # the same values through glibc's environment give PyTorch the same allocator behaviour. With
        # glibc's defaults PyTorch maps and page-faults every large activation afresh each step.
        environment.update(SAME_MALLOC)
    finished = subprocess.run(argv, capture_output=True, text=True, env=environment, cwd=HERE)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
    if finished.returncode != 0 or not lines:
        raise SystemExit(f"interleave: {shlex.join(argv)} failed (exit {finished.returncode}):\n{finished.stderr[-2000:]}")
    report = json.loads(lines[-1])
    if report["threads"] != threads:
        raise SystemExit(f"interleave: {shlex.join(argv)} ran on {report['threads']} threads, not {threads}")
    return report


def check_same_model(case, csharp, pytorch):
    """Both sides must train the same network: the same parameter names with the same shapes."""
    ours, theirs = csharp["parameter_shapes"], pytorch["parameter_shapes"]
    if ours == theirs:
        return
    differences = sorted(name for name in set(ours) | set(theirs) if ours.get(name) != theirs.get(name))
    details = ", ".join(f"{name}: C# {ours.get(name)} PyTorch {theirs.get(name)}" for name in differences[:5])
    raise SystemExit(f"interleave: {case}: the models differ ({csharp['parameters']} parameters in C#, {pytorch['parameters']} in PyTorch): {details}")


def measure(case, args, csharp_command, python_command):
    """R interleaved rounds of one case; returns its record."""
    rounds = []
    with benchlock.held(args.lock):
        load_before = machine.load_average()
        for index in range(args.rounds):
            csharp_first = index % 2 == 0
            order = ["csharp", "pytorch"] if csharp_first else ["pytorch", "csharp"]
            reports = {side: run_side(csharp_command if side == "csharp" else python_command, case, args) for side in order}
            check_same_model(case, reports["csharp"], reports["pytorch"])
            medians = {side: statistics.median(reports[side]["step_ms"]) for side in reports}
            rounds.append({
                "first": order[0],
                "csharp_median_ms": medians["csharp"],
                "pytorch_median_ms": medians["pytorch"],
                "ratio": medians["csharp"] / medians["pytorch"],
                "csharp_step_ms": reports["csharp"]["step_ms"],
                "pytorch_step_ms": reports["pytorch"]["step_ms"],
            })
        load_after = machine.load_average()
    ratios = [r["ratio"] for r in rounds]
    workload, optimizer, threads = case
    return {
        "workload": workload,
        "optimizer": optimizer,
        "threads": threads,
        "parameters": {"csharp": reports["csharp"]["parameters"], "pytorch": reports["pytorch"]["parameters"]},
        "csharp_ms": statistics.median(r["csharp_median_ms"] for r in rounds),
        "pytorch_ms": statistics.median(r["pytorch_median_ms"] for r in rounds),
        "ratio_median": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "load_average": {"before": load_before, "after": load_after},
        "rounds": rounds,
        "versions": {"csharp": reports["csharp"]["versions"], "pytorch": reports["pytorch"]["versions"]},
    }


def print_table(cases, description):
    header = f"{'workload':8} {'optimizer':9} {'threads':>7} {'params C#':>10} {'params Py':>10} {'C# ms':>8} {'PyTorch ms':>10} {'C#/PyTorch [min-max]':>22}  verdict"
    print()
    print(header)
    print("-" * len(header))
    for c in cases:
        spread = f"{c['ratio_median']:.2f} [{c['ratio_min']:.2f}-{c['ratio_max']:.2f}]"
        print(f"{c['workload']:8} {c['optimizer']:9} {c['threads']:>7} {c['parameters']['csharp']:>10,} {c['parameters']['pytorch']:>10,} "
              f"{c['csharp_ms']:>8.1f} {c['pytorch_ms']:>10.1f} {spread:>22}  {verdict(c)}")
    print()
    for key in ("cpu", "logical_cores", "memory_gib", "os", "dotnet_sdk", "torchsharp_package", "libtorch_package", "pytorch", "blas", "gpus"):
        print(f"{key:>18}: {description.get(key)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csharp", required=True, help="command that runs the C# step verb, e.g. 'dotnet .../grn-benchmarks.dll step'")
    parser.add_argument("--smoke", action="store_true", help="3 cases, 1 round, 3 steps: a check that everything runs")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--cases", nargs="*", help="cases as workload/optimizer/threads, e.g. mnist/sgd/2 (default: all 12)")
    parser.add_argument("--peer-malloc", choices=["same", "glibc-default"], default="same",
                        help="same: PyTorch gets the glibc mmap/trim thresholds the C# side sets (the fair peer); glibc-default: as installed")
    parser.add_argument("--lock", default=benchlock.DEFAULT, help="lock file taken per case ('' for none)")
    parser.add_argument("--out", default=os.path.join(HERE, "results.json"))
    args = parser.parse_args()

    if args.smoke:
        args.rounds, args.steps, args.warmup = 1, 3, 1
    cases = SMOKE_CASES if args.smoke else FULL_CASES
    if args.cases:
        cases = [(w, o, int(t)) for w, o, t in (c.split("/") for c in args.cases)]
    csharp_command = shlex.split(args.csharp)
    python_command = [sys.executable, os.path.join(HERE, "step.py")]

    description = machine.describe(REPOSITORY)
    description["pytorch"] = __import__("torch").__version__
    description["blas"] = blas.describe()
    started = datetime.datetime.now(datetime.timezone.utc)
    print(f"interleave: {len(cases)} case(s) x {args.rounds} round(s), {args.warmup} warm-up + {args.steps} timed steps, batch {args.batch}, {args.device}",
          file=sys.stderr)
    results = []
    for case in cases:
        clock = time.monotonic()
        results.append(measure(case, args, csharp_command, python_command))
        r = results[-1]
        print(f"  {'/'.join(map(str, case))}: C# {r['csharp_ms']:.1f} ms, PyTorch {r['pytorch_ms']:.1f} ms, "
              f"ratio {r['ratio_median']:.2f} [{r['ratio_min']:.2f}-{r['ratio_max']:.2f}] ({time.monotonic() - clock:.0f} s)",
              file=sys.stderr, flush=True)

    output = {
        "benchmark": "pytorch-step",
        "started_utc": started.isoformat(timespec="seconds"),
        "command": shlex.join(sys.argv),
        "settings": {"peer_malloc": args.peer_malloc, "rounds": args.rounds, "steps": args.steps, "warmup": args.warmup, "batch": args.batch, "device": args.device,
                     "smoke": args.smoke},
        "machine": description,
        "cases": results,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(output, f, indent=1)
        f.write("\n")
    print_table(results, description)
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
