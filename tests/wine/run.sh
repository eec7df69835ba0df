#!/usr/bin/env bash
# The Wine suite of rmvssprv.dll: builds the MinGW tree, then drives the DLL through regsvr32 and
# the coordinator harness in a cached Wine prefix. ctest runs it (test "wine-suite"); by hand:
#   tests/wine/run.sh            exit 0 all passed, 1 a test failed, 77 MinGW/Wine missing (skip)
# Prints one line per test and "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/env.sh"
rmvss_require_tools || exit 77
started=$SECONDS
rmvss_build_mingw || { echo "rmvss: MinGW build failed"; exit 1; }
mkdir -p "$RMVSS_MINGW_BUILD/wine"
exec 9>"$RMVSS_MINGW_BUILD/wine/lock"
flock 9  # one suite per prefix at a time
rmvss_wine_prefix || exit 1
echo "wine suite: prefix ready after $((SECONDS - started)) s ($WINEPREFIX)"

work="$(mktemp -d)"
trap 'rm -rf "$work"; wineserver -k 2>/dev/null' EXIT
events="$work/events.jsonl"
export RMVSS_EVENT_FILE="$(rmvss_winpath "$events")"
unset RMVSS_TEST_ACCOUNT RMVSS_CONTROL_PLANE RMVSS_CONTROL_ADDRESS RMVSS_CONTROL_STATE RMVSS_TOKEN_FILE
passed=0 failed=0
luns="$(rmvss_winpath "$rmvss_root/tests/wine/luns/pvols.luns")"
svols="$(rmvss_winpath "$rmvss_root/tests/wine/luns/svols.luns")"
coord() { wine "$RMVSS_VSSCOORD" "$@" >"$work/out" 2>&1; echo $? >"$work/rc"; }
rc() { cat "$work/rc"; }
has() { grep -q -- "$1" "$work/out"; }
reg_has() { wine reg query "$1" >/dev/null 2>&1; }
check() {  # check NAME COMMAND...: passes when COMMAND succeeds
  local name="$1"; shift
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "PASS $name ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     | /' "$work/out" 2>/dev/null | head -40; fi
}

clsid_key='HKLM\Software\Classes\CLSID\{d08c96f0-6681-4282-8450-9e89069a3ec8}'
source_key='HKLM\System\CurrentControlSet\Services\Eventlog\Application\RM Shadow Copy Provider'
provider_key='HKLM\System\CurrentControlSet\Services\VSS\Providers\{748babd3-8c62-4b3d-b6b7-430b5f858c74}'

# Start from nothing: whatever an earlier run left behind in the cached prefix goes.
wine regsvr32 /u /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")" >/dev/null 2>&1
wine reg delete 'HKLM\System\CurrentControlSet\Services\VSS\Providers' /f >/dev/null 2>&1

t_unit() { wine "$RMVSS_MINGW_BUILD/provider-native/rmvss-provider-core-test.exe" >"$work/out" 2>&1 && has ', 0 failed'; }
t_register() {
  rmvss_register >"$work/out" 2>&1 &&
    wine reg query "$clsid_key\\InprocServer32" /v ThreadingModel >"$work/out" 2>&1 && has 'REG_SZ *Both' &&
    reg_has "$source_key" && reg_has "$provider_key"
}
t_list_providers() { coord list-providers && diff -u "$rmvss_root/tests/wine/expected/list-providers.txt" "$work/out" >"$work/diff" || { cat "$work/diff" >>"$work/out"; false; }; }
t_refuse_real_token() {  # Wine's user is not Local System: the real SID check must refuse
  : >"$events"; coord create
  [ "$(rc)" = 5 ] && has 'E_ACCESSDENIED' && grep -q '"tag":"EV_ERPERM"' "$events" &&
    grep -q 'Permission denied with the VSS hardware provider' "$events" || { cat "$events" >>"$work/out"; false; }
}
t_refuse_user() { : >"$events"; RMVSS_TEST_ACCOUNT=User coord create; [ "$(rc)" = 5 ] && grep -q EV_ERPERM "$events"; }
t_report_event_api() {  # the real ReportEventW is called (Wine's logs the text on its eventlog channel)
  WINEDEBUG=err+eventlog coord create
  has 'err:eventlog:ReportEventW L"\[EV_ERPERM\] Permission denied with the VSS hardware provider'
}
t_accept_local_system() {
  : >"$events"; RMVSS_TEST_ACCOUNT=LocalSystem coord abort --luns "$luns"
  [ "$(rc)" = 1 ] && has 'OnLoad' && ! grep -q EV_ERPERM "$events"
}
t_create_no_control_plane() {  # every call: a VSS-legal HRESULT in time, an [EV_ATTHOR] event, none while frozen
  : >"$events"; RMVSS_TEST_ACCOUNT=LocalSystem coord create --keep-going --luns "$luns"
  [ "$(rc)" = 1 ] && has 'result: 10 provider calls, 9 failed; deadlines and freeze rules kept; HRESULTs all VSS-legal' &&
    [ "$(grep -c 'BeginPrepareSnapshot *0x80042306 VSS_E_PROVIDER_VETO' "$work/out")" = 2 ] &&
    has 'CommitSnapshots *0x80042306' && has 'AreLunsSupported *0x00000000 S_OK .*supported=FALSE' &&
    ! has 'while the writers were frozen' &&
    [ "$(grep -c '"tag":"EV_ATTHOR"' "$events")" = 10 ] && grep -q 'during CommitSnapshots' "$events" ||
    { cat "$events" >>"$work/out"; false; }
}
t_create_stops_like_vss() {  # without --keep-going the harness stops where VSS would
  RMVSS_TEST_ACCOUNT=LocalSystem coord create --luns "$luns"
  [ "$(rc)" = 1 ] && has 'provider declined' && ! has 'CommitSnapshots' && ! has 'AbortSnapshots'
}
t_other_scenarios() {
  local s
  for s in abort import delete; do
    RMVSS_TEST_ACCOUNT=LocalSystem coord "$s" --luns "$svols"
    [ "$(rc)" = 1 ] && has 'HRESULTs all VSS-legal' || { echo "scenario $s: rc $(rc)" >>"$work/out"; return 1; }
  done
  for s in resync break; do
    RMVSS_TEST_ACCOUNT=LocalSystem coord "$s" --luns "$luns" --targets "$svols"
    [ "$(rc)" = 1 ] && has 'VSS_E_PROVIDER_VETO' || { echo "scenario $s: rc $(rc)" >>"$work/out"; return 1; }
  done
}
# The same COM glue with a scripted control plane (tests/coordinator/fault_control_plane.cpp).
fault_dll="$RMVSS_MINGW_BUILD/tests/coordinator/rmvssprv-fault.dll"
fault() { RMVSS_TEST_ACCOUNT=LocalSystem RMVSS_FAULT="$1" coord "${@:2}"; }
t_fault_register() { wine regsvr32 /s "$(rmvss_winpath "$fault_dll")"; }
t_fault_full_cycle() {  # a healthy control plane: every call S_OK, targets marshalled back through COM
  fault "" create --luns "$luns"
  [ "$(rc)" = 0 ] && has 'result: 10 provider calls, 0 failed' &&
    has 'target 0: \[HITACHI\] \[OPEN-V\] \[7303\] 0x80=\[50 0F420 0022\] 0x83=60060e800000f4200000000000000022' &&
    has 'target 1: .*0x83=60060e800000f4200000000000000023'
}
t_fault_commit_hangs() {  # Commit never answered: veto at its 4 s deadline, inside the 10 s window; event after the thaw
  : >"$events"; fault CommitSnapshots=hang create --keep-going --luns "$luns"
  [ "$(rc)" = 1 ] && has 'CommitSnapshots *0x80042306 VSS_E_PROVIDER_VETO *40[0-9][0-9]\.[0-9] ms' &&
    has 'deadlines and freeze rules kept; HRESULTs all VSS-legal' && ! has 'while the writers were frozen' &&
    grep -q 'during CommitSnapshots (no answer within the deadline of 4000 ms)' "$events" ||
    { cat "$events" >>"$work/out"; false; }
}
t_fault_garbage() {  # an HRESULT VSS does not take, a throwing client, a reply without its LUNs
  : >"$events"; fault PreCommitSnapshots=garbage,EndPrepareSnapshots=throw,GetTargetLuns=short create --keep-going --luns "$luns"
  [ "$(rc)" = 1 ] && has 'EndPrepareSnapshots *0x80042306' && has 'PreCommitSnapshots *0x80042306' &&
    has 'GetTargetLuns *0x80042306' && has 'HRESULTs all VSS-legal' &&
    grep -q 'answered PreCommitSnapshots with 0x12345678' "$events" && grep -q 'scripted failure in EndPrepareSnapshots' "$events" &&
    grep -q 'answer to GetTargetLuns does not fit' "$events" || { cat "$events" >>"$work/out"; false; }
}
t_fault_hresult_passthrough() {  # the control plane's choice when VSS allows it for that call, else a veto
  : >"$events"; fault BeginPrepareSnapshot=0x80042312 create --luns "$luns"
  [ "$(rc)" = 1 ] && has 'BeginPrepareSnapshot *0x80042312 VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED' && [ ! -s "$events" ] || return 1
  fault CommitSnapshots=0x80042312 create --luns "$luns"
  [ "$(rc)" = 1 ] && has 'CommitSnapshots *0x80042306 VSS_E_PROVIDER_VETO' && grep -q EV_EXCEPT "$events"
}
t_fault_other_scenarios() {
  local s
  for s in import delete abort; do
    fault "" "$s" --luns "$svols"; [ "$(rc)" = 0 ] || { echo "scenario $s: rc $(rc)" >>"$work/out"; return 1; }
  done
  fault "" resync --luns "$luns" --targets "$svols"; [ "$(rc)" = 0 ] && has 'resync status 0x0004230A VSS_S_ASYNC_FINISHED' || return 1
  fault "" break --luns "$luns" --targets "$svols"; [ "$(rc)" = 0 ]
}
t_list_shadows() { coord list-shadows && has 'No items found that satisfy the query.'; }
t_reregister_is_update() {  # a second regsvr32 (update install) replaces the entry, not duplicates it
  wine regsvr32 /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")" && coord list-providers &&
    [ "$(grep -c "RM Shadow Copy Provider" "$work/out")" = 1 ] &&
    wine reg query "$clsid_key\\InprocServer32" /ve >"$work/out" 2>&1 && has 'provider-native\\rmvssprv.dll'
}
t_unregister() {
  wine regsvr32 /u /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")" && coord list-providers &&
    ! has 'RM Shadow Copy Provider' && has "Microsoft Software Shadow Copy provider 1.0" &&
    ! reg_has "$clsid_key" && ! reg_has "$source_key" && ! reg_has "$provider_key"
}
t_unregister_twice() { wine regsvr32 /u /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")"; }
t_no_coordinator() {  # without a VSS coordinator registration fails and leaves nothing behind
  wine regsvr32 /u /s "$(rmvss_winpath "$RMVSS_ADMIN_DLL")"
  ! wine regsvr32 /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")" && ! reg_has "$clsid_key" && ! reg_has "$source_key"
  local ok=$?
  wine regsvr32 /s "$(rmvss_winpath "$RMVSS_ADMIN_DLL")"
  return $ok
}

check "marshalling and call-policy unit tests under Wine" t_unit
check "regsvr32 rmvssprv.dll registers (COM class, Both, event source, VSS provider)" t_register
check "vssadmin list providers matches the seed's 3.5.3 sample" t_list_providers
check "refuses outside Local System (real token check): E_ACCESSDENIED + [EV_ERPERM]" t_refuse_real_token
check "refuses with TestAccount=User: [EV_ERPERM]" t_refuse_user
check "events go through ReportEventW (source 'RM Shadow Copy Provider')" t_report_event_api
check "runs with TestAccount=LocalSystem" t_accept_local_system
check "create with no control plane: legal HRESULTs in time, [EV_ATTHOR], none while frozen" t_create_no_control_plane
check "create stops after AreLunsSupported declines, as VSS does" t_create_stops_like_vss
check "abort, import, delete, resync, break with no control plane" t_other_scenarios
check "fault build registers over it (same CLSID)" t_fault_register
check "healthy control plane: full create cycle, target LUNs marshalled back" t_fault_full_cycle
check "Commit hangs: veto at 4 s, inside the 10 s window, event only after the thaw" t_fault_commit_hangs
check "garbage HRESULT, throwing client, reply without LUNs: vetoes + [EV_EXCEPT]" t_fault_garbage
check "control plane's HRESULT passed through only where VSS allows it" t_fault_hresult_passthrough
check "healthy control plane: import, delete, abort, resync (IVssAsync), break" t_fault_other_scenarios
check "vssadmin list shadows" t_list_shadows
check "regsvr32 twice updates the entry" t_reregister_is_update
check "regsvr32 /u removes class, event source and provider" t_unregister
check "regsvr32 /u twice is harmless" t_unregister_twice
check "regsvr32 without a VSS coordinator fails and rolls back" t_no_coordinator

# Leave the cached prefix as after an install, for bin/vssadmin and bin/vsscoord.
wine regsvr32 /s "$(rmvss_winpath "$RMVSS_PROVIDER_DLL")" >/dev/null 2>&1

# The real DLL's gRPC client against a fake control plane (the native rmvss-bench-rpc --serve:
# every rpc answers OK with an empty message), then with that control plane killed.
fake_bin="${RMVSS_NATIVE_BUILD:-$rmvss_root/build}/provider-native/rmvss-bench-rpc"
if [ -x "$fake_bin" ]; then
  "$fake_bin" --serve 0 >"$work/fake.out" 2>&1 & fake_pid=$!
  trap 'kill $fake_pid 2>/dev/null; rm -rf "$work"; wineserver -k 2>/dev/null' EXIT
  for _ in $(seq 50); do grep -q 'on 127.0.0.1:' "$work/fake.out" && break; sleep 0.1; done
  fake_address="$(sed -n 's/.* on \(127.0.0.1:[0-9]*\).*/\1/p' "$work/fake.out")"
  t_grpc_answered() {  # empty AreLunsSupportedResponse = supported false: declined, no [EV_ATTHOR]
    : >"$events"; RMVSS_TEST_ACCOUNT=LocalSystem RMVSS_CONTROL_ADDRESS="$fake_address" coord create
    [ "$(rc)" = 1 ] && has 'supported=FALSE' && has 'all VSS-legal' && ! grep -q EV_ATTHOR "$events"
  }
  t_grpc_bench() {
    RMVSS_TEST_ACCOUNT=LocalSystem RMVSS_CONTROL_ADDRESS="$fake_address" coord bench --count 300
    [ "$(rc)" = 0 ] && has 'p50' && has '300 x 0x00000000 S_OK' && sed -n 's/^bench/     bench/p' "$work/out"
  }
  t_grpc_killed() {
    kill "$fake_pid"; wait "$fake_pid" 2>/dev/null
    : >"$events"; RMVSS_TEST_ACCOUNT=LocalSystem RMVSS_CONTROL_ADDRESS="$fake_address" coord create --keep-going
    [ "$(rc)" = 1 ] && has 'all VSS-legal' && has 'kept' && grep -q '"tag":"EV_ATTHOR"' "$events"
  }
  check "real DLL over gRPC to a fake control plane: answered, no [EV_ATTHOR]" t_grpc_answered
  check "bench: AbortSnapshots round trips through the DLL under Wine (p50/p99)" t_grpc_bench
  check "fake control plane killed: vetoes + [EV_ATTHOR], legal and in time" t_grpc_killed
fi
echo "wine suite: $passed passed, $failed failed ($((SECONDS - started)) s including build and prefix)"
[ "$failed" = 0 ]
