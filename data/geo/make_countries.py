"""Rebuild countries-110m.json from Natural Earth's 1:110m admin-0 countries (public domain).

The shapes were taken from the copy geopandas 0.14 ships (geopandas/datasets/naturalearth_lowres,
Natural Earth 5.x); run with pyshp installed:

    python data/geo/make_countries.py path/to/naturalearth_lowres.shp > data/geo/countries-110m.json

Coordinates are rounded to 0.01 degree (about 1 km): far finer than a page shows, and a third of
the size. Kosovo, coded -99 by Natural Earth, gets XKX as in GeoNames.
"""
import json
import sys

import shapefile  # pyshp: only needed to rebuild the file, never at run time


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    out = {}
    for shape_rec in reader.iterShapeRecords():
        rec = shape_rec.record.as_dict()
        code = rec["iso_a3"] if rec["iso_a3"] != "-99" else "XKX"
        shape = shape_rec.shape
        parts = list(shape.parts) + [len(shape.points)]
        rings = []
        for a, b in zip(parts, parts[1:]):
            ring = [[round(x, 2), round(y, 2)] for x, y in shape.points[a:b]]
            rings.append(ring)
        out[code] = {"name": rec["name"], "continent": rec["continent"], "rings": rings}
    json.dump({"source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
               "countries": out}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
