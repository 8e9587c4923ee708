#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layering rules of docs/architecture.md, checked on every #include of the tree:
#   1. a module includes only itself and the modules below it:
#        core < geo < story < timeline < scene < render < publish < preview
#      (include/mapreel/<module>/ and src/<module>/ alike);
#   2. C library headers (GDAL, PROJ, GEOS, Cairo, Pango, HarfBuzz, fontconfig, libav, SDL,
#      espeak-ng, ICU, libpng) appear only under adapters/;
#   3. yaml-cpp only in src/story/;
#   4. the library (include/, src/) never includes an adapter or the CLI.
# Prints every violation as file:line and exits 1 when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(core geo story timeline scene render publish preview)
declare -A ranks
for i in "${!modules[@]}"; do ranks[${modules[$i]}]=$i; done
rank() {
  local i
  for i in "${!modules[@]}"; do
    [ "${modules[$i]}" = "$1" ] && echo "$i" && return
  done
  echo -1
}

c_headers='^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gdal|ogr|cpl_|proj\.h|proj/|proj_|geodesic\.h|geos_c|geos/|cairo|pango|hb\.h|hb-|harfbuzz/|fontconfig/|libav|libsw|SDL|espeak|unicode/|png\.h)'
adapter_dirs=$(find adapters -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | paste -sd'|' -)

failures=0
fail() {
  echo "$1: $2"
  failures=$((failures + 1))
}

# 1 and 4: the library's own folders.
for m in "${modules[@]}"; do
  mine=$(rank "$m")
  for dir in "include/mapreel/$m" "src/$m"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line text; do
      # Bash's own match: a subprocess per include line makes the check slow on a busy machine.
      used=""
      [[ $text =~ \"mapreel/([a-z_]+)/ ]] && used=${BASH_REMATCH[1]}
      r=${ranks[$used]:--1}
      if [ "$r" -lt 0 ]; then
        fail "$file:$line" "includes an unknown module '$used' ($text)"
      elif [ "$r" -gt "$mine" ]; then
        fail "$file:$line" "module '$m' includes '$used', which sits above it ($text)"
      fi
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"mapreel/' "$dir" || true)
    if [ -n "$adapter_dirs" ]; then
      while IFS=: read -r file line text; do
        fail "$file:$line" "the library includes an adapter or the CLI ($text)"
      done < <(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"(${adapter_dirs}|cli_|apps/)" "$dir" || true)
    fi
  done
done

# 2: C library headers only in adapters/.
while IFS=: read -r file line text; do
  fail "$file:$line" "a C library header outside adapters/ ($text)"
done < <(grep -rnE "$c_headers" include src apps --include='*.hpp' --include='*.cpp' --include='*.h' || true)

# 3: yaml-cpp only in the story reader.
while IFS=: read -r file line text; do
  case "$file" in src/story/*) ;; *) fail "$file:$line" "yaml-cpp outside src/story/ ($text)" ;; esac
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<yaml-cpp/' include src apps adapters || true)

if [ "$failures" -gt 0 ]; then
  echo "layering: $failures violation(s); see docs/architecture.md for the rules"
  exit 1
fi
echo "layering: ok (${#modules[@]} modules, C libraries only in adapters/)"
