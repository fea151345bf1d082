/* msvcrt files: fopen modes, text/binary translation, fseek/ftell, low-level _open/_read/_write, _stat, fs ops. */
#include "wltest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <errno.h>
#include <direct.h>

#define F1 "wl_crt_file1.tmp"
#define F2 "wl_crt_file2.tmp"
#define D1 "wl_crt_dir.tmp"

static void test_text_binary(void)
{
    FILE *f;
    char buf[64];
    size_t n;
    long pos;
    f = fopen(F1, "w");
    ok(f != NULL, "fopen w\n");
    if (!f) return;
    ok(fwrite("ab\ncd\n", 1, 6, f) == 6, "fwrite\n");
    ok(fclose(f) == 0, "fclose\n");
    f = fopen(F1, "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 8 && !memcmp(buf, "ab\r\ncd\r\n", 8), "binary read sees CRLF: %d\n", (int)n);
    ok(feof(f), "feof after short read\n");
    fclose(f);
    f = fopen(F1, "r");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 6 && !memcmp(buf, "ab\ncd\n", 6), "text read: %d\n", (int)n);
    fclose(f);
    f = fopen(F1, "rt");
    ok(fgets(buf, sizeof(buf), f) && !strcmp(buf, "ab\n"), "fgets\n");
    pos = ftell(f);
    ok(pos == 4, "ftell in text mode counts the CR: %ld\n", pos);
    ok(fgetc(f) == 'c', "fgetc\n");
    ok(fseek(f, 0, SEEK_SET) == 0 && fgetc(f) == 'a', "fseek start\n");
    ok(ungetc('Z', f) == 'Z' && fgetc(f) == 'Z' && fgetc(f) == 'b', "ungetc\n");
    fclose(f);
    /* binary write, no translation */
    f = fopen(F1, "wb");
    fwrite("x\ny", 1, 3, f);
    fclose(f);
    f = fopen(F1, "rb");
    fseek(f, 0, SEEK_END);
    ok(ftell(f) == 3, "binary size %ld\n", ftell(f));
    fclose(f);
}

static void test_modes(void)
{
    FILE *f;
    char buf[64];
    size_t n;
    f = fopen(F1, "wb");
    fputs("hello", f);
    fclose(f);
    f = fopen(F1, "ab");
    fputs(" world", f);
    fclose(f);
    f = fopen(F1, "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 11 && !memcmp(buf, "hello world", 11), "append %d\n", (int)n);
    fclose(f);
    f = fopen(F1, "r+b");
    ok(f != NULL, "r+b\n");
    fseek(f, 6, SEEK_SET);
    fwrite("W", 1, 1, f);
    fseek(f, 0, SEEK_SET);
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 11 && !memcmp(buf, "hello World", 11), "r+ overwrite\n");
    fclose(f);
    f = fopen(F1, "a+b");
    fwrite("!", 1, 1, f);
    fseek(f, 0, SEEK_SET);
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 12 && buf[11] == '!', "a+ reads from start, writes at end: %d\n", (int)n);
    fseek(f, 0, SEEK_SET);
    fwrite("?", 1, 1, f);
    fseek(f, 0, SEEK_SET);
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 13 && buf[0] == 'h' && buf[12] == '?', "a+ write after seek still appends\n");
    fclose(f);
    f = fopen(F1, "w+");
    fputs("line1\nline2\n", f);
    rewind(f);
    ok(fgets(buf, sizeof(buf), f) && !strcmp(buf, "line1\n"), "w+ read back\n");
    fclose(f);
    errno = 0;
    ok(fopen("wl_no_such_file.tmp", "r") == NULL && errno == ENOENT, "missing file: errno %d\n", errno);
    errno = 0;
    ok(fopen(F1, "q") == NULL && errno == EINVAL, "bad mode: errno %d\n", errno);
    {
        fpos_t p;
        f = fopen(F1, "rb");
        fgetc(f); fgetc(f);
        ok(fgetpos(f, &p) == 0, "fgetpos\n");
        fgetc(f);
        ok(fsetpos(f, &p) == 0 && fgetc(f) == 'n', "fsetpos\n");
        fclose(f);
    }
    f = tmpfile();
    ok(f != NULL, "tmpfile\n");
    if (f) {
        fputs("tmp", f);
        rewind(f);
        ok(fgetc(f) == 't', "tmpfile rw\n");
        fclose(f);
    }
}

static void test_wide(void)
{
    FILE *f = fopen(F1, "wb");
    wchar_t buf[16];
    fputwc(L'A', f);
    fputws(L"BC", f);
    fclose(f);
    f = fopen(F1, "rb");
    ok(fgetwc(f) == L'A', "fgetwc binary\n");
    ok(fgetws(buf, 16, f) && !wcscmp(buf, L"BC"), "fgetws binary\n");
    fclose(f);
    f = _wfopen(L"" F1, L"r");
    ok(f != NULL, "_wfopen\n");
    if (f) fclose(f);
}

static void test_lowio(void)
{
    int fd, fd2;
    char buf[64];
    int n;
    fd = _open(F2, _O_CREAT | _O_TRUNC | _O_WRONLY | _O_TEXT, _S_IREAD | _S_IWRITE);
    ok(fd >= 3, "_open %d\n", fd);
    n = _write(fd, "a\nb\n", 4);
    ok(n == 4, "_write text returns caller's count: %d\n", n);
    ok(_close(fd) == 0, "_close\n");
    ok(_close(fd) == -1 && errno == EBADF, "double _close\n");
    fd = _open(F2, _O_RDONLY | _O_BINARY);
    n = _read(fd, buf, sizeof(buf));
    ok(n == 6 && !memcmp(buf, "a\r\nb\r\n", 6), "binary _read: %d\n", n);
    ok(_eof(fd) == 1, "_eof\n");
    ok(_lseek(fd, 0, SEEK_SET) == 0 && _tell(fd) == 0, "_lseek/_tell\n");
    ok(_lseek(fd, 0, SEEK_END) == 6, "_lseek end\n");
    ok(_lseeki64(fd, 1, SEEK_SET) == 1, "_lseeki64\n");
    fd2 = _dup(fd);
    ok(fd2 > fd, "_dup %d\n", fd2);
    _close(fd2);
    _close(fd);
    fd = _open(F2, _O_RDONLY | _O_TEXT);
    n = _read(fd, buf, sizeof(buf));
    ok(n == 4 && !memcmp(buf, "a\nb\n", 4), "text _read: %d\n", n);
    _close(fd);
    errno = 0;
    ok(_open(F2, _O_CREAT | _O_EXCL | _O_WRONLY, _S_IWRITE) == -1 && errno == EEXIST, "_O_EXCL: %d\n", errno);
    ok(_open("wl_missing.tmp", _O_RDONLY) == -1 && errno == ENOENT, "missing\n");
    fd = _open(F2, _O_RDONLY);
    {
        FILE *f = _fdopen(fd, "rb");
        ok(f && fgetc(f) == 'a', "_fdopen\n");
        if (f) fclose(f);
    }
}

static void test_stat(void)
{
    struct _stat st;
    struct _stat64 st64;
    struct stat pst;
    int fd;
    memset(&st, 0xcc, sizeof(st));
    ok(_stat(F2, &st) == 0, "_stat\n");
    ok(st.st_size == 6, "st_size %ld\n", (long)st.st_size);
    ok((st.st_mode & _S_IFMT) == _S_IFREG, "regular %x\n", st.st_mode);
    ok((st.st_mode & 0777) == 0666, "mode bits %o\n", st.st_mode & 0777);
    ok(st.st_nlink == 1, "nlink %d\n", st.st_nlink);
    ok(st.st_mtime > 1000000000, "mtime %ld\n", (long)st.st_mtime);
    ok(_stat64(F2, &st64) == 0 && st64.st_size == 6 && st64.st_mtime == st.st_mtime, "_stat64\n");
    ok(stat(F2, &pst) == 0 && pst.st_size == 6, "stat\n");
    fd = _open(F2, _O_RDONLY);
    ok(_fstat(fd, &st) == 0 && st.st_size == 6, "_fstat\n");
    _close(fd);
    ok(_stat("wl_missing.tmp", &st) == -1 && errno == ENOENT, "_stat missing\n");
    ok(_access(F2, 0) == 0 && _access(F2, 6) == 0, "_access\n");
    ok(_access("wl_missing.tmp", 0) == -1 && errno == ENOENT, "_access missing\n");
    trace("sizeof _stat %d _stat64 %d stat %d\n", (int)sizeof(struct _stat), (int)sizeof(struct _stat64), (int)sizeof(struct stat));
}

static void test_fsops(void)
{
    struct _stat st;
    char cwd[260], cwd2[260];
    ok(_mkdir(D1) == 0, "_mkdir\n");
    ok(_mkdir(D1) == -1 && errno == EEXIST, "_mkdir again %d\n", errno);
    ok(_stat(D1, &st) == 0 && (st.st_mode & _S_IFMT) == _S_IFDIR, "dir stat %x\n", st.st_mode);
    ok(_getcwd(cwd, sizeof(cwd)) != NULL, "_getcwd\n");
    ok(_chdir(D1) == 0, "_chdir\n");
    _getcwd(cwd2, sizeof(cwd2));
    ok(strlen(cwd2) > strlen(cwd) && !_stricmp(cwd2 + strlen(cwd2) - strlen(D1), D1), "cwd %s\n", cwd2);
    ok(_chdir("..") == 0, "_chdir ..\n");
    _getcwd(cwd2, sizeof(cwd2));
    ok(!_stricmp(cwd, cwd2), "back: %s\n", cwd2);
    ok(_rmdir(D1) == 0, "_rmdir\n");
    ok(_rmdir(D1) == -1 && errno == ENOENT, "_rmdir missing\n");
    ok(rename(F2, F1) == -1 && errno == EEXIST, "rename onto existing: %d\n", errno);
    ok(remove(F1) == 0, "remove\n");
    ok(rename(F2, F1) == 0, "rename\n");
    ok(_stat(F2, &st) == -1 && _stat(F1, &st) == 0, "renamed\n");
    ok(_unlink(F1) == 0, "_unlink\n");
    ok(_unlink(F1) == -1 && errno == ENOENT, "_unlink missing\n");
}

int main(void)
{
    test_text_binary();
    test_modes();
    test_wide();
    test_lowio();
    test_stat();
    test_fsops();
    return wl_summary();
}
