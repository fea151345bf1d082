/* msvcrt heap stress: thousands of random malloc/realloc/free with pattern checks; calloc zeroing. */
#include "wltest.h"
#include <stdlib.h>
#include <string.h>
#include <malloc.h>

#define SLOTS 256
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static unsigned seed = 12345;

static unsigned rnd(void) { seed = seed * 1103515245 + 12345; return (seed >> 8) & 0xffffff; }

static void fill(int i)
{
    size_t k;
    for (k = 0; k < len[i]; k++) blk[i][k] = (unsigned char)(i * 31 + k);
}

static int check(int i, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) if (blk[i][k] != (unsigned char)(i * 31 + k)) return 0;
    return 1;
}

static void test_stress(void)
{
    int iter, bad = 0, nulls = 0, i;
    for (iter = 0; iter < 4000; iter++) {
        i = rnd() % SLOTS;
        switch (rnd() % 3) {
        case 0:
            if (!blk[i]) {
                len[i] = rnd() % (rnd() % 8 == 0 ? 20000 : 200);
                blk[i] = malloc(len[i]);
                if (!blk[i]) { nulls++; break; }
                fill(i);
            }
            break;
        case 1:
            if (blk[i]) {
                size_t n = rnd() % 3000 + 1;
                unsigned char *p;
                if (!check(i, len[i])) bad++;
                p = realloc(blk[i], n);
                if (!p) { nulls++; break; }
                blk[i] = p;
                if (!check(i, n < len[i] ? n : len[i])) bad++;
                len[i] = n;
                fill(i);
            }
            break;
        default:
            if (blk[i]) {
                if (!check(i, len[i])) bad++;
                free(blk[i]);
                blk[i] = NULL;
            }
        }
    }
    for (i = 0; i < SLOTS; i++)
        if (blk[i]) {
            if (!check(i, len[i])) bad++;
            free(blk[i]);
            blk[i] = NULL;
        }
    ok(!bad, "%d corrupted blocks\n", bad);
    ok(!nulls, "%d failed allocations\n", nulls);
}

static void test_calloc(void)
{
    int round, bad = 0;
    size_t k;
    for (round = 0; round < 50; round++) {
        unsigned char *p = malloc(1000);
        memset(p, 0xAB, 1000);
        free(p);
        p = calloc(250, 4);
        for (k = 0; k < 1000; k++) if (p[k]) bad++;
        free(p);
    }
    ok(!bad, "calloc gave %d non-zero bytes\n", bad);
}

static void test_misc(void)
{
    void *p = malloc(100);
    ok(p && _msize(p) == 100, "_msize %d\n", p ? (int)_msize(p) : -1);
    p = realloc(p, 5000);
    ok(p && _msize(p) == 5000, "_msize after realloc\n");
    free(p);
    p = realloc(NULL, 10);
    ok(p != NULL, "realloc(NULL) allocates\n");
    free(p);
    free(NULL);
    p = malloc(0);
    ok(p != NULL, "malloc(0) gives a pointer\n");
    free(p);
    p = _aligned_malloc(100, 64);
    ok(p && ((size_t)p & 63) == 0, "_aligned_malloc %p\n", p);
    memset(p, 1, 100);
    _aligned_free(p);
    {
        int *a = malloc(16), *b = malloc(16);
        ok(a != b && ((size_t)a & 7) == 0 && ((size_t)b & 7) == 0, "distinct, 8-aligned\n");
        free(a);
        free(b);
    }
}

int main(void)
{
    test_stress();
    test_calloc();
    test_misc();
    return wl_summary();
}
