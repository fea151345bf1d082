/* Static TLS the way MSVC's __declspec(thread) compiles it, for mingw (whose __thread is emulated
 * with TlsAlloc): variables in the .tls$ section, which the image's TLS directory describes, reached
 * through TEB->ThreadLocalStoragePointer[_tls_index] + offset from the start of the template. */
#ifndef LDR_TLS_H
#define LDR_TLS_H
#include <windows.h>

extern char _tls_start;            /* mingw's tlssup.c: first byte of the TLS template (.tls) */
extern ULONG _tls_index;           /* filled in by the loader */

#define LDR_TLS_VAR(type, decl) __attribute__((section(".tls$WLT"))) type decl
static inline char **ldr_tls_array(void)     /* TEB->ThreadLocalStoragePointer */
{
#ifdef _WIN64
    return (char **)__readgsqword(0x58);
#else
    return (char **)__readfsdword(0x2c);
#endif
}
#define LDR_TLS_ADDR(type, var) ((type *)(ldr_tls_array()[_tls_index] + ((char *)&(var) - &_tls_start)))
#define LDR_TLS_CALLBACK(fn) \
    __attribute__((section(".CRT$XLW"), used)) PIMAGE_TLS_CALLBACK fn##_ptr = fn

#endif
