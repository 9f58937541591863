"""Prints the Markdown tables BENCHMARKS.md shows, from the JSON that run.sh or parity.sh wrote.

    /usr/bin/python3 bench/pytorch/report.py bench/pytorch/results.json
    /usr/bin/python3 bench/pytorch/report.py runs/bench-pytorch-parity/parity-2000.json
"""

import json
import sys


def verdict(case):
    """Against the goal (C# at least as fast), judged on the spread over rounds, not the median alone."""
    if case["ratio_max"] <= 1:
        return "C# faster"
    if case["ratio_min"] > 1:
        return "C# slower"
    return "within spread"


def step_tables(results):
    settings = results["settings"]
    print(f"{settings['rounds']} round(s) of [C#, PyTorch] per case (alternating which goes first), {settings['warmup']} warm-up + "
          f"{settings['steps']} timed steps per process, batch {settings['batch']}, device {settings['device']}; "
          f"PyTorch's glibc malloc thresholds: {settings.get('peer_malloc', 'glibc-default')}; started {results['started_utc']}.")
    print()
    print("| workload | optimizer | threads | parameters (C# = PyTorch) | C# ms/step | PyTorch ms/step | C#/PyTorch median [min–max] | verdict | load avg (before → after) |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    for c in results["cases"]:
        parameters = c["parameters"]
        same = "" if parameters["csharp"] == parameters["pytorch"] else f" ≠ {parameters['pytorch']:,}"
        print(f"| {c['workload']} | {c['optimizer']} | {c['threads']} | {parameters['csharp']:,}{same} | {c['csharp_ms']:.1f} | {c['pytorch_ms']:.1f} | "
              f"{c['ratio_median']:.2f} [{c['ratio_min']:.2f}–{c['ratio_max']:.2f}] | {verdict(c)} | "
              f"{c['load_average']['before']} → {c['load_average']['after']} |")
    print()
    m = results["machine"]
    print("| machine | |")
    print("|---|---|")
    rows = [("CPU", f"{m['cpu']}, {m['logical_cores']} logical cores ({m['usable_cores']} usable)"), ("memory", f"{m['memory_gib']} GiB"),
            ("OS", m["os"]), (".NET SDK", m["dotnet_sdk"]),
            ("TorchSharp / libtorch", f"{m['torchsharp_package']} / libtorch-cpu-linux-x64 {m['libtorch_package']}"),
            ("PyTorch", m["pytorch"]), ("BLAS under PyTorch", m["blas"]), ("GPUs", ", ".join(m["gpus"]) or "none")]
    for name, value in rows:
        print(f"| {name} | {value} |")


def parity_table(results):
    print("| seed | train digits | threads | grn test accuracy | PyTorch test accuracy | same to 4 decimals | step-1 loss (grn = PyTorch) | largest step-loss difference | losses > 1e-5 apart from step |")
    print("|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for r in results["seeds"]:
        first = r["first_step_loss"]
        step_one = f"{first['grn']:.6f}" if first["grn"] == first["pytorch"] else f"{first['grn']:.6f} ≠ {first['pytorch']:.6f}"
        apart = f"{r['first_step_apart']} of {r['steps']['grn']}" if r["first_step_apart"] else f"never ({r['steps']['grn']} steps)"
        print(f"| {r['seed']} | {r['train_samples']:,} | {r['threads']} | {r['grn_test_accuracy']:.4f} | {r['pytorch_test_accuracy']:.4f} | "
              f"{'yes' if r['match'] else '**no**'} | {step_one} | {r['max_step_loss_difference']:.1e} | {apart} |")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as f:
        results = json.load(f)
    kind = results.get("benchmark")
    if kind == "pytorch-step":
        step_tables(results)
    elif kind == "pytorch-accuracy-parity":
        parity_table(results)
    else:
        raise SystemExit(f"report.py: {sys.argv[1]} is not a result of run.sh or parity.sh (benchmark: {kind})")


if __name__ == "__main__":
    main()
