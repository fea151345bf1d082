/* kernel32 system information, std handles, FormatMessage, misc process queries. */
#include "wltest.h"

static void test_version(void)
{
    OSVERSIONINFOEXW vw;
    OSVERSIONINFOA va;
    DWORD v = GetVersion();
    BOOL r;

    /* no manifest: Windows 8 numbers (6.2.9200) as Windows 10 reports them */
    ok(LOBYTE(LOWORD(v)) == 6 && HIBYTE(LOWORD(v)) == 2 && HIWORD(v) == 9200, "GetVersion %08lx\n", v);
    vw.dwOSVersionInfoSize = sizeof(vw);
    r = GetVersionExW((OSVERSIONINFOW *)&vw);
    ok(r && vw.dwMajorVersion == 6 && vw.dwMinorVersion == 2 && vw.dwBuildNumber == 9200 && vw.dwPlatformId == 2,
       "GetVersionExW %lu.%lu.%lu\n", vw.dwMajorVersion, vw.dwMinorVersion, vw.dwBuildNumber);
    ok(vw.wProductType == VER_NT_WORKSTATION, "product type %u\n", vw.wProductType);
    va.dwOSVersionInfoSize = sizeof(va);
    ok(GetVersionExA(&va) && va.dwMajorVersion == 6, "GetVersionExA\n");
    va.dwOSVersionInfoSize = 12;
    SetLastError(0xdeadbeef);
    r = GetVersionExA(&va);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "bad size: %d err %lu\n", r, GetLastError());
}

static void test_GetSystemInfo(void)
{
    SYSTEM_INFO si, nsi;
    BOOL wow = 5;

    GetSystemInfo(&si);
    GetNativeSystemInfo(&nsi);
    ok(si.dwPageSize == 0x1000 && si.dwAllocationGranularity == 0x10000, "page %lx gran %lx\n",
       si.dwPageSize, si.dwAllocationGranularity);
    ok(si.lpMinimumApplicationAddress == (void *)0x10000, "min %p\n", si.lpMinimumApplicationAddress);
    ok(si.dwNumberOfProcessors >= 1 && si.dwActiveProcessorMask, "cpus %lu\n", si.dwNumberOfProcessors);
    ok(nsi.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64, "native arch %u\n", nsi.wProcessorArchitecture);
    ok(IsWow64Process(GetCurrentProcess(), &wow), "IsWow64Process failed\n");
#ifdef _WIN64
    ok(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64 && si.dwProcessorType == 8664, "arch %u\n",
       si.wProcessorArchitecture);
    ok(si.lpMaximumApplicationAddress == (void *)0x7ffffffeffff, "max %p\n", si.lpMaximumApplicationAddress);
    ok(wow == FALSE, "wow64 %d\n", wow);
    {
        void *old = (void *)1;
        SetLastError(0xdeadbeef);
        ok(!Wow64DisableWow64FsRedirection(&old) && GetLastError() == ERROR_INVALID_FUNCTION,
           "Wow64DisableWow64FsRedirection in a 64-bit process: err %lu\n", GetLastError());
    }
#else
    ok(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL && si.dwProcessorType == 586, "arch %u\n",
       si.wProcessorArchitecture);
    ok(wow == TRUE, "wow64 %d\n", wow);
    {
        void *old = (void *)5;
        ok(Wow64DisableWow64FsRedirection(&old), "Wow64DisableWow64FsRedirection failed %lu\n", GetLastError());
        ok(Wow64RevertWow64FsRedirection(old), "Wow64RevertWow64FsRedirection failed\n");
    }
#endif
    ok(IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE), "no SSE2\n");
    ok(IsProcessorFeaturePresent(PF_MMX_INSTRUCTIONS_AVAILABLE), "no MMX\n");
    ok(!IsProcessorFeaturePresent(PF_3DNOW_INSTRUCTIONS_AVAILABLE), "3DNow\n");
    ok(!IsProcessorFeaturePresent(1000), "feature 1000\n");
}

static void test_names_and_dirs(void)
{
    char a[MAX_PATH];
    WCHAR w[MAX_PATH];
    DWORD n;
    UINT r;

    n = sizeof(a);
    ok(GetComputerNameA(a, &n) && n == (DWORD)lstrlenA(a) && n > 0 && n <= 15, "GetComputerNameA %lu %s\n", n, a);
    n = MAX_PATH;
    ok(GetComputerNameW(w, &n) && n == (DWORD)lstrlenW(w), "GetComputerNameW %lu\n", n);
    n = MAX_PATH;
    ok(GetComputerNameExA(ComputerNameDnsHostname, a, &n) && n == (DWORD)lstrlenA(a), "Ex %lu\n", n);

    r = GetSystemDirectoryA(a, MAX_PATH);
    ok(r == 19 && !lstrcmpiA(a, "C:\\windows\\system32"), "GetSystemDirectoryA %u %s\n", r, a);
    r = GetSystemDirectoryA(a, 0);
    ok(r == 20, "size query %u\n", r);
    r = GetSystemDirectoryW(w, MAX_PATH);
    ok(r == 19 && !lstrcmpiW(w, L"C:\\windows\\system32"), "GetSystemDirectoryW %u\n", r);
    r = GetWindowsDirectoryA(a, MAX_PATH);
    ok(r == 10 && !lstrcmpiA(a, "C:\\windows"), "GetWindowsDirectoryA %u %s\n", r, a);
    r = GetWindowsDirectoryW(w, 5);
    ok(r == 11, "short buffer %u\n", r);
    r = GetSystemWindowsDirectoryW(w, MAX_PATH);
    ok(r == 10, "GetSystemWindowsDirectoryW %u\n", r);
}

static void test_processor_information(void)
{
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION info[256];
    DWORD len = 0, i, cores = 0;
    FILETIME idle, kernel, user;
    BOOL r;

    SetLastError(0xdeadbeef);
    r = GetLogicalProcessorInformation(NULL, &len);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && len && len % sizeof(info[0]) == 0,
       "size query: %d err %lu len %lu\n", r, GetLastError(), len);
    len = sizeof(info);
    r = GetLogicalProcessorInformation(info, &len);
    ok(r, "GetLogicalProcessorInformation failed %lu\n", GetLastError());
    for (i = 0; r && i < len / sizeof(info[0]); i++)
        if (info[i].Relationship == RelationProcessorCore) cores++;
    ok(cores >= 1, "no cores\n");
    ok(GetSystemTimes(&idle, &kernel, &user), "GetSystemTimes failed\n");
}

static void test_memory_status(void)
{
    MEMORYSTATUSEX ms;
    memset(&ms, 0, sizeof(ms));
    ms.dwLength = sizeof(ms);
    ok(GlobalMemoryStatusEx(&ms), "GlobalMemoryStatusEx failed\n");
    ok(ms.ullTotalPhys > 0 && ms.ullAvailPhys <= ms.ullTotalPhys && ms.dwMemoryLoad <= 100, "phys\n");
    ok(ms.ullTotalVirtual > 0 && ms.ullAvailVirtual <= ms.ullTotalVirtual, "virtual\n");
    ms.dwLength = 10;
    SetLastError(0xdeadbeef);
    ok(!GlobalMemoryStatusEx(&ms) && GetLastError() == ERROR_INVALID_PARAMETER, "bad length err %lu\n", GetLastError());
}

static void test_process_queries(void)
{
    STARTUPINFOA sa;
    STARTUPINFOW sw;
    char *cl = GetCommandLineA();
    WCHAR *clw = GetCommandLineW();

    ok(GetCurrentProcess() == (HANDLE)~(ULONG_PTR)0, "GetCurrentProcess %p\n", GetCurrentProcess());
    ok(GetCurrentThread() == (HANDLE)~(ULONG_PTR)1, "GetCurrentThread %p\n", GetCurrentThread());
    ok(GetCurrentProcessId() != 0 && GetCurrentThreadId() != 0, "ids\n");
    ok(cl && lstrlenA(cl) > 0 && clw && lstrlenW(clw) == lstrlenA(cl), "command lines\n");
    GetStartupInfoA(&sa);
    ok(sa.cb == sizeof(sa), "cb %lu\n", sa.cb);
    GetStartupInfoW(&sw);
    ok(sw.cb == sizeof(sw), "cb %lu\n", sw.cb);
    ok(!IsDebuggerPresent(), "debugger present\n");
    OutputDebugStringA("k32_sysinfo: OutputDebugStringA\n");
    OutputDebugStringW(L"k32_sysinfo: OutputDebugStringW\n");
}

static void test_std_handles(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), h;
    DWORD type, n;

    ok(out != NULL && out != INVALID_HANDLE_VALUE, "stdout %p\n", out);
    SetLastError(0xdeadbeef);
    h = GetStdHandle(5);
    ok(h == INVALID_HANDLE_VALUE, "bad std handle %p err %lu\n", h, GetLastError());
    type = GetFileType(out);
    ok(type == FILE_TYPE_DISK || type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE, "type %lu\n", type);
    ok(WriteFile(out, "", 0, &n, NULL) && n == 0, "empty write\n");
    SetLastError(0xdeadbeef);
    ok(GetFileType((HANDLE)0xdead0) == FILE_TYPE_UNKNOWN && GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle err %lu\n", GetLastError());
    /* the sample's output is redirected (to a file or pipe): not a console */
    if (type != FILE_TYPE_CHAR) {
        DWORD mode;
        SetLastError(0xdeadbeef);
        ok(!GetConsoleMode(out, &mode) && GetLastError() == ERROR_INVALID_HANDLE, "GetConsoleMode err %lu\n",
           GetLastError());
        SetLastError(0xdeadbeef);
        ok(!WriteConsoleW(out, L"x", 1, &n, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
           "WriteConsoleW err %lu\n", GetLastError());
        {
            CONSOLE_SCREEN_BUFFER_INFO info;
            SetLastError(0xdeadbeef);
            ok(!GetConsoleScreenBufferInfo(out, &info) && GetLastError() == ERROR_INVALID_HANDLE,
               "GetConsoleScreenBufferInfo err %lu\n", GetLastError());
        }
    }
    /* SetStdHandle swaps and restores */
    ok(SetStdHandle(STD_ERROR_HANDLE, out), "SetStdHandle failed\n");
    ok(GetStdHandle(STD_ERROR_HANDLE) == out, "not set\n");
}

static void test_FormatMessage(void)
{
    char buf[256], *alloc = NULL;
    WCHAR wbuf[256];
    DWORD n;
    DWORD_PTR args[3];

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf, sizeof(buf), NULL);
    ok(n > 2 && n == (DWORD)lstrlenA(buf) && buf[n - 2] == '\r' && buf[n - 1] == '\n', "system message %lu\n", n);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_ACCESS_DENIED, 0, wbuf, 256, NULL);
    ok(n > 2 && n == (DWORD)lstrlenW(wbuf), "W system message %lu\n", n);
    SetLastError(0xdeadbeef);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x2fffffff, 0, buf, sizeof(buf), NULL);
    ok(n == 0 && GetLastError() == ERROR_MR_MID_NOT_FOUND, "unknown id: %lu err %lu\n", n, GetLastError());

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_INVALID_PARAMETER, 0,
                       (char *)&alloc, 0, NULL);
    ok(n > 0 && alloc && n == (DWORD)lstrlenA(alloc), "allocated %lu\n", n);
    ok(LocalFree(alloc) == NULL, "LocalFree failed\n");

    args[0] = (DWORD_PTR)"world"; args[1] = 42; args[2] = 0x1f;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "Hello %1, %2!d! %3!04x!%%%n",
                       0, 0, buf, sizeof(buf), (va_list *)args);
    ok(n == 23 && !lstrcmpA(buf, "Hello world, 42 001f%\r\n"), "got %lu [%s]\n", n, buf);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%2!u! %1 %2!u!", 0, 0, buf,
                       sizeof(buf), (va_list *)args);
    ok(n == 11 && !lstrcmpA(buf, "42 world 42"), "reorder %lu [%s]\n", n, buf);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "keep %1 and %2!d!%0 gone", 0, 0,
                       buf, sizeof(buf), NULL);
    ok(n == 17 && !lstrcmpA(buf, "keep %1 and %2!d!"), "ignore inserts %lu [%s]\n", n, buf);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "a\nb%tc% d%.", 0, 0, buf, sizeof(buf), NULL);
    ok(n == 9 && !lstrcmpA(buf, "a\r\nb\tc d."), "escapes %lu [%s]\n", n, buf);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK, "a\r\nb%nc", 0, 0, buf,
                       sizeof(buf), NULL);
    ok(n == 6 && !lstrcmpA(buf, "a b\r\nc"), "max width %lu [%s]\n", n, buf);
    SetLastError(0xdeadbeef);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "0123456789", 0, 0, buf, 5, NULL);
    ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short buffer %lu err %lu\n", n, GetLastError());
    args[0] = (DWORD_PTR)L"wide";
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"[%1]", 0, 0, wbuf, 256,
                       (va_list *)args);
    ok(n == 6 && !lstrcmpW(wbuf, L"[wide]"), "W insert %lu\n", n);
}

static DWORD WINAPI dummy(void *p) { return 0; }

int main(void)
{
    test_version();
    test_GetSystemInfo();
    test_names_and_dirs();
    test_processor_information();
    test_memory_status();
    test_process_queries();
    test_std_handles();
    test_FormatMessage();
    (void)dummy;
    return wl_summary();
}
