# Shared by the fleet twin's scripts (source it): paths, ports, processes, certificates and a
# Kubernetes control plane (etcd + kube-apiserver + kube-controller-manager) as plain processes on
# loopback. Every process runs in the background with its PID in <dir>/<name>.pid and its output in
# <dir>/<name>.log, and is stopped by that PID only.
#
# Ports: everything derives from TWIN_PORT_BASE (default 20000). The hub uses base+0..99; workload
# cluster number N (1, 2, ...) uses base+100*N .. base+100*N+99 (twin_cluster_base N).

set -euo pipefail

twin_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
twin_tools="$twin_repo/.tools"
twin_state="$twin_repo/.twin"
TWIN_PORT_BASE="${TWIN_PORT_BASE:-20000}"
export PATH="$twin_tools:$PATH"
# Debian's etcd 3.4 has no RequestWatchProgress, so API servers refuse client-go's streaming lists
# ("a watch stream was requested by the client but the required storage feature
# RequestWatchProgress is disabled") and reflectors back off for minutes before they fall back
# (kwok took two to start a pod). Every client-go based process here lists and watches instead.
export KUBE_FEATURE_WatchListClient=false

twin_log() { echo "twin: $*" >&2; }
twin_die() { echo "twin: $*" >&2; exit 1; }

# The first port of workload cluster N (the hub is 0).
twin_cluster_base() { echo $((TWIN_PORT_BASE + 100 * $1)); }

# The folder of a Go module in the module cache, as pinned by tools/<module-dir>/go.sum.
twin_module_dir() { # tools-dir module
  (cd "$twin_repo/tools/$1" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$2")
}

# --- processes ---------------------------------------------------------------------------------

# proc_start dir name command...: start in the background, in its own session, PID in dir/name.pid.
proc_start() {
  local dir=$1 name=$2
  shift 2
  mkdir -p "$dir"
  if proc_alive "$dir/$name.pid"; then
    twin_log "$name is already running (pid $(cat "$dir/$name.pid"))"
    return
  fi
  setsid "$@" >>"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

proc_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# proc_stop pidfile: SIGTERM, then SIGKILL after 10 s; removes the PID file.
proc_stop() {
  local pidfile=$1 pid i
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Stops every process with a PID file under a folder, newest first.
proc_stop_all() {
  local f
  [[ -d "$1" ]] || return 0
  while IFS= read -r f; do proc_stop "$f"; done < <(find "$1" -name '*.pid' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
}

# wait_until timeout-seconds description command...: poll every 0.5 s.
wait_until() {
  local timeout=$1 what=$2 start=$SECONDS
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS - start < timeout)) || { twin_log "timed out after ${timeout}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

# Fails with the end of the log when a process died.
proc_check() { # dir name
  proc_alive "$1/$2.pid" && return 0
  twin_log "$2 is not running; the end of $1/$2.log:"
  tail -30 "$1/$2.log" >&2 || true
  return 1
}

# --- certificates (openssl) --------------------------------------------------------------------

# cert_ca dir name cn: a self-signed CA, dir/name.crt and dir/name.key.
cert_ca() {
  local dir=$1 name=$2 cn=$3
  [[ -f "$dir/$name.crt" ]] && return
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$cn" \
    -keyout "$dir/$name.key" -out "$dir/$name.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
}

# cert_leaf dir name ca-crt ca-key subject sans usage: usage is server, client or both;
# sans like "DNS:localhost,IP:127.0.0.1" (or "" for a client).
cert_leaf() {
  local dir=$1 name=$2 ca_crt=$3 ca_key=$4 subject=$5 sans=$6 usage=$7 eku
  [[ -f "$dir/$name.crt" ]] && return
  mkdir -p "$dir"
  case "$usage" in
    server) eku=serverAuth ;; client) eku=clientAuth ;; *) eku=serverAuth,clientAuth ;;
  esac
  local ext="$dir/$name.ext"
  { echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [[ -z "$sans" ]] || echo "subjectAltName=$sans"; } >"$ext"
  openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$ca_crt" -CAkey "$ca_key" -CAcreateserial -days 3650 \
    -extfile "$ext" -out "$dir/$name.crt" 2>/dev/null
  rm -f "$dir/$name.csr" "$ext"
}

# kubeconfig_write file server ca cert key [context-name]
kubeconfig_write() {
  local file=$1 server=$2 ca=$3 cert=$4 key=$5 name=${6:-twin}
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: $name
    cluster:
      server: $server
      certificate-authority-data: $(base64 -w0 <"$ca")
users:
  - name: $name-admin
    user:
      client-certificate-data: $(base64 -w0 <"$cert")
      client-key-data: $(base64 -w0 <"$key")
contexts:
  - name: $name
    context: { cluster: $name, user: $name-admin }
current-context: $name
EOF
}

# --- a control plane ---------------------------------------------------------------------------

# controlplane_up dir port-base name controllers [kube-apiserver flags...]
#   etcd (port-base+0, peer +1), kube-apiserver (https://127.0.0.1:port-base+2) and, when
#   controllers is not empty, kube-controller-manager (+3) running those controllers.
#   Writes dir/kubeconfig (admin, O=system:masters) and dir/pki/.
controlplane_up() {
  local dir=$1 base=$2 name=$3 controllers=$4
  shift 4
  local extra=("$@")
  local pki="$dir/pki" etcd_port=$base peer_port=$((base + 1)) api_port=$((base + 2)) kcm_port=$((base + 3))
  mkdir -p "$dir" "$pki"
  cert_ca "$pki" ca "$name-ca"
  cert_ca "$pki" front-proxy-ca "$name-front-proxy-ca"
  cert_leaf "$pki" apiserver "$pki/ca.crt" "$pki/ca.key" "/CN=kube-apiserver" \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.96.0.1" server
  cert_leaf "$pki" admin "$pki/ca.crt" "$pki/ca.key" "/O=system:masters/CN=twin-admin" "" client
  cert_leaf "$pki" front-proxy-client "$pki/front-proxy-ca.crt" "$pki/front-proxy-ca.key" "/CN=front-proxy-client" "" client
  [[ -f "$pki/sa.key" ]] || { openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null && openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null; }
  kubeconfig_write "$dir/kubeconfig" "https://127.0.0.1:$api_port" "$pki/ca.crt" "$pki/admin.crt" "$pki/admin.key" "$name"

  proc_start "$dir" etcd etcd --name "$name" --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "$name=http://127.0.0.1:$peer_port" --quota-backend-bytes=4294967296 \
    --snapshot-count=10000 --log-level=warn
  wait_until 30 "etcd of $name" curl -sf "http://127.0.0.1:$etcd_port/health" || { proc_check "$dir" etcd; return 1; }

  # Loopback only: no endpoint reconciler (the `kubernetes` Service would point at 127.0.0.1);
  # requestheader flags so that controllers' delegated authentication finds its CA.
  proc_start "$dir" kube-apiserver kube-apiserver \
    --etcd-servers "http://127.0.0.1:$etcd_port" --etcd-prefix "/$name" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --endpoint-reconciler-type none --service-cluster-ip-range 10.96.0.0/16 \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" --authorization-mode Node,RBAC --allow-privileged \
    --service-account-issuer "https://kubernetes.default.svc" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --requestheader-client-ca-file "$pki/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "$pki/front-proxy-client.crt" --proxy-client-key-file "$pki/front-proxy-client.key" \
    --enable-admission-plugins NodeRestriction --profiling=false --v=1 "${extra[@]}"
  wait_until 90 "kube-apiserver of $name" kubectl --kubeconfig "$dir/kubeconfig" get --raw /readyz ||
    { proc_check "$dir" kube-apiserver; return 1; }

  [[ -n "$controllers" ]] || return 0
  proc_start "$dir" kube-controller-manager kube-controller-manager \
    --kubeconfig "$dir/kubeconfig" --authentication-kubeconfig "$dir/kubeconfig" \
    --authorization-kubeconfig "$dir/kubeconfig" --bind-address 127.0.0.1 --secure-port "$kcm_port" \
    --leader-elect=false --controllers "$controllers" --use-service-account-credentials=false \
    --root-ca-file "$pki/ca.crt" --service-account-private-key-file "$pki/sa.key" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --horizontal-pod-autoscaler-sync-period 5s --profiling=false --v=1
  wait_until 30 "kube-controller-manager of $name" curl -sfk "https://127.0.0.1:$kcm_port/healthz" ||
    { proc_check "$dir" kube-controller-manager; return 1; }
}

# kube-scheduler on port-base+4 (secure port, loopback).
scheduler_up() { # dir port-base
  local dir=$1 port=$(($2 + 4))
  proc_start "$dir" kube-scheduler kube-scheduler --kubeconfig "$dir/kubeconfig" \
    --authentication-kubeconfig "$dir/kubeconfig" --authorization-kubeconfig "$dir/kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$port" --leader-elect=false --profiling=false --v=1
  wait_until 30 "kube-scheduler" curl -sfk "https://127.0.0.1:$port/healthz" || { proc_check "$dir" kube-scheduler; return 1; }
}

# kwok managing the nodes labelled type=kwok: they become Ready and their pods Running/Ready
# (kwok's "fast" node and pod stages). Its server (port-base+5) serves health and metrics only.
kwok_up() { # dir port-base
  local dir=$1 port=$(($2 + 5)) stages
  stages="$(twin_module_dir twin sigs.k8s.io/kwok)/kustomize/stage"
  proc_start "$dir" kwok kwok --kubeconfig "$dir/kubeconfig" --manage-nodes-with-label-selector type=kwok \
    --server-address "127.0.0.1:$port" --node-ip 127.0.0.1 \
    -c "$stages/node/fast/node-initialize.yaml" -c "$stages/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
    -c "$stages/pod/fast/pod-ready.yaml" -c "$stages/pod/fast/pod-complete.yaml" -c "$stages/pod/fast/pod-delete.yaml"
  wait_until 30 "kwok" curl -sf "http://127.0.0.1:$port/healthz" || { proc_check "$dir" kwok; return 1; }
}

# controlplane_down dir: stop everything started under dir.
controlplane_down() { proc_stop_all "$1"; }
