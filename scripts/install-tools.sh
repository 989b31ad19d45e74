#!/usr/bin/env bash
# Installs the Go-built tools the tests use into .tools/ (git-ignored):
#   .tools/crossplane       the crossplane CLI (github.com/crossplane/cli/v2, v2.5.0)
#   .tools/crossplane-core  a Crossplane core binary (v2.3.4) for `render --crossplane-binary`
#   .tools/xrd-budget       the API server's CRD validation over our XRDs (tests/xrd-budget)
#   .tools/oracle           Kubernetes quantity/semver/DRA CEL answers (tests/oracle)
#   .tools/mtls-peer        Crossplane's function certificates and grpc-go client (tests/mtls-peer)
# Each is built from a small wrapper module under tools/ with pinned go.sum. Core v2.3+ cannot be
# `go install`ed (its go.mod has a replace directive), and the proxy refuses the version list the
# CLI's `go install pkg@version` asks for, so both are built with `go build` inside the wrapper.
# A stamp (a hash of the module's go.mod, go.sum and Go files) skips the build when nothing changed. Go keeps its module and
# build caches in the usual places (~/go/pkg/mod, ~/.cache/go-build), so CI rebuilds are quick.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools"
mkdir -p "$bin"

build() { # name package [module dir]
  local name=$1 pkg=$2 dir="${3:-$root/tools/$1}"
  local stamp
  stamp="$(find "$dir" -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) | sort | xargs cat | sha256sum | cut -c1-16)"
  if [[ -x "$bin/$name" && -f "$bin/.$name.stamp" && "$(cat "$bin/.$name.stamp")" == "$stamp" ]]; then
    echo "install-tools: $name is up to date"
    return
  fi
  echo "install-tools: building $name ($pkg)"
  (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -o "$bin/$name.tmp" "$pkg")
  mv "$bin/$name.tmp" "$bin/$name"
  echo "$stamp" >"$bin/.$name.stamp"
}

command -v go >/dev/null || { echo "install-tools: Go is required (https://go.dev/dl)" >&2; exit 1; }
build crossplane-cli github.com/crossplane/cli/v2/cmd/crossplane
build crossplane-core github.com/crossplane/crossplane/v2/cmd/crossplane
# The API server's CRD validation (CEL compile + cost budget) for our XRDs: tests/xrd-budget.
build xrd-budget . "$root/tests/xrd-budget"
build oracle . "$root/tests/oracle" # Kubernetes Quantity/semver/DRA CEL answers for tests/cel-parity.test.ts
build mtls-peer . "$root/tests/mtls-peer" # Crossplane's certificates and gRPC client for tests/mtls.test.ts
ln -sf crossplane-cli "$bin/crossplane"
"$bin/crossplane" --help >/dev/null
"$bin/crossplane-core" --help >/dev/null
echo "install-tools: ready in .tools/"
