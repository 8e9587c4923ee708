#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Turns the raw outputs of bench/run.sh (build/bench/results) into bench/RESULTS.md.

    /usr/bin/python3 bench/report.py RESULTS_DIR OUT.md

Every figure is a median over the runs. The part of an existing OUT.md after the analysis
marker (the profile reading and recommendations, written by a person) is kept.
"""

import glob
import json
import os
import re
import statistics
import sys

MARKER = "<!-- analysis: written by hand; bench/run.sh keeps everything below this line -->"


def parse_time(path):
    """Wall seconds, peak RSS (MB), user+sys CPU seconds from `/usr/bin/time -v` output."""
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = float(re.search(r"User time \(seconds\): (\S+)", text).group(1)) + float(
        re.search(r"System time \(seconds\): (\S+)", text).group(1)
    )
    return seconds, rss_kb / 1024, cpu


def peer_json(path):
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    return None


class Results:
    def __init__(self, root):
        self.root = root
        self.machine = dict(
            line.rstrip("\n").split("\t", 1) for line in open(os.path.join(root, "machine.tsv"))
        )
        self.frames = dict(
            (n, int(f)) for n, f in (l.split() for l in open(os.path.join(root, "frames.tsv")))
        )
        self.runs = {}
        for path in glob.glob(os.path.join(root, "*.time")):
            name, _run, _ = os.path.basename(path).rsplit(".", 2)
            wall, rss, cpu = parse_time(path)
            entry = {"wall": wall, "rss": rss, "cpu": cpu}
            j = peer_json(path[: -len(".time")] + ".out")
            if j:
                entry["loop_fps"] = j["fps"]
                entry["loop_cpu_fps"] = j.get("cpu_fps")
                entry["load_s"] = j["load_s"]
            self.runs.setdefault(name, []).append(entry)

    def has(self, name):
        return name in self.runs

    def med(self, name, key):
        values = [r[key] for r in self.runs.get(name, []) if key in r]
        return statistics.median(values) if values else None

    def fps(self, name):
        """Frames per second over the whole process (start-up included)."""
        wall = self.med(name, "wall")
        return self.frames[name] / wall if wall else None

    def steady_fps(self, name, startup):
        """Frames per second once running: the start-up run (launch to first frame) is
        subtracted, and so is its frame."""
        wall, first = self.med(name, "wall"), self.med(startup, "wall")
        if not wall or first is None or wall <= first:
            return None
        return (self.frames[name] - 1) / (wall - first)

    def steady_cpu_fps(self, name, startup):
        """Frames per CPU-second once running (all threads of the process): on a loaded
        machine this still says what a quiet single core would do, for one-thread work."""
        cpu, first = self.med(name, "cpu"), self.med(startup, "cpu")
        if not cpu or first is None or cpu <= first:
            return None
        return (self.frames[name] - 1) / (cpu - first)


def f1(x, unit=""):
    return "n/a" if x is None else f"{x:.1f}{unit}"


def f2(x, unit=""):
    return "n/a" if x is None else f"{x:.2f}{unit}"


def ratio(a, b):
    return None if not a or not b else a / b


def micro_table(root):
    path = os.path.join(root, "micro.json")
    if not os.path.exists(path):
        return ["(stage micro-benchmarks not run)"]
    data = json.load(open(path))
    rows = {}
    # Medians when the benchmarks were repeated; the single runs otherwise (--runs 1).
    repeated = any(b.get("aggregate_name") == "median" for b in data["benchmarks"])
    for b in data["benchmarks"]:
        if repeated and b.get("aggregate_name") != "median":
            continue
        if not repeated and b.get("run_type", "iteration") != "iteration":
            continue
        name = b["run_name"]
        parts = name.split("/")
        stage = parts[0].removeprefix("BM_")
        args = dict(p.split(":") for p in parts[1:] if ":" in p)
        story = {"0": "reference scene", "1": "Korean War"}.get(args.get("story"), "-")
        size = {"1080": "1080p", "2160": "4K"}.get(args.get("h"), "-")
        ms = b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e6
        per_s = b.get("items_per_second")
        rows[(stage, story, size)] = (ms, per_s)
    order = ["Load", "BaseData", "Compile", "FirstPass", "Evaluate", "DrawWarm", "DrawCold", "Frame", "Encode"]
    what = {
        "Load": "story file -> validated Story",
        "BaseData": "Natural Earth 10m land read via GDAL (Korea bbox)",
        "Compile": "Story -> Timeline (base data, projection, clipping, fronts)",
        "FirstPass": "Compile + evaluate every frame once (builds the fronts' fields)",
        "Evaluate": "Timeline x t -> Scene display list",
        "DrawWarm": "Scene -> Cairo raster, base and overlay cached",
        "DrawCold": "Scene -> Cairo raster, every layer redrawn",
        "Frame": "evaluate + draw (the render loop)",
        "Encode": "BGRA -> yuv420p -> H.264 (VideoEncoder, one x264 thread per segment)",
    }
    out = [
        "| stage | what | story | size | time per op | frames/s |",
        "|---|---|---|---|---:|---:|",
    ]
    for stage in order:
        for (s, story, size), (ms, per_s) in sorted(rows.items()):
            if s != stage:
                continue
            out.append(
                f"| {stage} | {what[stage]} | {story} | {size} | {ms:.2f} ms | "
                f"{'' if per_s is None else f'{per_s:.0f}'} |"
            )
    return out


def perf_block(root, mode, lines=22):
    path = os.path.join(root, f"perf-{mode}.txt")
    if not os.path.exists(path):
        return ["(not profiled)"]
    # C++ template symbols run to thousands of characters; their head says enough.
    rows = [l.rstrip()[:110] for l in open(path) if l.strip()][:lines]
    dso = os.path.join(root, f"perf-{mode}-dso.txt")
    dso_rows = [l.rstrip() for l in open(dso) if l.strip()][:8] if os.path.exists(dso) else []
    return ["```", *dso_rows, "", *rows, "```"]


def main():
    root, out_path = sys.argv[1], sys.argv[2]
    r = Results(root)
    m = r.machine
    kept = ""
    if os.path.exists(out_path):
        text = open(out_path).read()
        if MARKER in text:
            kept = text.split(MARKER, 1)[1]

    ref_r = r.steady_fps("mapreel-ref-1080-render", "startup-ref")
    ref_e = r.steady_fps("mapreel-ref-1080-encode", "startup-ref")
    k4_r = r.steady_fps("mapreel-ref-2160-render", "startup-ref-2160")
    k4_e = r.steady_fps("mapreel-ref-2160-encode", "startup-ref-2160")
    kor_r = r.steady_fps("mapreel-korean-1080-render", "startup-korean")
    kor_e = r.steady_fps("mapreel-korean-1080-encode", "startup-korean")
    enc = r.fps("encode-only-1080")
    enc4 = r.fps("encode-only-2160")
    naive = r.med("peer-mpl-naive-render", "loop_fps")
    blit = r.med("peer-mpl-blit-render", "loop_fps")
    mapnik = r.med("peer-mapnik-render", "loop_fps")
    mpl_best = max(x for x in (naive, blit) if x is not None) if (naive or blit) else None
    ref_r_cpu = r.steady_cpu_fps("mapreel-ref-1080-render", "startup-ref")
    naive_cpu = r.med("peer-mpl-naive-render", "loop_cpu_fps")
    blit_cpu = r.med("peer-mpl-blit-render", "loop_cpu_fps")
    mapnik_cpu = r.med("peer-mapnik-render", "loop_cpu_fps")
    mpl_best_cpu = max((x for x in (naive_cpu, blit_cpu) if x), default=None)

    L = []
    w = L.append
    w("# mapreel benchmark results")
    w("")
    w("Written by `bench/run.sh` (raw outputs in `build/bench/results/`); every figure is the")
    w(f"median of {m.get('runs')} runs, all contenders measured in the same session, interleaved.")
    w("")
    w(f"- Date: {m.get('date')}; commit {m.get('commit')}")
    w(f"- Machine: {m.get('nproc')} cores, {m.get('cpu')}, Linux {m.get('kernel')}")
    w(f"- Load average (1, 5, 15 min) at start: {m.get('load_start')}; at end: {m.get('load_end')}")
    w(f"- Encoder: {m.get('x264')}, libx264 `veryfast`, CRF 20, yuv420p, for every contender")
    w("- Scene: `bench/scene/bench-scene.yaml` (the reference scene of bench-scene.md, 300")
    w(f"  frames); Korean War: `stories/cold-war/korean-war.yaml`, frames 0-{m.get('korean_frames')}.")
    w("")
    w("## Whole runs")
    w("")
    w("*frames/s running* excludes start-up (the median launch-to-first-frame time of the same")
    w("scene is subtracted); *frames/s overall* is frames over the whole process time. Peers: the")
    w("frame loop as timed by the script itself (after its data load), and overall. *frames per")
    w("CPU-s* is the same running rate over CPU time (user + system, all threads; for the peers")
    w("their own process, not ffmpeg): it is what the wall-clock rate would be on an idle core")
    w("for single-threaded work, so it stays meaningful when the machine is busy.")
    w("")
    w("| run | frames | wall s | frames/s running | frames/s overall | frames per CPU-s | peak MB | CPU s |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    startup_of = {"ref-1080": "startup-ref", "ref-2160": "startup-ref-2160",
                  "korean-1080": "startup-korean"}

    def cpu_rate(name):
        if name.startswith("peer-"):
            return r.med(name, "loop_cpu_fps")
        for key, startup in startup_of.items():
            if key in name:
                return r.steady_cpu_fps(name, startup)
        return None

    rows = [
        ("start-up, reference scene 1080p (load, compile, 1 frame)", "startup-ref", None),
        ("start-up, reference scene 4K", "startup-ref-2160", None),
        ("start-up, Korean War 1080p", "startup-korean", None),
        ("mapreel reference 1080p, render only", "mapreel-ref-1080-render", ref_r),
        ("mapreel reference 1080p, render + encode", "mapreel-ref-1080-encode", ref_e),
        ("ffmpeg encode-only 1080p (same frames, same settings)", "encode-only-1080", None),
        ("mapreel reference 4K, render only", "mapreel-ref-2160-render", k4_r),
        ("mapreel reference 4K, render + encode", "mapreel-ref-2160-encode", k4_e),
        ("ffmpeg encode-only 4K", "encode-only-2160", None),
        ("mapreel Korean War 1080p, render only", "mapreel-korean-1080-render", kor_r),
        ("mapreel Korean War 1080p, render + encode", "mapreel-korean-1080-encode", kor_e),
        ("matplotlib naive 1080p, frames only", "peer-mpl-naive-render", naive),
        ("matplotlib naive 1080p, + encode", "peer-mpl-naive-encode",
         r.med("peer-mpl-naive-encode", "loop_fps")),
        ("matplotlib blitting 1080p, frames only", "peer-mpl-blit-render", blit),
        ("matplotlib blitting 1080p, + encode", "peer-mpl-blit-encode",
         r.med("peer-mpl-blit-encode", "loop_fps")),
        ("Mapnik 1080p, frames only", "peer-mapnik-render", mapnik),
        ("Mapnik 1080p, + encode", "peer-mapnik-encode", r.med("peer-mapnik-encode", "loop_fps")),
        ("stress story (2,000 steps, 500 arrows): check", "stress-check", None),
        ("stress story: 30 frames at 45000, 1080p, render only", "stress-render-deep", None),
    ]
    for label, name, running in rows:
        if not r.has(name):
            continue
        w(
            f"| {label} | {r.frames[name]} | {f2(r.med(name, 'wall'))} | {f1(running)} | "
            f"{f1(r.fps(name))} | {f1(cpu_rate(name))} | {f1(r.med(name, 'rss'))} | "
            f"{f1(r.med(name, 'cpu'))} |"
        )
    w("")
    w("Ratios (mapreel's running rate over the peer's frame loop, same scene, 1080p; by wall")
    w("clock, and by CPU time):")
    w("")
    w("| against | frames only | with H.264 encode | frames only, per CPU-s |")
    w("|---|---:|---:|---:|")
    for label, peer in (("matplotlib naive", "mpl-naive"), ("matplotlib blitting", "mpl-blit"),
                        ("Mapnik", "mapnik")):
        pr = r.med(f"peer-{peer}-render", "loop_fps")
        pe = r.med(f"peer-{peer}-encode", "loop_fps")
        pc = r.med(f"peer-{peer}-render", "loop_cpu_fps")
        w(f"| {label} | {f1(ratio(ref_r, pr), 'x')} | {f1(ratio(ref_e, pe), 'x')} | "
          f"{f1(ratio(ref_r_cpu, pc), 'x')} |")
    w("")
    w("## Stages (Google Benchmark, `build/bench/bench/mapreel_bench`)")
    w("")
    w("Per-frame stages cycle through consecutive frames (the whole reference scene; the first")
    w("600 frames of the Korean War map). Encode is timed in real time.")
    w("")
    L.extend(micro_table(root))
    w("")
    w("## Targets (issue 9)")
    w("")
    w("| target | measured | met |")
    w("|---|---|:---:|")

    def target(label, value, ok, note=""):
        verdict = "n/a" if ok is None else ("yes" if ok else "**no**")
        w(f"| {label} | {value}{note} | {verdict} |")

    e2e = ratio(ref_e, enc)
    e2e_all = ratio(r.fps("mapreel-ref-1080-encode"), enc)
    target("end-to-end >= 85 % of encode-only (1080p)",
           f"{f1(e2e and e2e * 100, ' %')} running ({f1(ref_e)} vs {f1(enc)} frames/s); "
           f"{f1(e2e_all and e2e_all * 100, ' %')} with start-up", None if e2e is None else e2e >= 0.85)
    e2e4 = ratio(k4_e, enc4)
    target("end-to-end >= 85 % of encode-only (4K)",
           f"{f1(e2e4 and e2e4 * 100, ' %')} running ({f1(k4_e)} vs {f1(enc4)} frames/s)",
           None if e2e4 is None else e2e4 >= 0.85)
    target("render-only >= 150 frames/s at 1080p (reference scene)",
           f"{f1(ref_r)} frames/s ({f1(ref_r_cpu)} per CPU-s)",
           None if ref_r is None else ref_r >= 150)
    target("render-only >= 150 frames/s at 1080p (Korean War)", f"{f1(kor_r)} frames/s",
           None if kor_r is None else kor_r >= 150)
    su = r.med("startup-ref", "wall")
    target("start-up <= 0.5 s (reference scene)", f"{f2(su, ' s')}", None if su is None else su <= 0.5)
    sk = r.med("startup-korean", "wall")
    target("start-up <= 0.5 s (Korean War)", f"{f2(sk, ' s')}", None if sk is None else sk <= 0.5)
    mem = max(filter(None, (r.med("mapreel-ref-1080-encode", "rss"),
                            r.med("mapreel-ref-1080-render", "rss"))), default=None)
    target("peak memory <= 300 MB at 1080p (reference scene)", f"{f1(mem, ' MB')}",
           None if mem is None else mem <= 300)
    memk = r.med("mapreel-korean-1080-encode", "rss")
    target("peak memory <= 300 MB at 1080p (Korean War)", f"{f1(memk, ' MB')}",
           None if memk is None else memk <= 300)
    mem4 = r.med("mapreel-ref-2160-encode", "rss")
    target("peak memory <= 1 GB at 4K", f"{f1(mem4, ' MB')}", None if mem4 is None else mem4 <= 1024)
    rb = ratio(ref_r, mpl_best)
    target("render-only >= 10x the best matplotlib peer",
           f"{f1(rb, 'x')} ({f1(ref_r)} vs {f1(mpl_best)} frames/s); per CPU-s "
           f"{f1(ratio(ref_r_cpu, mpl_best_cpu), 'x')}", None if rb is None else rb >= 10)
    rm = ratio(ref_r, mapnik)
    target("render-only >= 10x Mapnik", f"{f1(rm, 'x')} ({f1(ref_r)} vs {f1(mapnik)} frames/s); "
           f"per CPU-s {f1(ratio(ref_r_cpu, mapnik_cpu), 'x')}", None if rm is None else rm >= 10)
    w("")
    w("## Profiles (perf, reference scene 1080p, whole process)")
    w("")
    w("Start-up (`--null-output --frames 0:1`: load, compile, one frame): share of samples by")
    w("library, then by symbol (pixman ships without symbols: its entries are addresses).")
    w("")
    L.extend(perf_block(root, "startup"))
    w("")
    w("Render only (`--null-output`, 300 frames):")
    w("")
    L.extend(perf_block(root, "render"))
    w("")
    w("Render + encode:")
    w("")
    L.extend(perf_block(root, "encode"))
    w("")
    w(MARKER)
    with open(out_path, "w") as f:
        f.write("\n".join(L) + (kept if kept else "\n"))


if __name__ == "__main__":
    main()
