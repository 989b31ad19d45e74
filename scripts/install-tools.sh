#!/usr/bin/env bash
# Builds the Go programs the project uses into .tools/ (git-ignored), each pinned by a wrapper module
# with go.sum under tools/ (or tests/). Usage:
#
#   scripts/install-tools.sh [GROUP...]     GROUP: test (the default), twin, all
#
#   test  what `make test` needs
#         crossplane       the crossplane CLI v2.5.0 (reused from PATH when it reports v2.5.0)
#         crossplane-core  Crossplane core v2.3.4, for `crossplane render` and the twin's hub
#         xrd-budget       the API server's CRD validation over our XRDs (tests/xrd-budget)
#         oracle           Kubernetes Quantity/semver/DRA CEL answers (tests/oracle)
#         mtls-peer        Crossplane's function certificates and grpc-go client (tests/mtls-peer)
#         egctl-v1.7, egctl-v1.9  Envoy Gateway's egctl of the oldest and newest release we support
#                          (tools/egctl-v1.7, tools/egctl-v1.9): tests/eg-translate.test.ts runs
#                          `egctl experimental translate` on every example's routes with both
#   twin  what `make twin-up` / `make e2e` run (scripts/twin/)
#         tools/twin: one module, one Kubernetes library version (0.36.3), one `go build`:
#           kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (k8s.io/kubernetes v1.36.3),
#           kwok (sigs.k8s.io/kwok v0.8.0), crane (go-containerregistry v0.22.1),
#           provider-kubernetes (v1.3.1), lws-controller (sigs.k8s.io/lws v0.9.0),
#           envoy-gateway (Envoy Gateway v1.9.1's controller)
#         tools/kserve: llmisvc-controller (KServe v0.20.0 cmd/llmisvc), built inside a writable
#           copy of KServe's module (.tools/src/) so KServe's own replace block applies
#         etcd comes from Debian (apt-get install etcd-server); this script only checks for it.
#
# Builds run in the background, two at a time (TOOLS_JOBS), each logging to .tools/logs/<name>.log;
# a failure prints the end of its log. A stamp per build (a hash of its module's go.mod, go.sum and
# Go files, plus its build flags) makes a warm run instant: nothing is asked of Go when it matches.
# Go's module and build caches (~/go/pkg/mod, ~/.cache/go-build) are shared with every clone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools"
logs="$bin/logs"
jobs_max="${TOOLS_JOBS:-2}"
mkdir -p "$bin" "$logs"

say() { echo "install-tools: $*"; }

groups=("$@")
[[ ${#groups[@]} -gt 0 ]] || groups=(test)
want_test=0 want_twin=0
for g in "${groups[@]}"; do
  case "$g" in
    test) want_test=1 ;;
    twin) want_twin=1 ;;
    all) want_test=1 want_twin=1 ;;
    *) echo "usage: scripts/install-tools.sh [test|twin|all]..." >&2; exit 2 ;;
  esac
done

command -v go >/dev/null || { echo "install-tools: Go is required (https://go.dev/dl)" >&2; exit 1; }

# The stamp of a module folder: a hash of its go.mod, go.sum and Go files in path order, then
# anything else that changes the output (flags). tests/oracle/client.ts computes the same stamp.
stamp_of() { # dir [extra]
  { find "$1" -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) | sort | xargs cat
    printf '%s' "${2:-}"; } | sha256sum | cut -c1-16
}

# up_to_date name stamp output...: every output exists and the stamp matches.
up_to_date() {
  local name=$1 stamp=$2 out
  shift 2
  [[ -f "$bin/.$name.stamp" && "$(cat "$bin/.$name.stamp")" == "$stamp" ]] || return 1
  for out in "$@"; do [[ -x "$bin/$out" ]] || return 1; done
}

pids=() names=() started=()
# spawn name what cold warm stamp fn: run fn in the background with its log; at most jobs_max at once.
spawn() {
  local name=$1 what=$2 cold=$3 warm=$4 stamp=$5 fn=$6
  while [[ $(jobs -rp | wc -l) -ge $jobs_max ]]; do wait -n || true; done
  say "building $name: $what (cold ~$cold, warm ~$warm; log .tools/logs/$name.log)"
  ( set -e; start=$SECONDS; "$fn" >"$logs/$name.log" 2>&1
    echo "$stamp" >"$bin/.$name.stamp"; echo "built in $((SECONDS - start))s" >>"$logs/$name.log" ) &
  pids+=($!) names+=("$name") started+=("$SECONDS")
}

# A plain `go build` of one package of a wrapper module.
go_build() { # dir output package [ldflags]
  (cd "$1" && go build -trimpath -ldflags "-s -w ${4:-}" -o "$bin/$2.tmp" "$3")
  mv "$bin/$2.tmp" "$bin/$2"
}

# --- test group -------------------------------------------------------------------------------

cli_version=v2.5.0
core_version=v2.3.4
version_flag=-X=github.com/crossplane/crossplane-runtime/v2/pkg/version.version

build_crossplane_cli() { go_build "$root/tools/crossplane-cli" crossplane-cli github.com/crossplane/cli/v2/cmd/crossplane "$version_flag=$cli_version"; }
build_crossplane_core() { go_build "$root/tools/crossplane-core" crossplane-core github.com/crossplane/crossplane/v2/cmd/crossplane "$version_flag=$core_version"; }
build_xrd_budget() { go_build "$root/tests/xrd-budget" xrd-budget .; }
build_oracle() { go_build "$root/tests/oracle" oracle .; }
build_mtls_peer() { go_build "$root/tests/mtls-peer" mtls-peer .; }
# CGO off: Envoy Gateway's cgo build needs btrfs headers (btrfs/ioctl.h) the machine lacks.
build_egctl_v1_7() { CGO_ENABLED=0 go_build "$root/tools/egctl-v1.7" egctl-v1.7 github.com/envoyproxy/gateway/cmd/egctl; }
build_egctl_v1_9() { CGO_ENABLED=0 go_build "$root/tools/egctl-v1.9" egctl-v1.9 github.com/envoyproxy/gateway/cmd/egctl; }

# --- twin group -------------------------------------------------------------------------------

k8s_version=v1.36.3
# What k8s.io/kubernetes' own build sets (hack/lib/version.sh); without it clients see v0.0.0.
k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$k8s_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36 -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z"
# package → binary name in .tools/
twin_packages=(
  k8s.io/kubernetes/cmd/kube-apiserver=kube-apiserver
  k8s.io/kubernetes/cmd/kube-controller-manager=kube-controller-manager
  k8s.io/kubernetes/cmd/kube-scheduler=kube-scheduler
  k8s.io/kubernetes/cmd/kubectl=kubectl
  sigs.k8s.io/kwok/cmd/kwok=kwok
  github.com/google/go-containerregistry/cmd/crane=crane
  github.com/crossplane-contrib/provider-kubernetes/cmd/provider=provider-kubernetes
  sigs.k8s.io/lws/cmd=lws-controller
  github.com/envoyproxy/gateway/cmd/envoy-gateway=envoy-gateway
)
twin_outputs=("${twin_packages[@]#*=}")

# One `go build` of every package: the shared Kubernetes libraries compile once, and Go keeps both
# cores busy. CGO is off (Envoy Gateway's cgo build needs btrfs headers; Kubernetes ships static).
build_twin() {
  local out="$bin/twin.tmp" entry pkgs=()
  rm -rf "$out" && mkdir -p "$out"
  for entry in "${twin_packages[@]}"; do pkgs+=("${entry%%=*}"); done
  (cd "$root/tools/twin" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $k8s_ldflags" -o "$out/" "${pkgs[@]}")
  for entry in "${twin_packages[@]}"; do
    mv "$out/$(basename "${entry%%=*}")" "$bin/${entry#*=}"
  done
  rm -rf "$out"
}

kserve_version=v0.20.0
kserve_src="$bin/src/kserve@$kserve_version"
# KServe's module, verified against tools/kserve/go.sum, copied where its replace block applies.
build_kserve() {
  local dir
  dir="$(cd "$root/tools/kserve" && go mod download -json "github.com/kserve/kserve@$kserve_version" |
    sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$dir" ]] || { echo "cannot download github.com/kserve/kserve@$kserve_version"; return 1; }
  rm -rf "$kserve_src.tmp" && mkdir -p "$bin/src"
  # Sources and the presets/CRDs the twin applies; not the Python SDK, docs or test data.
  (cd "$dir" && tar --exclude=./python --exclude=./docs --exclude=./test --exclude=./hack -cf - .) |
    (mkdir -p "$kserve_src.tmp" && cd "$kserve_src.tmp" && tar -xf -)
  chmod -R u+w "$kserve_src.tmp"
  rm -rf "$kserve_src" && mv "$kserve_src.tmp" "$kserve_src"
  (cd "$kserve_src" && go build -trimpath -ldflags "-s -w" -o "$bin/llmisvc-controller.tmp" ./cmd/llmisvc)
  mv "$bin/llmisvc-controller.tmp" "$bin/llmisvc-controller"
}

# Envoy AI Gateway's controller (tools/ai-gateway): InferencePool support for the workload cluster's
# Envoy Gateway, as KServe v0.20 installs it (kserve-deps.env ENVOY_AI_GATEWAY_VERSION=v1.0.0).
# A module of its own: it pins Envoy Gateway v1.8's Go API, the twin module v1.9's. Its
# controller-runtime metrics server would bind *:8080 (no flag sets it), as Envoy Gateway's does in
# the same network namespace: the linker sets controller-runtime's default to "0" (off) instead.
ai_gateway_ldflags="-X sigs.k8s.io/controller-runtime/pkg/metrics/server.DefaultBindAddress=0"
build_ai_gateway() { CGO_ENABLED=0 go_build "$root/tools/ai-gateway" ai-gateway-controller github.com/envoyproxy/ai-gateway/cmd/controller "$ai_gateway_ldflags"; }

# The longest builds start first (tools/twin, then KServe), so the short ones fill the gaps.
if [[ $want_twin == 1 ]]; then
  s="$(stamp_of "$root/tools/twin" "$k8s_ldflags ${twin_packages[*]}")"
  if up_to_date twin "$s" "${twin_outputs[@]}"; then say "twin tools (${twin_outputs[*]}) are up to date"
  else spawn twin "${twin_outputs[*]} (tools/twin, Kubernetes $k8s_version)" "35 min" "1-3 min" "$s" build_twin; fi
  s="$(stamp_of "$root/tools/kserve" "$kserve_version")"
  if up_to_date kserve "$s" llmisvc-controller && [[ -d "$kserve_src/config/llmisvcconfig" ]]; then
    say "llmisvc-controller (KServe $kserve_version) is up to date"
  else spawn kserve "llmisvc-controller (KServe $kserve_version cmd/llmisvc)" "15-25 min" "1 min" "$s" build_kserve; fi
  s="$(stamp_of "$root/tools/ai-gateway" "$ai_gateway_ldflags")"
  if up_to_date ai-gateway "$s" ai-gateway-controller; then say "ai-gateway-controller (Envoy AI Gateway v1.0.0) is up to date"
  else spawn ai-gateway "ai-gateway-controller (Envoy AI Gateway v1.0.0 cmd/controller)" "11 min" "15 s" "$s" build_ai_gateway; fi
  command -v etcd >/dev/null ||
    say "etcd is missing: the twin needs Debian's etcd-server (apt-get install etcd-server)"
fi

if [[ $want_test == 1 ]]; then
  # A crossplane CLI already on PATH (not ours) is used as is when it is the pinned version.
  on_path="$(PATH="${PATH//$bin:/}" command -v crossplane || true)"
  if [[ -n "$on_path" && "$on_path" != "$bin/"* ]] &&
    [[ "$("$on_path" version --client 2>/dev/null)" == *"Client Version: $cli_version"* ]]; then
    say "crossplane $cli_version found at $on_path: using it"
    ln -sf "$on_path" "$bin/crossplane"
  else
    s="$(stamp_of "$root/tools/crossplane-cli" "$version_flag=$cli_version")"
    if up_to_date crossplane-cli "$s" crossplane-cli; then say "crossplane CLI $cli_version is up to date"
    else spawn crossplane-cli "the crossplane CLI $cli_version (no crossplane $cli_version on PATH)" "8 min" "20 s" "$s" build_crossplane_cli; fi
    ln -sf crossplane-cli "$bin/crossplane"
  fi
  s="$(stamp_of "$root/tools/crossplane-core" "$version_flag=$core_version")"
  if up_to_date crossplane-core "$s" crossplane-core; then say "crossplane-core $core_version is up to date"
  else spawn crossplane-core "Crossplane core $core_version" "6 min" "15 s" "$s" build_crossplane_core; fi
  for v in 1.7 1.9; do
    s="$(stamp_of "$root/tools/egctl-v$v" CGO_ENABLED=0)"
    if up_to_date "egctl-v$v" "$s" "egctl-v$v"; then say "egctl-v$v is up to date"
    else spawn "egctl-v$v" "Envoy Gateway's egctl (tools/egctl-v$v)" "12 min" "10 s" "$s" "build_egctl_v${v/./_}"; fi
  done
  s="$(stamp_of "$root/tests/xrd-budget")"
  if up_to_date xrd-budget "$s" xrd-budget; then say "xrd-budget is up to date"
  else spawn xrd-budget "the API server's CRD validation (k8s.io/apiextensions-apiserver)" "3 min" "5 s" "$s" build_xrd_budget; fi
  s="$(stamp_of "$root/tests/oracle")"
  if up_to_date oracle "$s" oracle; then say "oracle is up to date"
  else spawn oracle "the Kubernetes CEL/Quantity oracle" "2 min" "5 s" "$s" build_oracle; fi
  s="$(stamp_of "$root/tests/mtls-peer")"
  if up_to_date mtls-peer "$s" mtls-peer; then say "mtls-peer is up to date"
  else spawn mtls-peer "Crossplane's certificates and grpc-go client for the mTLS tests" "1 min" "5 s" "$s" build_mtls_peer; fi
fi

# --- wait for every build and report ----------------------------------------------------------

failed=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    say "${names[$i]}: $(tail -1 "$logs/${names[$i]}.log")"
  else
    failed=1
    echo "install-tools: building ${names[$i]} FAILED; the end of .tools/logs/${names[$i]}.log:" >&2
    tail -30 "$logs/${names[$i]}.log" >&2
  fi
done
[[ $failed == 0 ]] || exit 1
if [[ $want_test == 1 ]]; then
  "$bin/crossplane" --help >/dev/null
  "$bin/crossplane-core" --help >/dev/null
  "$bin/egctl-v1.7" experimental translate --help >/dev/null
  "$bin/egctl-v1.9" experimental translate --help >/dev/null
fi
# CPU the builds used (children's user and system time): on a loaded machine the wall-clock times
# above say little, this says what an idle one of the same size would need (about CPU / cores).
if [[ ${#pids[@]} -gt 0 ]]; then
  times >"$logs/.times" # in this shell: a $(...) subshell would count only its own children
  read -r _ _ cpu_user cpu_sys <<<"$(tr '\n' ' ' <"$logs/.times")"
  say "the builds used $cpu_user user and $cpu_sys system CPU time"
fi
say "ready in .tools/"
