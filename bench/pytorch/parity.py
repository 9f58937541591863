"""Trains SimpleCNN on mnist-digits-10k in PyTorch exactly as `grn train` does, and compares.

For each seed it replicates the project's Trainer (src/GradRetentionNet.Training/Jobs/Trainer.cs)
for one job: torch.manual_seed(seed), then the model built in the C# order (same libtorch
generator, so the same initial weights); torch.optim.SGD(lr, momentum 0.9); each epoch shuffled
by torch.randperm from a generator seeded with SeedStreams.Derive(seed, epoch); batches gathered
in that order and normalised as the C# loader does; after the epoch, the test split in stored
order in batches of 1,000. It then reads the grn job's result.json and batches.csv and reports
both test accuracies, whether they agree to 4 decimals, and how far the per-step losses are apart.

    /usr/bin/python3 bench/pytorch/parity.py --grn-out runs/parity/grn --seeds 1 2 3 --max-train-samples 2000
"""

import argparse
import csv
import glob
import json
import os
import sys

import torch
from torch.nn import functional as F

import benchlock
import blas
import digits
from models import SimpleCnn

MASK64 = (1 << 64) - 1
# Per-step losses further apart than this are no longer the same computation rounded alike: the
# two libtorch builds (different BLAS, oneDNN versions) round some sums differently, and SGD
# carries such differences forward and grows them, step after step.
APART = 1e-5


def derive_seed(seed, stream):
    """SeedStreams.Derive: SplitMix64's finaliser over seed + stream * golden ratio, top 63 bits."""
    z = (seed + stream * 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    z ^= z >> 31
    return z >> 1


def train(seed, data, epochs, batch_size, test_batch_size, lr, momentum):
    """Per-step training losses and (test loss, test accuracy) after the last epoch."""
    train_images, train_labels, test_images, test_labels = data
    torch.manual_seed(seed)
    model = SimpleCnn(1, 28, 10)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, dampening=0, weight_decay=0, nesterov=False)
    losses = []
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(train_labels), generator=torch.Generator().manual_seed(derive_seed(seed, epoch)))
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            inputs = digits.normalise(train_images.index_select(0, rows))
            optimizer.zero_grad(set_to_none=False)
            loss = F.cross_entropy(model(inputs), train_labels.index_select(0, rows))
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    model.eval()
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(test_labels), test_batch_size):
            inputs = digits.normalise(test_images[start:start + test_batch_size])
            targets = test_labels[start:start + test_batch_size]
            logits = model(inputs)
            correct += int(logits.argmax(1).eq(targets).sum())
            loss_sum += float(F.cross_entropy(logits, targets)) * len(targets)
    return losses, loss_sum / len(test_labels), correct / len(test_labels)


def read_grn_job(grn_out, seed):
    """The one job folder of `seed` under grn's --out: its result.json and per-step losses."""
    folders = glob.glob(os.path.join(grn_out, "mnist-digits-10k", "sgd", f"seed-{seed}-*"))
    if len(folders) != 1:
        raise SystemExit(f"parity: expected one grn job folder for seed {seed} under {grn_out}, found {len(folders)}")
    with open(os.path.join(folders[0], "result.json")) as f:
        result = json.load(f)
    with open(os.path.join(folders[0], "batches.csv")) as f:
        losses = [float(row["Loss"]) for row in csv.DictReader(f)]
    return result, losses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grn-out", required=True, help="the --out folder grn train wrote the seeds' jobs under")
    parser.add_argument("--seeds", type=int, nargs="+", required=True)
    parser.add_argument("--max-train-samples", type=int)
    parser.add_argument("--out", help="JSON file to write the comparison to")
    parser.add_argument("--lock", default=benchlock.DEFAULT, help="lock file held while training ('' for none)")
    args = parser.parse_args()

    rows = []
    data_cache = {}
    for seed in args.seeds:
        result, grn_losses = read_grn_job(args.grn_out, seed)
        spec = result["spec"]
        if spec["dataset"] != "mnist-digits-10k" or spec["optimizer"] != "sgd" or spec.get("max_test_samples") or spec.get("validation_fraction"):
            raise SystemExit(f"parity: seed {seed}: the grn job is not an sgd job on all of mnist-digits-10k's test split: {spec}")
        if spec.get("max_train_samples") != args.max_train_samples:
            raise SystemExit(f"parity: seed {seed}: the grn job trained on max_train_samples={spec.get('max_train_samples')}, not {args.max_train_samples}")
        hyper = result["resolved_hyper_parameters"]
        # The same thread count as grn's process: sums over threads may round differently otherwise.
        threads = result["environment"]["torch_threads"]
        torch.set_num_threads(threads)
        key = args.max_train_samples
        if key not in data_cache:
            data_cache[key] = digits.load(max_train=args.max_train_samples)
        # Not a timing, but a CPU-heavy run that would disturb one: it waits for the benchmark lock.
        with benchlock.held(args.lock):
            losses, test_loss, accuracy = train(seed, data_cache[key], spec["epochs"], spec["batch_size"], spec["test_batch_size"],
                                                float(hyper["lr"]), float(hyper["momentum"]))
        grn_epoch = result["epochs"][-1]
        steps = min(len(losses), len(grn_losses))
        rows.append({
            "seed": seed,
            "train_samples": len(data_cache[key][1]),
            "threads": threads,
            "steps": {"grn": len(grn_losses), "pytorch": len(losses)},
            "grn_test_accuracy": grn_epoch["test_accuracy"],
            "pytorch_test_accuracy": accuracy,
            "match": round(grn_epoch["test_accuracy"], 4) == round(accuracy, 4),
            "grn_test_loss": grn_epoch["test_loss"],
            "pytorch_test_loss": test_loss,
            "first_step_loss": {"grn": grn_losses[0], "pytorch": losses[0]},
            "max_step_loss_difference": max(abs(a - b) for a, b in zip(grn_losses[:steps], losses[:steps])),
            "first_step_apart": next((i + 1 for i in range(steps) if abs(grn_losses[i] - losses[i]) > APART), None),
        })
        r = rows[-1]
        print(f"  seed {seed}: grn {r['grn_test_accuracy']:.4f}, PyTorch {r['pytorch_test_accuracy']:.4f} "
              f"({'match' if r['match'] else 'DIFFER'}), step losses at most {r['max_step_loss_difference']:.2e} apart", file=sys.stderr, flush=True)

    print()
    header = (f"{'seed':>4} {'train':>6} {'threads':>7} {'grn accuracy':>12} {'PyTorch accuracy':>16} {'match':>5} "
              f"{'step-1 loss grn / PyTorch':>28} {'max |loss diff|':>15} {f'apart > {APART:g} from step':>24}")
    print(header)
    print("-" * len(header))
    for r in rows:
        first = f"{r['first_step_loss']['grn']:.6f} / {r['first_step_loss']['pytorch']:.6f}"
        print(f"{r['seed']:>4} {r['train_samples']:>6} {r['threads']:>7} {r['grn_test_accuracy']:>12.4f} {r['pytorch_test_accuracy']:>16.4f} "
              f"{'yes' if r['match'] else 'NO':>5} {first:>28} {r['max_step_loss_difference']:>15.2e} "
              f"{str(r['first_step_apart'] or 'never') + ' of ' + str(r['steps']['grn']):>24}")
    matched = sum(r["match"] for r in rows)
    print(f"\n{matched} of {len(rows)} seeds give the same test accuracy to 4 decimals. PyTorch {torch.__version__}, {blas.describe()}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"benchmark": "pytorch-accuracy-parity", "pytorch": torch.__version__, "blas": blas.describe(),
                       "max_train_samples": args.max_train_samples, "seeds": rows}, f, indent=1)
            f.write("\n")
    return 0 if matched == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
