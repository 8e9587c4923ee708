#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Peer: the reference scene with Mapnik 3.1 (python3-mapnik), the way a Mapnik user
animates a map: one map with an XML style sheet, static layers from GeoJSON, and the
territory and arrow layers given a new in-memory datasource before each frame is rendered.
Geometry is prepared with shapely/pyproj (scene.py), already projected to the map's LCC, so
Mapnik does not reproject anything per frame.

    /usr/bin/python3 bench/peers/mapnik_peer.py [--frames N] [--size WxH] [--encode out.mp4]

Prints one JSON line: load seconds, frames, frame-loop seconds, frames per second, and
frames per CPU-second of this process (ffmpeg, when encoding, is another process).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scene  # noqa: E402

import mapnik  # noqa: E402
from shapely.geometry import LineString, Point, Polygon, mapping  # noqa: E402

FONT_DIR = "/usr/share/fonts/truetype/noto"


def style_sheet(u):
    """Mapnik XML styles; sizes are pixels at 1080p, scaled by `u`."""
    return f"""<Map srs="{scene.PROJ}" background-color="{scene.SEA}">
  <Style name="land"><Rule><PolygonSymbolizer fill="{scene.LAND}"/></Rule></Style>
  <Style name="borders"><Rule>
    <LineSymbolizer stroke="{scene.BORDER}" stroke-width="{1.2 * u}"/></Rule></Style>
  <Style name="territory"><Rule>
    <PolygonSymbolizer fill="{scene.TERRITORY}" fill-opacity="{scene.TERRITORY_ALPHA}"/>
    <LineSymbolizer stroke="{scene.TERRITORY_EDGE}" stroke-width="{2 * u}"/></Rule></Style>
  <Style name="arrow"><Rule>
    <LineSymbolizer stroke="{scene.TERRITORY}" stroke-width="{scene.ARROW_WIDTH_PX * u}"
                    stroke-linecap="butt"/></Rule></Style>
  <Style name="head"><Rule><PolygonSymbolizer fill="{scene.TERRITORY}"/></Rule></Style>
  <Style name="cities"><Rule>
    <MarkersSymbolizer fill="#2b2722" stroke-width="0" width="{8 * u}" height="{8 * u}"
                       allow-overlap="true"/>
    <TextSymbolizer face-name="Noto Sans Regular" size="{19 * u}" fill="#2b2722"
                    halo-fill="white" halo-radius="{1.5 * u}" dx="{10 * u}"
                    horizontal-alignment="right" allow-overlap="true">[name]</TextSymbolizer>
  </Rule></Style>
</Map>"""


def geojson_layer(name, features):
    """A layer on an inline GeoJSON datasource (the geojson plugin indexes it once)."""
    fc = {"type": "FeatureCollection", "features": features}
    layer = mapnik.Layer(name, scene.PROJ)
    layer.datasource = mapnik.Datasource(type="geojson", inline=json.dumps(fc))
    layer.styles.append(name)
    return layer


def feature(geom, **props):
    return {"type": "Feature", "geometry": mapping(geom), "properties": props}


def memory_datasource(geoms):
    """A fresh in-memory datasource holding shapely geometries (as WKB)."""
    ds = mapnik.MemoryDatasource()
    ctx = mapnik.Context()
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            continue
        f = mapnik.Feature(ctx, i + 1)
        f.geometry = mapnik.Geometry.from_wkb(g.wkb)
        ds.add_feature(f)
    return ds


def main():
    args = scene.parse_common(__doc__)
    t0 = time.perf_counter()
    base = scene.Base(args.width, args.height)
    mapnik.register_fonts(FONT_DIR)
    m = mapnik.Map(args.width, args.height)
    mapnik.load_map_from_string(m, style_sheet(args.height / 1080))
    m.layers.append(geojson_layer("land", [feature(g) for g in base.land.geometry]))
    m.layers.append(geojson_layer("borders", [feature(g) for g in base.borders.geometry]))
    moving = {}
    for name in ("territory", "arrow", "head"):
        layer = mapnik.Layer(name, scene.PROJ)
        layer.datasource = memory_datasource([])
        layer.styles.append(name)
        m.layers.append(layer)
        moving[name] = len(m.layers) - 1
    m.layers.append(
        geojson_layer("cities", [feature(Point(x, y), name=n) for n, x, y in base.cities]))
    m.zoom_to_box(mapnik.Box2d(*base.view))
    image = mapnik.Image(args.width, args.height)
    sink = scene.FrameSink(args.encode, args.width, args.height, "rgba")
    load = time.perf_counter() - t0

    t1, c1 = time.perf_counter(), time.process_time()
    for frame in range(args.frames):
        body, head = base.arrow(frame)
        m.layers[moving["territory"]].datasource = memory_datasource([base.territory(frame)])
        m.layers[moving["arrow"]].datasource = memory_datasource([LineString(body)] if head else [])
        m.layers[moving["head"]].datasource = memory_datasource([Polygon(head)] if head else [])
        image.clear()
        mapnik.render(m, image)
        image.demultiply()  # ffmpeg reads straight (not premultiplied) RGBA
        sink.write(image.tostring())
    loop, cpu = time.perf_counter() - t1, time.process_time() - c1
    if args.png:
        image.save(args.png, "png")
    sink.close()
    print(json.dumps({"peer": "mapnik", "load_s": round(load, 3), "frames": args.frames,
                      "loop_s": round(loop, 3), "fps": round(args.frames / loop, 3),
                      "cpu_fps": round(args.frames / cpu, 3)}))


if __name__ == "__main__":
    main()
