/* Guest code that never calls an API again: Ctrl-C must still stop it (tests/test_cli.py). */
#include <windows.h>

int main(void)
{
    volatile int x = 0;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "spinning\n", 9, NULL, NULL);
    for (;;) x++;
    return 0;
}
