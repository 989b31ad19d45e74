#!/usr/bin/env bash
# A workload cluster of the fleet twin: a real Kubernetes control plane with DRA, simulated GPU
# nodes, and the serving stack KServe documents for LLMInferenceService, as plain processes.
#
#   scripts/twin/workload.sh up <cluster> [N] [fleet files...]           prints the kubeconfig path
#   scripts/twin/workload.sh nodes <cluster> [--as <InferenceCluster>] <fleet files...>
#   scripts/twin/workload.sh nodes <cluster> --remove <InferenceCluster>
#   scripts/twin/workload.sh down <cluster>
#   scripts/twin/workload.sh status [<cluster>]                          processes, RSS, readiness
#
# What runs (state under .twin/<cluster>/, every process stopped by its PID):
#   etcd, kube-apiserver (resource.k8s.io/v1), kube-controller-manager (all default controllers:
#   deployment, replicaset, statefulset, resourceclaim, garbagecollector, ...), kube-scheduler
#   (its DRA plugin allocates ResourceClaims), kwok (the kubelet stand-in), the LeaderWorkerSet
#   controller, KServe's LLMInferenceService controller with KServe's presets, Envoy AI Gateway's
#   controller (InferencePool support for Envoy Gateway), Envoy Gateway's controller with the
#   inference Gateway modelplane-system/inference-gateway.
# Stand-ins, each setting only what the real component sets:
#   - kwok for every kubelet: node status and leases; pod status (Running/Ready, IPs) only for pods
#     kube-scheduler bound to its nodes, after the kubelet's runAsNonRoot check
#     (scripts/twin/workload/kwok-kubelet-checks.yaml), which leaves refused pods Pending with
#     CreateContainerConfigError;
#   - Nodes and ResourceSlices for the cloud's GPU node pools and NVIDIA's DRA kubelet plugin
#     (scripts/twin/workload/nodes.ts), plus one untainted system node for non-GPU pods;
#   - the cloud's service load balancer (scripts/twin/stand-ins/cloud-load-balancer.ts):
#     status.loadBalancer.ingress of LoadBalancer Services, from 127.0.(100+N).0/24.
#   N is the cluster number (ports, below; default: the first free one). `up` with fleet files also
#   runs `nodes --as <cluster>`: one simulated GPU node and ResourceSlice per node of the pools of
#   the InferenceCluster named <cluster> in the files (scripts/twin/workload/nodes.ts).
#
# Network: the cluster lives in its own network namespace (Linux netns, root required), which has
# nothing but a loopback interface. Envoy Gateway and Envoy AI Gateway bind fixed ports (18000,
# 18002, 8081, 8080, 19001, on all interfaces) that would clash with the hub's Envoy Gateway and
# with a second workload cluster; inside its namespace each cluster has its own loopback. Only
# the API server's port is carried out to the host's loopback (a relay through a Unix socket,
# scripts/twin/workload/relay.ts), so the hub and the tests reach https://127.0.0.1:<port>.
#
# Ports (workload cluster N of TWIN_PORT_BASE, see twin_cluster_base in lib.sh), inside the
# namespace: +0 etcd, +1 etcd peer, +2 kube-apiserver (also on the host), +3 controller-manager,
# +4 scheduler, +5 kwok, +6/+7 KServe health/webhook, +8/+9/+10 LWS webhook/health/metrics,
# +11/+12 Envoy AI Gateway extension server/webhook, +13 Envoy Gateway admin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
wl="$here/workload"
# The TypeScript scripts run with tsx's ESM loader from the repository's node_modules.
tsx_loader() { echo "$twin_repo/node_modules/tsx/dist/esm/index.mjs"; }
run_ts() { node --import "$(tsx_loader)" "$@"; }

usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }

kserve_version=v0.20.0
# Module folders (read only) of the upstream projects whose install manifests the cluster applies.
kserve_dir() { local d="$twin_tools/src/kserve@$kserve_version"; [[ -d "$d/config" ]] && echo "$d" || twin_module_dir kserve github.com/kserve/kserve; }
lws_dir() { twin_module_dir twin sigs.k8s.io/lws; }
eg_dir() { twin_module_dir twin github.com/envoyproxy/gateway; }
kwok_dir() { twin_module_dir twin sigs.k8s.io/kwok; }
aigw_dir() { twin_module_dir ai-gateway github.com/envoyproxy/ai-gateway; }

cluster_dir() { echo "$twin_state/$1"; }
netns_of() { echo "twin$(twin_cluster_base "$(cat "$(cluster_dir "$1")/index")")"; }

# The first free cluster number (the hub is 0), unless --index says which.
allocate_index() { # cluster [index]
  local dir n f used=()
  dir="$(cluster_dir "$1")"
  if [[ -f "$dir/index" ]]; then cat "$dir/index"; return; fi
  if [[ -n "${2:-}" ]]; then n=$2; else
    for f in "$twin_state"/*/index; do [[ -f "$f" ]] && used+=("$(cat "$f")"); done
    n=1
    while printf '%s\n' "${used[@]}" | grep -qx "$n"; do n=$((n + 1)); done
  fi
  mkdir -p "$dir" && echo "$n" >"$dir/index" && echo "$n"
}

kc() { kubectl --kubeconfig "$dir/kubeconfig" "$@"; }

# A named network namespace is a bind mount under /run/netns. Made from inside `ip netns exec`
# (a mount namespace of its own, as when the whole twin runs in a namespace), it would vanish with
# that shell and leave a dangling name: there, the namespace must be made from the host first.
netns_create() {
  local outer
  outer="$(ip netns identify $$ 2>/dev/null || true)"
  [[ -z "$outer" ]] || twin_die "running inside network namespace $outer: create $1 from the host first (ip netns add $1)"
  ip netns del "$1" 2>/dev/null || true
  ip netns add "$1"
}
netns_ok() { ip netns exec "$1" true 2>/dev/null; }
apply() { kc apply --server-side --force-conflicts --field-manager=twin -f - >/dev/null; }

# --- inside the cluster's network namespace ---------------------------------------------------

# The webhook CA and the one serving certificate for 127.0.0.1 that every webhook server uses.
webhook_certs() {
  local pki="$dir/pki"
  cert_ca "$pki" webhook-ca "$cluster-webhook-ca"
  cert_leaf "$pki" webhook "$pki/webhook-ca.crt" "$pki/webhook-ca.key" "/CN=127.0.0.1" "IP:127.0.0.1,DNS:localhost" server
  # Each controller reads its certificate from a folder of its own, under its own file names.
  mkdir -p "$dir/kserve-tmp/k8s-webhook-server/serving-certs" "$dir/lws/certs" "$dir/aigw/certs"
  for d in "$dir/kserve-tmp/k8s-webhook-server/serving-certs" "$dir/lws/certs" "$dir/aigw/certs"; do
    cp "$pki/webhook.crt" "$d/tls.crt" && cp "$pki/webhook.key" "$d/tls.key"
  done
  cp "$pki/webhook-ca.crt" "$dir/aigw/certs/ca.crt"
}

# create_or_replace file...: each file's objects created, or replaced where they exist; retried,
# since a loaded API server can time out on a CRD of megabytes (and may have stored it anyway).
# Not server-side apply: merging managed fields of such CRDs takes the API server minutes here.
create_or_replace() {
  local f out attempt
  for f in "$@"; do
    for attempt in 1 2 3 4 5; do
      out="$(sed -E '/^\{\{-?[[:space:]]*(if|end)\b.*\}\}[[:space:]]*$/d' "$f" | kc create -f - 2>&1)" && break
      if ! grep -v AlreadyExists <<<"$out" | grep -q '^Error'; then
        out="$(sed -E '/^\{\{-?[[:space:]]*(if|end)\b.*\}\}[[:space:]]*$/d' "$f" | kc replace -f - 2>&1)" && break
      fi
      [[ $attempt -lt 5 ]] || { twin_log "cannot install $f: $out"; return 1; }
      sleep 2
    done
  done
}

# Every CRD the controllers need before they start: Gateway API (the standard channel Envoy
# Gateway ships), Envoy Gateway's own, InferencePool & co. (the bundle KServe ships), LWS, KServe
# (its conversion through KServe's webhook, as its kustomize patch sets), Envoy AI Gateway. Applied
# as shipped (helm guard lines dropped), and only when the files changed.
apply_crds() {
  local eg kserve lws aigw files stamp line
  eg="$(eg_dir)" kserve="$(kserve_dir)" lws="$(lws_dir)" aigw="$(aigw_dir)"
  files=("$eg/charts/gateway-crds-helm/templates/standard-gatewayapi-crds.yaml"
    "$eg"/charts/gateway-crds-helm/templates/generated/*.yaml
    "$kserve/config/llmisvc/gateway-inference-extension.yaml"
    "$lws"/config/crd/bases/*.yaml "$aigw"/manifests/charts/ai-gateway-crds-helm/templates/*.yaml
    "$kserve"/config/crd/full/llmisvc/serving.kserve.io_*.yaml)
  stamp="$(cat "${files[@]}" | sha256sum | cut -c1-16)"
  if [[ "$(cat "$dir/crds.stamp" 2>/dev/null)" != "$stamp" ]]; then
    # Controllers watching these CRDs do not all survive their update (Envoy Gateway exits): stop
    # them; `up` starts them again below.
    for p in envoy-gateway ai-gateway-controller llmisvc-controller lws-controller; do proc_stop "$dir/$p.pid"; done
    create_or_replace "${files[@]}"
    echo "$stamp" >"$dir/crds.stamp"
  fi
  while read -r crd line; do
    wait_until 180 "the conversion webhook of $crd" kc patch crd "$crd" --type=merge -p "$line"
  done < <(run_ts "$wl/manifests.ts" conversion "https://127.0.0.1:$((base + 7))" "$dir/pki/webhook-ca.crt" \
    "$kserve"/config/crd/full/llmisvc/*_conversion_webhook_patch.yaml)
  # Served in discovery = Established. Not `kubectl wait crd --all`: listing megabytes of CRDs
  # times out on a loaded API server.
  wait_until 300 "the CRDs to be served" crds_served
}

crds_served() {
  local served r
  served="$(kc api-resources -o name 2>/dev/null)" || return 1
  for r in gateways.gateway.networking.k8s.io httproutes.gateway.networking.k8s.io \
    envoyproxies.gateway.envoyproxy.io backends.gateway.envoyproxy.io \
    inferencepools.inference.networking.k8s.io leaderworkersets.leaderworkerset.x-k8s.io \
    disaggregatedsets.disaggregatedset.x-k8s.io llminferenceservices.serving.kserve.io \
    llminferenceserviceconfigs.serving.kserve.io aigatewayroutes.aigateway.envoyproxy.io; do
    grep -qx "$r" <<<"$served" || return 1
  done
}

lws_up() {
  local lws
  lws="$(lws_dir)"
  cat >"$dir/lws/config.yaml" <<EOF
apiVersion: config.lws.x-k8s.io/v1alpha1
kind: Configuration
leaderElection: { leaderElect: false }
internalCertManagement: { enable: false }
webhook: { host: 127.0.0.1, port: $((base + 8)), certDir: $dir/lws/certs }
health: { healthProbeBindAddress: 127.0.0.1:$((base + 9)) }
metrics: { bindAddress: 127.0.0.1:$((base + 10)) }
EOF
  run_ts "$wl/manifests.ts" webhooks --prefix lws- "https://127.0.0.1:$((base + 8))" "$dir/pki/webhook-ca.crt" \
    "$lws/config/webhook/manifests.yaml" "$lws/config/webhook/mutating-patch.yaml" "$lws/config/webhook/validating-patch.yaml" | apply
  proc_start "$dir" lws-controller env KUBECONFIG="$dir/kubeconfig" lws-controller --config "$dir/lws/config.yaml"
  wait_until 60 "the LWS controller" curl -sf "http://127.0.0.1:$((base + 9))/readyz" || { proc_check "$dir" lws-controller; return 1; }
}

kserve_up() {
  local kserve
  kserve="$(kserve_dir)"
  run_ts "$wl/manifests.ts" plain "$kserve/config/configmap/inferenceservice.yaml" | apply
  run_ts "$wl/manifests.ts" webhooks "https://127.0.0.1:$((base + 7))" "$dir/pki/webhook-ca.crt" \
    "$kserve/config/webhook/llmisvc/manifests.yaml" | apply
  proc_start "$dir" llmisvc-controller env KUBECONFIG="$dir/kubeconfig" POD_NAMESPACE=kserve TMPDIR="$dir/kserve-tmp" \
    llmisvc-controller --metrics-addr=0 --health-probe-addr="127.0.0.1:$((base + 6))" \
    --webhook-port="$((base + 7))" --leader-elect=false
  wait_until 90 "KServe's LLMInferenceService controller" curl -sf "http://127.0.0.1:$((base + 6))/readyz" ||
    { proc_check "$dir" llmisvc-controller; return 1; }
  # KServe's presets (config/llmisvcconfig, kustomize namespace kserve), validated by its webhook.
  local f files=()
  for f in "$kserve"/config/llmisvcconfig/*.yaml; do [[ "$(basename "$f")" == kustomization.yaml ]] || files+=("$f"); done
  wait_until 60 "KServe's presets to be admitted" sh -c "node --import '$(tsx_loader)' '$wl/manifests.ts' namespace kserve ${files[*]} |
    kubectl --kubeconfig '$dir/kubeconfig' apply --server-side --force-conflicts --field-manager=twin -f -"
}

# Envoy AI Gateway's controller: Envoy Gateway's extension server (InferencePool backends) and
# InferencePool status. Its pod-mutating webhook (extproc sidecar for Envoy pods) is registered
# as its helm chart does; it must exist before the controller starts, which patches its caBundle.
aigw_up() {
  local ns=envoy-ai-gateway-system
  cat <<EOF | apply
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: envoy-ai-gateway-gateway-pod-mutator.$ns }
webhooks:
  - name: ai-gateway-controller.$ns.svc.cluster.local
    clientConfig: { url: "https://127.0.0.1:$((base + 12))/mutate", caBundle: $(base64 -w0 <"$dir/pki/webhook-ca.crt") }
    rules: [{ apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods] }]
    objectSelector: { matchLabels: { app.kubernetes.io/managed-by: envoy-gateway } }
    sideEffects: None
    admissionReviewVersions: [v1]
    timeoutSeconds: 10
    failurePolicy: Fail
EOF
  proc_start "$dir" ai-gateway-controller env KUBECONFIG="$dir/kubeconfig" POD_NAMESPACE="$ns" DISABLE_PPROF=1 \
    ai-gateway-controller --port="127.0.0.1:$((base + 11))" --webhookPort="$((base + 12))" \
    --tlsCertDir="$dir/aigw/certs" --envoyGatewayNamespace=envoy-gateway-system --enableLeaderElection=false
  wait_until 60 "Envoy AI Gateway's extension server" bash -c "echo >/dev/tcp/127.0.0.1/$((base + 11))" ||
    { proc_check "$dir" ai-gateway-controller; return 1; }
}

# Envoy Gateway's controller (Kubernetes provider) as its helm chart configures it for Envoy AI
# Gateway (ai-gateway manifests/envoy-gateway-values.yaml + examples/inference-pool addon).
eg_up() {
  local eg_ns=envoy-gateway-system
  mkdir -p "$dir/eg/certs"
  # What the chart's certgen Job does: the CA and certificates as Secrets in envoy-gateway-system.
  if ! kc -n "$eg_ns" get secret envoy-gateway >/dev/null 2>&1; then
    KUBECONFIG="$dir/kubeconfig" ENVOY_GATEWAY_NAMESPACE="$eg_ns" envoy-gateway certgen --disable-topology-injector >>"$dir/envoy-gateway.log" 2>&1
  fi
  local key
  for key in ca.crt tls.crt tls.key; do
    kc -n "$eg_ns" get secret envoy-gateway -o "jsonpath={.data.${key//./\\.}}" | base64 -d >"$dir/eg/certs/$key"
  done
  # The xDS server reads its certificate from /certs (fixed in internal/xds/runner). This shell
  # runs in a private mount namespace (ip netns exec), so the bind mount is the cluster's alone.
  [[ -d /certs ]] || mkdir /certs
  mountpoint -q /certs || mount --bind "$dir/eg/certs" /certs
  cat >"$dir/eg/envoy-gateway.yaml" <<EOF
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyGateway
gateway: { controllerName: gateway.envoyproxy.io/gatewayclass-controller }
logging: { level: { default: info } }
provider:
  type: Kubernetes
  kubernetes:
    leaderElection: { disable: true }
    proxyTopologyInjector: { disabled: true }
admin: { address: { host: 127.0.0.1, port: $((base + 13)) } }
extensionApis: { enableEnvoyPatchPolicy: true, enableBackend: true }
extensionManager:
  backendResources:
    - { group: inference.networking.k8s.io, kind: InferencePool, version: v1 }
  hooks:
    xdsTranslator:
      translation:
        listener: { includeAll: true }
        route: { includeAll: true }
        cluster: { includeAll: true }
        secret: { includeAll: true }
      post: [Translation, Cluster, Route]
  service:
    ip: { address: 127.0.0.1, port: $((base + 11)) }
EOF
  proc_start "$dir" envoy-gateway env KUBECONFIG="$dir/kubeconfig" ENVOY_GATEWAY_NAMESPACE="$eg_ns" HOME="$dir/eg" \
    envoy-gateway server --config-path "$dir/eg/envoy-gateway.yaml"
  wait_until 60 "Envoy Gateway" curl -sf "http://127.0.0.1:8081/readyz" || { proc_check "$dir" envoy-gateway; return 1; }
}

# What a platform team has on the cluster before Modelplane uses it (README "Installing"):
# namespaces, the NVIDIA DRA driver's DeviceClass (its helm chart's deviceclass-gpu.yaml), the
# GatewayClass and the inference Gateway, and one untainted system node for non-GPU pods.
platform_objects() {
  cat <<EOF | apply
apiVersion: v1
kind: Namespace
metadata: { name: modelplane-system }
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: { name: gpu.nvidia.com }
spec:
  selectors:
    - cel: { expression: "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'" }
  extendedResourceName: nvidia.com/gpu
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: envoy-gateway }
spec: { controllerName: gateway.envoyproxy.io/gatewayclass-controller }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: inference-gateway, namespace: modelplane-system }
spec:
  gatewayClassName: envoy-gateway
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      allowedRoutes: { namespaces: { from: All } }
---
apiVersion: v1
kind: Node
metadata:
  name: $cluster-system-0
  labels:
    type: kwok
    kubernetes.io/hostname: $cluster-system-0
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    twin.modelplane.ai/system: "true"
  annotations: { kwok.x-k8s.io/node: fake }
status:
  capacity: { cpu: "32", memory: 128Gi, pods: "110" }
  allocatable: { cpu: "32", memory: 128Gi, pods: "110" }
EOF
}

# kwok: kwok's own node and pod stages, plus the kubelet's runAsNonRoot check.
kwok_start() {
  local stages port=$((base + 5))
  stages="$(kwok_dir)/kustomize/stage"
  proc_start "$dir" kwok kwok --kubeconfig "$dir/kubeconfig" --manage-nodes-with-label-selector type=kwok \
    --server-address "127.0.0.1:$port" --node-ip 127.0.0.1 --node-lease-duration-seconds 40 \
    -c "$stages/node/fast/node-initialize.yaml" -c "$stages/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
    -c "$stages/pod/fast/pod-ready.yaml" -c "$stages/pod/fast/pod-complete.yaml" -c "$stages/pod/fast/pod-delete.yaml" \
    -c "$wl/kwok-kubelet-checks.yaml"
  wait_until 30 "kwok" curl -sf "http://127.0.0.1:$port/healthz" || { proc_check "$dir" kwok; return 1; }
}

inside_up() {
  local t=$SECONDS
  ip link set lo up
  controlplane_up "$dir" "$base" "$cluster" '*'
  twin_log "$cluster: control plane up ($((SECONDS - t))s)"
  proc_start "$dir" relay-inside node --import "$(tsx_loader)" "$wl/relay.ts" "unix:$dir/api.sock" "tcp:127.0.0.1:$((base + 2))"
  scheduler_up "$dir" "$base"
  kwok_start
  kc create namespace kserve --dry-run=client -o yaml | apply
  for ns in envoy-gateway-system envoy-ai-gateway-system lws-system; do kc create namespace "$ns" --dry-run=client -o yaml | apply; done
  webhook_certs
  apply_crds
  twin_log "$cluster: CRDs established ($((SECONDS - t))s)"
  lws_up
  kserve_up
  twin_log "$cluster: LWS and KServe up ($((SECONDS - t))s)"
  aigw_up
  eg_up
  proc_start "$dir" cloud-load-balancer node --import "$(tsx_loader)" "$here/stand-ins/cloud-load-balancer.ts" \
    "$dir/kubeconfig" "127.0.$((100 + index))"
  platform_objects
  wait_until 120 "the inference Gateway to be Programmed" sh -c \
    "kubectl --kubeconfig '$dir/kubeconfig' -n modelplane-system get gateway inference-gateway -o jsonpath='{.status.conditions[?(@.type==\"Programmed\")].status}' | grep -qx True" ||
    { kc -n modelplane-system get gateway inference-gateway -o yaml >&2; return 1; }
  twin_log "$cluster: inference Gateway Programmed at $(kc -n modelplane-system get gateway inference-gateway -o jsonpath='{.status.addresses[0].value}') ($((SECONDS - t))s)"
}

# --- commands -----------------------------------------------------------------------------------

cmd_up() {
  cluster=$1
  shift
  local want_index="" files=()
  [[ "${1:-}" =~ ^[0-9]+$ ]] && { want_index=$1; shift; }
  files=("$@")
  [[ $EUID -eq 0 ]] || twin_die "workload clusters run in their own network namespace: run as root (ip netns)"
  dir="$(cluster_dir "$cluster")"
  index="$(allocate_index "$cluster" "$want_index")"
  base="$(twin_cluster_base "$index")"
  local ns="twin$base" start=$SECONDS
  netns_ok "$ns" || netns_create "$ns"
  TWIN_INSIDE=1 ip netns exec "$ns" "$0" _inside-up "$cluster"
  proc_start "$dir" relay-host node --import "$(tsx_loader)" "$wl/relay.ts" "tcp:127.0.0.1:$((base + 2))" "unix:$dir/api.sock"
  wait_until 30 "the API server of $cluster on the host's loopback" kc get --raw /readyz || { proc_check "$dir" relay-host; exit 1; }
  [[ ${#files[@]} -eq 0 ]] || cmd_nodes "$cluster" --as "$cluster" "${files[@]}"
  twin_log "$cluster: up in $((SECONDS - start))s (namespace $ns, API server https://127.0.0.1:$((base + 2)))"
  echo "$dir/kubeconfig"
}

# nodes: give the cluster the simulated GPU nodes of the InferenceClusters in the files (or of the
# one named with --as): each of those InferenceClusters' nodes become exactly what the files say;
# other InferenceClusters' nodes are left alone. `--remove <InferenceCluster>` deletes its nodes.
cmd_nodes() {
  cluster=$1
  shift
  dir="$(cluster_dir "$cluster")"
  local as=() keep kind name owner
  if [[ "${1:-}" == --remove ]]; then
    [[ $# -eq 2 ]] || usage
    for kind in ResourceSlice Node; do
      kc delete "$kind" -l "twin.modelplane.ai/managed=true,twin.modelplane.ai/inference-cluster=$2" --wait=false >/dev/null
    done
    twin_log "$cluster: removed the GPU nodes of $2"
    return
  fi
  [[ "${1:-}" == --as ]] && { as=(--cluster "$2"); shift 2; }
  [[ $# -gt 0 ]] || usage
  run_ts "$wl/nodes.ts" "${as[@]}" "$@" | apply
  keep="$(run_ts "$wl/nodes.ts" "${as[@]}" --names "$@")"
  local owners
  owners="$(run_ts "$wl/nodes.ts" "${as[@]}" --owners "$@")"
  for kind in ResourceSlice Node; do
    while read -r name owner; do
      [[ -n "$name" ]] || continue
      grep -qx "$owner" <<<"$owners" || continue
      grep -qx "$kind/$name" <<<"$keep" || kc delete "$kind" "$name" --wait=false >/dev/null
    done < <(kc get "$kind" -l twin.modelplane.ai/managed=true \
      -o 'jsonpath={range .items[*]}{.metadata.name}{" "}{.metadata.labels.twin\.modelplane\.ai/inference-cluster}{"\n"}{end}')
  done
  twin_log "$cluster: GPU nodes $(grep '^Node/' <<<"$keep" | cut -d/ -f2 | paste -sd' ')"
}

cmd_down() {
  cluster=$1
  dir="$(cluster_dir "$cluster")"
  [[ -d "$dir" ]] || return 0
  local ns=""
  [[ -f "$dir/index" ]] && ns="$(netns_of "$cluster")"
  proc_stop_all "$dir"
  # Inside another namespace's `ip netns exec` the name is the host's to delete.
  [[ -z "$ns" || -n "$(ip netns identify $$ 2>/dev/null)" ]] || ip netns del "$ns" 2>/dev/null || true
  rm -f "$dir/api.sock"
  twin_log "$cluster: stopped"
}

cmd_status() {
  local d name pid
  for d in "$twin_state"/${1:-*}/; do
    [[ -f "$d/index" ]] || continue
    echo "$(basename "$d") (cluster $(cat "$d/index"), namespace $(netns_of "$(basename "$d")")):"
    for pidfile in "$d"*.pid; do
      [[ -f "$pidfile" ]] || continue
      name="$(basename "$pidfile" .pid)" pid="$(cat "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then
        printf '  %-24s pid %-8s rss %6d MiB\n' "$name" "$pid" "$(($(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024))"
      else
        printf '  %-24s not running\n' "$name"
      fi
    done
  done
}

case "${1:-}" in
  up) shift; [[ $# -ge 1 ]] || usage; cmd_up "$@" ;;
  nodes) shift; [[ $# -ge 2 ]] || usage; cmd_nodes "$@" ;;
  down) shift; [[ $# -eq 1 ]] || usage; cmd_down "$1" ;;
  status) shift; cmd_status "$@" ;;
  _inside-up)
    [[ "${TWIN_INSIDE:-}" == 1 ]] || usage
    cluster=$2 dir="$(cluster_dir "$cluster")" index="$(cat "$dir/index")" base="$(twin_cluster_base "$index")"
    inside_up ;;
  *) usage ;;
esac
