/* Relocation: wl_reloc_a.dll and wl_reloc_b.dll are built with the same preferred base (0x64000000), and
 * this program imports both, so the loader must relocate one.  Both work (their answers go through absolute
 * addresses fixed up by base relocations) and have different handles.  (A relocated exe is not tested:
 * nothing can occupy the exe's preferred base before it is mapped.) */
#include "wltest.h"

__declspec(dllimport) int wl_reloc_value(void);
__declspec(dllimport) const char *wl_reloc_name(void);
__declspec(dllimport) void *wl_reloc_value_addr(void);
__declspec(dllimport) int wl_reloc_a_value(void);
__declspec(dllimport) int wl_reloc_b_value(void);      /* makes the program import wl_reloc_b too */
__declspec(dllimport) int wl_reloc_by_ordinal(void);   /* imported by ordinal (@50 NONAME) */

typedef int (*int0_fn)(void);
typedef const char *(*name_fn)(void);
typedef void *(*addr_fn)(void);

static void test_two_dlls_one_base(void)
{
    HMODULE a = GetModuleHandleA("wl_reloc_a.dll"), b = GetModuleHandleA("wl_reloc_b.dll");
    int0_fn value_b;
    name_fn name_b;
    addr_fn addr_b;
    ok(a != NULL && b != NULL, "a %p, b %p\n", a, b);
    if (!a || !b) return;
    ok(a != b, "same handle %p\n", a);
    ok(wl_reloc_a_value() == 0xaa && wl_reloc_b_value() == 0xbb, "static imports: %x %x\n", wl_reloc_a_value(),
       wl_reloc_b_value());
    ok(a == (HMODULE)0x64000000 || b == (HMODULE)0x64000000, "neither at its preferred base: %p %p\n", a, b);
    /* the import binds to the first DLL in the import table that exports the name: wl_reloc_a */
    ok(wl_reloc_value() == 0xaa, "a value %x\n", wl_reloc_value());
    ok(!lstrcmpA(wl_reloc_name(), "wl_reloc_a"), "a name %s\n", wl_reloc_name());
    ok((BYTE *)wl_reloc_value_addr() > (BYTE *)a && (BYTE *)wl_reloc_value_addr() < (BYTE *)a + 0x100000,
       "a's data %p is not inside a (%p)\n", wl_reloc_value_addr(), a);
    value_b = (int0_fn)GetProcAddress(b, "wl_reloc_value");
    name_b = (name_fn)GetProcAddress(b, "wl_reloc_name");
    addr_b = (addr_fn)GetProcAddress(b, "wl_reloc_value_addr");
    ok(value_b && value_b() == 0xbb, "b value %x\n", value_b ? value_b() : -1);
    ok(name_b && !lstrcmpA(name_b(), "wl_reloc_b"), "b name %s\n", name_b ? name_b() : "(null)");
    ok(addr_b && (BYTE *)addr_b() > (BYTE *)b && (BYTE *)addr_b() < (BYTE *)b + 0x100000,
       "b's data %p is not inside b (%p)\n", addr_b ? addr_b() : NULL, b);
}

static void test_import_by_ordinal(void)
{
    HMODULE a = GetModuleHandleA("wl_reloc_a.dll");
    ok(wl_reloc_by_ordinal() == 0x50 + 0xaa, "by ordinal: %x\n", wl_reloc_by_ordinal());
    ok(a && (FARPROC)GetProcAddress(a, MAKEINTRESOURCEA(50)) != NULL, "ordinal 50 missing\n");
}

static void test_static_attach(void)
{
    HMODULE a = GetModuleHandleA("wl_reloc_a.dll");
    int (*reserved)(void) = a ? (void *)GetProcAddress(a, "wl_reloc_attach_reserved") : NULL;
    ok(reserved && reserved() == 1, "DllMain of a static import: lpReserved %d (1 = non-NULL)\n",
       reserved ? reserved() : -2);
}

static void test_relocated_headers(void)
{
    HMODULE a = GetModuleHandleA("wl_reloc_a.dll"), b = GetModuleHandleA("wl_reloc_b.dll");
    HMODULE moved = a == (HMODULE)0x64000000 ? b : a;
    IMAGE_NT_HEADERS *nt;
    if (!moved) return;
    nt = (IMAGE_NT_HEADERS *)((BYTE *)moved + ((IMAGE_DOS_HEADER *)moved)->e_lfanew);
    /* the mapped headers keep the file's ImageBase (Windows rewrites it; Wine too, since 7.x?) */
    ok(nt->OptionalHeader.ImageBase == 0x64000000 || nt->OptionalHeader.ImageBase == (ULONG_PTR)moved,
       "ImageBase in the mapped header %Ix\n", (ULONG_PTR)nt->OptionalHeader.ImageBase);
}

int main(void)
{
    test_two_dlls_one_base();
    test_relocated_headers();
    test_import_by_ordinal();
    test_static_attach();
    return wl_summary();
}
