#pragma once

#include <windows.h>
#include <unknwn.h>

namespace rmvss::native {

// Creates Provider objects; refuses ([EV_ERPERM], E_ACCESSDENIED) outside Local System.
HRESULT get_class_factory(REFIID iid, void** object);
extern LONG server_locks;

}  // namespace rmvss::native
