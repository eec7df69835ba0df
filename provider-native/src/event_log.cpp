#include "event_log.h"

#include "identity.h"

#include <windows.h>

namespace rmvss::native {

namespace {

std::wstring widen(const std::string& text) {
    if (text.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, text.c_str(), -1, nullptr, 0);
    std::wstring out(n > 0 ? n - 1 : 0, L'\0');
    if (n > 1) MultiByteToWideChar(CP_UTF8, 0, text.c_str(), -1, &out[0], n);
    return out;
}

void append_json_line(const std::string& path, const Event& event) {
    HANDLE file = CreateFileW(widen(path).c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) return;
    std::string line = json_line(event) + "\n";
    DWORD written = 0;
    WriteFile(file, line.data(), static_cast<DWORD>(line.size()), &written, nullptr);
    CloseHandle(file);
}

}  // namespace

void write_event(const ProviderConfig& config, const Event& event) {
    HANDLE source = RegisterEventSourceW(nullptr, kEventSource);
    if (source) {
        std::wstring text = widen(event.text);
        const wchar_t* strings[] = {text.c_str()};
        ReportEventW(source, EVENTLOG_ERROR_TYPE, 0, event.id, nullptr, 1, 0, strings, nullptr);
        DeregisterEventSource(source);
    }
    if (!config.event_file.empty()) append_json_line(config.event_file, event);
}

}  // namespace rmvss::native
