# Warta: `make run` serves the site at http://127.0.0.1:8080, `make test` runs the whole suite.
.PHONY: run test deps build lint format bench bench-mail bench-micro clean

run: deps build
	.build/debug/warta migrate
	.build/debug/warta demo --first-start
	.build/debug/warta serve

test:
	@scripts/deps.sh --test
	scripts/test.sh

deps:
	@scripts/deps.sh

build:
	swift build --product warta

lint:
	swift format lint --strict --recursive Sources Tests bench/bare bench/micro/Benchmarks bench/micro/Package.swift Package.swift

format:
	swift format --in-place --recursive Sources Tests bench/bare bench/micro/Benchmarks bench/micro/Package.swift Package.swift

bench-micro:
	@scripts/deps.sh
	cd bench/micro && swift package benchmark

bench:
	@scripts/deps.sh --bench
	bench/run.sh

bench-mail:
	@scripts/deps.sh --bench
	bench/mail.sh

clean:
	rm -rf .build
