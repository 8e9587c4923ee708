# SPDX-License-Identifier: MIT
# The two commands of the README. Each sets up the machine (once), builds, then acts.
BUILD ?= build/release
JOBS ?= $(shell nproc)

.PHONY: setup build build-app install demo test test-sanitize fuzz-smoke check-format tidy clean

setup:
	bash scripts/setup.sh

build: setup
	cmake --preset release
	cmake --build $(BUILD) -j $(JOBS)

## Only the command-line program (what `demo` and `install` need), not the tests.
build-app: setup
	cmake --preset release
	cmake --build $(BUILD) -j $(JOBS) --target mapreel

## Puts `mapreel` on the PATH (/usr/local/bin; PREFIX=... for another place) with the web
## player's files and the bundled stories prepared (see `mapreel prepare`); the bundled
## data is read from this source tree.
PREFIX ?= /usr/local
install: build-app
	cmake --build $(BUILD) -j $(JOBS) --target prepared
	cmake --install $(BUILD) --prefix $(PREFIX)

## Renders the flagship map to out/korean-war.mp4.
demo: build-app
	mkdir -p out
	$(BUILD)/apps/mapreel render stories/cold-war/korean-war.yaml -o out/korean-war.mp4

## Runs the whole test suite: unit, story corpus, golden images, integration, CLI, web.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

## The test suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build
## (preset asan: build/asan), without the browser and preview tests (slow, and they test
## Chromium and SDL more than mapreel) and the byte-for-byte determinism test: x264 reads a
## few bytes of fresh buffers, which mapreel fills with a fixed pattern through glibc's
## malloc and ASan's allocator does not (the same renders run under ASan in cli_outputs). Any report fails the run: halt_on_error, and
## -fno-sanitize-recover for UBSan. Leaks are detected; tests/fuzz/lsan.supp lists the only
## ones forgiven (inside third-party libraries, each with its reason). The stress test's
## memory bounds are scaled for ASan's shadow memory, and the time an interrupted render may
## take to stop (3 s) for its slower frames and encoder.
SAN_BUILD ?= build/asan
SAN_ENV = ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0 \
	MAPREEL_STRESS_RSS_SCALE=4 MAPREEL_INTERRUPT_MS=10000
test-sanitize: setup
	cmake --preset asan -B $(SAN_BUILD)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -LE '^(web|preview|determinism)$$'

## A short fuzz run of the story loader and the geometry repair with libFuzzer (clang, ASan,
## UBSan): FUZZ_RUNS inputs each (at most FUZZ_SECONDS), starting from the seed corpora.
## FUZZ_SEED fixes libFuzzer's random choices so that CI runs the same inputs every time
## and a new finding cannot fail an unrelated change; FUZZ_SEED=0 explores anew. Prints the
## executions; a crash, hang (> 10 s), leak or sanitizer report fails it and leaves the
## input in $(FUZZ_BUILD)/artifacts/.
FUZZ_BUILD ?= build/fuzz
FUZZ_SECONDS ?= 600
FUZZ_RUNS ?= 8000
FUZZ_SEED ?= 1
FUZZ_FLAGS = -runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	-rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/
fuzz-smoke: setup
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DMAPREEL_FUZZ=ON -DMAPREEL_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target mapreel_story_fuzzer mapreel_geometry_fuzzer
	mkdir -p $(FUZZ_BUILD)/artifacts $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/geometry-corpus
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
		$(FUZZ_BUILD)/tests/fuzz/mapreel_story_fuzzer $(FUZZ_FLAGS) $(FUZZ_BUILD)/corpus \
		stories tests/story/malformed 2>$(FUZZ_BUILD)/story-fuzz.log || \
		{ tail -n 60 $(FUZZ_BUILD)/story-fuzz.log; exit 1; }
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
		$(FUZZ_BUILD)/tests/fuzz/mapreel_geometry_fuzzer $(FUZZ_FLAGS) \
		$(FUZZ_BUILD)/geometry-corpus tests/fuzz/geometry-seeds 2>$(FUZZ_BUILD)/geometry-fuzz.log || \
		{ tail -n 60 $(FUZZ_BUILD)/geometry-fuzz.log; exit 1; }
	@for f in story geometry; do \
		printf '%s fuzzer: %s executions (seed %s), %s new inputs, peak %s MB\n' $$f \
			"$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/$$f-fuzz.log)" \
			"$(FUZZ_SEED)" \
			"$$(sed -n 's/^stat::new_units_added: *//p' $(FUZZ_BUILD)/$$f-fuzz.log)" \
			"$$(sed -n 's/^stat::peak_rss_mb: *//p' $(FUZZ_BUILD)/$$f-fuzz.log)"; \
	done

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
