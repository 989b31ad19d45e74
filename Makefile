# Modelplane for TypeScript. `make help` lists the targets.
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help.
	@if [ -t 1 ]; then on=$$'\033[36m'; off=$$'\033[0m'; else on=; off=; fi; \
	awk -v on="$$on" -v off="$$off" 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %s%-12s%s %s\n", on, $$1, off, $$2}' $(MAKEFILE_LIST)

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

.PHONY: deps
deps: node_modules ## Install npm packages (npm ci).

.PHONY: tools
tools: ## Build the Go tools `make test` needs into .tools/ (crossplane CLI and core, egctl, xrd-budget, oracle).
	./scripts/install-tools.sh test

.PHONY: tools-twin
tools-twin: ## Build the fleet twin's Go tools into .tools/ (Kubernetes, Envoy Gateway, KServe, ...).
	./scripts/install-tools.sh twin

.PHONY: crds
crds: ## Fetch the upstream CRDs the tests validate against into .crds/ (needs Go; cached).
	node scripts/fetch-crds.mjs

.PHONY: build
build: node_modules ## Bundle every function into dist/<function>.js.
	npm run build

# Each bundle is rebuilt only when one of the files esbuild read for it changed: the build writes
# dist/<name>.d, the list of those files, for make.
-include $(wildcard dist/*.d)
dist/modelplane.js: package-lock.json scripts/build.mjs | node_modules
	node scripts/build.mjs modelplane

.PHONY: plan
plan: dist/modelplane.js ## Preview the bundled example fleet (the main job).
	@node dist/modelplane.js plan

.PHONY: test
test: node_modules tools crds ## Run every test (unit, protocol, render, schema validation).
	npm test

.PHONY: typecheck
typecheck: node_modules ## Type-check the whole tree.
	npm run typecheck

.PHONY: lint
lint: node_modules ## Lint and check formatting.
	npm run lint

.PHONY: generate
generate: node_modules ## Regenerate the XRDs, Compositions, API reference and embedded fleet.
	npm run generate
	npm run generate:docs

.PHONY: render
render: build tools ## Render every fixture in examples/render with the real crossplane CLI.
	UPDATE_GOLDEN=$${UPDATE_GOLDEN:-0} npx vitest run tests/render.test.ts

.PHONY: twin-up
twin-up: node_modules ## Start the fleet twin (real control planes on loopback) and print its KUBECONFIG.
	./scripts/twin/up.sh

.PHONY: twin-down
twin-down: ## Stop the fleet twin and remove its state (.twin/).
	./scripts/twin/down.sh

.PHONY: e2e
e2e: node_modules ## Start the fleet twin, run the end-to-end suite against it (tests/e2e), stop it.
	./scripts/twin/e2e.sh

.PHONY: bench
bench: node_modules ## Run the benchmarks (not part of the tests).
	npm run bench

.PHONY: reviewable
reviewable: generate lint typecheck test ## Everything a change must pass.

.PHONY: clean
clean: ## Remove build output (keeps .tools/).
	rm -rf dist coverage
