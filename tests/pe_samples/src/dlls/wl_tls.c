/* wl_tls.dll: a DLL with static TLS data (the PE TLS directory, accessed as MSVC's __declspec(thread)
 * does) and a TLS callback; for ldr_tls, which loads it both statically and with LoadLibrary. */
#include <windows.h>
#include "../ldr_tls.h"

LDR_TLS_VAR(int, dll_tls_value) = 1234;
LDR_TLS_VAR(char, dll_tls_text[8]) = "dlltls";
static int callback_reason = -1;

static void NTAPI dll_tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    if (callback_reason == -1) callback_reason = (int)reason;
}
LDR_TLS_CALLBACK(dll_tls_callback);

__declspec(dllexport) int *wl_tls_value_addr(void) { return LDR_TLS_ADDR(int, dll_tls_value); }
__declspec(dllexport) const char *wl_tls_text(void) { return LDR_TLS_ADDR(char, dll_tls_text); }
__declspec(dllexport) int wl_tls_callback_reason(void) { return callback_reason; }
__declspec(dllexport) DWORD wl_tls_index(void) { return _tls_index; }
