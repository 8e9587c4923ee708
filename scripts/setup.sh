#!/usr/bin/env bash
# Installs everything mapreel needs to build, test and render on Debian 12.
# Safe to run more than once: apt-get skips what is already installed.
#   scripts/setup.sh          what building, testing and rendering need
#   scripts/setup.sh --bench  also the optional benchmark tools (bench/run.sh calls this)
set -euo pipefail

bench=0
[ "${1:-}" = "--bench" ] && bench=1

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ccache
  clang-format clang-tidy
  # libFuzzer for the story fuzzer (tests/fuzz)
  clang libclang-rt-14-dev
  # libraries the adapters wrap
  libyaml-cpp-dev libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libharfbuzz-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libavfilter-dev
  libsdl2-dev libespeak-ng-dev libcli11-dev
  # locale data: dates and month names in every language (adapters/icu)
  libicu-dev
  # pictures of image actions drawn from JPEG files (adapters/cairo)
  libjpeg-dev
  # tests
  libgtest-dev libgmock-dev libbenchmark-dev
  ffmpeg poppler-utils imagemagick xvfb xdotool
  # GNU time: peak memory of the stress test (tests/faults/stress.sh)
  time
  # fonts: same glyphs on every machine. Noto core covers Latin, Greek, Cyrillic, Arabic,
  # Hebrew, Devanagari, Thai and more; Noto CJK covers Korean, Chinese and Japanese.
  fonts-noto-core fonts-noto-ui-core fonts-noto-cjk
  # web player tests
  chromium
  # the Slurm test of docs/examples/slurm-series.sh (tests/cli/slurm.sh): a one-node cluster
  slurm-wlm munge
)
# --- Optional: benchmarks only (bench/run.sh), installed with --bench -----------------------
# The peers mapreel is compared with (bench/peers/), run with Debian's /usr/bin/python3,
# plus GNU time for peak memory and perf for profiles.
if ((bench)); then
  packages+=(
    python3-matplotlib python3-geopandas python3-shapely python3-pyproj python3-mapnik
    linux-perf
  )
fi
# Node.js for the browser tests: Debian's unless a newer one is already on the machine.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages: playwright-core drives Debian's chromium in the browser tests (it downloads
# no browser); ajv checks the stories against the JSON Schema. Locked versions, installed once.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for dir in web tests/story; do
  if [ -f "$here/$dir/package-lock.json" ] && [ ! -f "$here/$dir/node_modules/.package-lock.json" ]; then
    (cd "$here/$dir" && npm ci --no-audit --no-fund --silent)
  fi
done
echo "setup: all packages present"
