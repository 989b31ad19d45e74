#!/usr/bin/env bash
# `make e2e`: the fleet twin up, the end-to-end suite (tests/e2e) against it, the twin down. On a
# failure it prints the end of every twin process's log (the registry's request lines left out),
# then the suite's failures again, last, where a CI log's tail shows them.
source "$(dirname "$0")/lib.sh"

suite_log="$(mktemp)"
finish() {
  local rc=$?
  if [[ $rc != 0 && -d "$twin_state" ]]; then
    while IFS= read -r log; do
      echo "=== ${log#"$twin_repo/"} (last 25 lines)"
      grep -v -E '"?(GET|HEAD|PUT|POST|PATCH) /v2/' "$log" | tail -25
    done < <(find "$twin_state" -name '*.log' | sort)
    if [[ -s "$suite_log" ]]; then
      echo "=== the e2e suite's failures"
      grep -E -A40 '(FAIL|AssertionError|Error:)' "$suite_log" | head -200
    fi
  fi
  "$twin_repo/scripts/twin/down.sh" || true
  rm -f "$suite_log"
  exit $rc
}
trap finish EXIT

start=$SECONDS
"$twin_repo/scripts/twin/up.sh"
up=$((SECONDS - start))
(cd "$twin_repo" && NO_COLOR=1 npx vitest run -c tests/e2e/vitest.config.ts) 2>&1 | tee "$suite_log"
twin_log "e2e: twin up in ${up}s, suite in $((SECONDS - start - up))s"
