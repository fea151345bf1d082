/* WLTEST-MANUAL (tests/loader/test_loader.py): process exit paths, argv and loader decisions, by mode:
 *   ret N | exit N | ExitProcess N    end the process that way with code N
 *   flush                             printf without a newline, then ExitProcess(0): the text must appear
 *   argv                              print argc, each argv[i] in brackets, and the command line
 *   load NAME                         LoadLibraryA(NAME): print whether it loaded and the error
 *   loadex NAME FLAGS                 the same with LoadLibraryExA(NAME, NULL, FLAGS)
 *   loadpath DIR NAME                 SetEnvironmentVariable(PATH, DIR), then LoadLibraryA(NAME)
 *   env NAME                          getenv(NAME), the matching envp entry, GetEnvironmentVariableA
 *   relay                             a few calls with string arguments, for WINELIKE_DEBUG=+relay */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv, char **envp)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int n = argc > 2 ? atoi(argv[2]) : 0;
    if (!strcmp(mode, "ret")) return n;
    if (!strcmp(mode, "exit")) exit(n);
    if (!strcmp(mode, "ExitProcess")) ExitProcess(n);
    if (!strcmp(mode, "flush"))
    {
        printf("buffered text without a newline");
        ExitProcess(0);
    }
    if (!strcmp(mode, "argv"))
    {
        int i;
        printf("argc=%d\n", argc);
        for (i = 1; i < argc; i++) printf("argv[%d]=[%s]\n", i, argv[i]);
        printf("cmdline=[%s]\n", GetCommandLineA());
        return 0;
    }
    if (!strcmp(mode, "load") && argc > 2)
    {
        HMODULE h;
        SetLastError(0xdeadbeef);
        h = LoadLibraryA(argv[2]);
        printf("load %s: %s error=%lu\n", argv[2], h ? "loaded" : "failed", h ? 0 : GetLastError());
        return h ? 0 : 1;
    }
    if (!strcmp(mode, "loadex") && argc > 3)
    {
        HMODULE h;
        SetLastError(0xdeadbeef);
        h = LoadLibraryExA(argv[2], NULL, strtoul(argv[3], NULL, 0));
        printf("loadex %s: %s error=%lu\n", argv[2], h ? "loaded" : "failed", h ? 0 : GetLastError());
        return h ? 0 : 1;
    }
    if (!strcmp(mode, "loadpath") && argc > 3)
    {
        HMODULE h;
        SetEnvironmentVariableA("PATH", argv[2]);
        SetLastError(0xdeadbeef);
        h = LoadLibraryA(argv[3]);
        printf("loadpath %s: %s error=%lu\n", argv[3], h ? "loaded" : "failed", h ? 0 : GetLastError());
        return h ? 0 : 1;
    }
    if (!strcmp(mode, "env") && argc > 2)
    {
        size_t len = strlen(argv[2]);
        char buf[256];
        const char *v = getenv(argv[2]), *e = NULL;
        int i, count = 0;
        for (i = 0; envp[i]; i++)
        {
            count++;
            if (!_strnicmp(envp[i], argv[2], len) && envp[i][len] == '=') e = envp[i];
        }
        if (!GetEnvironmentVariableA(argv[2], buf, sizeof(buf))) strcpy(buf, "(none)");
        printf("getenv=[%s] envp=[%s] win32=[%s] count_ok=%d\n", v ? v : "(null)", e ? e : "(null)", buf,
               count > 3);
        return 0;
    }
    if (!strcmp(mode, "relay"))
    {
        printf("len=%d\n", lstrlenA("relay me"));
        printf("k32=%d\n", GetModuleHandleW(L"kernel32.dll") != NULL);
        return 0;
    }
    printf("usage: ldr_exit ret|exit|ExitProcess N | flush | argv ... | load NAME | relay\n");
    return 2;
}
