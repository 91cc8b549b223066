"""PyTorch side of the checkpoint interop test (run with Debian's python3-torch).

usage: pytorch_interop.py WIDTH SIZE IN.safetensors INPUT.bin OUTPUT.bin OUT.safetensors
Loads ColorPix's AutoEncoder checkpoint into the identical PyTorch network with strict=True, writes its output
for INPUT (float32 L, [1,1,SIZE,SIZE]) to OUTPUT, then writes the network's own state dict, with fresh random
weights, in the safetensors layout (8-byte header length, JSON header, raw little-endian data) to OUT.
"""
import json
import struct
import sys

import torch
from torch import nn

DTYPES = {"F32": torch.float32, "F16": torch.float16, "I64": torch.int64}
NAMES = {v: k for k, v in DTYPES.items()}


def autoencoder(width):
    channels = [max(1, round(c * width)) for c in (64, 128, 256, 512, 1024)]
    encoder, decoder, prev = [], [], 1
    for c in channels:
        encoder += [nn.Conv2d(prev, c, 3, 2, 1), nn.ReLU(), nn.BatchNorm2d(c)]
        prev = c
    for c in channels[::-1][1:] + [2]:
        decoder += [nn.Conv2d(prev, c, 3, 1, 1), nn.Tanh() if c == 2 else nn.ReLU(),
                    nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)]
        prev = c

    class AutoEncoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.decoder = nn.Sequential(*encoder), nn.Sequential(*decoder)

        def forward(self, lightness):
            return self.decoder(self.encoder(lightness / 50 - 1)) * 128

    return AutoEncoder()


def read(path):
    raw = open(path, "rb").read()
    length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + length])
    header.pop("__metadata__", None)
    data = raw[8 + length:]
    return {k: torch.frombuffer(bytearray(data[v["data_offsets"][0]:v["data_offsets"][1]]), dtype=DTYPES[v["dtype"]]).reshape(v["shape"])
            for k, v in header.items()}


def write(path, tensors):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].contiguous().numpy().tobytes()
        header[name] = {"dtype": NAMES[tensors[name].dtype], "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    width, size = float(sys.argv[1]), int(sys.argv[2])
    net = autoencoder(width)
    net.load_state_dict(read(sys.argv[3]), strict=True)
    net.eval()
    x = torch.frombuffer(bytearray(open(sys.argv[4], "rb").read()), dtype=torch.float32).reshape(1, 1, size, size)
    with torch.no_grad():
        open(sys.argv[5], "wb").write(net(x).numpy().tobytes())
    torch.manual_seed(1)
    fresh = autoencoder(width)
    for m in fresh.modules():
        if isinstance(m, nn.BatchNorm2d):  # non-trivial statistics, so loading them is tested too
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
    write(sys.argv[6], {k: v.detach() for k, v in fresh.state_dict().items()})
    with torch.no_grad():
        open(sys.argv[5] + ".fresh", "wb").write(fresh.eval()(x).numpy().tobytes())


if __name__ == "__main__":
    main()
