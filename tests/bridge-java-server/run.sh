#!/usr/bin/env bash
# ctest `bridge-java-server`: the bridge's gRPC client and message codec, natively, against the
# real Java control plane (`rmvss serve`) on the seed's 3.7.2 site of the simulated array.
#   run.sh BUILD_DIR     exit 0 passed, 1 failed, 77 skipped (no control-plane/target/rmvss.jar)
#   run.sh --control-plane stop TERM|KILL | start [PORT]    (for the test program, with SEED_WORK set)
# Runs build/provider-native/bridge_java_server_test (create/import/delete cycle, faults, token,
# deadline, restarts), then the benchmark program rmvss-bench-rpc against the same server (every
# call must be OK; its p50/p99 are printed). Every process it starts is stopped, also on failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib/seed-site.sh"

if [ "${1:-}" = "--control-plane" ]; then
  : "${SEED_WORK:?--control-plane needs SEED_WORK}"
  case "${2:-}" in
    stop) seed_cp_stop "${3:-TERM}" ;;
    start) seed_cp_start ${3:+--port "$3"} ;;
    *) echo "usage: run.sh --control-plane stop TERM|KILL | start [PORT]" >&2; exit 2 ;;
  esac
  exit
fi

build="${1:?usage: run.sh BUILD_DIR}"
jar="$seed_root/control-plane/target/rmvss.jar"
[ -f "$jar" ] || { echo "bridge-java-server: $jar missing (mvn -q -DskipTests package); skipped"; exit 77; }
test_bin="$build/provider-native/bridge_java_server_test"
bench_bin="$build/provider-native/rmvss-bench-rpc"
for b in "$test_bin" "$bench_bin"; do
  [ -x "$b" ] || { echo "bridge-java-server: $b missing (cmake --build $build)"; exit 1; }
done

export SEED_WORK; SEED_WORK="$(mktemp -d)"
cleanup() {
  seed_site_stop
  rm -rf "$SEED_WORK"
}
trap cleanup EXIT
started=$SECONDS
# LocateLuns/OnLunEmpty run raidvchkset: 2 s each, so a short deadline can be outlived (the test's deadline case).
seed_site_start --latency raidvchkset=2s || exit 1
seed_cp_start || exit 1
echo "bridge-java-server: site and control plane up in $((SECONDS - started)) s"

pairs="HORCMINST=50 HORCC_MRCF=1 $seed_root/bin/cci/pairdisplay -g snap"
"$test_bin" --state "$SEED_WORK/state" --pairs "$pairs" --control-plane "$here/run.sh --control-plane"
rc=$?
if [ "$rc" != 0 ]; then
  echo "--- serve.log (tail)"; tail -40 "$SEED_WORK/serve.log"
  exit 1
fi

# The benchmark program on the same server: the bridge's cost per call against the real thing.
out="$("$bench_bin" --state "$SEED_WORK/state" -n 300 2>&1)"
echo "$out"
case "$out" in
  *" 0 not OK"*) ;;
  *) echo "bridge-java-server: rmvss-bench-rpc had failing calls"; exit 1 ;;
esac
echo "bridge-java-server: passed in $((SECONDS - started)) s"
