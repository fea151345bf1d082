/* winelike bench guest: no CRT, so a run is only what it measures.
 *   wlbench-ARCH.exe api N     N calls of GetCurrentProcessId (the trivial API call)
 *   wlbench-ARCH.exe tick N    N calls of GetTickCount (a clock read on top of the call)
 *   wlbench-ARCH.exe sieve N   sieve of Eratosthenes up to N (byte stores; N <= SIEVE_MAX)
 *   wlbench-ARCH.exe api 0     baseline: process start + exit only
 * The exit code is a checksum (number of primes & 0xffff, or the call count & 0xffff when
 * every API result was non-zero).  bench_sieve is exported so that bench/run.py
 * can run the very same machine code in a bare unicorn engine. */
#include <windows.h>

#define SIEVE_MAX 8000000
__declspec(dllexport) unsigned char sieve_buf[SIEVE_MAX + 1];

__declspec(dllexport) __attribute__((noinline)) unsigned int bench_sieve(unsigned char *buf, unsigned int n)
{
    unsigned int i, j, count = 0;
    for (i = 0; i <= n; i++) buf[i] = 1;
    buf[0] = buf[1] = 0;
    for (i = 2; i * i <= n; i++)
        if (buf[i])
            for (j = i * i; j <= n; j += i) buf[j] = 0;
    for (i = 0; i <= n; i++) count += buf[i];
    return count;
}

__declspec(dllexport) __attribute__((noinline)) unsigned int bench_api(unsigned int n)
{
    unsigned int i, nonzero = 0;
    for (i = 0; i < n; i++) nonzero += GetCurrentProcessId() != 0;
    return nonzero;
}

__declspec(dllexport) __attribute__((noinline)) unsigned int bench_tick(unsigned int n)
{
    unsigned int i, nonzero = 0;
    for (i = 0; i < n; i++) nonzero += GetTickCount() != 0;
    return nonzero;
}

static unsigned int parse_uint(const char *s)
{
    unsigned int v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (unsigned)(*s++ - '0');
    return v;
}

void __stdcall start(void)
{
    const char *cl = GetCommandLineA(), *p, *word = 0, *num = 0;
    unsigned int r = 0, n;
    int quoted = 0;
    /* skip the program name, then take "<word> <number>" */
    for (p = cl; *p && (quoted || *p != ' '); p++) if (*p == '"') quoted = !quoted;
    while (*p == ' ') p++;
    word = p;
    while (*p && *p != ' ') p++;
    while (*p == ' ') p++;
    num = p;
    n = parse_uint(num);
    if (word[0] == 's') {
        if (n > SIEVE_MAX) n = SIEVE_MAX;
        r = bench_sieve(sieve_buf, n);
    } else if (word[0] == 't') {
        r = bench_tick(n);
    } else {
        r = bench_api(n);
    }
    ExitProcess(r & 0xffff);
}
