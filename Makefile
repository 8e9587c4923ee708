# SPDX-License-Identifier: MIT
# The two commands of the README. Each sets up the machine (once), builds, then acts.
BUILD ?= build/release
JOBS ?= $(shell nproc)

.PHONY: setup build demo test check-format clean

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

clean:
	rm -rf build out
