"""The course AutoEncoder in PyTorch, timed exactly as ColorPix's `bench engine` times its own.

Prints one JSON object. Run by `colorpix bench engine` with Debian's python3-torch (same libtorch).
"""
import json
import statistics
import sys
import time

import torch
from torch import nn


def autoencoder():
    layers, previous = [], 1
    for c in (64, 128, 256, 512, 1024):
        layers += [nn.Conv2d(previous, c, 3, stride=2, padding=1), nn.ReLU(), nn.BatchNorm2d(c)]
        previous = c
    for c in (512, 256, 128, 64, 2):
        # ColorPix's decoder layer: 3x3 convolution at the input resolution, activation, bilinear x2.
        layers += [nn.Conv2d(previous, c, 3, padding=1), nn.Tanh() if c == 2 else nn.ReLU(),
                   nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)]
        previous = c
    return nn.Sequential(*layers)


def timed(fn, warmup, runs):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    threads, warmup, runs, batch, train_size = (int(a) for a in sys.argv[1:6])
    sizes = [int(s) for s in sys.argv[6].split(",")]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = autoencoder()
    adam = torch.optim.Adam(net.parameters(), lr=1e-3)
    l = torch.rand(batch, 1, train_size, train_size) * 100
    ab = torch.rand(batch, 2, train_size, train_size) * 256 - 128

    def train_step():
        adam.zero_grad()
        loss = nn.functional.mse_loss(net(l / 50 - 1) * 128, ab)
        loss.backward()
        adam.step()

    result = {"parameters": sum(p.numel() for p in net.parameters()), "threads": torch.get_num_threads(),
              "train_step_ms": timed(train_step, warmup, runs)}
    net.eval()
    with torch.no_grad():
        for size in sizes:
            image = torch.rand(1, 1, size, size) * 100
            result[f"inference_{size}_ms"] = timed(lambda: net(image / 50 - 1) * 128, warmup, runs)
    result["torch_version"] = torch.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
