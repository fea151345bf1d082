/* A guest crash: a write to an unmapped address (tests/test_cli.py checks the report). */
#include <windows.h>

int main(void)
{
    *(volatile int *)0x10 = 1;
    return 0;
}
