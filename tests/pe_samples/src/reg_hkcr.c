/* HKEY_CLASSES_ROOT: Windows' merged view of HKCU\Software\Classes over HKLM\Software\Classes.
 * Lookups find the user's key or value first, enumerations list the union, values written
 * through HKCR go to HKCU when the key exists there (else HKLM), new top-level keys go to HKLM.
 * Wine 8 does not merge (its HKCR is HKLM\Software\Classes): under Wine the checks that need
 * the merge are skipped, the others run everywhere. */
#include "wltest.h"
#include <string.h>

#define CLS ".wlhkcr"
#define MCLS "Software\\Classes\\" CLS
#define UCLS "Software\\Classes\\" CLS
#define UONLY "WinelikeHkcrUser"
#define MONLY "WinelikeHkcrMachine"

static int is_wine;

static void cleanup(void)
{
    RegDeleteTreeA(HKEY_LOCAL_MACHINE, MCLS);
    RegDeleteKeyA(HKEY_LOCAL_MACHINE, MCLS);
    RegDeleteTreeA(HKEY_CURRENT_USER, UCLS);
    RegDeleteKeyA(HKEY_CURRENT_USER, UCLS);
    RegDeleteTreeA(HKEY_LOCAL_MACHINE, "Software\\Classes\\" MONLY);
    RegDeleteKeyA(HKEY_LOCAL_MACHINE, "Software\\Classes\\" MONLY);
    RegDeleteTreeA(HKEY_CURRENT_USER, "Software\\Classes\\" UONLY);
    RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\Classes\\" UONLY);
    RegDeleteTreeA(HKEY_LOCAL_MACHINE, "Software\\Classes\\WinelikeHkcrNew");
    RegDeleteKeyA(HKEY_LOCAL_MACHINE, "Software\\Classes\\WinelikeHkcrNew");
    RegDeleteTreeA(HKEY_CURRENT_USER, "Software\\Classes\\WinelikeHkcrNew");
    RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\Classes\\WinelikeHkcrNew");
}

static LONG set_sz(HKEY root, const char *path, const char *name, const char *data)
{
    return RegSetKeyValueA(root, path, name, REG_SZ, data, (DWORD)strlen(data) + 1);
}

/* the string value `name` of root\path, or "" with *rc set */
static const char *get_sz(HKEY root, const char *path, const char *name, LONG *rc)
{
    static char buf[128];
    DWORD size = sizeof(buf);
    buf[0] = 0;
    *rc = RegGetValueA(root, path, name, RRF_RT_REG_SZ, NULL, buf, &size);
    if (*rc) buf[0] = 0;
    return buf;
}

static int key_exists(HKEY root, const char *path)
{
    HKEY k;
    if (RegOpenKeyExA(root, path, 0, KEY_READ, &k)) return 0;
    RegCloseKey(k);
    return 1;
}

static void setup(void)
{
    LONG rc;
    rc = set_sz(HKEY_LOCAL_MACHINE, MCLS, "", "machine-default");
    ok(rc == ERROR_SUCCESS, "HKLM class: %ld\n", rc);
    set_sz(HKEY_LOCAL_MACHINE, MCLS, "Shared", "machine");
    set_sz(HKEY_LOCAL_MACHINE, MCLS, "MachineOnly", "m");
    set_sz(HKEY_LOCAL_MACHINE, MCLS "\\Both", "", "m");
    set_sz(HKEY_LOCAL_MACHINE, MCLS "\\MachineSub", "", "m");
    set_sz(HKEY_LOCAL_MACHINE, "Software\\Classes\\" MONLY, "", "m");
    rc = set_sz(HKEY_CURRENT_USER, UCLS, "Shared", "user");
    ok(rc == ERROR_SUCCESS, "HKCU class: %ld\n", rc);
    set_sz(HKEY_CURRENT_USER, UCLS, "UserOnly", "u");
    set_sz(HKEY_CURRENT_USER, UCLS "\\both", "", "u");
    set_sz(HKEY_CURRENT_USER, UCLS "\\UserSub", "", "u");
    set_sz(HKEY_CURRENT_USER, "Software\\Classes\\" UONLY, "", "u");
}

/* what HKCR shows of HKLM\Software\Classes alone: the same in Wine and Windows */
static void test_machine_side(void)
{
    LONG rc;
    const char *v;
    HKEY k;

    v = get_sz(HKEY_CLASSES_ROOT, CLS, "MachineOnly", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "m"), "machine value: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, CLS, "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "machine-default"), "machine default: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, MONLY, "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "m"), "machine-only class: %ld %s\n", rc, v);
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, CLS "\\MachineSub", 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "machine subkey: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, "WinelikeHkcrNone", 0, KEY_READ, &k);
    ok(rc == ERROR_FILE_NOT_FOUND, "missing class: %ld\n", rc);

    /* a value written to a key that only HKLM has goes to HKLM */
    rc = set_sz(HKEY_CLASSES_ROOT, MONLY, "Written", "w");
    ok(rc == ERROR_SUCCESS, "write: %ld\n", rc);
    v = get_sz(HKEY_LOCAL_MACHINE, "Software\\Classes\\" MONLY, "Written", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "w"), "went to HKLM: %ld %s\n", rc, v);
    ok(!key_exists(HKEY_CURRENT_USER, "Software\\Classes\\" MONLY), "HKCU got the key\n");

    /* a new top-level key goes to HKLM\Software\Classes */
    rc = RegCreateKeyExA(HKEY_CLASSES_ROOT, "WinelikeHkcrNew\\shell", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "create: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    ok(key_exists(HKEY_LOCAL_MACHINE, "Software\\Classes\\WinelikeHkcrNew\\shell"), "not in HKLM\n");
    ok(!key_exists(HKEY_CURRENT_USER, "Software\\Classes\\WinelikeHkcrNew"), "in HKCU\n");
    rc = RegDeleteTreeA(HKEY_CLASSES_ROOT, "WinelikeHkcrNew");
    ok(rc == ERROR_SUCCESS, "delete tree: %ld\n", rc);
    ok(!key_exists(HKEY_LOCAL_MACHINE, "Software\\Classes\\WinelikeHkcrNew"), "still in HKLM\n");
}

static void test_lookup(void)
{
    LONG rc;
    const char *v;
    HKEY k;

    if (is_wine) { skip("Wine 8 does not merge HKCR\n"); return; }
    v = get_sz(HKEY_CLASSES_ROOT, CLS, "UserOnly", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "u"), "user value: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, CLS, "Shared", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "user"), "the user's value wins: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, UONLY, "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "u"), "user-only class: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, CLS "\\BOTH", "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "u"), "the user's subkey wins: %ld %s\n", rc, v);
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, CLS, 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "open: %ld\n", rc);
    if (rc) return;
    v = get_sz(k, "UserSub", "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "u"), "user subkey through an HKCR handle: %ld %s\n", rc, v);
    v = get_sz(k, "MachineSub", "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "m"), "machine subkey through an HKCR handle: %ld %s\n", rc, v);
    RegCloseKey(k);
}

static void test_enum(void)
{
    static const char *keys[] = {"both", "MachineSub", "UserSub"};
    static const char *values[] = {"", "MachineOnly", "Shared", "UserOnly"};
    char name[64];
    DWORD i, len, subkeys = 0, nvalues = 0;
    int found_user = 0, found_machine = 0;
    HKEY k;
    LONG rc;

    if (is_wine) { skip("Wine 8 does not merge HKCR\n"); return; }
    rc = RegOpenKeyExA(HKEY_CLASSES_ROOT, CLS, 0, KEY_READ, &k);
    ok(rc == ERROR_SUCCESS, "open: %ld\n", rc);
    if (rc) return;
    rc = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, NULL, NULL, &nvalues, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_SUCCESS && subkeys == 3 && nvalues == 4, "info: %ld %lu subkeys %lu values\n", rc, subkeys,
       nvalues);
    for (i = 0; i < 3; i++) {
        len = sizeof(name);
        rc = RegEnumKeyExA(k, i, name, &len, NULL, NULL, NULL, NULL);
        ok(rc == ERROR_SUCCESS && !lstrcmpiA(name, keys[i]), "key %lu: %ld %s\n", i, rc, name);
    }
    len = sizeof(name);
    rc = RegEnumKeyExA(k, 3, name, &len, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_NO_MORE_ITEMS, "key 3: %ld %s\n", rc, name);
    for (i = 0; i < 4; i++) {
        BYTE data[64];
        DWORD size = sizeof(data), type = 0;
        len = sizeof(name);
        rc = RegEnumValueA(k, i, name, &len, NULL, &type, data, &size);
        ok(rc == ERROR_SUCCESS && !strcmp(name, values[i]) && type == REG_SZ, "value %lu: %ld %s\n", i, rc, name);
        if (!strcmp(name, "Shared"))
            ok(!strcmp((char *)data, "user"), "Shared enumerates as the user's: %s\n", data);
    }
    len = sizeof(name);
    rc = RegEnumValueA(k, 4, name, &len, NULL, NULL, NULL, NULL);
    ok(rc == ERROR_NO_MORE_ITEMS, "value 4: %ld\n", rc);
    RegCloseKey(k);

    /* HKCR itself lists classes from both sides, each once */
    for (i = 0;; i++) {
        len = sizeof(name);
        rc = RegEnumKeyExA(HKEY_CLASSES_ROOT, i, name, &len, NULL, NULL, NULL, NULL);
        if (rc) break;
        if (!lstrcmpiA(name, UONLY)) found_user++;
        if (!lstrcmpiA(name, MONLY)) found_machine++;
    }
    ok(rc == ERROR_NO_MORE_ITEMS, "enumerating HKCR: %ld\n", rc);
    ok(found_user == 1 && found_machine == 1, "HKCR lists the user's class %d times, the machine's %d times\n",
       found_user, found_machine);
}

static void test_writes(void)
{
    LONG rc;
    const char *v;
    HKEY k;

    if (is_wine) { skip("Wine 8 does not merge HKCR\n"); return; }
    /* the key exists in HKCU: the value goes there */
    rc = set_sz(HKEY_CLASSES_ROOT, CLS, "New", "x");
    ok(rc == ERROR_SUCCESS, "write: %ld\n", rc);
    v = get_sz(HKEY_CURRENT_USER, UCLS, "New", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "x"), "went to HKCU: %ld %s\n", rc, v);
    get_sz(HKEY_LOCAL_MACHINE, MCLS, "New", &rc);
    ok(rc == ERROR_FILE_NOT_FOUND, "went to HKLM too: %ld\n", rc);
    rc = set_sz(HKEY_CLASSES_ROOT, UONLY, "New", "x");
    ok(rc == ERROR_SUCCESS, "write: %ld\n", rc);
    ok(!key_exists(HKEY_LOCAL_MACHINE, "Software\\Classes\\" UONLY), "HKLM got the user's class\n");
    /* a value only HKLM has, overwritten through HKCR: HKCU's key takes it, HKLM keeps its own */
    rc = set_sz(HKEY_CLASSES_ROOT, CLS, "MachineOnly", "now-user");
    ok(rc == ERROR_SUCCESS, "write: %ld\n", rc);
    v = get_sz(HKEY_LOCAL_MACHINE, MCLS, "MachineOnly", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "m"), "HKLM's value changed: %ld %s\n", rc, v);
    v = get_sz(HKEY_CLASSES_ROOT, CLS, "MachineOnly", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "now-user"), "HKCR shows: %ld %s\n", rc, v);
    /* a subkey of a class the user has is created in HKCU */
    rc = RegCreateKeyExA(HKEY_CLASSES_ROOT, UONLY "\\shell\\open", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    ok(rc == ERROR_SUCCESS, "create: %ld\n", rc);
    if (!rc) RegCloseKey(k);
    ok(key_exists(HKEY_CURRENT_USER, "Software\\Classes\\" UONLY "\\shell\\open"), "not in HKCU\n");
}

static void test_delete(void)
{
    LONG rc;
    const char *v;

    if (is_wine) { skip("Wine 8 does not merge HKCR\n"); return; }
    /* deleting a value shared by both removes the user's: HKLM's shows again */
    rc = RegDeleteKeyValueA(HKEY_CLASSES_ROOT, CLS, "Shared");
    ok(rc == ERROR_SUCCESS, "delete value: %ld\n", rc);
    v = get_sz(HKEY_CLASSES_ROOT, CLS, "Shared", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "machine"), "after deleting the user's: %ld %s\n", rc, v);
    get_sz(HKEY_CURRENT_USER, UCLS, "Shared", &rc);
    ok(rc == ERROR_FILE_NOT_FOUND, "still in HKCU: %ld\n", rc);
    /* deleting a key both have removes the user's */
    rc = RegDeleteKeyA(HKEY_CLASSES_ROOT, CLS "\\Both");
    ok(rc == ERROR_SUCCESS, "delete key: %ld\n", rc);
    ok(!key_exists(HKEY_CURRENT_USER, UCLS "\\both"), "still in HKCU\n");
    ok(key_exists(HKEY_LOCAL_MACHINE, MCLS "\\Both"), "HKLM's went too\n");
    v = get_sz(HKEY_CLASSES_ROOT, CLS "\\Both", "", &rc);
    ok(rc == ERROR_SUCCESS && !strcmp(v, "m"), "HKLM's shows: %ld %s\n", rc, v);
}

int main(void)
{
    is_wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    cleanup();
    setup();
    test_machine_side();
    test_lookup();
    test_enum();
    test_writes();
    test_delete();
    cleanup();
    ok(!key_exists(HKEY_CLASSES_ROOT, CLS) && !key_exists(HKEY_CLASSES_ROOT, UONLY), "cleanup\n");
    return wl_summary();
}
