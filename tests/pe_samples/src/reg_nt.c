/* The native registry API: NtCreateKey, NtOpenKey(Ex), NtSetValueKey, NtQueryValueKey,
 * NtEnumerateKey, NtEnumerateValueKey, NtQueryKey, NtDeleteValueKey, NtDeleteKey,
 * NtNotifyChangeKey, with their information classes and buffer statuses. */
#include "wltest.h"
#include <string.h>

typedef LONG NTSTATUS;
typedef struct { USHORT Length, MaximumLength; PWSTR Buffer; } USTR;
typedef struct { ULONG Length; HANDLE RootDirectory; USTR *ObjectName; ULONG Attributes; PVOID sd, qos; } OATTR;
typedef struct { union { NTSTATUS Status; PVOID Pointer; }; ULONG_PTR Information; } IOSB;

typedef NTSTATUS (WINAPI *create_fn)(HANDLE *, ACCESS_MASK, OATTR *, ULONG, USTR *, ULONG, ULONG *);
typedef NTSTATUS (WINAPI *open_fn)(HANDLE *, ACCESS_MASK, OATTR *);
typedef NTSTATUS (WINAPI *openex_fn)(HANDLE *, ACCESS_MASK, OATTR *, ULONG);
typedef NTSTATUS (WINAPI *setv_fn)(HANDLE, USTR *, ULONG, ULONG, const void *, ULONG);
typedef NTSTATUS (WINAPI *queryv_fn)(HANDLE, USTR *, int, void *, ULONG, ULONG *);
typedef NTSTATUS (WINAPI *enumk_fn)(HANDLE, ULONG, int, void *, ULONG, ULONG *);
typedef NTSTATUS (WINAPI *queryk_fn)(HANDLE, int, void *, ULONG, ULONG *);
typedef NTSTATUS (WINAPI *delk_fn)(HANDLE);
typedef NTSTATUS (WINAPI *delv_fn)(HANDLE, USTR *);
typedef NTSTATUS (WINAPI *notify_fn)(HANDLE, HANDLE, void *, void *, IOSB *, ULONG, BOOLEAN, void *, ULONG, BOOLEAN);
typedef NTSTATUS (WINAPI *close_fn)(HANDLE);

static create_fn pNtCreateKey;
static open_fn pNtOpenKey;
static openex_fn pNtOpenKeyEx;
static setv_fn pNtSetValueKey;
static queryv_fn pNtQueryValueKey;
static enumk_fn pNtEnumerateKey, pNtEnumerateValueKey;
static queryk_fn pNtQueryKey;
static delk_fn pNtDeleteKey;
static delv_fn pNtDeleteValueKey;
static notify_fn pNtNotifyChangeKey;

#define STATUS_BUFFER_OVERFLOW ((NTSTATUS)0x80000005)
#define STATUS_NO_MORE_ENTRIES ((NTSTATUS)0x8000001A)
#define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023)
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034)
#define STATUS_OBJECT_PATH_SYNTAX_BAD ((NTSTATUS)0xC000003B)
#define STATUS_PENDING ((NTSTATUS)0x103)

static void init_ustr(USTR *u, const WCHAR *s)
{
    u->Buffer = (PWSTR)s;
    u->Length = (USHORT)(lstrlenW(s) * sizeof(WCHAR));
    u->MaximumLength = u->Length + sizeof(WCHAR);
}

static void init_attr(OATTR *a, HANDLE root, USTR *name)
{
    memset(a, 0, sizeof *a);
    a->Length = sizeof *a;
    a->RootDirectory = root;
    a->ObjectName = name;
    a->Attributes = 0x40;   /* OBJ_CASE_INSENSITIVE */
}

static HKEY open_user_root(void)
{
    /* the current user's key, by its object path, through advapi32 */
    HKEY k;
    LONG rc = RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\WinelikeTest\\reg_nt", 0, NULL, 0, KEY_ALL_ACCESS,
                              NULL, &k, NULL);
    ok(rc == 0, "create: %ld\n", rc);
    return k;
}

static void test_nt(void)
{
    HKEY base = open_user_root();
    HANDLE key = NULL, key2 = NULL;
    OATTR attr;
    USTR name, vname;
    ULONG disp = 0, len = 0, i;
    NTSTATUS st;
    BYTE buf[512];
    DWORD dw = 0x11223344;

    init_ustr(&name, L"sub");
    init_attr(&attr, base, &name);
    st = pNtCreateKey(&key, KEY_ALL_ACCESS, &attr, 0, NULL, 0, &disp);
    ok(st == 0 && disp == REG_CREATED_NEW_KEY, "NtCreateKey: %lx disp %lu\n", st, disp);
    st = pNtCreateKey(&key2, KEY_ALL_ACCESS, &attr, 0, NULL, 0, &disp);
    ok(st == 0 && disp == REG_OPENED_EXISTING_KEY, "again: %lx disp %lu\n", st, disp);
    CloseHandle(key2);
    st = pNtOpenKey(&key2, KEY_READ, &attr);
    ok(st == 0, "NtOpenKey: %lx\n", st);
    CloseHandle(key2);
    if (pNtOpenKeyEx) {
        st = pNtOpenKeyEx(&key2, KEY_READ, &attr, 0);
        ok(st == 0, "NtOpenKeyEx: %lx\n", st);
        CloseHandle(key2);
    }
    init_ustr(&name, L"nosuch");
    st = pNtOpenKey(&key2, KEY_READ, &attr);
    ok(st == STATUS_OBJECT_NAME_NOT_FOUND, "missing: %lx\n", st);
    init_ustr(&name, L"Software");
    init_attr(&attr, NULL, &name);
    st = pNtOpenKey(&key2, KEY_READ, &attr);
    ok(st == STATUS_OBJECT_PATH_SYNTAX_BAD, "relative without root: %lx\n", st);
    init_ustr(&name, L"\\Registry\\Machine\\Software");
    st = pNtOpenKey(&key2, KEY_READ, &attr);
    ok(st == 0, "absolute path: %lx\n", st);
    CloseHandle(key2);

    init_ustr(&vname, L"dw");
    st = pNtSetValueKey(key, &vname, 0, REG_DWORD, &dw, sizeof dw);
    ok(st == 0, "NtSetValueKey: %lx\n", st);
    init_ustr(&vname, L"str");
    st = pNtSetValueKey(key, &vname, 0, REG_SZ, L"hello", 12);
    ok(st == 0, "NtSetValueKey sz: %lx\n", st);

    /* partial information: TitleIndex, Type, DataLength, Data */
    st = pNtQueryValueKey(key, &vname, 2, buf, sizeof buf, &len);
    ok(st == 0 && len == 12 + 12, "partial: %lx len %lu\n", st, len);
    ok(((ULONG *)buf)[1] == REG_SZ && ((ULONG *)buf)[2] == 12 && !memcmp(buf + 12, L"hello", 12), "partial data\n");
    st = pNtQueryValueKey(key, &vname, 2, buf, 14, &len);
    ok(st == STATUS_BUFFER_OVERFLOW && len == 24, "overflow: %lx %lu\n", st, len);
    st = pNtQueryValueKey(key, &vname, 2, buf, 4, &len);
    ok(st == STATUS_BUFFER_TOO_SMALL && len == 24, "too small: %lx %lu\n", st, len);
    /* basic: TitleIndex, Type, NameLength, Name */
    st = pNtQueryValueKey(key, &vname, 0, buf, sizeof buf, &len);
    ok(st == 0 && len == 12 + 6 && ((ULONG *)buf)[2] == 6 && !memcmp(buf + 12, L"str", 6), "basic: %lx %lu\n", st, len);
    /* full: TitleIndex, Type, DataOffset, DataLength, NameLength, Name, data at DataOffset */
    st = pNtQueryValueKey(key, &vname, 1, buf, sizeof buf, &len);
    ok(st == 0, "full: %lx\n", st);
    if (!st) {
        ULONG off = ((ULONG *)buf)[2];
        ok(((ULONG *)buf)[3] == 12 && ((ULONG *)buf)[4] == 6, "full lengths\n");
        ok(off >= 20 + 6 && !memcmp(buf + off, L"hello", 12), "full data at %lu\n", off);
        ok(len == off + 12, "full len %lu off %lu\n", len, off);
    }
    init_ustr(&vname, L"none");
    st = pNtQueryValueKey(key, &vname, 2, buf, sizeof buf, &len);
    ok(st == STATUS_OBJECT_NAME_NOT_FOUND, "missing value: %lx\n", st);

    /* enumeration: values (sorted as Wine keeps them) */
    for (i = 0; i < 2; i++) {
        st = pNtEnumerateValueKey(key, i, 0, buf, sizeof buf, &len);
        ok(st == 0, "enum value %lu: %lx\n", i, st);
    }
    st = pNtEnumerateValueKey(key, 2, 0, buf, sizeof buf, &len);
    ok(st == STATUS_NO_MORE_ENTRIES, "enum value end: %lx\n", st);

    /* subkeys */
    init_ustr(&name, L"child");
    init_attr(&attr, key, &name);
    st = pNtCreateKey(&key2, KEY_ALL_ACCESS, &attr, 0, NULL, 0, NULL);
    ok(st == 0, "child: %lx\n", st);
    st = pNtEnumerateKey(key, 0, 0, buf, sizeof buf, &len);    /* basic: LastWriteTime, TitleIndex, NameLength */
    ok(st == 0 && ((ULONG *)buf)[3] == 10 && !memcmp(buf + 16, L"child", 10) && len == 26, "enum key: %lx %lu\n", st, len);
    st = pNtEnumerateKey(key, 1, 0, buf, sizeof buf, &len);
    ok(st == STATUS_NO_MORE_ENTRIES, "enum key end: %lx\n", st);
    st = pNtQueryKey(key, 2, buf, sizeof buf, &len);           /* full */
    ok(st == 0, "query key: %lx\n", st);
    if (!st) {
        ULONG *f = (ULONG *)(buf + 8);   /* after LastWriteTime: TitleIndex, ClassOffset, ClassLength, SubKeys, MaxNameLen, MaxClassLen, Values, MaxValueNameLen, MaxValueDataLen */
        ok(f[3] == 1 && f[4] == 10 && f[6] == 2 && f[7] == 6 && f[8] == 12,
           "full info: subkeys %lu maxname %lu values %lu maxvalname %lu maxdata %lu\n", f[3], f[4], f[6], f[7], f[8]);
    }
    st = pNtQueryKey(key, 3, buf, sizeof buf, &len);           /* name: the full path */
    ok(st == 0 && len > 4, "name info: %lx\n", st);
    if (!st) {
        WCHAR *n = (WCHAR *)(buf + 4);
        ULONG nl = ((ULONG *)buf)[0] / 2;
        WCHAR head[11];
        memcpy(head, n, 10 * sizeof(WCHAR));
        head[10] = 0;
        ok(nl > 10 && !lstrcmpiW(head, L"\\REGISTRY\\"), "full name\n");
        ok(nl >= 3 && n[nl - 3] == 's' && n[nl - 2] == 'u' && n[nl - 1] == 'b', "ends with sub\n");
    }

    /* notification through an event */
    {
        HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
        IOSB iosb;
        st = pNtNotifyChangeKey(key, ev, NULL, NULL, &iosb, REG_NOTIFY_CHANGE_LAST_SET, FALSE, NULL, 0, TRUE);
        ok(st == STATUS_PENDING, "notify: %lx\n", st);
        init_ustr(&vname, L"dw");
        pNtSetValueKey(key, &vname, 0, REG_DWORD, &dw, sizeof dw);     /* the same data: no change */
        ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "an unchanged value signalled\n");
        dw++;
        pNtSetValueKey(key, &vname, 0, REG_DWORD, &dw, sizeof dw);
        ok(WaitForSingleObject(ev, 1000) == WAIT_OBJECT_0, "notification not signalled\n");
        CloseHandle(ev);
    }

    init_ustr(&vname, L"dw");
    st = pNtDeleteValueKey(key, &vname);
    ok(st == 0, "NtDeleteValueKey: %lx\n", st);
    st = pNtDeleteValueKey(key, &vname);
    ok(st == STATUS_OBJECT_NAME_NOT_FOUND, "again: %lx\n", st);
    st = pNtDeleteKey(key);
    ok(st != 0, "a key with a subkey cannot go: %lx\n", st);
    st = pNtDeleteKey(key2);
    ok(st == 0, "NtDeleteKey child: %lx\n", st);
    CloseHandle(key2);
    st = pNtDeleteKey(key);
    ok(st == 0, "NtDeleteKey: %lx\n", st);
    CloseHandle(key);
    RegCloseKey(base);
    RegDeleteTreeA(HKEY_CURRENT_USER, "Software\\WinelikeTest\\reg_nt");
}

int main(void)
{
    HMODULE nt = GetModuleHandleA("ntdll.dll");
    pNtCreateKey = (create_fn)GetProcAddress(nt, "NtCreateKey");
    pNtOpenKey = (open_fn)GetProcAddress(nt, "NtOpenKey");
    pNtOpenKeyEx = (openex_fn)GetProcAddress(nt, "NtOpenKeyEx");
    pNtSetValueKey = (setv_fn)GetProcAddress(nt, "NtSetValueKey");
    pNtQueryValueKey = (queryv_fn)GetProcAddress(nt, "NtQueryValueKey");
    pNtEnumerateKey = (enumk_fn)GetProcAddress(nt, "NtEnumerateKey");
    pNtEnumerateValueKey = (enumk_fn)GetProcAddress(nt, "NtEnumerateValueKey");
    pNtQueryKey = (queryk_fn)GetProcAddress(nt, "NtQueryKey");
    pNtDeleteKey = (delk_fn)GetProcAddress(nt, "NtDeleteKey");
    pNtDeleteValueKey = (delv_fn)GetProcAddress(nt, "NtDeleteValueKey");
    pNtNotifyChangeKey = (notify_fn)GetProcAddress(nt, "NtNotifyChangeKey");
    if (!pNtCreateKey || !pNtQueryValueKey || !pNtNotifyChangeKey) {
        skip("no Nt*Key\n");
        return wl_summary();
    }
    test_nt();
    return wl_summary();
}
