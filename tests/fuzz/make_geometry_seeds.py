#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpus of the geometry fuzzer (geometry_fuzzer.cpp) to geometry-seeds/:
one small input per hostile case the repair must survive. Rerun after changing the input
format:  python3 tests/fuzz/make_geometry_seeds.py"""

import math
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "geometry-seeds")


def small(x, y):
    """A point in hundredths of a degree (tag 1)."""
    return bytes([1]) + struct.pack(">hh", int(round(x * 100)), int(round(y * 100)))


def raw(x, y):
    """A point as two raw doubles (tag 0): NaN, infinities, huge values."""
    return bytes([0]) + struct.pack(">dd", x, y)


def ring(points):
    return bytes([len(points)]) + b"".join(points)


def polygons(*polys):
    """polys: lists of rings (each a list of encoded points)."""
    out = bytes([len(polys) - 1])
    for rings in polys:
        out += bytes([len(rings) - 1]) + b"".join(ring(r) for r in rings)
    return out


def square(x0, y0, s):
    return [small(x0, y0), small(x0 + s, y0), small(x0 + s, y0 + s), small(x0, y0 + s)]


NAN = float("nan")
INF = float("inf")
bowtie = [small(0, 0), small(2, 2), small(2, 0), small(0, 2)]
star = [small(10 * math.cos(a * 4 * math.pi / 9), 10 * math.sin(a * 4 * math.pi / 9))
        for a in range(9)]
zigzag = [small(k * 0.02, (1 if k % 2 else -1) * (250 - k) * 0.01) for k in range(250)] + [
    small(5, -5), small(0, -5)]
SEEDS = {
    "make-valid-bowtie": bytes([0]) + polygons([bowtie]),
    "make-valid-star": bytes([0]) + polygons([star]),
    "make-valid-unclosed-and-closed": bytes([0]) + polygons([square(0, 0, 4)],
                                                             [square(1, 1, 2) + [small(1, 1)]]),
    "make-valid-two-points": bytes([0]) + polygons([[small(0, 0), small(1, 1)]]),
    "make-valid-collinear": bytes([0]) + polygons([[small(0, 0), small(1, 1), small(2, 2)]]),
    "make-valid-nan": bytes([0]) + polygons([[small(0, 0), raw(NAN, 1), small(4, 0), small(4, 3)]]),
    "make-valid-inf": bytes([0]) + polygons([[raw(-INF, 0), raw(INF, 0), raw(0, INF)]]),
    "make-valid-huge": bytes([0]) + polygons([[raw(-1e308, -1e308), raw(1e308, -1e308),
                                               raw(1e308, 1e308), raw(-1e308, 5)]]),
    "make-valid-hole-outside": bytes([0]) + polygons([square(0, 0, 4), square(10, 10, 2)]),
    "intersection-overlap": bytes([1]) + polygons([square(0, 0, 4)]) + polygons([square(2, 2, 4)]),
    "difference-bowtie": bytes([2]) + polygons([square(-1, -1, 4)]) + polygons([bowtie]),
    "union-touching": bytes([3]) + polygons([square(0, 0, 2)]) + polygons([square(2, 0, 2)]),
    "clip-polygon": bytes([4]) + polygons([star]) + small(-5, -5) + small(5, 5),
    "clip-polygon-reversed-box": bytes([4]) + polygons([star]) + small(5, 5) + small(-5, -5),
    "clip-lines-one-point": bytes([5, 1]) + ring([small(1, 1)]) + ring(star) + small(3, 3),
    "buffer-line": bytes([6]) + ring([small(0, 0), small(1, 1), small(2, 0)]) + struct.pack(">h", 50),
    "buffer-one-point": bytes([6]) + ring([small(0, 0)]) + struct.pack(">h", 50),
    "simplify-star": bytes([7]) + polygons([star]) + struct.pack(">h", 30),
    # A zig-zag of shrinking teeth: Douglas-Peucker splits it one point at a time.
    "simplify-zigzag": bytes([7]) + polygons([zigzag]) + struct.pack(">h", 0),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
