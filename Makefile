# Modelplane for TypeScript. `make help` lists the targets.
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

.PHONY: deps
deps: node_modules ## Install npm packages (npm ci).

.PHONY: tools
tools: ## Build the Go tools `make test` needs into .tools/ (crossplane CLI and core, xrd-budget, oracle).
	./scripts/install-tools.sh test

.PHONY: tools-twin
tools-twin: ## Build the fleet twin's Go tools into .tools/ (Kubernetes, Envoy Gateway, KServe, ...).
	./scripts/install-tools.sh twin

.PHONY: build
build: node_modules ## Bundle every function into dist/<function>.js.
	npm run build

.PHONY: plan
plan: node_modules ## Preview the bundled example fleet (the main job).
	npm run --silent plan

.PHONY: test
test: node_modules tools ## Run every test (unit, protocol, render, schema validation).
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
