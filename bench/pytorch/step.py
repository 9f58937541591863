"""Times PyTorch training steps of one workload; the peer of `grn-benchmarks step`.

One process, one case: set the thread count, build the model and the optimizer, make fixed random
inputs, run warm-up steps, then time each of N steps of zero_grad + forward + cross-entropy +
backward + optimizer step. Prints one JSON object: the case, the parameter count and shapes, the
per-step times in milliseconds, and the library versions.

    /usr/bin/python3 bench/pytorch/step.py --workload mnist --optimizer sgd --threads 2 --steps 30
"""

import argparse
import json
import sys
import time

import torch
from torch.nn import functional as F

from models import BertConfig, SimpleCnn, TextClassifier, parameter_shapes

# The C# runner (src/GradRetentionNet.Benchmarks/Step/StepWorkload.cs) builds the same shapes.
TEXT_VOCABULARY = 8_000     # WordPieceEncoder.FromTexts' cap, which IMDB- and AG-News-sized datasets reach
TEXT_TOKENS = 128           # JobDataLoader.MaxTokens
TEXT_CLASSES = 2
IMAGE_SHAPES = {"mnist": (1, 28), "cifar": (3, 32)}


def build_workload(name, batch, device):
    """The model and one fixed batch (inputs, targets) of workload `name`."""
    generator = torch.Generator().manual_seed(1)
    if name in IMAGE_SHAPES:
        channels, side = IMAGE_SHAPES[name]
        model = SimpleCnn(channels, side, 10)
        inputs = (torch.randn(batch, channels, side, side, generator=generator),)
        targets = torch.randint(0, 10, (batch,), generator=generator)
    elif name == "text":
        model = TextClassifier(BertConfig(TEXT_VOCABULARY), TEXT_CLASSES)
        ids = torch.randint(0, TEXT_VOCABULARY, (batch, TEXT_TOKENS), generator=generator)
        inputs = (ids, torch.ones_like(ids))
        targets = torch.randint(0, TEXT_CLASSES, (batch,), generator=generator)
    else:
        raise SystemExit(f"step.py: unknown workload '{name}': use mnist, cifar or text")
    return model.to(device), tuple(t.to(device) for t in inputs), targets.to(device)


def build_optimizer(name, parameters):
    """The project's recipes (BaselineRecipes.cs) at their defaults: torch.optim's own classes."""
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=0.01, momentum=0.9, dampening=0, weight_decay=0, nesterov=False)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False)
    raise SystemExit(f"step.py: unknown optimizer '{name}': use sgd or adam")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", required=True, choices=["mnist", "cifar", "text"])
    parser.add_argument("--optimizer", required=True, choices=["sgd", "adam"])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--device", default="cpu", help="cpu or cuda[:N]")
    args = parser.parse_args()

    # Debian's PyTorch starts with 1 thread, TorchSharp with one per core: both are set explicitly.
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit(f"step.py: device '{args.device}' asked for, but this PyTorch ({torch.__version__}) sees no CUDA device")
    model, inputs, targets = build_workload(args.workload, args.batch, device)
    model.train()
    optimizer = build_optimizer(args.optimizer, model.parameters())

    def step():
        # TorchSharp's zero_grad zeroes the gradients in place; PyTorch 2 would free them by default.
        optimizer.zero_grad(set_to_none=False)
        loss = F.cross_entropy(model(*inputs), targets)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    synchronize = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    synchronize()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        synchronize()  # on a GPU a step ends when its kernels do, not when they are queued
        times.append((time.perf_counter() - start) * 1000)

    json.dump({
        "side": "pytorch",
        "workload": args.workload,
        "optimizer": args.optimizer,
        "threads": torch.get_num_threads(),
        "batch": args.batch,
        "device": str(device),
        "warmup": args.warmup,
        "parameters": sum(p.numel() for p in model.parameters()),
        "parameter_shapes": parameter_shapes(model),
        # foreach / fused stay at PyTorch's defaults (None: per-tensor loops on the CPU in 1.13).
        "optimizer_settings": {k: v for k, v in optimizer.defaults.items() if isinstance(v, (int, float, bool, str, type(None), tuple))},
        "step_ms": times,
        "versions": {"torch": torch.__version__, "python": sys.version.split()[0]},
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
