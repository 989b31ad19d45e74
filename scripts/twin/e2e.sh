#!/usr/bin/env bash
# `make e2e`: the fleet twin up, the end-to-end suite (tests/e2e) against it, the twin down. On a
# failure it prints the end of every twin process's log first.
source "$(dirname "$0")/lib.sh"

finish() {
  local rc=$?
  if [[ $rc != 0 && -d "$twin_state" ]]; then
    while IFS= read -r log; do
      echo "=== ${log#"$twin_repo/"} (last 25 lines)"
      tail -25 "$log"
    done < <(find "$twin_state" -name '*.log' | sort)
  fi
  "$twin_repo/scripts/twin/down.sh" || true
  exit $rc
}
trap finish EXIT

start=$SECONDS
"$twin_repo/scripts/twin/up.sh"
up=$((SECONDS - start))
(cd "$twin_repo" && npx vitest run -c tests/e2e/vitest.config.ts)
twin_log "e2e: twin up in ${up}s, suite in $((SECONDS - start - up))s"
