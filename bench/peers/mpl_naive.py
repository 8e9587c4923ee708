#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Peer: the reference scene with matplotlib + geopandas + shapely + pyproj, written the way
most users write an animated map: clear the axes and plot every layer again for each frame.

    /usr/bin/python3 bench/peers/mpl_naive.py [--frames N] [--size WxH] [--encode out.mp4]

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
import geopandas as gpd  # noqa: E402
import matplotlib.patheffects as pe  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

DPI = 100


def px_to_pt(px):
    """Matplotlib sizes lines in points; the scene gives pixels."""
    return px * 72 / DPI


def main():
    args = scene.parse_common(__doc__)
    t0 = time.perf_counter()
    base = scene.Base(args.width, args.height)
    fig = plt.figure(figsize=(args.width / DPI, args.height / DPI), dpi=DPI, facecolor=scene.SEA)
    ax = fig.add_axes([0, 0, 1, 1])
    sink = scene.FrameSink(args.encode, args.width, args.height, "rgba")
    load = time.perf_counter() - t0
    u = args.height / 1080  # sizes are given at 1080p and scale with the frame

    t1, c1 = time.perf_counter(), time.process_time()
    for frame in range(args.frames):
        ax.clear()
        ax.set_axis_off()
        base.land.plot(ax=ax, color=scene.LAND, linewidth=0)
        base.borders.plot(ax=ax, color=scene.BORDER, linewidth=px_to_pt(1.2 * u))
        gpd.GeoSeries([base.territory(frame)]).plot(
            ax=ax,
            facecolor=to_rgba(scene.TERRITORY, scene.TERRITORY_ALPHA),
            edgecolor=scene.TERRITORY_EDGE,
            linewidth=px_to_pt(2 * u),
        )
        body, head = base.arrow(frame)
        if head:
            ax.plot(*zip(*body), color=scene.TERRITORY, linewidth=px_to_pt(scene.ARROW_WIDTH_PX * u),
                    solid_capstyle="butt")
            ax.fill(*zip(*head), color=scene.TERRITORY, linewidth=0)
        for name, x, y in base.cities:
            ax.plot(x, y, "o", color="#2b2722", markersize=px_to_pt(8 * u))
            ax.text(x, y, "  " + name, fontsize=px_to_pt(19 * u), va="center", family="Noto Sans",
                    path_effects=[pe.withStroke(linewidth=px_to_pt(3 * u), foreground="white")])
        ax.set_xlim(base.view[0], base.view[2])
        ax.set_ylim(base.view[1], base.view[3])
        fig.canvas.draw()
        sink.write(fig.canvas.buffer_rgba())
    loop, cpu = time.perf_counter() - t1, time.process_time() - c1
    if args.png:
        fig.savefig(args.png, dpi=DPI, facecolor=scene.SEA)
    sink.close()
    print(json.dumps({"peer": "mpl_naive", "load_s": round(load, 3), "frames": args.frames,
                      "loop_s": round(loop, 3), "fps": round(args.frames / loop, 3),
                      "cpu_fps": round(args.frames / cpu, 3)}))


if __name__ == "__main__":
    main()
