# SPDX-License-Identifier: MIT
"""The reference benchmark scene (see bench/scene/bench-scene.yaml), shared by every peer.

Everything that moves is a pure function of the frame number, so each peer renders exactly
the same picture sequence: a front sweeping south from lat 38.0 to 35.2, the land north of it
filled red, an arrow growing from Seoul to Busan, and eight labelled cities.
bench/scene/make_story.py writes the mapreel story from the same numbers.
"""

import math
import os

FRAMES = 300
FPS = 30
EXTENT = (124.0, 33.0, 131.5, 43.5)  # lon_min, lat_min, lon_max, lat_max
PROJ = "+proj=lcc +lat_1=33 +lat_2=43 +lon_0=127.5 +lat_0=38 +datum=WGS84 +units=m +no_defs"

FRONT_START_LAT = 38.0
FRONT_END_LAT = 35.2
FRONT_VERTICES = 20
WIGGLE_DEG = 0.12  # amplitude of the sine wiggle, degrees of latitude
WIGGLE_PERIODS = 2.0

ARROW_FROM = (126.98, 37.57)  # Seoul
ARROW_CONTROL = (128.90, 37.20)  # quadratic Bezier control point: bows the arrow east
ARROW_TO = (129.04, 35.18)  # Busan
ARROW_POINTS = 30
ARROW_WIDTH_PX = 8.0

CITIES = [
    ("Seoul", 126.98, 37.57),
    ("Pyongyang", 125.75, 39.02),
    ("Busan", 129.04, 35.18),
    ("Incheon", 126.70, 37.46),
    ("Daegu", 128.60, 35.87),
    ("Daejeon", 127.38, 36.35),
    ("Kaesong", 126.55, 37.97),
    ("Wonsan", 127.44, 39.15),
]

# Colours of the reference look (the mapreel story uses its classic theme's equivalents).
SEA = "#b9d3e6"
LAND = "#f2ead3"
BORDER = "#4a4a4a"
TERRITORY = "#c4302b"
TERRITORY_ALPHA = 0.6
TERRITORY_EDGE = "#7f1f1c"

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "data", "natural-earth"))


def front_lat(frame):
    """Base latitude of the front at `frame`: linear from 38.0 (frame 0) to 35.2 (frame 299)."""
    s = frame / (FRAMES - 1)
    return FRONT_START_LAT + (FRONT_END_LAT - FRONT_START_LAT) * s


def front_line(lat):
    """The 20 vertices of the front at base latitude `lat`, west to east, lon/lat degrees."""
    pts = []
    for i in range(FRONT_VERTICES):
        u = i / (FRONT_VERTICES - 1)
        lon = EXTENT[0] + (EXTENT[2] - EXTENT[0]) * u
        pts.append((lon, lat + WIGGLE_DEG * math.sin(2 * math.pi * WIGGLE_PERIODS * u)))
    return pts


def arrow_curve():
    """The 30-point arrow route from Seoul to Busan (quadratic Bezier), lon/lat degrees."""
    pts = []
    for i in range(ARROW_POINTS):
        t = i / (ARROW_POINTS - 1)
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        pts.append(
            (
                a * ARROW_FROM[0] + b * ARROW_CONTROL[0] + c * ARROW_TO[0],
                a * ARROW_FROM[1] + b * ARROW_CONTROL[1] + c * ARROW_TO[1],
            )
        )
    return pts


def arrow_fraction(frame):
    """How much of the arrow is drawn at `frame`: nothing at frame 0, all of it at 299."""
    return frame / (FRAMES - 1)


def partial_line(xy, fraction):
    """The first `fraction` of a polyline (list of (x, y)) by arc length, or [] when empty."""
    if fraction <= 0 or len(xy) < 2:
        return []
    seg = [math.dist(xy[i], xy[i + 1]) for i in range(len(xy) - 1)]
    want = sum(seg) * min(1.0, fraction)
    out = [xy[0]]
    for i, length in enumerate(seg):
        if want <= length:
            t = want / length if length > 0 else 0
            out.append((xy[i][0] + (xy[i + 1][0] - xy[i][0]) * t, xy[i][1] + (xy[i + 1][1] - xy[i][1]) * t))
            return out
        want -= length
        out.append(xy[i + 1])
    return out


# --- Data and per-frame geometry, in projected metres (shared by every peer) ---------------

# Natural Earth ids (ISO 3166 numeric, world-atlas 10m) of the countries whose land the
# territory may cover: exactly the region mapreel's story divides (KOR, PRK, CHN, RUS).
REGION_COUNTRIES = ["410", "408", "156", "643"]


class Base:
    """The static data of the scene, read and projected once: what any user would do before
    a frame loop. `view` is the projected (xmin, ymin, xmax, ymax) shown in the frame."""

    def __init__(self, width, height):
        import geopandas as gpd
        import pyproj
        from shapely.geometry import box
        from shapely.ops import unary_union

        self.width, self.height = width, height
        self.to_xy = pyproj.Transformer.from_crs("EPSG:4326", PROJ, always_xy=True).transform
        # The extent's outline, densified, gives the projected box of the lon/lat extent.
        ring = []
        for i in range(101):
            u = i / 100
            lon = EXTENT[0] + (EXTENT[2] - EXTENT[0]) * u
            lat = EXTENT[1] + (EXTENT[3] - EXTENT[1]) * u
            ring += [(lon, EXTENT[1]), (lon, EXTENT[3]), (EXTENT[0], lat), (EXTENT[2], lat)]
        xs, ys = zip(*(self.to_xy(x, y) for x, y in ring))
        # Frame the extent the way mapreel's layout does (scene::makeLayout, cameraAt): fitted
        # into the map area left of its narration card, so every peer draws the same ground.
        u = height / 1080
        margin = 28 * u
        narration_w = min(0.36 * width, 700 * u)
        area = (margin, margin + 40 * u, width - margin - narration_w - margin, height - margin)
        area_w, area_h = area[2] - area[0], area[3] - area[1]
        ext_w, ext_h = max(xs) - min(xs), max(ys) - min(ys)
        self.scale = area_w / max(ext_w, ext_h * area_w / area_h)  # pixels per metre
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        sx, sy = (area[0] + area[2]) / 2, (area[1] + area[3]) / 2  # screen centre, y down
        self.view = (cx - sx / self.scale, cy - (height - sy) / self.scale,
                     cx + (width - sx) / self.scale, cy + sy / self.scale)
        ymin, ymax = self.view[1], self.view[3]
        clip = box(*self.view).buffer((ymax - ymin) * 0.02, join_style=2)

        def read(name, **kw):
            # Read only what can show, clip in lon/lat (before projecting: the continent
            # polygons wrap around the globe, which a conic projection turns inside out),
            # project, then clip to the frame so no peer draws geometry far outside it.
            lonlat_box = (105, 22, 150, 56)
            gdf = gpd.read_file(f"/vsigzip/{DATA}/{name}", bbox=lonlat_box, **kw)
            gdf = gdf.set_crs("EPSG:4326", allow_override=True)
            # Natural Earth's continent polygons are not all valid; GEOS drops invalid parts
            # from an intersection, so repair them first (buffer(0) is the classic fix).
            polys = gdf.geom_type.isin(["Polygon", "MultiPolygon"])
            gdf.loc[polys, "geometry"] = gdf.geometry[polys].buffer(0)
            gdf["geometry"] = gdf.geometry.intersection(box(*lonlat_box))
            gdf = gdf[~gdf.geometry.is_empty].to_crs(PROJ)
            gdf["geometry"] = gdf.geometry.intersection(clip)
            return gdf[~gdf.geometry.is_empty]

        self.land = read("ne_10m_land.geojson.gz")
        self.borders = read("ne_10m_admin_0_boundary_lines_land.geojson.gz")
        countries = read("world-atlas-countries-10m.topojson.gz", layer="countries")
        self.region = unary_union(list(countries[countries["id"].isin(REGION_COUNTRIES)].geometry))
        self.arrow_xy = [self.to_xy(x, y) for x, y in arrow_curve()]
        self.cities = [(name, *self.to_xy(lon, lat)) for name, lon, lat in CITIES]

    def territory(self, frame):
        """Land of the region north of the front at `frame` (a shapely geometry)."""
        from shapely.geometry import Polygon

        line = [self.to_xy(x, y) for x, y in front_line(front_lat(frame))]
        far = (self.view[2] - self.view[0]) * 2
        top = self.view[3] + far
        north = Polygon(
            [(line[0][0] - far, line[0][1])] + line + [(line[-1][0] + far, line[-1][1]),
                                                       (line[-1][0] + far, top),
                                                       (line[0][0] - far, top)]
        )
        return self.region.intersection(north)

    def arrow(self, frame):
        """The grown part of the arrow at `frame` (projected points) and its head triangle
        (projected), or ([], None) before it starts."""
        body = partial_line(self.arrow_xy, arrow_fraction(frame))
        if len(body) < 2:
            return [], None
        (x0, y0), (x1, y1) = body[-2], body[-1]
        d = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / d, (y1 - y0) / d
        length = ARROW_WIDTH_PX * 3 / self.scale  # head 3 body widths long, 2.5 wide
        half = ARROW_WIDTH_PX * 1.25 / self.scale
        tip = (x1 + ux * length * 0.5, y1 + uy * length * 0.5)
        back = (x1 - ux * length * 0.5, y1 - uy * length * 0.5)
        head = [tip, (back[0] - uy * half, back[1] + ux * half), (back[0] + uy * half, back[1] - ux * half)]
        return body[:-1] + [back], head


def parse_common(description):
    """Command line shared by the peers: frame range, size, and where frames go."""
    import argparse

    p = argparse.ArgumentParser(description=description)
    p.add_argument("--frames", type=int, default=FRAMES, help="frames to render (default 300)")
    p.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default 1920x1080)")
    p.add_argument(
        "--encode",
        metavar="OUT.mp4",
        help="pipe raw frames to ffmpeg (libx264 veryfast, CRF 20) instead of discarding them",
    )
    p.add_argument("--png", metavar="PATH", help="also save the last frame as PNG (to look at it)")
    args = p.parse_args()
    args.width, args.height = (int(v) for v in args.size.lower().split("x"))
    return args


class FrameSink:
    """Where rendered frames go: discarded (render-only timing) or piped to ffmpeg as raw
    video, the way a user turns a plotting script's frames into an H.264 file."""

    def __init__(self, out, width, height, pix_fmt):
        self.proc = None
        if out:
            import subprocess

            cmd = [
                "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", pix_fmt, "-s", f"{width}x{height}", "-r", str(FPS),
                "-i", "-",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                out,
            ]
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)

    def write(self, buf):
        # Render-only runs still touch the buffer (as a real sink would) but keep nothing.
        if self.proc:
            self.proc.stdin.write(buf)

    def close(self):
        if self.proc:
            self.proc.stdin.close()
            if self.proc.wait() != 0:
                raise SystemExit("ffmpeg failed")
