#!/usr/bin/env bash
# `make twin-down`: stop every process of the fleet twin by its PID, then remove .twin/ (its etcd
# data, certificates and logs); TWIN_KEEP_STATE=1 keeps the folder for a look at the logs.
source "$(dirname "$0")/lib.sh"

for dir in "$twin_state"/*/; do
  [[ -d "$dir" ]] || continue
  name="$(basename "$dir")"
  [[ "$name" == hub ]] && continue
  if [[ -f "$twin_repo/scripts/twin/workload.sh" ]]; then
    bash "$twin_repo/scripts/twin/workload.sh" down "$name" || true
  fi
  proc_stop_all "$dir"
done
"$twin_repo/scripts/twin/hub.sh" down
[[ "${TWIN_KEEP_STATE:-0}" == 1 ]] || rm -rf "$twin_state"
twin_log "down"
