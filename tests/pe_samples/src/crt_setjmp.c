/* msvcrt setjmp/longjmp: registers, stack and return value survive a jump from deeper frames. */
#include "wltest.h"
#include <setjmp.h>
#include <string.h>

static jmp_buf env;
static int depth_reached;

static void __attribute__((noinline)) deep(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    if (n == 0) {
        depth_reached = 1;
        longjmp(env, 42 + pad[0]);
    }
    deep(n - 1);
    pad[1] = 0;
}

static void test_basic(void)
{
    volatile int count = 0;
    int r = setjmp(env);
    count++;
    if (r == 0) {
        ok(count == 1, "first return, count %d\n", count);
        deep(10);
        ok(0, "not reached\n");
    }
    ok(r == 42, "longjmp value %d\n", r);
    ok(count == 2, "count %d\n", count);
    ok(depth_reached, "went deep\n");
}

static void test_zero_becomes_one(void)
{
    volatile int n = 0;
    int r = setjmp(env);
    if (n++ == 0) longjmp(env, 0);
    ok(r == 1, "longjmp(0) returns 1: %d\n", r);
}

static void test_loop(void)
{
    volatile int i = 0;
    volatile long long sum = 0;
    jmp_buf b;
    int r = setjmp(b);
    sum += r;
    if (++i < 100) longjmp(b, i);
    ok(i == 100 && sum == 4950, "loop i=%d sum=%d\n", i, (int)sum);
}

static void __attribute__((noinline)) jumper(jmp_buf *b, double x)
{
    if (x > 1.0) longjmp(*b, (int)x);
}

static void test_callee_saved(void)
{
    jmp_buf b;
    volatile double d = 2.5;
    register int keep = 1234;
    int r = setjmp(b);
    if (r == 0) {
        jumper(&b, d * 3);
    }
    ok(r == 7, "r %d\n", r);
    ok(keep == 1234 && d == 2.5, "locals kept\n");
}

int main(void)
{
    test_basic();
    test_zero_becomes_one();
    test_loop();
    test_callee_saved();
    return wl_summary();
}
