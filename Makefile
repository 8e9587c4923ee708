# SPDX-License-Identifier: MIT
# The two commands of the README. Each sets up the machine (once), builds, then acts.
BUILD ?= build/release
JOBS ?= $(shell nproc)

.PHONY: setup build demo test check-format tidy clean

setup:
	bash scripts/setup.sh

build: setup
	cmake --preset release
	cmake --build $(BUILD) -j $(JOBS)

## Renders the flagship map to out/korean-war.mp4.
demo: build
	mkdir -p out
	$(BUILD)/apps/mapreel render stories/cold-war/korean-war.yaml -o out/korean-war.mp4

## Runs the whole test suite: unit, story corpus, golden images, integration, CLI, web.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

check-format:
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.hpp')

## Runs clang-tidy (.clang-tidy) on our sources: src, adapters, apps, tests. The compile
## database comes from its own build dir; the compiler's GCC-only warning flags are not
## clang-tidy findings, hence -Wno-unknown-warning-option.
TIDY_BUILD ?= build/tidy-db
TIDY_JOBS ?= 2
tidy:
	cmake -S . -B $(TIDY_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
	run-clang-tidy-14 -p $(TIDY_BUILD) -j $(TIDY_JOBS) -quiet \
		-extra-arg=-Wno-unknown-warning-option '^$(CURDIR)/(src|adapters|apps|tests)/'

clean:
	rm -rf build out
