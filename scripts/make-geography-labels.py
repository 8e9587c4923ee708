#!/usr/bin/env python3
"""Writes data/natural-earth/geography-labels.geojson: one point per ocean, sea and continent
name that mapreel draws on world and continental views, from Natural Earth 10m
geography_marine_polys (scalerank <= 3) and geography_regions_polys (featurecla Continent).

Each point is where the name sits: for a sea, the pole of inaccessibility of the largest part
of the feature (the point inside it farthest from its edges), so that a name stays inside its
sea; for a continent, the middle of its land (Natural Earth's continent areas reach far out to
sea, so their own middles fall on Greenland or the Sahel), from the table below.
Properties: name, name_fr (when Natural Earth has one), kind (ocean, sea, continent),
min_zoom and max_zoom (web-map zoom levels between which the name is drawn).

Usage: scripts/make-geography-labels.py [natural-earth folder] > geography-labels.geojson
"""
import gzip
import heapq
import json
import math
import re
import os
import sys


def ring_area(r):
    return 0.5 * sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1))


def seg_dist2(p, a, b):
    x, y = a
    dx, dy = b[0] - x, b[1] - y
    if dx or dy:
        t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy)
        if t > 1:
            x, y = b
        elif t > 0:
            x, y = x + dx * t, y + dy * t
    return (p[0] - x) ** 2 + (p[1] - y) ** 2


def signed_dist(p, rings):
    inside = False
    best = math.inf
    for r in rings:
        for i in range(len(r) - 1):
            a, b = r[i], r[i + 1]
            if (a[1] > p[1]) != (b[1] > p[1]) and p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]:
                inside = not inside
            best = min(best, seg_dist2(p, a, b))
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(rings, precision=0.2):
    """Mapbox's polylabel: the point of the polygon farthest from its edges (degrees,
    with longitude scaled by the cosine of the middle latitude)."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    k = math.cos(math.radians((min(ys) + max(ys)) / 2)) or 1e-6
    rs = [[(x * k, y) for x, y in r] for r in rings]
    minx, maxx, miny, maxy = min(xs) * k, max(xs) * k, min(ys), max(ys)
    h = min(maxx - minx, maxy - miny) / 2
    if h == 0:
        return xs[0], ys[0]
    heap = []
    def cell(x, y, h):
        d = signed_dist((x, y), rs)
        return (-(d + h * math.sqrt(2)), d, x, y, h)
    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            heapq.heappush(heap, cell(x + h, y + h, h))
            y += 2 * h
        x += 2 * h
    best = max(heap, key=lambda c: c[1])
    while heap:
        c = heapq.heappop(heap)
        if c[1] > best[1]:
            best = c
        if -c[0] - best[1] <= precision:
            continue
        h2 = c[4] / 2
        for dx in (-h2, h2):
            for dy in (-h2, h2):
                heapq.heappush(heap, cell(c[2] + dx, c[3] + dy, h2))
    return best[2] / k, best[3]


def largest_part(geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return max(polys, key=lambda p: abs(ring_area(p[0])))


def thin(rings, step):
    return [r[::step] + [r[0]] if len(r) > 4 * step else r for r in rings]


def title(name):
    words = " ".join(name.split()).lower().split(" ")
    small = {"of", "de", "du", "des", "la", "le", "d'"}
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


# The middle of each continent's land, lon/lat.
CONTINENT_AT = {"NORTH AMERICA": (-100.0, 47.0), "SOUTH AMERICA": (-60.0, -12.0),
                "EUROPE": (15.0, 51.0), "AFRICA": (20.0, 5.0), "ASIA": (95.0, 45.0),
                "AUSTRALIA": (134.0, -25.0), "ANTARCTICA": (40.0, -80.0)}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "natural-earth")
    def read(name):
        with gzip.open(os.path.join(folder, name + ".geojson.gz")) as f:
            return json.load(f)["features"]
    out = []
    for f in read("ne_10m_geography_marine_polys"):
        p = f["properties"]
        if p["scalerank"] > 3 or p["name"] is None:
            continue
        ocean = p["featurecla"] == "ocean"
        # Seas appear a little later than Natural Earth's own zoom, so that a world map
        # shows its oceans and only the largest seas.
        out.append((p["name"], p.get("name_fr"), "ocean" if ocean else "sea",
                    p["min_label"] + (0.5 if ocean else 1.5), p["max_label"], f["geometry"]))
    for f in read("ne_10m_geography_regions_polys"):
        p = f["properties"]
        if p["featurecla"] == "Continent":
            out.append((p["name"], None, "continent", p["min_label"], p["max_label"], f["geometry"]))
    features = []
    seen = set()
    for name, fr, kind, lo, hi, geom in out:
        if name in seen:  # Natural Earth splits a few seas at the 180th meridian
            continue
        seen.add(name)
        if kind == "continent":
            x, y = CONTINENT_AT[name.upper()]
        else:
            rings = largest_part(geom)
            x, y = polylabel(thin(rings, max(1, len(rings[0]) // 1500)))
        props = {"name": title(name) if kind != "continent" else name.upper(), "kind": kind,
                 "min_zoom": round(lo, 2), "max_zoom": round(hi, 2)}
        if fr:
            props["name_fr"] = re.sub(r"^Ocean ", "Océan ", title(fr))
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [round(x, 2), round(y, 2)]}})
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
