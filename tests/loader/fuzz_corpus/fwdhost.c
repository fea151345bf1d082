/* Imports every export of fwdloop.dll: binding must survive the forwarder loops (they become
   stubs that abort if called); only real_func is called.  Exit code 0 when it answers 42. */
#include <stdio.h>

int real_func(int);
int self_loop(void);
int ping(void);
int pong(void);
int elsewhere(void);

void *volatile keep[] = { (void *)self_loop, (void *)ping, (void *)pong, (void *)elsewhere };

int main(void)
{
    int r = real_func(41);
    printf("real_func(41) = %d\n", r);
    return r == 42 ? 0 : 1;
}
