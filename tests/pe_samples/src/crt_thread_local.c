/* gcc's __thread variables (mingw emulates them through winpthreads, which needs
 * CreateSemaphore/WaitForSingleObject), with initial values, in the main thread. */
#include "wltest.h"

static __thread int counter = 5;
static __thread char text[16] = "abc";
static __thread long long big = 0x123456789LL;

static void bump(void) { counter++; text[0] = 'X'; big <<= 4; }

int main(void)
{
    int *p1 = &counter, *p2;
    ok(counter == 5, "initial %d\n", counter);
    ok(text[0] == 'a' && text[2] == 'c' && text[3] == 0, "initial text\n");
    bump();
    bump();
    p2 = &counter;
    ok(counter == 7, "after two bumps %d\n", counter);
    ok(text[0] == 'X', "text changed\n");
    ok(big == 0x12345678900LL, "big %lx\n", (long)(big >> 32));
    ok(p1 == p2, "address stable\n");
    return wl_summary();
}
