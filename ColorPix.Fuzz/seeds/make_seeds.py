#!/usr/bin/python3
"""Writes the seed inputs of the fuzz targets into ColorPix.Fuzz/corpus/TARGET/. Run with Debian's python (it has PIL):
    /usr/bin/python3 ColorPix.Fuzz/seeds/make_seeds.py
Seeds are tiny valid files, one per format and variant the decoders branch on (AFL mutates small files best), plus
the image fixtures of ColorPix.Tests that are already tiny. It overwrites seeds of the same name and leaves the rest of
the corpus alone: the inputs scripts/fuzz.sh adds (afl-*) and the crashes found and fixed (crash-*)."""
import io
import json
import os
import struct
import zipfile

import numpy as np
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "ColorPix.Fuzz", "corpus")
FIXTURES = os.path.join(ROOT, "ColorPix.Tests", "Fixtures", "images")
# Fixtures over 2 KB add little a smaller seed does not cover, and slow every mutation.
FIXTURE_LIMIT = 2048


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def pattern(width=8, height=6):
    """Colour steps that differ along both axes."""
    y, x = np.mgrid[0:height, 0:width]
    return Image.fromarray(np.dstack([x * 30, y * 40, (x + y) * 15]).astype(np.uint8))


def image_seeds():
    rgb = pattern()
    gray, rgba, palette = rgb.convert("L"), rgb.convert("RGBA"), rgb.convert("P")
    seeds = {
        "rgb.png": encoded(rgb, "PNG"), "gray.png": encoded(gray, "PNG"), "rgba.png": encoded(rgba, "PNG"),
        "palette.png": encoded(palette, "PNG"),
        "rgb.jpg": encoded(rgb, "JPEG", quality=50), "gray.jpg": encoded(gray, "JPEG", quality=50),
        "progressive.jpg": encoded(rgb, "JPEG", quality=50, progressive=True),
        "rgb.webp": encoded(rgb, "WEBP", quality=50), "lossless.webp": encoded(rgba, "WEBP", lossless=True),
        "rgb.bmp": encoded(rgb, "BMP"), "palette.bmp": encoded(palette, "BMP"),
        # Formats ColorPix refuses (415): their refusal path is an entry point too.
        "rgb.gif": encoded(palette, "GIF"), "rgb.ppm": encoded(rgb, "PPM"),
    }
    seeds.update(tiff_seeds())
    return seeds


def tiff_seeds():
    rgb = pattern()
    return {
        "rgb.tiff": encoded(rgb, "TIFF"), "lzw.tiff": encoded(rgb, "TIFF", compression="tiff_lzw"),
        "deflate.tiff": encoded(rgb, "TIFF", compression="tiff_adobe_deflate"),
        "packbits.tiff": encoded(rgb.convert("L"), "TIFF", compression="packbits"),
        "jpeg.tiff": encoded(rgb, "TIFF", compression="jpeg"),
        "bilevel_g4.tiff": encoded(rgb.convert("1"), "TIFF", compression="group4"),
        "palette.tiff": encoded(rgb.convert("P"), "TIFF"), "cmyk.tiff": encoded(rgb.convert("CMYK"), "TIFF"),
        "rgba.tiff": encoded(rgb.convert("RGBA"), "TIFF"),
        "gray16.tiff": encoded(Image.fromarray((np.asarray(rgb.convert("L"), np.uint16) * 257)), "TIFF"),
    }


def fixtures(suffixes):
    for name in sorted(os.listdir(FIXTURES)):
        path = os.path.join(FIXTURES, name)
        if name.endswith(suffixes) and os.path.getsize(path) <= FIXTURE_LIMIT:
            yield name, path


def safetensors(tensors, metadata=None):
    """The safetensors layout, written apart from ColorPix's writer: JSON header padded to 8 bytes, then the data."""
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def safetensors_seeds():
    f32 = np.arange(6, dtype="<f4").tobytes()
    return {
        "f32.safetensors": safetensors({"encoder.0.weight": ("F32", [2, 3], f32)}),
        "mixed.safetensors": safetensors({
            "a": ("F16", [2], np.array([1, -2], "<f2").tobytes()), "b": ("I64", [1], struct.pack("<q", -5)),
            "c": ("U8", [3], b"\x00\x07\xff"), "d": ("BOOL", [2], b"\x00\x01"), "e": ("I32", [], struct.pack("<i", 7)),
            "f": ("F64", [0, 4], b""),
        }),
        "metadata.safetensors": safetensors({"w": ("F32", [1], f32[:4])}, {"colorpix.format": "2", "model": "autoencoder"}),
        "empty.safetensors": safetensors({}),
    }


def album_zip_seeds():
    """Albums as one ZIP: deflated and stored photos, the entries an album skips, names it must not use as paths."""
    photo = encoded(pattern(), "PNG")

    def archive(entries, method=zipfile.ZIP_DEFLATED, comment=b""):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as z:
            for name, data in entries:
                z.writestr(name, data)
            z.comment = comment
        return buffer.getvalue()

    return {
        "one-photo.zip": archive([("photo.png", photo)]),
        "stored.zip": archive([("a.png", photo), ("b.jpg", encoded(pattern(), "JPEG", quality=50))], zipfile.ZIP_STORED),
        "skipped-entries.zip": archive([("album/", b""), ("__MACOSX/._a.png", b"\0\5\26\7"), (".hidden.png", photo),
                                        ("Thumbs.db", b"x"), ("inner.zip", archive([])), ("album/c.png", photo)]),
        "traversal-names.zip": archive([("../../etc/evil.png", photo), ("a/../b.png", photo)]),
        "not-a-photo.zip": archive([("notes.txt", b"hello")]),
        "comment.zip": archive([("x.png", photo)], comment=b"an album"),
        "empty.zip": archive([]),
    }


def main():
    images = image_seeds()
    for name, data in images.items():
        write("probe", name, data)
        write("decode", name, data)
    for name, data in tiff_seeds().items():
        write("decode-tiff", name, data)
    for name, path in fixtures((".jpg", ".png", ".webp", ".bmp", ".tiff")):
        with open(path, "rb") as f:
            data = f.read()
        write("probe", "fixture_" + name, data)
        write("decode", "fixture_" + name, data)
        if name.endswith(".tiff"):
            write("decode-tiff", "fixture_" + name, data)
    for name, data in safetensors_seeds().items():
        write("safetensors", name, data)
    for name, data in album_zip_seeds().items():
        write("album-zip", name, data)


if __name__ == "__main__":
    main()
