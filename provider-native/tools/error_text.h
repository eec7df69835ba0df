// HRESULTs and Win32 errors as an admin reads them in the install log: the number, the symbol for
// the ones an install meets, and the system's message text.
#pragma once

#include <windows.h>

#include <string>

namespace rmvss::install {

std::string hresult_text(HRESULT hr);  // "0x80040154 REGDB_E_CLASSNOTREG: Class not registered"
std::string win32_text(DWORD error);   // "Win32 error 5 ERROR_ACCESS_DENIED: Access is denied."
std::string narrow(const std::wstring& text);
std::wstring widen(const std::string& text);

}  // namespace rmvss::install
