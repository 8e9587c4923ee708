# SPDX-License-Identifier: MIT
# Warnings and sanitizers for our own targets only; third-party code never sees them.
add_library(mapreel_compiler_options INTERFACE)
target_compile_options(mapreel_compiler_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough
  # Aggregates with default member initialisers are our value-type style.
  -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports std::string members of aggregates as maybe-uninitialized at -O3
  # (GCC bug 105562, a false positive).
  target_compile_options(mapreel_compiler_options INTERFACE -Wno-maybe-uninitialized)
endif()
if(MAPREEL_WERROR)
  target_compile_options(mapreel_compiler_options INTERFACE -Werror)
endif()
if(MAPREEL_SANITIZE)
  target_compile_options(mapreel_compiler_options INTERFACE
    -fsanitize=${MAPREEL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(mapreel_compiler_options INTERFACE -fsanitize=${MAPREEL_SANITIZE})
endif()
