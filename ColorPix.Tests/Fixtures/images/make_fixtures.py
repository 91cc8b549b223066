#!/usr/bin/python3
"""Writes the tiny image fixtures of ColorPix.Tests/Imaging. Run with Debian's python (it has PIL):
    /usr/bin/python3 ColorPix.Tests/Fixtures/images/make_fixtures.py
The colours and sizes here are asserted by the tests: change both together."""
import os
import struct
import zlib

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
RED, BLUE, GREEN, WHITE = (255, 0, 0), (0, 0, 255), (0, 255, 0), (255, 255, 255)


def path(name):
    return os.path.join(HERE, name)


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def write_png(name, width, height, bit_depth, color_type, raw_rows):
    """PIL cannot write 16-bit RGB, and the bomb must lie about its size: both are written by hand."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw_rows))
    with open(path(name), "wb") as f:
        f.write(data + png_chunk(b"IEND", b""))


def quadrants(width, height, colors):
    """An RGB array whose four quadrants (top-left, top-right, bottom-left, bottom-right) have the given colours."""
    a = np.zeros((height, width, 3), np.uint8)
    h, w = height // 2, width // 2
    a[:h, :w], a[:h, w:], a[h:, :w], a[h:, w:] = colors
    return a


FOUR = [RED, GREEN, BLUE, WHITE]

# Stored 40x20 (landscape) with a red 10x10 block top-left on blue; EXIF orientation 6 turns it to 20x40
# portrait with the red block top-right.
stored = np.zeros((20, 40, 3), np.uint8)
stored[:, :] = BLUE
stored[:10, :10] = RED
exif = Image.Exif()
exif[0x0112] = 6
Image.fromarray(stored).save(path("exif_orientation6.jpg"), quality=95, exif=exif.tobytes())

# CMYK: top half red (0, 255, 255, 0), bottom half blue (255, 255, 0, 0). PIL stores it Adobe-inverted.
cmyk = np.zeros((16, 16, 4), np.uint8)
cmyk[:8] = (0, 255, 255, 0)
cmyk[8:] = (255, 255, 0, 0)
Image.fromarray(cmyk, "CMYK").save(path("cmyk.jpg"), quality=95)

# 16-bit RGB, 64x2: R rises by 1040 per column, G = 65535 - R, B = 0x1234 everywhere.
row = b"\x00" + b"".join(struct.pack(">HHH", x * 1040, 65535 - x * 1040, 0x1234) for x in range(64))
write_png("gradient16.png", 64, 2, 16, 2, row * 2)

# Grayscale: value = 16 * x + y on a 16x16 grid.
gray = np.array([[16 * x + y for x in range(16)] for y in range(16)], np.uint8)
Image.fromarray(gray, "L").save(path("gray.png"))

# RGBA 8x2: columns 0-3 opaque red, 4-5 fully transparent black, 6-7 blue at alpha 128.
rgba = np.zeros((2, 8, 4), np.uint8)
rgba[:, :4] = (255, 0, 0, 255)
rgba[:, 6:] = (0, 0, 255, 128)
Image.fromarray(rgba, "RGBA").save(path("rgba.png"))

# The same transparency as gray + alpha (PNG color type 4) and as a TIFF with an alpha extra sample.
Image.fromarray(rgba, "RGBA").convert("LA").save(path("gray_alpha.png"))
Image.fromarray(rgba, "RGBA").save(path("rgba.tiff"))

# Palette whose index 0 (the left half, red) is fully transparent through a tRNS chunk.
half = np.zeros((2, 4), np.uint8)
half[:, 2:] = 1
transparent = Image.fromarray(half, "P")
transparent.putpalette(RED + BLUE)
transparent.save(path("palette_transparent.png"), transparency=0)

# Palette, WebP (lossless, so exact), BMP, TIFF: the same 8x6 quadrants red, green / blue, white.
Image.fromarray(quadrants(8, 6, FOUR)).convert("P", palette=Image.ADAPTIVE, colors=4).save(path("palette.png"))
Image.fromarray(quadrants(8, 6, FOUR)).save(path("quadrants.webp"), lossless=True)
Image.fromarray(quadrants(8, 6, FOUR)).save(path("quadrants_lossy.webp"), quality=90)
Image.fromarray(rgba, "RGBA").save(path("rgba_lossy.webp"), quality=90)
Image.fromarray(quadrants(8, 6, FOUR)).save(path("quadrants.bmp"))
Image.fromarray(quadrants(8, 6, FOUR)).save(path("quadrants.tiff"))

# Big-endian ("MM") TIFF, written by hand (PIL writes little-endian): 4x2 RGB, top row red, bottom row blue.
pixels = bytes(RED) * 4 + bytes(BLUE) * 4
entries = [(256, 3, 1, 4), (257, 3, 1, 2), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 2),
           (273, 4, 1, 8), (277, 3, 1, 3), (278, 3, 1, 2), (279, 4, 1, len(pixels))]
ifd_offset = 8 + len(pixels)
ifd = struct.pack(">H", len(entries))
for tag, kind, count, value in entries:
    packed = struct.pack(">HH", value, 0) if kind == 3 else struct.pack(">I", value)
    ifd += struct.pack(">HHI", tag, kind, count) + packed
with open(path("big_endian.tiff"), "wb") as f:
    f.write(b"MM\x00\x2a" + struct.pack(">I", ifd_offset) + pixels + ifd + b"\x00\x00\x00\x00")

# A JPEG cut in half: decoders fill the missing rows with gray instead of failing.
noise = np.random.default_rng(7).integers(0, 256, (32, 32, 3), np.uint8)
Image.fromarray(noise).save(path("full.jpg"), quality=90)
with open(path("full.jpg"), "rb") as f:
    whole = f.read()
with open(path("truncated.jpg"), "wb") as f:
    f.write(whole[: len(whole) // 2])

with open(path("not_an_image.txt"), "w") as f:
    f.write("This is a text file, not an image.\n")

# Decompression bomb: IHDR declares 50000x50000 RGB but IDAT holds a single short row.
write_png("bomb_50000x50000.png", 50000, 50000, 8, 2, b"\x00" * 64)
