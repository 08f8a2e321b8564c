# Stillroom: `make run` opens the bundled demo exhibit; `make test` runs the test suite.
# Both install missing Debian packages first (tools/install-deps.sh), then configure and build.
PRESET ?= default
BUILD  := build/$(PRESET)
DEMO   := $(BUILD)/demo

.PHONY: all deps configure build run test test-realdata bless format soak deb clean

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

test: build
	@ctest --preset $(PRESET) -j2

# Only the tests over third-party scans in ../shared/testdata (they skip when it is absent).
test-realdata: build
	@ctest --preset $(PRESET) -L realdata

# Rewrites the render references from the current build; look at every changed PNG before committing.
bless: build
	@STILLROOM_BLESS=1 ctest --preset $(PRESET) -L render -R '^render\.'

# The kiosk headless for 100,000 frames of random touches: memory must stay flat (about 25 minutes).
soak: build
	@STILLROOM_CACHE_DIR=$(BUILD)/test-output/soak-cache $(BUILD)/tools/bench/stillroom-kiosk-soak $(DEMO) --frames 100000

# The Debian package (programs, demo exhibit, kiosk units, docs) in $(BUILD).
deb: build
	@cd $(BUILD) && cpack

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build
