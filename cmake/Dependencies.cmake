# SPDX-License-Identifier: MIT
# Every dependency is a Debian package installed by scripts/setup.sh; nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(GDAL REQUIRED IMPORTED_TARGET gdal)
pkg_check_modules(PROJ REQUIRED IMPORTED_TARGET proj)
pkg_check_modules(GEOS REQUIRED IMPORTED_TARGET geos)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo cairo-png cairo-svg cairo-pdf fontconfig)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET libavcodec libavformat libavutil libswscale)
# The live preview window (`mapreel preview`); only adapters/sdl includes it.
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
