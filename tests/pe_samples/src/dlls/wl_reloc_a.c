/* wl_reloc_a.dll: built at the same preferred base as its twin (see .flags), so one of them must be
 * relocated.  Its answers go through absolute addresses (a pointer table and a function pointer). */
#include <windows.h>

static int value = 0xaa;
static const char name[] = "wl_reloc_a";
static int *value_ptr = &value;                  /* absolute: needs a base relocation */
static const char *name_ptr = name;
static int twice(int v) { return 2 * v; }
static int (*twice_ptr)(int) = twice;

__declspec(dllexport) int wl_reloc_value(void) { return twice_ptr(*value_ptr) / 2; }
__declspec(dllexport) const char *wl_reloc_name(void) { return name_ptr; }
__declspec(dllexport) void *wl_reloc_value_addr(void) { return value_ptr; }
__declspec(dllexport) int wl_reloc_a_value(void) { return *value_ptr; }
int wl_reloc_by_ordinal(void) { return 0x50 + *value_ptr; }     /* exported by ordinal only (.def) */

static int attach_reserved = -1;
BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) attach_reserved = reserved != NULL;   /* non-NULL: a static load */
    return TRUE;
}
int wl_reloc_attach_reserved(void) { return attach_reserved; }
