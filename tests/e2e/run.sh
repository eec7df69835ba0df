#!/usr/bin/env bash
# End to end under Wine: vsscoord -> rmvssprv.dll -> gRPC -> `rmvss serve` -> CCI -> simulated array.
#   tests/e2e/run.sh     exit 0 passed, 1 failed, 77 skipped (no MinGW/Wine, no rmvss.jar, or a
#                        control plane without `rmvss serve`, i.e. before the transport branch)
# Seed 3.7.2/3.7.3: array 62496, P-VOL LDEV 18 (CL2-C 25 1), S-VOL LDEV 19, group snap MU#2.
# Asserts: after `vsscoord create` pairdisplay shows P-VOL PSUS and S-VOL COPY or SSUS, and the
# S-VOL holds the P-VOL's data at commit (checksums); after `vsscoord delete` PVOL COPY or PAIR;
# with the control plane killed mid-call and then stopped, every DLL call is VSS-legal and in its
# deadline and vsscoord survives (exit 1, never 3/4/crash). Every process it starts is stopped.
set -uo pipefail
source "$(dirname "$0")/../wine/env.sh"
rmvss_require_tools || exit 77
jar="$rmvss_root/control-plane/target/rmvss.jar"
[ -f "$jar" ] || { echo "e2e: $jar missing (mvn -q -o -DskipTests package); skipped"; exit 77; }
"$rmvss_root/bin/rmvss" serve --help >/dev/null 2>&1 || { echo "e2e: this rmvss has no 'serve'; skipped"; exit 77; }
rmvss_build_mingw || { echo "e2e: MinGW build failed"; exit 1; }
mkdir -p "$RMVSS_MINGW_BUILD/wine"
exec 9>"$RMVSS_MINGW_BUILD/wine/lock"
flock 9
rmvss_wine_prefix || exit 1

source "$rmvss_root/tests/lib/seed-site.sh"
export SEED_WORK; SEED_WORK="$(mktemp -d)"
work="$SEED_WORK"
cleanup() {
  seed_site_stop
  wineserver -k 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"
  else failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     | /' "$work/out" 2>/dev/null | tail -40; fi
}
cci() { "$rmvss_root/bin/cci/$1" "${@:2}"; }

# 1. The array, the seed's two HORCM instances (rmvss array seed-confs), the pair (PAIR), the control plane.
seed_site_start || exit 1
seed_cp_start || exit 1
export RMVSS_CONTROL_STATE="$(rmvss_winpath "$work/state")" RMVSS_TEST_ACCOUNT=LocalSystem
export RMVSS_EVENT_FILE="$(rmvss_winpath "$work/events.jsonl")"
unset RMVSS_CONTROL_PLANE RMVSS_CONTROL_ADDRESS RMVSS_TOKEN_FILE

# 2. Data on the P-VOL.
"$rmvss_root/bin/rmvss" array io fill E: 0 4MiB --seed 1 >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
p_sum="$("$rmvss_root/bin/rmvss" array io sum 62496:18 0 4MiB 2>&1)"

# 3. The DLL, registered in the cached prefix (the real one, not the fault build).
wine regsvr32 /s "$(rmvss_winpath "$RMVSS_ADMIN_DLL")" && wine regsvr32 /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")"
# E: (LDEV 18) as the seed-example array answers SCSI inquiry (io.rmvss.array.host.InquiryData, revision 2106).
cat >"$work/pvol.luns" <<'LUNS'
device = \\?\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000012
vendor = HITACHI
product = OPEN-3
revision = 2106
bus = fibre
array = 62496 18
LUNS
luns="$(rmvss_winpath "$work/pvol.luns")"
# The shadow copy as VSS hands it back for delete: the S-VOL (LDEV 19) that GetTargetLuns reported.
sed -e 's/000012$/000013/' -e 's/^array = 62496 18$/array = 62496 19/' "$work/pvol.luns" >"$work/svol.luns"
svol_luns="$(rmvss_winpath "$work/svol.luns")"
coord() { wine "$RMVSS_VSSCOORD" "$@" >"$work/out" 2>&1; echo $? >"$work/rc"; }
pairs() { HORCMINST=50 HORCC_MRCF=1 cci pairdisplay -g snap -l 2>&1; HORCMINST=50 HORCC_MRCF=1 cci pairdisplay -g snap 2>&1; }

t_create() {
  coord create --luns "$luns" && [ "$(cat "$work/rc")" = 0 ] || return 1
  pairs >>"$work/out"
  grep -Eq 'P-VOL +PSUS' "$work/out" && grep -Eq 'S-VOL +(COPY|SSUS)' "$work/out"
}
t_point_in_time() {
  "$rmvss_root/bin/rmvss" array io fill E: 0 1MiB --seed 2 >"$work/out" 2>&1  # after the commit: must not reach the S-VOL
  HORCMINST=51 HORCC_MRCF=1 cci pairevtwait -g snap -ss ssus -t 600 >>"$work/out" 2>&1
  s_sum="$("$rmvss_root/bin/rmvss" array io sum 62496:19 0 4MiB 2>&1)"
  echo "P-VOL at commit: $p_sum; S-VOL: $s_sum" >>"$work/out"
  [ -n "$p_sum" ] && [ "${p_sum%% *}" = "${s_sum%% *}" ]
}
t_delete() {
  coord delete --luns "$svol_luns" && [ "$(cat "$work/rc")" = 0 ] || return 1
  pairs >>"$work/out"
  grep -Eq 'P-VOL +(COPY|PAIR)' "$work/out"
}
t_killed_mid_call() {  # the control plane dies during the sequence: legal HRESULTs, in time, no crash
  (sleep 1; kill -9 "$(seed_cp_pid)") & local killer=$!
  coord create --luns "$luns" --keep-going
  wait "$killer"
  local rc; rc="$(cat "$work/rc")"
  [ "$rc" = 0 ] || [ "$rc" = 1 ]
}
t_stopped() {
  coord create --luns "$luns" --keep-going
  [ "$(cat "$work/rc")" = 1 ] && grep -q '"tag":"EV_ATTHOR"' "$work/events.jsonl" && grep -q 'all VSS-legal' "$work/out"
}
check "create through rmvss serve: P-VOL PSUS, S-VOL COPY/SSUS" t_create
check "the S-VOL holds the P-VOL's data at commit (checksums)" t_point_in_time
check "delete: P-VOL COPY/PAIR again" t_delete
check "control plane killed mid-call: VSS-legal HRESULTs within deadlines, harness survives" t_killed_mid_call
check "control plane stopped: veto + [EV_ATTHOR], harness survives" t_stopped
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
