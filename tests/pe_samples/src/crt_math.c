/* msvcrt math: the double functions programs import, errno on domain/range errors, classification,
   _controlfp.  Results compared bit for bit where the correctly rounded value is exact. */
#include "wltest.h"
#include <math.h>
#include <float.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>

static int close_to(double a, double b) { return fabs(a - b) <= 1e-15 * (fabs(b) > 1 ? fabs(b) : 1); }

/* through volatile pointers so gcc calls the library instead of folding */
static double (*volatile p_sqrt)(double) = sqrt;
static double (*volatile p_pow)(double, double) = pow;
static double (*volatile p_exp)(double) = exp;
static double (*volatile p_log)(double) = log;
static double (*volatile p_log10)(double) = log10;
static double (*volatile p_sin)(double) = sin;
static double (*volatile p_cos)(double) = cos;
static double (*volatile p_tan)(double) = tan;
static double (*volatile p_asin)(double) = asin;
static double (*volatile p_acos)(double) = acos;
static double (*volatile p_atan)(double) = atan;
static double (*volatile p_atan2)(double, double) = atan2;
static double (*volatile p_sinh)(double) = sinh;
static double (*volatile p_cosh)(double) = cosh;
static double (*volatile p_tanh)(double) = tanh;
static double (*volatile p_floor)(double) = floor;
static double (*volatile p_ceil)(double) = ceil;
static double (*volatile p_fabs)(double) = fabs;
static double (*volatile p_fmod)(double, double) = fmod;
static double (*volatile p_ldexp)(double, int) = ldexp;
static double (*volatile p_frexp)(double, int *) = frexp;
static double (*volatile p_modf)(double, double *) = modf;

static void test_basic(void)
{
    {
        volatile double v = p_sqrt(2.0);   /* stored: x87 keeps extended precision in registers */
        ok(v == 1.4142135623730951, "sqrt\n");
    }
    ok(p_sqrt(16.0) == 4.0, "sqrt 16\n");
    ok(p_pow(2.0, 10.0) == 1024.0 && p_pow(2.0, -1.0) == 0.5 && p_pow(9.0, 0.5) == 3.0, "pow\n");
    ok(p_pow(0.0, 0.0) == 1.0, "pow(0,0)\n");
    ok(close_to(p_exp(1.0), 2.718281828459045), "exp\n");
    ok(p_exp(0.0) == 1.0, "exp 0\n");
    ok(close_to(p_log(10.0), 2.302585092994046), "log\n");
    ok(p_log10(1000.0) == 3.0, "log10\n");
    ok(close_to(p_sin(1.0), 0.8414709848078965) && p_sin(0.0) == 0.0, "sin\n");
    ok(close_to(p_cos(1.0), 0.5403023058681398), "cos\n");
    ok(close_to(p_tan(1.0), 1.5574077246549023), "tan\n");
    ok(close_to(p_asin(0.5), 0.5235987755982989), "asin\n");
    ok(close_to(p_acos(0.5), 1.0471975511965979), "acos\n");
    ok(close_to(p_atan(1.0), 0.7853981633974483), "atan\n");
    ok(close_to(p_atan2(1.0, -1.0), 2.356194490192345), "atan2\n");
    ok(close_to(p_sinh(1.0), 1.1752011936438014) && close_to(p_cosh(1.0), 1.5430806348152437)
       && close_to(p_tanh(1.0), 0.7615941559557649), "hyperbolic\n");
    ok(p_floor(-2.5) == -3.0 && p_floor(2.5) == 2.0 && p_ceil(-2.5) == -2.0 && p_ceil(2.1) == 3.0, "floor/ceil\n");
    ok(p_fabs(-3.5) == 3.5, "fabs\n");
    ok(p_fmod(7.5, 2.0) == 1.5 && p_fmod(-7.5, 2.0) == -1.5, "fmod\n");
    ok(p_ldexp(3.0, 4) == 48.0, "ldexp\n");
    {
        int e;
        double m = p_frexp(48.0, &e);
        ok(m == 0.75 && e == 6, "frexp %d\n", e);
    }
    {
        double ip, f = p_modf(-3.25, &ip);
        ok(f == -0.25 && ip == -3.0, "modf\n");
    }
    ok(_hypot(3.0, 4.0) == 5.0, "_hypot\n");
    ok(_copysign(2.0, -1.0) == -2.0, "_copysign\n");
}

static void test_errors(void)
{
    double r;
    errno = 0;
    r = p_sqrt(-1.0);
    ok(_isnan(r) && errno == EDOM, "sqrt(-1): errno %d\n", errno);
    errno = 0;
    r = p_log(0.0);
    ok(r == -HUGE_VAL && errno == ERANGE, "log(0): errno %d\n", errno);
    errno = 0;
    r = p_log(-1.0);
    ok(_isnan(r) && errno == EDOM, "log(-1): errno %d\n", errno);
    errno = 0;
    r = p_exp(1000.0);
    ok(r == HUGE_VAL && errno == ERANGE, "exp overflow: errno %d\n", errno);
    errno = 0;
    r = p_acos(2.0);
    ok(_isnan(r) && errno == EDOM, "acos(2): errno %d\n", errno);
    errno = 0;
    r = p_pow(-8.0, 1.0 / 3.0);
    ok(_isnan(r) && errno == EDOM, "pow(-8, 1/3): errno %d\n", errno);
}

static void test_classify(void)
{
    volatile double zero = 0.0;
    double inf = 1.0 / zero, nan = zero / zero;
    ok(_isnan(nan) && !_isnan(1.0), "_isnan\n");
    ok(_finite(1.0) && !_finite(inf) && !_finite(nan), "_finite\n");
    ok(_fpclass(1.0) == _FPCLASS_PN && _fpclass(-1.0) == _FPCLASS_NN, "_fpclass normal\n");
    ok(_fpclass(0.0) == _FPCLASS_PZ && _fpclass(-0.0) == _FPCLASS_NZ, "_fpclass zero\n");
    ok(_fpclass(inf) == _FPCLASS_PINF && _fpclass(-inf) == _FPCLASS_NINF, "_fpclass inf\n");
    ok(_fpclass(4.9406564584124654e-324) == _FPCLASS_PD, "_fpclass denormal\n");
    ok(_fpclass(nan) == _FPCLASS_QNAN, "_fpclass nan %x\n", _fpclass(nan));
}

static void test_controlfp(void)
{
    unsigned int cw = _controlfp(0, 0);
    ok((cw & _MCW_EM) == _MCW_EM, "exceptions masked: %x\n", cw);
    ok((cw & _MCW_RC) == _RC_NEAR, "round to nearest: %x\n", cw);
    _fpreset();
    ok(_controlfp(0, 0) == cw, "_fpreset keeps the default\n");
    _clearfp();
    ok((_statusfp() & 0x18) == 0, "status clear\n");
}

int main(void)
{
    test_basic();
    test_errors();
    test_classify();
    test_controlfp();
    return wl_summary();
}
