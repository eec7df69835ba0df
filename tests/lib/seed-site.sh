# Sourced by tests/e2e/run.sh and tests/bridge-java-server/run.sh: the seed's 3.7.2 site on the
# simulated array (array 62496, P-VOL LDEV 18 = E:, S-VOL LDEV 19, group `snap` MU#2, HORCM
# instances 50/51 with `rmvss array seed-confs`) and `rmvss serve` on it with the 3.7.1 environment.
# State lives in files under $SEED_WORK (pids, logs), so a separate process that sources this file
# with the same SEED_WORK can restart the control plane (the bridge test does, mid-run).
#   SEED_WORK         a scratch directory (required); array/, etc/, state/, *.log, *.pid go there
#   seed_site_start [ARRAY SERVE OPTIONS...]   array + daemon + confs + horcmstart 50 51 + paircreate (PAIR)
#   seed_cp_start [SERVE OPTIONS...]           rmvss serve; returns once <state>/port and token exist
#   seed_cp_stop TERM|KILL                     stops it and waits until it is gone
#   seed_cp_pid                                the running control plane's pid
#   seed_site_stop                             stops everything this file started (for an EXIT trap)
# Every wait polls with a deadline; a failure prints the log that says why and returns non-zero.
seed_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

seed_env() {
  export RMVSS_ARRAY="$SEED_WORK/array" HORCM_ETC="$SEED_WORK/etc"
}

seed_cci() { "$seed_root/bin/cci/$1" "${@:2}"; }

# Polls COMMAND until it succeeds or SECONDS pass.
seed_wait_for() {
  local seconds="$1"; shift
  local end=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -ge "$end" ] && return 1
    sleep 0.1
  done
}

seed_site_start() {
  seed_env
  mkdir -p "$SEED_WORK/etc" "$SEED_WORK/state"
  local out="$SEED_WORK/site.log"
  "$seed_root/bin/rmvss" array init --data "$SEED_WORK/array" >"$out" 2>&1 || { cat "$out"; return 1; }
  "$seed_root/bin/rmvss" array serve --data "$SEED_WORK/array" "$@" >"$SEED_WORK/array.log" 2>&1 &
  echo $! >"$SEED_WORK/array.pid"
  seed_wait_for 30 test -S "$SEED_WORK/array/array.sock" \
    || { echo "seed-site: the array daemon did not start"; cat "$SEED_WORK/array.log"; return 1; }
  "$seed_root/bin/rmvss" array seed-confs --etc "$SEED_WORK/etc" >>"$out" 2>&1 || { cat "$out"; return 1; }
  seed_cci horcmstart 50 51 >>"$out" 2>&1 || { cat "$out"; return 1; }
  HORCMINST=51 HORCC_MRCF=1 seed_cci paircreate -g snap -vr >>"$out" 2>&1 || { cat "$out"; return 1; }
  HORCMINST=51 HORCC_MRCF=1 seed_cci pairevtwait -g snap -s pair -t 600 >>"$out" 2>&1 || { cat "$out"; return 1; }
}

seed_cp_pid() { cat "$SEED_WORK/serve.pid" 2>/dev/null; }

seed_cp_start() {
  seed_env
  rm -f "$SEED_WORK/state/port"  # a kill -9 leaves the old one behind
  VSHTCHORCMINST_LOCAL=50 VSHTCHORCMINST_REMOTE=51 VSHTCHOMRCF_MUN=2 \
    "$seed_root/bin/rmvss" serve --state "$SEED_WORK/state" --horcm-etc "$SEED_WORK/etc" "$@" \
    >>"$SEED_WORK/serve.log" 2>&1 &
  local pid=$! end=$((SECONDS + 60))
  echo "$pid" >"$SEED_WORK/serve.pid"
  until [ -s "$SEED_WORK/state/port" ] && [ -s "$SEED_WORK/state/token" ]; do
    if seed_gone "$pid" || [ "$SECONDS" -ge "$end" ]; then
      echo "seed-site: rmvss serve did not write $SEED_WORK/state/port:"; tail -30 "$SEED_WORK/serve.log"
      return 1
    fi
    sleep 0.1
  done
}

seed_cp_stop() {
  local pid; pid="$(seed_cp_pid)"
  [ -n "$pid" ] || return 0
  kill "-${1:-TERM}" "$pid" 2>/dev/null
  # Not necessarily our child (the bridge test restarts from another process): poll, don't wait.
  seed_wait_for 30 seed_gone "$pid" || { echo "seed-site: rmvss serve ($pid) did not stop"; return 1; }
  rm -f "$SEED_WORK/serve.pid"
}

# Gone, or a zombie nobody has reaped yet (its parent may be a shell that already exited).
seed_gone() {
  kill -0 "$1" 2>/dev/null || return 0
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

seed_site_stop() {
  seed_env
  seed_cp_stop KILL >/dev/null 2>&1
  [ -f "$SEED_WORK/etc/horcm50.conf" ] && seed_cci horcmshutdown 50 51 >/dev/null 2>&1
  local pid; pid="$(cat "$SEED_WORK/array.pid" 2>/dev/null)"
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    seed_wait_for 30 seed_gone "$pid" || kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$SEED_WORK/array.pid"
}
