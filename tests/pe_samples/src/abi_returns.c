/* Return conventions of built-in exports: 64-bit integers in EDX:EAX (x86) / RAX,
 * doubles in ST0 (x86) / XMM0 (x64), floats in ST0 / XMM0's low lane.
 * The functions are fetched with GetProcAddress so the calls go to msvcrt.dll,
 * not to mingw's own inline or static versions. */
#include "wltest.h"

typedef double (__cdecl *d_d)(double);
typedef double (__cdecl *d_s)(const char *, char **);
typedef float (__cdecl *f_f)(float);
typedef __int64 (__cdecl *i64_s)(const char *);
typedef ULONGLONG (WINAPI *u64_v)(void);

static void test_int64(HMODULE crt)
{
    i64_s p_atoi64 = (i64_s)GetProcAddress(crt, "_atoi64");
    u64_v p_tick64 = (u64_v)GetProcAddress(GetModuleHandleA("kernel32.dll"), "GetTickCount64");
    __int64 v;
    ULONGLONG t;
    DWORD t32;
    ok(p_atoi64 != NULL, "no _atoi64\n");
    if (p_atoi64) {
        v = p_atoi64("123456789012");
        ok(v == 123456789012LL, "got %lx%08lx\n", (DWORD)(v >> 32), (DWORD)v);
        v = p_atoi64("-5000000000");
        ok(v == -5000000000LL, "got %lx%08lx\n", (DWORD)(v >> 32), (DWORD)v);
    }
    t = p_tick64();
    t32 = GetTickCount();
    ok((DWORD)t <= t32 && t32 - (DWORD)t < 1000, "GetTickCount64 %lu vs GetTickCount %lu\n", (DWORD)t, t32);
    ok((t >> 32) == 0, "tick count high part %lx\n", (DWORD)(t >> 32));
}

static void test_double(HMODULE crt)
{
    d_d p_sqrt = (d_d)GetProcAddress(crt, "sqrt");
    d_s p_strtod = (d_s)GetProcAddress(crt, "strtod");
    double d;
    char *end;
    ok(p_sqrt && p_strtod, "missing exports\n");
    if (!p_sqrt || !p_strtod) return;
    d = p_sqrt(2.25);
    ok(d == 1.5, "sqrt(2.25) = %d/1000\n", (int)(d * 1000));
    d = p_strtod("0.125xyz", &end);
    ok(d == 0.125 && *end == 'x', "strtod = %d/1000\n", (int)(d * 1000));
    /* two calls in one expression: the x87 stack must be balanced on x86 */
    d = p_sqrt(16.0) + p_sqrt(9.0);
    ok(d == 7.0, "sum %d\n", (int)d);
}

static void test_float(HMODULE crt)
{
    f_f p_sqrtf = (f_f)GetProcAddress(crt, "sqrtf");
    float f;
    if (!p_sqrtf) { skip("msvcrt has no sqrtf on this architecture\n"); return; }
    f = p_sqrtf(6.25f);
    ok(f == 2.5f, "sqrtf(6.25) = %d/1000\n", (int)(f * 1000));
}

int main(void)
{
    HMODULE crt = LoadLibraryA("msvcrt.dll");
    ok(crt != NULL, "msvcrt not loaded\n");
    test_int64(crt);
    test_double(crt);
    test_float(crt);
    return wl_summary();
}
