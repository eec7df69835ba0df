// Defines the VSS interface IDs and CLSID_VSSCoordinator declared by the mingw-w64 headers
// (libuuid does not carry them).
#include <initguid.h>

#include <windows.h>
#include <vss.h>
#include <vsprov.h>
#include <vsadmin.h>
