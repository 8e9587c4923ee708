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
# The live preview window (`mapreel preview`); only adapters/sdl includes it. Optional: without
# SDL2 everything else builds, and `mapreel preview` says how to get the window.
set(MAPREEL_HAVE_PREVIEW OFF)
if(MAPREEL_WITH_PREVIEW)
  pkg_check_modules(SDL2 IMPORTED_TARGET sdl2)
  if(SDL2_FOUND)
    set(MAPREEL_HAVE_PREVIEW ON)
  else()
    message(WARNING "SDL2 not found: building without the live preview window "
                    "(install libsdl2-dev, or run scripts/setup.sh, and re-run cmake)")
  endif()
endif()
