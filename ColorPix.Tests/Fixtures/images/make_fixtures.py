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
# The same as lossless WebP: Skia turns it upright after decoding, as its WebP decoder cannot deliver rows.
Image.fromarray(stored).save(path("exif_orientation6.webp"), lossless=True, exif=exif.tobytes())

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



def write_tiff(name, order, width, height, fields, blocks, tiled=False):
    """A one-page TIFF written by hand (PIL writes neither big-endian, 16-bit RGB nor tiles). fields maps a tag to
    (type, values): 3 SHORT, 4 LONG. The blocks (strips, or tiles if tiled) follow the header; their offsets and
    byte counts are filled in."""
    offsets = [8 + sum(len(b) for b in blocks[:i]) for i in range(len(blocks))]
    fields = dict(fields)
    fields[324 if tiled else 273] = (4, offsets)
    fields[325 if tiled else 279] = (4, [len(b) for b in blocks])
    data = b"".join(blocks)
    ifd_offset = 8 + len(data)
    arrays_offset = ifd_offset + 2 + 12 * len(fields) + 4
    ifd, arrays = struct.pack(order + "H", len(fields)), b""
    for tag, (kind, values) in sorted(fields.items()):
        packed = b"".join(struct.pack(order + ("H" if kind == 3 else "I"), v) for v in values)
        if len(packed) <= 4:
            value = packed.ljust(4, b"\x00")
        else:  # does not fit in the entry: stored after the directory
            value = struct.pack(order + "I", arrays_offset + len(arrays))
            arrays += packed
        ifd += struct.pack(order + "HHI", tag, kind, len(values)) + value
    magic = b"MM\x00\x2a" if order == ">" else b"II\x2a\x00"
    with open(path(name), "wb") as f:
        f.write(magic + struct.pack(order + "I", ifd_offset) + data + ifd + b"\x00\x00\x00\x00" + arrays)


def tiff_fields(width, height, bits, samples, photometric, rows_per_strip=None):
    fields = {256: (3, [width]), 257: (3, [height]), 258: (3, [bits]), 259: (3, [1]), 262: (3, [photometric]), 277: (3, [samples])}
    if rows_per_strip is not None:
        fields[278] = (3, [rows_per_strip])
    return fields


# Big-endian ("MM") TIFF: 4x2 RGB, top row red, bottom row blue.
write_tiff("big_endian.tiff", ">", 4, 2, tiff_fields(4, 2, 8, 3, 2, rows_per_strip=2), [bytes(RED) * 4 + bytes(BLUE) * 4])

# 16-bit RGB, big-endian, 4x2: R = 20000 * x, G = 0x1234, B = 65535 - R; the second row is the first reversed.
row16 = [(20000 * x, 0x1234, 65535 - 20000 * x) for x in range(4)]
samples16 = b"".join(struct.pack(">HHH", *p) for p in row16 + row16[::-1])
write_tiff("rgb16_be.tiff", ">", 4, 2, tiff_fields(4, 2, 16, 3, 2, rows_per_strip=2), [samples16])

# 16-bit gray, little-endian, 4x2: value = 16384 * x + 1000 * y.
gray16 = b"".join(struct.pack("<H", 16384 * x + 1000 * y) for y in range(2) for x in range(4))
write_tiff("gray16_le.tiff", "<", 4, 2, tiff_fields(4, 2, 16, 1, 1, rows_per_strip=2), [gray16])

# Tiled: 20x12 quadrants in 16x16 tiles, so the right and bottom tiles are mostly padding (left zero).
tiled = quadrants(20, 12, FOUR)
tiles = []
for top in (0,):
    for left in (0, 16):
        tile = np.zeros((16, 16, 3), np.uint8)
        part = tiled[top:top + 16, left:left + 16]
        tile[:part.shape[0], :part.shape[1]] = part
        tiles.append(tile.tobytes())
tile_fields = tiff_fields(20, 12, 8, 3, 2)
tile_fields.update({322: (3, [16]), 323: (3, [16])})
write_tiff("tiled.tiff", "<", 20, 12, tile_fields, tiles, tiled=True)

# Palette and CMYK TIFFs go through libtiff's RGBA interface.
Image.fromarray(quadrants(8, 6, FOUR)).convert("P", palette=Image.ADAPTIVE, colors=4).save(path("palette.tiff"))
Image.fromarray(cmyk, "CMYK").save(path("cmyk.tiff"))

# Gray JPEG (one component): the 16x16 gray grid again.
Image.fromarray(gray, "L").save(path("gray.jpg"), quality=95)


def s15f16(v):
    return struct.pack(">i", int(round(v * 65536)))


D50 = [0.9642, 1.0, 0.8249]


def icc_profile(space, description, tags):
    """A minimal ICC v2 display profile for the colour space b"RGB " or b"GRAY": description, copyright and white
    point, then the given (signature, body) tags."""
    text = description.encode() + b"\0"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0" * 3 + b"\0" * 67),
        (b"cprt", b"text\0\0\0\0No copyright, ColorPix test fixture\0"),
        (b"wtpt", b"XYZ \0\0\0\0" + b"".join(s15f16(v) for v in D50)),
    ] + tags
    table_end = 128 + 4 + 12 * len(tags)
    table, data, placed = struct.pack(">I", len(tags)), b"", {}
    for name, body in tags:
        if body not in placed:  # tags with the same body (the three curves) share one copy
            placed[body] = table_end + len(data)
            data += body + b"\0" * (-len(body) % 4)
        table += name + struct.pack(">II", placed[body], len(body))
    size = table_end + len(data)
    header = struct.pack(">I4sI4s4s4s6H4s", size, b"\0" * 4, 0x02100000, b"mntr", space, b"XYZ ", 2024, 1, 1, 0, 0, 0, b"acsp")
    # platform, flags, manufacturer, model, attributes, rendering intent; the PCS illuminant; creator, ID, reserved
    header += b"\0" * 28 + b"".join(s15f16(v) for v in D50) + b"\0" * 48
    return header + table + data


def rgb_profile(description, primaries, white):
    """RGB primaries adapted to D50 (Bradford), with the sRGB tone curve."""
    def xyz(x, y):
        return np.array([x / y, 1.0, (1 - x - y) / y])

    columns = np.column_stack([xyz(*p) for p in primaries])
    to_xyz = columns * np.linalg.solve(columns, xyz(*white))
    bradford = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]])
    adapt = np.linalg.inv(bradford) @ np.diag((bradford @ np.array(D50)) / (bradford @ xyz(*white))) @ bradford
    colorants = adapt @ to_xyz
    srgb_curve = [v / 1023 / 12.92 if v / 1023 <= 0.04045 else ((v / 1023 + 0.055) / 1.055) ** 2.4 for v in range(1024)]
    curve = b"curv\0\0\0\0" + struct.pack(">I", 1024) + b"".join(struct.pack(">H", round(c * 65535)) for c in srgb_curve)
    return icc_profile(b"RGB ", description, [(name, b"XYZ \0\0\0\0" + b"".join(s15f16(v) for v in colorants[:, i]))
                                               for i, name in enumerate([b"rXYZ", b"gXYZ", b"bXYZ"])]
                       + [(name, curve) for name in (b"rTRC", b"gTRC", b"bTRC")])


def gray_profile(description, gamma):
    """Gray with a pure power tone curve, as Photoshop embeds in grayscale JPEGs ("Gray Gamma 2.2")."""
    return icc_profile(b"GRAY", description, [(b"kTRC", b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)))])


# Display P3 (wider than sRGB): an orange inside the sRGB gamut, so its sRGB value is not clipped and differs
# from the stored one, next to a mid gray that must stay neutral. Pure P3 red would not do: converted, it lies
# outside sRGB and clips to (255, 0, 0), the very bytes that are stored.
P3 = rgb_profile("Display P3 (ColorPix fixture)", [(0.680, 0.320), (0.265, 0.690), (0.150, 0.060)], (0.3127, 0.3290))
P3_ORANGE, MID_GRAY = (200, 120, 60), (128, 128, 128)
p3 = np.zeros((8, 16, 3), np.uint8)  # 16x8: each half fills whole JPEG blocks, so JPEG keeps them flat
p3[:, :8], p3[:, 8:] = P3_ORANGE, MID_GRAY
Image.fromarray(p3).save(path("display_p3.png"), icc_profile=P3)
Image.fromarray(p3).save(path("display_p3.jpg"), icc_profile=P3, quality=95, subsampling=0)
Image.fromarray(p3).save(path("display_p3.tiff"), icc_profile=P3)

# Gray 100 under a gamma 1.8 profile is lighter than sRGB 100: both gray decodes (RGB and KeepGray) convert it.
GAMMA18 = gray_profile("Gray gamma 1.8 (ColorPix fixture)", 1.8)
Image.fromarray(np.full((8, 8), 100, np.uint8), "L").save(path("gray_gamma18.jpg"), quality=95, icc_profile=GAMMA18)

# A JPEG cut in half: decoders fill the missing rows with gray instead of failing.
noise = np.random.default_rng(7).integers(0, 256, (32, 32, 3), np.uint8)
Image.fromarray(noise).save(path("full.jpg"), quality=90)
with open(path("full.jpg"), "rb") as f:
    whole = f.read()
with open(path("truncated.jpg"), "wb") as f:
    f.write(whole[: len(whole) // 2])

with open(path("not_an_image.txt"), "w") as f:
    f.write("This is a text file, not an image.\n")

# The sRGB value of the P3 orange according to littleCMS, an implementation independent of Skia's: the tests pin it.
if __name__ == "__main__":
    from io import BytesIO
    from PIL import ImageCms
    converted = ImageCms.profileToProfile(Image.fromarray(p3), ImageCms.ImageCmsProfile(BytesIO(P3)), ImageCms.createProfile("sRGB"))
    print("P3", P3_ORANGE, "-> sRGB", converted.getpixel((0, 0)), "; P3", MID_GRAY, "-> sRGB", converted.getpixel((15, 0)))
    gray18 = ImageCms.profileToProfile(Image.new("L", (1, 1), 100), ImageCms.ImageCmsProfile(BytesIO(GAMMA18)), ImageCms.createProfile("sRGB"), outputMode="RGB")
    print("gamma 1.8 gray 100 -> sRGB", gray18.getpixel((0, 0)))

# Decompression bomb: IHDR declares 50000x50000 RGB but IDAT holds a single short row.
write_png("bomb_50000x50000.png", 50000, 50000, 8, 2, b"\x00" * 64)
