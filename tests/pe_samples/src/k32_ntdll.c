/* ntdll functions that programs call directly: versions, counted strings, memory helpers, queries. */
#include "wltest.h"
#include <winternl.h>

typedef NTSTATUS (WINAPI *pRtlGetVersion)(RTL_OSVERSIONINFOEXW *);
typedef void (WINAPI *pRtlInitUnicodeString)(UNICODE_STRING *, const WCHAR *);
typedef void (WINAPI *pRtlInitAnsiString)(ANSI_STRING *, const char *);
typedef SIZE_T (WINAPI *pRtlCompareMemory)(const void *, const void *, SIZE_T);
typedef void (WINAPI *pRtlFillMemory)(void *, SIZE_T, BYTE);
typedef void (WINAPI *pRtlZeroMemory)(void *, SIZE_T);
typedef void (WINAPI *pRtlMoveMemory)(void *, const void *, SIZE_T);
typedef NTSTATUS (WINAPI *pNtQueryInformationProcess)(HANDLE, PROCESSINFOCLASS, void *, ULONG, ULONG *);
typedef ULONG (WINAPI *pRtlNtStatusToDosError)(NTSTATUS);
typedef NTSTATUS (WINAPI *pNtQuerySystemInformation)(ULONG, void *, ULONG, ULONG *);

static HMODULE ntdll;
#define GET(name) p##name name = (p##name)(void *)GetProcAddress(ntdll, #name)

static void test_RtlGetVersion(void)
{
    GET(RtlGetVersion);
    RTL_OSVERSIONINFOEXW v;
    NTSTATUS s;

    ok(RtlGetVersion != NULL, "no RtlGetVersion\n");
    if (!RtlGetVersion) return;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = sizeof(v);
    s = RtlGetVersion(&v);
    /* the real version, whatever the manifest says: Windows 10 */
    ok(s == 0 && v.dwMajorVersion == 10 && v.dwMinorVersion == 0 && v.dwBuildNumber >= 10240 && v.dwPlatformId == 2,
       "RtlGetVersion %lx %lu.%lu.%lu\n", s, v.dwMajorVersion, v.dwMinorVersion, v.dwBuildNumber);
}

static void test_strings(void)
{
    GET(RtlInitUnicodeString);
    GET(RtlInitAnsiString);
    UNICODE_STRING us;
    ANSI_STRING as;

    RtlInitUnicodeString(&us, L"hello");
    ok(us.Length == 10 && us.MaximumLength == 12 && us.Buffer != NULL, "unicode %u %u\n", us.Length, us.MaximumLength);
    RtlInitUnicodeString(&us, NULL);
    ok(us.Length == 0 && us.MaximumLength == 0 && us.Buffer == NULL, "unicode NULL\n");
    RtlInitAnsiString(&as, "abc");
    ok(as.Length == 3 && as.MaximumLength == 4, "ansi %u %u\n", as.Length, as.MaximumLength);
}

static void test_memory(void)
{
    GET(RtlCompareMemory);
    /* RtlFillMemory and friends are macros in the headers: call the exports */
    pRtlFillMemory fill = (pRtlFillMemory)(void *)GetProcAddress(ntdll, "RtlFillMemory");
    pRtlZeroMemory zero = (pRtlZeroMemory)(void *)GetProcAddress(ntdll, "RtlZeroMemory");
    pRtlMoveMemory move = (pRtlMoveMemory)(void *)GetProcAddress(ntdll, "RtlMoveMemory");
    char a[16] = "abcdefgh", b[16] = "abcdXfgh";

    ok(RtlCompareMemory(a, b, 8) == 4, "compare %lu\n", (DWORD)RtlCompareMemory(a, b, 8));
    ok(RtlCompareMemory(a, a, 8) == 8, "compare equal\n");
    ok(fill && zero && move, "missing exports\n");
    if (!fill || !zero || !move) return;
    fill(a, 4, 'z');
    ok(!memcmp(a, "zzzzefgh", 8), "fill %s\n", a);
    move(a + 1, a, 6);
    ok(!memcmp(a, "zzzzzefh", 8), "overlapping move %s\n", a);
    zero(a, 3);
    ok(a[0] == 0 && a[2] == 0 && a[3] == 'z', "zero\n");
}

static void test_queries(void)
{
    GET(NtQueryInformationProcess);
    GET(RtlNtStatusToDosError);
    GET(NtQuerySystemInformation);
    PROCESS_BASIC_INFORMATION pbi;
    SYSTEM_BASIC_INFORMATION sbi;
    ULONG len = 0;
    NTSTATUS s;

    s = NtQueryInformationProcess(GetCurrentProcess(), ProcessBasicInformation, &pbi, sizeof(pbi), &len);
    ok(s == 0 && len == sizeof(pbi), "ProcessBasicInformation %lx %lu\n", s, len);
    ok(pbi.PebBaseAddress == NtCurrentTeb()->ProcessEnvironmentBlock, "PEB %p\n", pbi.PebBaseAddress);
    ok(pbi.UniqueProcessId == GetCurrentProcessId(), "pid %lu\n", (DWORD)pbi.UniqueProcessId);
    s = NtQueryInformationProcess(GetCurrentProcess(), ProcessBasicInformation, &pbi, sizeof(pbi) - 1, &len);
    ok(s == (NTSTATUS)0xc0000004, "short length %lx\n", s);

    s = NtQuerySystemInformation(SystemBasicInformation, &sbi, sizeof(sbi), &len);
    ok(s == 0 && sbi.NumberOfProcessors >= 1, "SystemBasicInformation %lx %d\n", s, sbi.NumberOfProcessors);

    ok(RtlNtStatusToDosError(0) == 0, "success\n");
    ok(RtlNtStatusToDosError(0xc0000005) == ERROR_NOACCESS, "access violation\n");
    ok(RtlNtStatusToDosError(0xc000000d) == ERROR_INVALID_PARAMETER, "invalid parameter\n");
    ok(RtlNtStatusToDosError(0xc0000017) == ERROR_NOT_ENOUGH_MEMORY, "no memory\n");
    ok(RtlNtStatusToDosError(0xc0000034) == ERROR_FILE_NOT_FOUND, "name not found\n");
    ok(RtlNtStatusToDosError(0xc0070005) == 5, "FACILITY_NTWIN32\n");
}

int main(void)
{
    ntdll = GetModuleHandleA("ntdll.dll");
    ok(ntdll != NULL, "no ntdll\n");
    test_RtlGetVersion();
    test_strings();
    test_memory();
    test_queries();
    return wl_summary();
}
