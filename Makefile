# NetFrames: the two commands a new user needs.
#   make demo   – installs what is missing, builds, and renders the demo into Output/
#   make test   – installs what is missing, builds, and runs every test
.PHONY: demo test bench deps

deps:
	@./scripts/install-deps.sh

demo: deps
	swift run -c release netframes record examples/two-two-two.yaml
	swift run -c release netframes record examples/xor.yaml

test: deps
	swift test

bench: deps
	swift run -c release netframes-bench
