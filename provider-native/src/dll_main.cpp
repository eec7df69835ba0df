// The DLL's exports: COM's four entry points.
#include "class_factory.h"
#include "deadline_call.h"
#include "identity.h"
#include "provider.h"
#include "registration.h"

#include <windows.h>

namespace {
HMODULE this_module = nullptr;
}

extern "C" BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID) {
    if (reason == DLL_PROCESS_ATTACH) {
        this_module = instance;
        DisableThreadLibraryCalls(instance);
    }
    return TRUE;
}

STDAPI DllGetClassObject(REFCLSID clsid, REFIID iid, LPVOID* object) {
    if (!object) return E_POINTER;
    *object = nullptr;
    if (clsid != rmvss::native::kProviderClsid) return CLASS_E_CLASSNOTAVAILABLE;
    return rmvss::native::get_class_factory(iid, object);
}

// Not while objects live, the server is locked, or a worker thread (deadline_call.cpp) runs the DLL's code.
STDAPI DllCanUnloadNow() {
    using namespace rmvss::native;
    return live_objects.load() == 0 && server_locks == 0 && calls_in_flight() == 0 && worker_threads() == 0 ? S_OK : S_FALSE;
}

STDAPI DllRegisterServer() { return rmvss::native::register_server(this_module); }

STDAPI DllUnregisterServer() { return rmvss::native::unregister_server(); }
