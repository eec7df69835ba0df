#!/usr/bin/env bash
# ctest `wine-install-tool`: rmvss-install.exe (provider-native/tools) under Wine, as far as Wine
# can run it. Wine has no VSS service and no COM+ catalog, so:
#  - the service steps run against Wine's own demand-start service wuauserv ('Automatic
#    Updates'), through the real Service Control Manager calls (--service wuauserv);
#  - the COM+ step is asserted to fail clearly (COMAdmin.COMAdminCatalog not registered,
#    REGDB_E_CLASSNOTREG) and the install to undo its registration and start the service again;
#  - full install/uninstall runs with --no-com-plus, registering through the harness coordinator.
# What only Windows can show (the COM+ application itself, VSS's own service): provider-native/README.md.
#   tests/wine/install-tool.sh     exit 0 passed, 1 failed, 77 MinGW/Wine missing
set -uo pipefail
source "$(dirname "$0")/env.sh"
rmvss_require_tools || exit 77
rmvss_build_mingw || { echo "install-tool: MinGW build failed"; exit 1; }
mkdir -p "$RMVSS_MINGW_BUILD/wine"
exec 9>"$RMVSS_MINGW_BUILD/wine/lock"
flock 9  # the prefix is shared with the Wine suite and e2e
rmvss_wine_prefix || exit 1
rmvss_ensure_registered || { echo "install-tool: cannot register the harness coordinator"; exit 1; }

tool="$RMVSS_MINGW_BUILD/provider-native/rmvss-install.exe"
dll="$(rmvss_winpath "$RMVSS_PROVIDER_DLL")"
provider_key='HKLM\System\CurrentControlSet\Services\VSS\Providers\{748babd3-8c62-4b3d-b6b7-430b5f858c74}'
clsid_key='HKLM\Software\Classes\CLSID\{d08c96f0-6681-4282-8450-9e89069a3ec8}'
work="$(mktemp -d)"
reg_has() { wine reg query "$1" >/dev/null 2>&1; }
svc_state() { wine sc query wuauserv | sed -n 's/.*STATE *: *[0-9]* *\([A-Z_]*\).*/\1/p'; }
was_registered=no; reg_has "$provider_key" && was_registered=yes
was_running=no; [ "$(svc_state)" = RUNNING ] && was_running=yes
restore() {  # leave the prefix as found: provider registration and wuauserv's state
  if [ "$was_registered" = yes ]; then wine regsvr32 /s "$dll" >/dev/null 2>&1; else wine regsvr32 /u /s "$dll" >/dev/null 2>&1; fi
  if [ "$was_running" = yes ]; then wine sc start wuauserv >/dev/null 2>&1; else wine sc stop wuauserv >/dev/null 2>&1; fi
  wineserver -k 2>/dev/null
  rm -rf "$work"
}
trap restore EXIT

passed=0 failed=0
run() { wine "$tool" "$@" >"$work/out" 2>&1; echo $? >"$work/rc"; }
rc() { cat "$work/rc"; }
has() { grep -q -F -- "$1" "$work/out"; }
in_order() {  # the given lines appear in this order
  local line=0 n
  for text in "$@"; do
    n="$(grep -n -F -- "$text" "$work/out" | cut -d: -f1 | awk -v after="$line" '$1 > after {print; exit}')"
    [ -n "$n" ] || { echo "not found after line $line: $text" >>"$work/out"; return 1; }
    line="$n"
  done
}
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"
  else failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     | /' "$work/out" | head -40; fi
}
svc() { wine sc "$1" wuauserv >/dev/null 2>&1; }
# Polls for a service state (Wine's sc returns before the state settles).
svc_becomes() { for _ in $(seq 100); do [ "$(svc_state)" = "$1" ] && return 0; sleep 0.1; done; return 1; }

t_usage() {
  run; [ "$(rc)" = 2 ] && has 'give a command: install or uninstall' && has 'usage: rmvss-install install|uninstall' || return 1
  run install frob; [ "$(rc)" = 2 ] && has "unknown argument 'frob'" || return 1
  run install --dll; [ "$(rc)" = 2 ] && has '--dll needs a value' || return 1
  run install uninstall; [ "$(rc)" = 2 ] && has 'give one command'
}
t_missing_dll() {
  run install --dll 'C:\no\such\rmvssprv.dll'
  [ "$(rc)" = 1 ] && has 'the provider DLL C:\no\such\rmvssprv.dll is not there' && has 'Fix: give its path with --dll'
}
t_dry_run() {
  wine regsvr32 /u /s "$dll" >/dev/null 2>&1; svc stop; svc_becomes STOPPED || return 1
  run install --dry-run --dll "$dll" --service wuauserv
  [ "$(rc)" = 0 ] && has '--dry-run (nothing is changed)' &&
    in_order '[1/4] Stop the Automatic Updates service (net stop "Automatic Updates")' \
      "[2/4] Register $dll (DllRegisterServer: COM class, event source, VSS provider 01-01-03/02)" \
      "[3/4] Create the COM+ application 'RM Shadow Copy Provider' (server, identity NT Authority\\LocalSystem, replacing an earlier one) with the provider class {d08c96f0-6681-4282-8450-9e89069a3ec8}" \
      '[4/4] Start the Automatic Updates service (net start "Automatic Updates")' || return 1
  ! has 'OK' && ! reg_has "$provider_key" && [ "$(svc_state)" = STOPPED ] || return 1
  run uninstall --dry-run --dll "$dll" --service wuauserv
  [ "$(rc)" = 0 ] && in_order '[1/4] Stop' "[2/4] Remove the COM+ application 'RM Shadow Copy Provider' (if there is one)" \
    "[3/4] Unregister $dll (DllUnregisterServer" '[4/4] Start'
}
t_no_com_plus_catalog() {  # Wine has none: a clear failure, the registration undone, the service started again
  svc start; svc_becomes RUNNING || return 1
  run install --dll "$dll" --service wuauserv
  [ "$(rc)" = 1 ] &&
    in_order '[1/4] Stop' 'The Automatic Updates service is stopping.' 'The Automatic Updates service was stopped successfully.' OK \
      '[2/4] Register' OK \
      '[3/4] Create the COM+ application' \
      'FAILED: CoCreateInstance(COMAdmin.COMAdminCatalog) failed: 0x80040154 REGDB_E_CLASSNOTREG' \
      'Fix: this system has no COM+ catalog (COMAdmin.COMAdminCatalog).' \
      "Undo step 2: unregister $dll (DllUnregisterServer)" OK \
      '[4/4] Start' 'The Automatic Updates service was started successfully.' OK \
      'rmvss-install: install FAILED (undone as far as possible' || return 1
  has 'Wine has none: there, use --no-com-plus' && ! reg_has "$provider_key" && ! reg_has "$clsid_key" && [ "$(svc_state)" = RUNNING ]
}
t_install_no_com_plus() {  # service running before: stopped, registered, started
  svc_becomes RUNNING || return 1
  run install --no-com-plus --dll "$dll" --service wuauserv
  [ "$(rc)" = 0 ] && has '(--no-com-plus: no COM+ application' &&
    in_order '[1/3] Stop' 'was stopped successfully.' OK '[2/3] Register' OK '[3/3] Start' 'was started successfully.' OK \
      'rmvss-install: install done' || return 1
  reg_has "$provider_key" && reg_has "$clsid_key" && [ "$(svc_state)" = RUNNING ] || return 1
  wine "$RMVSS_VSSCOORD" list-providers >"$work/out" 2>&1 && has "Provider name: 'RM Shadow Copy Provider'"
}
t_uninstall_service_stopped() {  # service stopped before: net's "is not started.", then started at the end
  svc stop; svc_becomes STOPPED || return 1
  run uninstall --no-com-plus --dll "$dll" --service wuauserv
  [ "$(rc)" = 0 ] && in_order '[1/3] Stop' 'The Automatic Updates service is not started.' OK '[2/3] Unregister' OK \
    '[3/3] Start' 'The Automatic Updates service is starting.' 'was started successfully.' 'rmvss-install: uninstall done' &&
    ! reg_has "$provider_key" && ! reg_has "$clsid_key" && [ "$(svc_state)" = RUNNING ]
}
t_uninstall_best_effort() {  # the COM+ step fails under Wine; the unregistration still runs
  wine regsvr32 /s "$dll" >/dev/null 2>&1; reg_has "$provider_key" || return 1
  run uninstall --dll "$dll" --service wuauserv
  [ "$(rc)" = 1 ] && in_order '[2/4] Remove the COM+ application' 'FAILED: CoCreateInstance(COMAdmin.COMAdminCatalog)' \
    '[3/4] Unregister' OK '[4/4] Start' OK 'rmvss-install: uninstall incomplete' && ! reg_has "$provider_key"
}
t_no_such_service() {
  run install --no-com-plus --dll "$dll" --service rmvss-no-such-service
  [ "$(rc)" = 1 ] && in_order '[1/3] Stop' "FAILED: cannot open the service 'rmvss-no-such-service': Win32 error 1060 ERROR_SERVICE_DOES_NOT_EXIST" \
    "Fix: this Windows has no service named 'rmvss-no-such-service'" '[2/3] Register' 'skipped (step 1 failed)' '[3/3] Start' FAILED &&
    ! reg_has "$provider_key"
}

check "usage errors: exit 2 and what is wrong" t_usage
check "a missing DLL: exit 1, named, with the fix, before any step" t_missing_dll
check "--dry-run prints the install and uninstall steps and changes nothing" t_dry_run
check "no COM+ catalog (Wine): REGDB_E_CLASSNOTREG with the fix, registration undone, service started again" t_no_com_plus_catalog
check "install --no-com-plus: service stopped, DLL registered (list-providers), service started" t_install_no_com_plus
check "uninstall with the service stopped: 'is not started.', unregistered, service started" t_uninstall_service_stopped
check "uninstall is best effort: COM+ fails, the DLL is still unregistered" t_uninstall_best_effort
check "unknown service: ERROR_SERVICE_DOES_NOT_EXIST with the fix, nothing registered" t_no_such_service
echo "install-tool: $passed passed, $failed failed"
[ "$failed" = 0 ]
