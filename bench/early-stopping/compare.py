#!/usr/bin/env python3
"""Compares a sweep run with early stopping against the same trials run to the end.

Reads every job's result.json under the two sweep folders and prints, for each, the trials by
outcome, the epochs trained, the seconds spent training and evaluating, and the best configuration
per optimizer and overall by final validation metric (the figure the sweep is compared on).
"""
import argparse, json, pathlib, platform, os


def load(folder):
    results = []
    for path in pathlib.Path(folder).rglob("result.json"):
        results.append(json.loads(path.read_text()))
    return results


def summary(results):
    epochs = sum(len(r["epochs"]) for r in results)
    seconds = sum(e["train_seconds"] + e["test_seconds"] for r in results for e in r["epochs"])
    outcomes = {}
    for r in results:
        outcomes[r["status"]] = outcomes.get(r["status"], 0) + 1
    best = {}
    for r in results:
        if r["status"] != "completed" or not r["epochs"]:
            continue
        value = r["epochs"][-1]["validation_metric"]
        key = r["spec"]["optimizer"]
        if key not in best or value > best[key][0]:
            best[key] = (value, r["spec"]["hyper_parameters"], r["epochs"][-1].get("test_accuracy"))
    return {"trials": len(results), "outcomes": outcomes, "epochs_trained": epochs, "train_and_eval_seconds": round(seconds, 1),
            "best_per_optimizer": {k: {"validation_metric": v[0], "hyperparameters": v[1], "test_metric": v[2]} for k, v in sorted(best.items())}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("early_stopped")
    parser.add_argument("full")
    parser.add_argument("wall", nargs="?")
    parser.add_argument("--json")
    args = parser.parse_args()
    a, b = summary(load(args.early_stopped)), summary(load(args.full))
    wall = {}
    if args.wall and os.path.exists(args.wall):
        for line in open(args.wall):
            name, seconds = line.split()
            wall[name] = float(seconds)
    print(f"{'':28}{'with ASHA':>16}{'without':>16}{'ratio':>10}")
    print(f"{'trials':28}{a['trials']:>16}{b['trials']:>16}")
    print(f"{'outcomes':28}{str(a['outcomes']):>16}  {str(b['outcomes'])}")
    print(f"{'epochs trained':28}{a['epochs_trained']:>16}{b['epochs_trained']:>16}{a['epochs_trained'] / b['epochs_trained']:>10.3f}")
    print(f"{'train + eval seconds':28}{a['train_and_eval_seconds']:>16}{b['train_and_eval_seconds']:>16}{a['train_and_eval_seconds'] / b['train_and_eval_seconds']:>10.3f}")
    if "asha" in wall and "no-early-stop" in wall:
        print(f"{'wall seconds (grn run)':28}{wall['asha']:>16.1f}{wall['no-early-stop']:>16.1f}{wall['asha'] / wall['no-early-stop']:>10.3f}")
    same = []
    for optimizer in sorted(set(a["best_per_optimizer"]) | set(b["best_per_optimizer"])):
        x, y = a["best_per_optimizer"].get(optimizer), b["best_per_optimizer"].get(optimizer)
        equal = x is not None and y is not None and x["hyperparameters"] == y["hyperparameters"]
        same.append(equal)
        describe = lambda r: "none" if r is None else f"{r['hyperparameters']} val {r['validation_metric']:.4f}"
        print(f"best {optimizer:23} ASHA {describe(x)} | full {describe(y)} | {'same' if equal else 'DIFFERENT'}")
    overall = lambda s: max(s["best_per_optimizer"].items(), key=lambda kv: kv[1]["validation_metric"])[0]
    print(f"best overall: ASHA {overall(a)}, full {overall(b)}")
    if args.json:
        machine = {"machine": platform.node(), "processor": platform.processor(), "cpus": os.cpu_count()}
        pathlib.Path(args.json).write_text(json.dumps({"machine": machine, "with_asha": a, "without": b, "wall_seconds": wall,
                                                     "same_best_per_optimizer": same}, indent=2))


if __name__ == "__main__":
    main()
