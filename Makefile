# NetFrames: the two commands a new user needs.
#   make demo   – installs what is missing, builds, and renders the demo into Output/demo/
#   make test   – installs what is missing, builds, and runs every test
.PHONY: demo test bench deps

deps:
	@./scripts/install-deps.sh

demo: deps
	swift run -c release netframes demo

test: deps
	swift test

bench: deps
	swift run -c release netframes-bench
