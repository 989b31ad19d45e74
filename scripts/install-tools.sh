#!/usr/bin/env bash
# Installs the Go-built tools the tests use into .tools/ (git-ignored):
#   .tools/crossplane       the crossplane CLI (github.com/crossplane/cli/v2, v2.5.0)
#   .tools/crossplane-core  a Crossplane core binary (v2.3.4) for `render --crossplane-binary`
# Each is built from a small wrapper module under tools/ with pinned go.sum. Core v2.3+ cannot be
# `go install`ed (its go.mod has a replace directive), and the proxy refuses the version list the
# CLI's `go install pkg@version` asks for, so both are built with `go build` inside the wrapper.
# A stamp (the wrapper go.sum's hash) skips the build when nothing changed. Go keeps its module and
# build caches in the usual places (~/go/pkg/mod, ~/.cache/go-build), so CI rebuilds are quick.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools"
mkdir -p "$bin"

build() { # name package
  local name=$1 pkg=$2 dir="$root/tools/$1"
  local stamp
  stamp="$(cat "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16)"
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
ln -sf crossplane-cli "$bin/crossplane"
"$bin/crossplane" --help >/dev/null
"$bin/crossplane-core" --help >/dev/null
echo "install-tools: ready in .tools/"
