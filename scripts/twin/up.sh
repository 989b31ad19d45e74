#!/usr/bin/env bash
# `make twin-up`: the fleet twin on this machine, as plain processes on loopback (no Docker): the hub
# (scripts/twin/hub.sh) and a workload cluster (scripts/twin/workload.sh), registered with the hub
# the way a platform team registers an Existing cluster: a kubeconfig Secret and an InferenceCluster.
# Idempotent; `make twin-down` stops it. TWIN_PORT_BASE (default 20000) moves every port.
#
# The workload-cluster interface (scripts/twin/workload.sh, owned by the workload side):
#   scripts/twin/workload.sh up NAME N FLEET...  start workload cluster NAME on ports
#                       twin_cluster_base N (TWIN_PORT_BASE+100*N ...), with simulated GPU nodes for
#                       the pools of InferenceCluster NAME in the FLEET files; prints its kubeconfig
#                       path (loopback address, admin credentials) as its last line
#   scripts/twin/workload.sh down NAME   stop it, by PID
source "$(dirname "$0")/lib.sh"

start=$SECONDS
"$twin_repo/scripts/install-tools.sh" test twin
command -v etcd >/dev/null || twin_die "etcd is missing: apt-get install etcd-server (Debian's etcd 3.4)"
(cd "$twin_repo" && node scripts/build.mjs >/dev/null)
"$twin_repo/scripts/twin/hub.sh" up
hub_kubeconfig="$twin_state/hub/kubeconfig"

# The quickstart's Existing cluster (examples/quickstart/platform.yaml, onprem-dc1) is the workload
# cluster: its Secret holds the workload cluster's kubeconfig, and its InferenceCluster is applied
# exactly as the quickstart declares it (so `kubectl apply -f examples/quickstart/` leaves it as is).
cluster=onprem-dc1
if [[ -f "$twin_repo/scripts/twin/workload.sh" ]]; then
  workload_kubeconfig="$(bash "$twin_repo/scripts/twin/workload.sh" up "$cluster" 1 \
    "$twin_repo/examples/quickstart/platform.yaml" | tail -1)"
  [[ -f "$workload_kubeconfig" ]] || twin_die "scripts/twin/workload.sh up printed no kubeconfig path"
  kubectl --kubeconfig "$hub_kubeconfig" -n crossplane-system create secret generic "$cluster-kubeconfig" \
    --from-file=kubeconfig="$workload_kubeconfig" --dry-run=client -o yaml |
    kubectl --kubeconfig "$hub_kubeconfig" apply -f - >/dev/null
  node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import { parseAllDocuments, stringify } from "yaml";
    const [file, name] = process.argv.slice(1);
    const doc = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS())
      .find((o) => o?.kind === "InferenceCluster" && o.metadata.name === name);
    process.stdout.write(stringify(doc));' "$twin_repo/examples/quickstart/platform.yaml" "$cluster" |
    kubectl --kubeconfig "$hub_kubeconfig" apply -f - >/dev/null
  twin_log "workload cluster $cluster registered (KUBECONFIG=$workload_kubeconfig)"
else
  twin_log "scripts/twin/workload.sh is missing: the hub runs without a workload cluster"
fi

twin_log "up in $((SECONDS - start))s"
echo
echo "The fleet twin is up. Point kubectl at its hub and apply the quickstart:"
echo
echo "  export KUBECONFIG=$hub_kubeconfig"
echo "  kubectl apply -f examples/quickstart/"
echo "  kubectl get md,mr,ms -A -w"
echo
echo "KUBECONFIG=$hub_kubeconfig"
