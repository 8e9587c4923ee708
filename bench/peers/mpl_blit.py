#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Peer: the reference scene with matplotlib, optimised the way the matplotlib animation
guide recommends: the static base (sea, land, borders) is drawn once and saved; each frame
restores it and draws only the artists that change (territory, arrow) and those that must
stay on top of them (cities and labels), updating existing artists instead of re-plotting.

    /usr/bin/python3 bench/peers/mpl_blit.py [--frames N] [--size WxH] [--encode out.mp4]

Prints one JSON line: load seconds, frames, frame-loop seconds, frames per second, and
frames per CPU-second of this process (ffmpeg, when encoding, is another process).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scene  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # off-screen raster: the frames go to a pipe, not a window
import matplotlib.patheffects as pe  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import PathPatch, Polygon  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from shapely.geometry.polygon import orient  # noqa: E402

DPI = 100


def px_to_pt(px):
    """Matplotlib sizes lines in points; the scene gives pixels."""
    return px * 72 / DPI


def to_path(geom):
    """A shapely (multi)polygon as one compound matplotlib Path. Rings are oriented (shells
    counter-clockwise, holes clockwise) so the non-zero fill leaves the holes empty."""
    polys = getattr(geom, "geoms", [geom])
    verts, codes = [], []
    for p in polys:
        if p.is_empty or p.geom_type != "Polygon":
            continue
        p = orient(p, 1.0)
        for ring in [p.exterior, *p.interiors]:
            xy = np.asarray(ring.coords)
            verts.append(xy)
            c = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            c[0], c[-1] = Path.MOVETO, Path.CLOSEPOLY
            codes.append(c)
    if not verts:
        return Path(np.zeros((1, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def main():
    args = scene.parse_common(__doc__)
    t0 = time.perf_counter()
    base = scene.Base(args.width, args.height)
    u = args.height / 1080
    fig = plt.figure(figsize=(args.width / DPI, args.height / DPI), dpi=DPI, facecolor=scene.SEA)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.set_xlim(base.view[0], base.view[2])
    ax.set_ylim(base.view[1], base.view[3])
    base.land.plot(ax=ax, color=scene.LAND, linewidth=0)
    base.borders.plot(ax=ax, color=scene.BORDER, linewidth=px_to_pt(1.2 * u))
    ax.set_xlim(base.view[0], base.view[2])  # geopandas may have autoscaled
    ax.set_ylim(base.view[1], base.view[3])

    # The moving artists, created once and marked animated so the saved base excludes them.
    territory = PathPatch(Path(np.zeros((1, 2))), facecolor=to_rgba(scene.TERRITORY, scene.TERRITORY_ALPHA),
                          edgecolor=scene.TERRITORY_EDGE, linewidth=px_to_pt(2 * u), animated=True)
    ax.add_patch(territory)
    (arrow,) = ax.plot([], [], color=scene.TERRITORY, linewidth=px_to_pt(scene.ARROW_WIDTH_PX * u),
                       solid_capstyle="butt", animated=True)
    head = Polygon(np.zeros((3, 2)), closed=True, color=scene.TERRITORY, linewidth=0, animated=True)
    ax.add_patch(head)
    # Cities do not move but are drawn over the territory, so they are redrawn each frame.
    xs = [x for _, x, _ in base.cities]
    ys = [y for _, _, y in base.cities]
    (dots,) = ax.plot(xs, ys, "o", color="#2b2722", markersize=px_to_pt(8 * u), animated=True)
    labels = [
        ax.text(x, y, "  " + name, fontsize=px_to_pt(19 * u), va="center", family="Noto Sans",
                animated=True,
                path_effects=[pe.withStroke(linewidth=px_to_pt(3 * u), foreground="white")])
        for name, x, y in base.cities
    ]
    fig.canvas.draw()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    sink = scene.FrameSink(args.encode, args.width, args.height, "rgba")
    load = time.perf_counter() - t0

    t1, c1 = time.perf_counter(), time.process_time()
    for frame in range(args.frames):
        fig.canvas.restore_region(background)
        territory.set_path(to_path(base.territory(frame)))
        body, tri = base.arrow(frame)
        if tri:
            arrow.set_data(*zip(*body))
            head.set_xy(tri)
        for artist in [territory, arrow, head, dots, *labels]:
            if artist in (arrow, head) and not tri:
                continue
            ax.draw_artist(artist)
        fig.canvas.blit(fig.bbox)
        sink.write(fig.canvas.buffer_rgba())
    loop, cpu = time.perf_counter() - t1, time.process_time() - c1
    if args.png:
        plt.imsave(args.png, np.asarray(fig.canvas.buffer_rgba()))
    sink.close()
    print(json.dumps({"peer": "mpl_blit", "load_s": round(load, 3), "frames": args.frames,
                      "loop_s": round(loop, 3), "fps": round(args.frames / loop, 3),
                      "cpu_fps": round(args.frames / cpu, 3)}))


if __name__ == "__main__":
    main()
