#!/usr/bin/python3
"""Compute the Korean War probe facts from the story file, so they are checked, not guessed.

    make_probe_facts.py                 write tests/data/korea-probe-facts.tsv
    make_probe_facts.py --check         exit 1 if the TSV on disk differs from what is computed
    make_probe_facts.py --countries F   also check land/sea against Natural Earth countries
                                        (world-atlas countries-10m TopoJSON, .json or .json.gz)

Standard library only. The front keyframes and places are read from
stories/cold-war/korean-war.yaml with a small line parser: each front 'line:' and pocket
'polygon:' must stay on one line, and each place is a one-line '- {id: ..., at: [lon, lat]}'.

Side rule (the engine's): walking a front line from its first to its last point, the left
side is 'north' (DPRK/PVA) and the right side 'south' (UN/ROK). The left region is closed by
extending the first segment backwards and the last segment forwards as rays to the box
lon 118..136, lat 30..46, then walking the box boundary counter-clockwise from the end ray's
hit back to the start ray's hit. Pockets are then applied (a point inside a pocket belongs to
the pocket's side). Distances are in km on a local equirectangular approximation, measured to
the line, its two rays and the pocket outlines.

Each fact is a point on Korean land at least MIN_KM from the front of its governing key date,
or, for a date between two keyframes, on the same side of both neighbouring keyframes and at
least MIN_KM from both lines (so any plausible interpolation agrees). A few facts are required
closer than MIN_KM and are listed with the reason (EXCEPTIONS). 'none' facts are points at sea
or outside Korea.
"""
import argparse
import gzip
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
STORY = os.path.join(REPO, 'stories', 'cold-war', 'korean-war.yaml')
OUT = os.path.join(HERE, 'korea-probe-facts.tsv')
BOX = (118.0, 30.0, 136.0, 46.0)  # lon_min, lat_min, lon_max, lat_max
MIN_KM = 20.0

# (date, place id, note). Keyframe dates: the point is judged against that keyframe.
# Other dates: against both neighbouring keyframes.
PROBES = [
    ('1950-06-25', 'seoul', 'South of the 38th parallel on the day of the invasion'),
    ('1950-06-25', 'pyongyang', 'North Korean capital'),
    ('1950-06-25', 'ongjin', 'ROK-held Ongjin peninsula south of 38 N'),
    ('1950-06-25', 'pusan', ''),
    ('1950-06-28', 'taejon', ''),
    ('1950-06-28', 'suwon', 'South of the Han on the day Seoul fell'),
    ('1950-06-28', 'kaesong', 'Overrun on the first morning'),
    ('1950-07-20', 'chonan', 'Fell on 8 July'),
    ('1950-07-20', 'taegu', ''),
    ('1950-07-20', 'kwangju', 'Not yet reached by the North Korean 6th Division sweep'),
    ('1950-08-04', 'kwangju', 'Inside the North Korean-held south-west, west of the Naktong'),
    ('1950-08-04', 'chinju', 'West of the Pusan Perimeter'),
    ('1950-08-04', 'pusan', 'Inside the Pusan Perimeter'),
    ('1950-08-04', 'kyongju', 'Inside the Pusan Perimeter'),
    ('1950-09-14', 'pusan', 'Inside the Pusan Perimeter'),
    ('1950-09-14', 'ulsan', 'Inside the Pusan Perimeter'),
    ('1950-09-14', 'andong', 'North of the perimeter'),
    ('1950-09-28', 'suwon', 'After the link-up near Osan'),
    ('1950-09-28', 'chunchon', 'Not yet retaken'),
    ('1950-09-28', 'pyongyang', ''),
    ('1950-10-19', 'sariwon', 'On the UN road to Pyongyang'),
    ('1950-10-19', 'wonsan', 'Taken by ROK I Corps on 10 October'),
    ('1950-10-19', 'anju', 'North of the Pyongyang line'),
    ('1950-10-19', 'sinuiju', ''),
    ('1950-10-26', 'pyongyang', 'UN-held'),
    ('1950-10-26', 'hamhung', 'UN-held'),
    ('1950-10-26', 'sinuiju', 'Never reached by the UN'),
    ('1950-10-26', 'kanggye', 'North Korean refuge on the Yalu side'),
    ('1950-11-24', 'pyongyang', 'UN-held'),
    ('1950-11-24', 'kapsan', 'On the US 7th Division road to Hyesanjin'),
    ('1950-11-24', 'sinuiju', 'Never reached by the UN'),
    ('1950-11-24', 'kanggye', ''),
    ('1950-12-15', 'hungnam', 'Inside the Hungnam enclave (south pocket)'),
    ('1950-12-15', 'hamhung', 'Inside the Hungnam enclave (south pocket)'),
    ('1950-12-15', 'wonsan', 'Outside the enclave; Wonsan was evacuated from 3 December'),
    ('1950-12-15', 'pyongyang', 'Abandoned on 5 December'),
    ('1950-12-15', 'seoul', ''),
    ('1951-01-15', 'seoul', 'Fell on 4 January 1951'),
    ('1951-01-15', 'suwon', ''),
    ('1951-01-15', 'taejon', 'South of Line D'),
    ('1951-01-15', 'kangnung', 'North of Line D'),
    ('1951-03-15', 'suwon', ''),
    ('1951-03-15', 'wonju', ''),
    ('1951-03-15', 'hwachon', 'Not yet retaken'),
    ('1951-03-15', 'kaesong', ''),
    ('1951-06-15', 'seoul', ''),
    ('1951-06-15', 'chunchon', 'Behind the Kansas line'),
    ('1951-06-15', 'kangnung', ''),
    ('1951-06-15', 'wonsan', ''),
    ('1951-06-15', 'haeju', ''),
    ('1953-07-27', 'ongjin', 'Ongjin changed hands: north of the armistice line'),
    ('1953-07-27', 'haeju', ''),
    ('1953-07-27', 'seoul', ''),
    ('1953-07-27', 'chunchon', ''),
    ('1953-07-27', 'hwachon', 'North of the 38th parallel but south of the armistice line'),
    ('1953-07-27', 'yangyang', 'North of the 38th parallel but south of the armistice line'),
    ('1953-07-27', 'wonsan', ''),
    # Between keyframes: same side in both neighbours.
    ('1950-07-05', 'taegu', ''),
    ('1950-07-05', 'pyongyang', ''),
    ('1950-08-20', 'pusan', ''),
    ('1950-08-20', 'kwangju', ''),
    ('1950-09-20', 'ulsan', ''),
    ('1950-09-20', 'pyongyang', ''),
    ('1950-10-10', 'taejon', ''),
    ('1950-10-10', 'sinuiju', ''),
    ('1950-11-10', 'pyongyang', ''),
    ('1950-11-10', 'kanggye', ''),
    ('1950-12-05', 'seoul', ''),
    ('1950-12-05', 'sinuiju', ''),
    ('1951-01-01', 'taejon', ''),
    ('1951-01-01', 'pyongyang', ''),
    ('1951-02-15', 'taejon', ''),
    ('1951-02-15', 'kaesong', ''),
    ('1951-05-01', 'suwon', 'The real front moved north and back in April-May; Suwon stayed UN-held'),
    ('1951-05-01', 'pyongyang', ''),
    ('1952-07-01', 'seoul', ''),
    ('1952-07-01', 'chunchon', ''),
    ('1952-07-01', 'haeju', ''),
    ('1952-07-01', 'wonsan', ''),
]

# Probes allowed closer than MIN_KM, with the reason.
EXCEPTIONS = {
    ('1950-06-25', 'ongjin'): 'required fact; the 38th parallel is exact, so 7 km is safe',
    ('1950-12-15', 'hungnam'): 'required fact: inside the Hungnam enclave, which is only about 30 km across',
    ('1950-12-15', 'hamhung'): 'required fact: inside the Hungnam enclave, which is only about 30 km across',
}

# Points outside Korea or at sea: expected side 'none'.
NONE_PROBES = [
    ('1950-06-25', 131.00, 39.00, 'Sea of Japan', 'At sea'),
    ('1950-10-26', 124.78, 40.73, 'Kuandian (China)', 'In China, north-west of the Yalu'),
    ('1951-01-15', 124.00, 36.60, 'Yellow Sea', 'At sea'),
    ('1952-07-01', 129.80, 34.80, 'Korea Strait', 'At sea, between Korea and Japan'),
    ('1953-07-27', 130.40, 33.59, 'Fukuoka (Japan)', 'Outside Korea'),
]


# --- reading the story ----------------------------------------------------------------------

def read_story(path):
    places, keyframes, every_date = {}, [], []
    section = None
    kf = None
    pocket_side = None
    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            top = re.match(r'^([a-z_]+):', line)
            if top:
                section = top.group(1)
                continue
            if section == 'places':
                # name: Seoul, name: "Ji'an" or, in several languages, name: {en: Seoul, ko: 서울}
                m = re.match(r'^\s*- \{id: ([\w-]+), name: (\{[^}]*\}|"[^"]*"|[^,]+), at: \[([-\d.]+), ([-\d.]+)\]',
                             line)
                if m:
                    name = m.group(2)
                    if name.startswith('{'):
                        en = re.search(r'\ben: ("[^"]*"|[^,}]+)', name)
                        name = en.group(1).strip() if en else name
                    name = name.strip('"')
                    places[m.group(1)] = (name, float(m.group(3)), float(m.group(4)))
                elif line.strip().startswith('- '):
                    sys.exit(f'{path}:{lineno}: place is not a one-line flow mapping')
            elif section == 'fronts':
                m = re.match(r'^\s*- date: (\d{4}-\d\d-\d\d)\s*$', line)
                if m:
                    kf = {'date': m.group(1), 'line': None, 'pockets': []}
                    keyframes.append(kf)
                    continue
                m = re.match(r'^\s*line: (\[\[.*\]\])\s*$', line)
                if m:
                    kf['line'] = [tuple(p) for p in json.loads(m.group(1))]
                    continue
                m = re.match(r'^\s*- side: (\w+)\s*$', line)
                if m:
                    pocket_side = m.group(1)
                    continue
                m = re.match(r'^\s*polygon: (\[\[.*\]\])\s*$', line)
                if m:
                    # Pockets listed on the front itself, before its keyframes, hold on every date.
                    pocket = (pocket_side, [tuple(p) for p in json.loads(m.group(1))])
                    (kf['pockets'] if kf else every_date).append(pocket)
    for k in keyframes:
        if not k['line']:
            sys.exit(f'{path}: keyframe {k["date"]} has no one-line "line:"')
        k['pockets'] = every_date + k['pockets']
    return places, keyframes


# --- geometry -------------------------------------------------------------------------------

def ray_hit(p, d):
    x0, y0, x1, y1 = BOX
    ts = []
    if d[0] > 0:
        ts.append((x1 - p[0]) / d[0])
    if d[0] < 0:
        ts.append((x0 - p[0]) / d[0])
    if d[1] > 0:
        ts.append((y1 - p[1]) / d[1])
    if d[1] < 0:
        ts.append((y0 - p[1]) / d[1])
    t = min(ts)
    return (p[0] + t * d[0], p[1] + t * d[1])


def perimeter_pos(q):
    """Counter-clockwise position on the box boundary, 0 at the south-east corner."""
    x0, y0, x1, y1 = BOX
    w, h = x1 - x0, y1 - y0
    eps = 1e-9
    x, y = q
    if abs(x - x1) < eps:
        return y - y0
    if abs(y - y1) < eps:
        return h + (x1 - x)
    if abs(x - x0) < eps:
        return h + w + (y1 - y)
    if abs(y - y0) < eps:
        return 2 * h + w + (x - x0)
    raise ValueError(f'{q} is not on the box')


def left_region(line):
    """The closed polygon on the left of the line, and the two ray hits."""
    x0, y0, x1, y1 = BOX
    w, h = x1 - x0, y1 - y0
    per = 2 * (w + h)
    a, b = line[0], line[1]
    start = ray_hit(a, (a[0] - b[0], a[1] - b[1]))
    c, d = line[-2], line[-1]
    end = ray_hit(d, (d[0] - c[0], d[1] - c[1]))
    te, ts = perimeter_pos(end), perimeter_pos(start)
    span = (ts - te) % per
    corners = [((x1, y1), h), ((x0, y1), h + w), ((x0, y0), 2 * h + w), ((x1, y0), per)]
    walk = []
    for q, t in corners:
        for k in (0, 1):
            tt = t + k * per
            if te < tt < te + span:
                walk.append((tt, q))
    walk.sort()
    poly = list(line) + [end] + [q for _, q in walk] + [start]
    return poly, start, end


def inside(pt, ring):
    x, y = pt
    res = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                res = not res
    return res


def seg_km(p, a, b):
    kx = 111.32 * math.cos(math.radians(p[1]))
    ky = 110.57
    ax, ay = (a[0] - p[0]) * kx, (a[1] - p[1]) * ky
    bx, by = (b[0] - p[0]) * kx, (b[1] - p[1]) * ky
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / ll))
    return math.hypot(ax + t * dx, ay + t * dy)


def polyline_km(p, pts):
    return min(seg_km(p, pts[i], pts[i + 1]) for i in range(len(pts) - 1))


def judge(pt, kf):
    """(side, km to the front) of a point for one keyframe."""
    poly, start, end = left_region(kf['line'])
    side = 'north' if inside(pt, poly) else 'south'
    km = polyline_km(pt, [start] + list(kf['line']) + [end])
    for pside, ring in kf['pockets']:
        if inside(pt, ring):
            side = pside
        km = min(km, polyline_km(pt, ring + [ring[0]]))
    return side, km


# --- optional land check --------------------------------------------------------------------

def load_countries(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        topo = json.load(f)
    sx, sy = topo['transform']['scale']
    tx, ty = topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        pts = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    korea = []
    for g in topo['objects']['countries']['geometries']:
        if g.get('id') in ('410', '408'):  # KOR, PRK
            polys = g['arcs'] if g['type'] == 'MultiPolygon' else [g['arcs']]
            korea.extend([ring(r) for r in p] for p in polys)
    return korea


def on_korea(pt, korea):
    return any(inside(pt, p[0]) and not any(inside(pt, h) for h in p[1:]) for p in korea)


# --- main -----------------------------------------------------------------------------------

def compute(places, keyframes, korea):
    dates = [k['date'] for k in keyframes]
    by_date = {k['date']: k for k in keyframes}
    rows, problems = [], []
    for date, pid, note in PROBES:
        if pid not in places:
            problems.append(f'{date} {pid}: unknown place')
            continue
        name, lon, lat = places[pid]
        pt = (lon, lat)
        if date in by_date:
            governing = [by_date[date]]
        else:
            before = [d for d in dates if d < date]
            after = [d for d in dates if d > date]
            if not before or not after:
                problems.append(f'{date} {pid}: outside the keyframe range')
                continue
            governing = [by_date[before[-1]], by_date[after[0]]]
        judged = [(k['date'], *judge(pt, k)) for k in governing]
        sides = {s for _, s, _ in judged}
        if len(sides) != 1:
            problems.append(f'{date} {pid}: sides differ between neighbouring keyframes {judged}')
            continue
        side = sides.pop()
        nearest = min(km for _, _, km in judged)
        exception = EXCEPTIONS.get((date, pid))
        if nearest < MIN_KM and not exception:
            problems.append(f'{date} {pid}: only {nearest:.1f} km from a governing front')
            continue
        if korea is not None and not on_korea(pt, korea):
            problems.append(f'{date} {pid}: not on Korean land in Natural Earth')
        if len(judged) == 1:
            where = f'{judged[0][2]:.0f} km from the {date} front'
        else:
            where = 'between keyframes {} ({:.0f} km) and {} ({:.0f} km)'.format(
                judged[0][0], judged[0][2], judged[1][0], judged[1][2])
        parts = [p for p in (note, where) if p]
        if exception:
            parts.append('closer than {:.0f} km: {}'.format(MIN_KM, exception))
        rows.append((date, lon, lat, side, name, '; '.join(parts)))
    for date, lon, lat, name, note in NONE_PROBES:
        if korea is not None and on_korea((lon, lat), korea):
            problems.append(f'{date} {name}: expected outside Korea but it is on Korean land')
        rows.append((date, lon, lat, 'none', name, note))
    rows.sort(key=lambda r: (r[0], r[3], r[4]))
    return rows, problems


def render(rows):
    out = ['date\tlon\tlat\texpected_side\tplace_name\tnote']
    for date, lon, lat, side, name, note in rows:
        out.append(f'{date}\t{lon:.2f}\t{lat:.2f}\t{side}\t{name}\t{note}')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='compare with the TSV on disk')
    ap.add_argument('--countries', help='world-atlas countries-10m TopoJSON (.json or .json.gz)')
    ap.add_argument('--story', default=STORY)
    ap.add_argument('--out', default=OUT)
    args = ap.parse_args()
    places, keyframes = read_story(args.story)
    korea = load_countries(args.countries) if args.countries else None
    rows, problems = compute(places, keyframes, korea)
    for p in problems:
        print('problem:', p, file=sys.stderr)
    if problems:
        return 1
    text = render(rows)
    if args.check:
        with open(args.out, encoding='utf-8') as f:
            if f.read() != text:
                print(f'{args.out} is out of date; run {sys.argv[0]}', file=sys.stderr)
                return 1
        print(f'{args.out}: {len(rows)} facts, up to date')
        return 0
    tmp = args.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, args.out)
    print(f'wrote {len(rows)} facts to {args.out}' + ('' if korea else ' (land not checked)'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
