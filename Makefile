# Stillroom: `make run` opens the bundled demo exhibit; `make test` runs the test suite.
# Both install missing Debian packages first (tools/install-deps.sh), then configure and build.
PRESET ?= default
BUILD  := build/$(PRESET)
DEMO   := $(BUILD)/demo

.PHONY: all deps configure build run test test-realdata test-sanitize fuzz-build fuzz bless format soak deb clean

all: build

deps:
	@tools/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET)

# Opens the demo in a window where a display exists; otherwise renders a preview image.
run: build
	@tools/run-demo.sh $(BUILD)

test: build fuzz-build
	@ctest --preset $(PRESET) -j2

# The fuzz targets (tests/fuzz) are built in the sanitize tree (clang-14, ASan, UBSan, libFuzzer);
# every tree's `fuzz` tests run them for about a minute in all.
SANITIZE     := build/sanitize
FUZZ_TARGETS := fuzz_manifest fuzz_room_cache fuzz_image fuzz_poses
FUZZ_SECONDS ?= 300

fuzz-build: deps
	@cmake --preset sanitize >/dev/null && cmake --build --preset sanitize --target fuzz_targets

# The whole test suite built with clang-14 under AddressSanitizer and UndefinedBehaviorSanitizer.
# SANITIZE_CTEST_ARGS passes more to ctest (CI leaves out the `fuzz` label, which `make test` has
# just run from the same binaries, and the `window` label; see .ci/run).
test-sanitize: deps
	@cmake --preset sanitize >/dev/null
	@cmake --build --preset sanitize
	@ctest --preset sanitize -j2 $(SANITIZE_CTEST_ARGS)

# Each fuzz target for FUZZ_SECONDS, two at a time, in a corpus kept in $(SANITIZE)/fuzz-corpus
# (seeded from tests/fuzz/corpus); failing inputs land in $(SANITIZE)/fuzz-findings.
fuzz: fuzz-build
	@printf '%s\n' $(FUZZ_TARGETS) | xargs -P2 -I{} env SR_FUZZ_WORK_CORPUS=$(SANITIZE)/fuzz-corpus/{} \
	  SR_FUZZ_FINDINGS=$(SANITIZE)/fuzz-findings SR_FUZZ_LOG=$(SANITIZE)/fuzz-logs/{}.log \
	  tests/fuzz/run-fuzz.sh $(SANITIZE)/tests/fuzz/{} tests/fuzz/corpus/{} $(FUZZ_SECONDS)

# Only the tests over third-party scans in ../shared/testdata (they skip when it is absent).
test-realdata: build
	@ctest --preset $(PRESET) -L realdata

# Rewrites the render references from the current build; look at every changed PNG before committing.
bless: build
	@STILLROOM_BLESS=1 ctest --preset $(PRESET) -L render -R '^render\.'

# The kiosk headless for 100,000 frames of random touches: memory must stay flat (about 50
# minutes on two cores; --trace prints each sample, heap and anonymous memory apart).
soak: build
	@STILLROOM_CACHE_DIR=$(BUILD)/test-output/soak-cache $(BUILD)/tools/bench/stillroom-kiosk-soak $(DEMO) --frames 100000

# The Debian package (programs, demo exhibit, kiosk units, docs) in $(BUILD).
deb: build
	@cd $(BUILD) && cpack

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build
