#!/usr/bin/env bash
# The fleet twin's hub: the control plane Modelplane runs on, as plain processes on loopback.
#   scripts/twin/hub.sh up     start it (idempotent); state, logs and PIDs in .twin/hub/
#   scripts/twin/hub.sh down   stop every process it started, by PID
#
# Ports (B = TWIN_PORT_BASE, default 20000): etcd B, B+1 (peer); kube-apiserver B+2;
# kube-controller-manager B+3; kube-scheduler B+4; kwok B+5; OCI registry B+6; Crossplane metrics
# B+7 and health B+8; our functions B+10..B+15; provider-kubernetes webhook B+20, metrics B+21,
# health B+22; Envoy Gateway admin B+30. Fixed by Envoy Gateway (not configurable): xDS *:18000,
# health *:8081, and its xDS certificates at /certs (bind-mounted in a private mount namespace).
source "$(dirname "$0")/lib.sh"

hub="$twin_state/hub"
B=$TWIN_PORT_BASE
export KUBECONFIG="$hub/kubeconfig"
k() { kubectl --kubeconfig "$hub/kubeconfig" "$@"; }
tsx_loader() { echo "$twin_repo/node_modules/tsx/dist/esm/index.mjs"; }

# --- Kubernetes: etcd, kube-apiserver, controllers, scheduler and one simulated node -------------

hub_controlplane() {
  # The garbage collector (Crossplane deletes with foreground propagation), the HPA controller
  # (ModelDeployment's /scale), and what Envoy Gateway's envoy Deployment needs to get a pod.
  # The hub's only node is kwok's: without TaintNodesByCondition it is not born not-ready, so no
  # nodelifecycle controller is needed to lift that taint (that controller also marks pods
  # NotReady whenever kwok's heartbeat is late on a loaded machine, and kwok does not undo it).
  controlplane_up "$hub" "$B" hub \
    garbagecollector,horizontalpodautoscaling,namespace,deployment,replicaset,serviceaccount \
    --disable-admission-plugins TaintNodesByCondition
  scheduler_up "$hub" "$B"
  kwok_up "$hub" "$B"
  # One simulated node for the hub's own pods (Envoy Gateway's envoy Deployment).
  k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: hub-node-0
  labels: { type: kwok, kubernetes.io/hostname: hub-node-0, kubernetes.io/os: linux }
  annotations: { kwok.x-k8s.io/node: fake }
status:
  allocatable: { cpu: "32", memory: 128Gi, pods: "110" }
  capacity: { cpu: "32", memory: 128Gi, pods: "110" }
EOF
}

# --- Crossplane core v2.3.4 with the External package runtime -----------------------------------

hub_crossplane() {
  local xp="$hub/crossplane" crds i
  crds="$(twin_module_dir crossplane-core github.com/crossplane/crossplane/v2)/cluster/crds"
  mkdir -p "$xp/tls-client" "$xp/cache"
  k create namespace crossplane-system --dry-run=client -o yaml | k apply -f - >/dev/null
  # `core init` applies Crossplane's CRDs and issues its root CA and client certificate. It may
  # use a CRD it has just applied before the API server serves it ("no matches for kind"): retry.
  for i in 1 2 3 4 5; do
    if POD_NAMESPACE=crossplane-system CRDS_PATH="$crds" ENABLE_WEBHOOKS=false \
      TLS_CA_SECRET_NAME=crossplane-root-ca TLS_CLIENT_SECRET_NAME=crossplane-tls-client \
      TLS_SERVER_SECRET_NAME=crossplane-tls-server \
      crossplane-core core init >"$xp/init.log" 2>&1; then break; fi
    [[ $i -lt 5 ]] || { tail -20 "$xp/init.log" >&2; twin_die "crossplane core init failed"; }
    sleep 2
  done
  # Crossplane's own client certificate, the one `core init` issued, as the Helm chart mounts it.
  for f in tls.crt tls.key ca.crt; do
    k -n crossplane-system get secret crossplane-tls-client -o "jsonpath={.data.${f//./\\.}}" | base64 -d >"$xp/tls-client/$f"
  done
  # The circuit breaker's default burst (100) opens after a few scale steps (~15 watch events per
  # replica added or removed); the e2e suite scales a deployment 3→1→0→2 and through an HPA.
  POD_NAMESPACE=crossplane-system TLS_CLIENT_CERTS_DIR="$xp/tls-client" \
    proc_start "$hub" crossplane crossplane-core core start --package-runtime=External \
    --enable-webhooks=false --cache-dir="$xp/cache" --metrics-port=$((B + 7)) \
    --health-probe-port=$((B + 8)) --circuit-breaker-burst=1000 --circuit-breaker-refill-rate=10
  wait_until 60 "Crossplane" curl -sf "http://127.0.0.1:$((B + 8))/healthz" || { proc_check "$hub" crossplane; return 1; }
}

# --- our six functions: packages in a local OCI registry, run by the package-runtime stand-in ------

hub_functions() {
  local reg="127.0.0.1:$((B + 6))" f
  mkdir -p "$hub/registry" "$hub/xpkg"
  proc_start "$hub" registry crane registry serve --address "$reg" --disk "$hub/registry"
  wait_until 20 "the OCI registry" curl -sf "http://$reg/v2/" || { proc_check "$hub" registry; return 1; }
  for f in $(ls "$twin_repo/functions"); do
    # A metadata-only package: with the External runtime nothing runs its image, the stand-in runs
    # dist/$f.js instead.
    crossplane xpkg build --package-root="$twin_repo/functions/$f/package" -o "$hub/xpkg/$f.xpkg" >/dev/null
    crane push --insecure "$hub/xpkg/$f.xpkg" "$reg/modelplane/$f:v0.1.0" >/dev/null 2>>"$hub/registry.log"
    k apply -f - >/dev/null <<EOF
apiVersion: pkg.crossplane.io/v1
kind: Function
metadata:
  name: modelplane-$f
spec:
  package: $reg/modelplane/$f:v0.1.0
EOF
  done
  proc_start "$hub" package-runtime node --import "$(tsx_loader)" \
    "$twin_repo/scripts/twin/stand-ins/package-runtime.ts" "$hub/kubeconfig" "$hub/functions" $((B + 10))
}

# --- provider-kubernetes as a process -----------------------------------------------------------

hub_provider_kubernetes() {
  local pk="$hub/provider-kubernetes" src
  src="$(twin_module_dir twin github.com/crossplane-contrib/provider-kubernetes)"
  mkdir -p "$pk/tls"
  cert_leaf "$pk/tls" tls "$hub/pki/ca.crt" "$hub/pki/ca.key" "/CN=provider-kubernetes" "IP:127.0.0.1,DNS:localhost" server
  cp "$hub/pki/ca.crt" "$pk/tls/ca.crt"
  # Its CRDs as shipped name the conversion webhook by Service, which Crossplane fills in when it
  # installs the package; here the webhook is the process on loopback.
  node --input-type=module -e '
    import { readFileSync, readdirSync } from "node:fs";
    import { parseAllDocuments, stringify } from "yaml";
    const [dir, url, ca] = process.argv.slice(1);
    for (const f of readdirSync(dir).sort()) {
      for (const doc of parseAllDocuments(readFileSync(`${dir}/${f}`, "utf8"))) {
        const crd = doc.toJS();
        const cc = crd?.spec?.conversion?.webhook?.clientConfig;
        if (cc) crd.spec.conversion.webhook.clientConfig = { url, caBundle: ca };
        process.stdout.write(`---\n${stringify(crd)}`);
      }
    }' "$src/package/crds" "https://127.0.0.1:$((B + 20))/convert" "$(base64 -w0 <"$hub/pki/ca.crt")" \
    >"$pk/crds.yaml"
  k apply --server-side --force-conflicts -f "$pk/crds.yaml" >/dev/null
  WEBHOOK_TLS_CERT_DIR="$pk/tls" proc_start "$hub" provider-kubernetes provider-kubernetes \
    --poll=15s --webhook-port=$((B + 20)) --metrics-bind-address=127.0.0.1:$((B + 21)) \
    --health-probe-bind-addr=127.0.0.1:$((B + 22))
  wait_until 60 "provider-kubernetes" curl -sf "http://127.0.0.1:$((B + 22))/readyz" ||
    { proc_check "$hub" provider-kubernetes; return 1; }
}

# --- Envoy Gateway's controller and the fleet Gateway ---------------------------------------------

hub_envoy_gateway() {
  local eg="$hub/envoy-gateway" src
  src="$(twin_module_dir twin github.com/envoyproxy/gateway)"
  mkdir -p "$eg/certs"
  k apply --server-side --force-conflicts -f "$src/charts/gateway-helm/charts/crds/crds/gatewayapi-crds.yaml" >/dev/null
  k apply --server-side --force-conflicts -f "$src/charts/gateway-helm/charts/crds/crds/generated" >/dev/null
  k create namespace envoy-gateway-system --dry-run=client -o yaml | k apply -f - >/dev/null
  # What the Helm chart's certgen job does: Envoy Gateway's own `certgen` creates the control
  # plane's Secrets (envoy-gateway, envoy, envoy-rate-limit, envoy-oidc-hmac); the controller's
  # Deployment would mount envoy-gateway at /certs.
  if ! k -n envoy-gateway-system get secret envoy-gateway >/dev/null 2>&1; then
    ENVOY_GATEWAY_NAMESPACE=envoy-gateway-system envoy-gateway certgen --disable-topology-injector \
      >"$eg/certgen.log" 2>&1 || { cat "$eg/certgen.log" >&2; return 1; }
  fi
  for f in tls.crt tls.key ca.crt; do
    k -n envoy-gateway-system get secret envoy-gateway -o "jsonpath={.data.${f//./\\.}}" | base64 -d >"$eg/certs/$f"
  done
  cat >"$eg/config.yaml" <<EOF
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyGateway
gateway:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
provider:
  type: Kubernetes
  kubernetes:
    leaderElection: { disable: true }
    proxyTopologyInjector: { disabled: true }
extensionApis:
  enableBackend: true
admin:
  address: { host: 127.0.0.1, port: $((B + 30)) }
telemetry:
  metrics:
    prometheus: { disable: true }
logging:
  level: { default: info }
EOF
  # /certs is fixed in Envoy Gateway's code: give the process its own mount namespace in which our
  # folder is bind-mounted there (the empty /certs mount point is the only trace on the host).
  mkdir -p /certs
  ENVOY_GATEWAY_NAMESPACE=envoy-gateway-system proc_start "$hub" envoy-gateway \
    unshare --mount --propagation private sh -c \
    'mount --bind "$0" /certs && exec envoy-gateway server --config-path "$1"' "$eg/certs" "$eg/config.yaml"
  wait_until 60 "Envoy Gateway" curl -sf "http://127.0.0.1:8081/readyz" || { proc_check "$hub" envoy-gateway; return 1; }
  proc_start "$hub" cloud-load-balancer node --import "$(tsx_loader)" \
    "$twin_repo/scripts/twin/stand-ins/cloud-load-balancer.ts" "$hub/kubeconfig"
  # The fleet Gateway ModelServices attach to (spec.gatewayRef defaults to it).
  k apply -f - >/dev/null <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: envoy-gateway
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
---
apiVersion: v1
kind: Namespace
metadata:
  name: modelplane-system
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: modelplane
  namespace: modelplane-system
spec:
  gatewayClassName: envoy-gateway
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      allowedRoutes:
        namespaces: { from: All }
EOF
}

# --- the project's XRDs and Compositions ----------------------------------------------------------

hub_apis() {
  k apply -f "$twin_repo/apis" -R >/dev/null
}

hub_wait_ready() {
  wait_until 180 "every XRD Established" sh -c \
    "kubectl --kubeconfig '$hub/kubeconfig' get xrd -o jsonpath='{range .items[*]}{.status.conditions[?(@.type==\"Established\")].status}{\"\\n\"}{end}' | grep -qv True && exit 1 || test \$(kubectl --kubeconfig '$hub/kubeconfig' get xrd -o name | wc -l) -eq 6" ||
    { k get xrd >&2; return 1; }
  wait_until 180 "every Function Healthy" sh -c \
    "kubectl --kubeconfig '$hub/kubeconfig' get functions.pkg.crossplane.io -o jsonpath='{range .items[*]}{.status.conditions[?(@.type==\"Healthy\")].status}{\"\\n\"}{end}' | grep -qv True && exit 1 || test \$(kubectl --kubeconfig '$hub/kubeconfig' get functions.pkg.crossplane.io -o name | wc -l) -eq 6" ||
    { k get functions.pkg.crossplane.io,functionrevisions >&2; tail -20 "$hub/package-runtime.log" >&2; return 1; }
}

# A port of ours held by a process that no PID file of this twin names (a twin whose state was
# removed by hand, another TWIN_PORT_BASE's): say which, instead of failing later and obscurely.
hub_ports_free() {
  local p busy
  for p in $(seq "$B" $((B + 30))); do
    busy="$(ss -Hltnp "sport = :$p" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 || true)"
    [[ -z "$busy" ]] && continue
    grep -qx "${busy#pid=}" "$hub"/*.pid "$hub"/functions/*.pid 2>/dev/null && continue
    twin_die "port $p (TWIN_PORT_BASE=$B) is in use by ${busy} ($(ps -o comm= -p "${busy#pid=}")): stop it, or set TWIN_PORT_BASE"
  done
}

case "${1:-}" in
  up)
    start=$SECONDS
    hub_ports_free
    hub_controlplane
    twin_log "hub: Kubernetes up ($((SECONDS - start))s)"
    hub_crossplane
    twin_log "hub: Crossplane up ($((SECONDS - start))s)"
    hub_functions
    hub_provider_kubernetes
    hub_envoy_gateway
    hub_apis
    hub_wait_ready
    twin_log "hub: ready in $((SECONDS - start))s; KUBECONFIG=$hub/kubeconfig"
    ;;
  down)
    # The stand-ins first: the package runtime would restart a function stopped before it.
    proc_stop "$hub/package-runtime.pid"
    proc_stop "$hub/cloud-load-balancer.pid"
    proc_stop_all "$hub"
    ;;
  step) "hub_$2" ;; # one step, for debugging: hub.sh step crossplane
  *) echo "usage: scripts/twin/hub.sh up|down" >&2; exit 2 ;;
esac
