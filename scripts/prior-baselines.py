#!/usr/bin/env python3
"""What colour priors that need no network score against gray, on a dataset's val and test splits.

Usage: scripts/prior-baselines.py [NAME]   (default debian; reads data/splits/NAME.json; Debian's python3-numpy, python3-pil)

Photos are shrunk to 256 px (AuC of smooth predictions barely depends on size). Two predictors, fitted on the train split:
- const: the median a and b of every training pixel, painted everywhere (a global tint);
- lut: the median a, b per (L in 10 bins) x (height in the picture, 4 bands), e.g. "bright and high up".
A network that does not beat these has learnt no more than a tint. The Lab conversion and the AuC (share of pixels
with ab error below t, t = 0..150, averaged) are written here independently of ColorPix's.
"""
import json, os, sys
import numpy as np
from PIL import Image

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
manifest = json.load(open(os.path.join(repo, "data", "splits", (sys.argv[1] if len(sys.argv) > 1 else "debian") + ".json")))
root = os.path.join(repo, manifest["root"])


def lab(rgb):
    c = rgb / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = c @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def load(path):
    image = Image.open(os.path.join(root, path)).convert("RGB")
    image.thumbnail((256, 256))
    return lab(np.asarray(image, dtype=np.float64))


def auc(error):
    return np.mean([(error < t).mean() for t in range(0, 151)]) * 100


def cell(x):
    height, width, _ = x.shape
    band = np.repeat(np.arange(height)[:, None] * 4 // height, width, 1)
    return np.clip((x[..., 0] / 10).astype(int), 0, 9) * 4 + band


photos = {s: [load(e["path"]) for e in manifest["entries"] if e["split"] == s] for s in ("train", "val", "test")}
cells = np.concatenate([cell(x).ravel() for x in photos["train"]])
ab = np.concatenate([x[..., 1:].reshape(-1, 2) for x in photos["train"]])
const = np.median(ab, axis=0)
lut = np.array([np.median(ab[cells == k], axis=0) if (cells == k).any() else const for k in range(40)])
print(f"train median ab: a={const[0]:.2f} b={const[1]:.2f}")
for split in ("val", "test"):
    scores = np.array([[auc(np.linalg.norm(x[..., 1:] - p, axis=-1)) for p in (0, const, lut[cell(x)])] for x in photos[split]])
    gray, tint, table = scores.mean(axis=0)
    print(f"{split} ({len(scores)} photos): AuC % gray {gray:.2f}, const {tint:.2f}, lut {table:.2f}")
