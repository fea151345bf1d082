"""cffi (API mode) builder for the compiled API-trap helper `winelike.cpu._fasttrap`.

Built at install time by setup.py (an optional extension: without a compiler the
install still succeeds and winelike uses the pure-Python trap path).  The helper
does not link against libunicorn: the unicorn entry points it needs are handed to
it at run time as function pointers taken from the unicorn Python package, so it
never disagrees with the library the binding loaded.

The hook reads the stack pointer and the first four arguments (x86: from the
stack; x64: RCX, RDX, R8, R9), makes one Python call, and writes the result to
EAX:EDX / RAX.  That is the whole per-call cost on the host side.

With a handler table set (wl_set_table: a dict thunk address -> handler(sp, a0..a3),
and on_error(addr, exception) -> int), the hook looks the handler up and calls it
itself through the CPython C API, so no Python-level dispatcher frame runs per call;
a missing handler (KeyError) or an exception raised by the handler goes to on_error.
Without a table it calls the `extern "Python"` entry point wl_py_api(addr, sp, a0..a3).
"""
from cffi import FFI

CDEF = r"""
extern "Python" uint64_t wl_py_api(uint64_t addr, uint64_t sp, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);
void wl_init(uintptr_t reg_read, uintptr_t reg_write, uintptr_t mem_read, int mode64, int *regids);
uintptr_t wl_hook_ptr(void);
void wl_set_table(uintptr_t table, uintptr_t on_error);
void wl_set_yield(uintptr_t fn);
void wl_set_stop(uintptr_t emu_stop);
void wl_request_preempt(void);
uintptr_t wl_block_ptr(void);
void wl_request_yield(void);
uint64_t wl_calls(void);
"""

SRC = r"""
#include <stdint.h>
#include <stddef.h>
typedef int (*reg_fn)(void *uc, int regid, void *value);
typedef int (*mem_fn)(void *uc, uint64_t addr, void *bytes, size_t size);
static reg_fn p_reg_read, p_reg_write;
static mem_fn p_mem_read;
static int g_mode64;
static int R_EAX, R_EDX, R_ESP, R_RAX, R_RSP, R_RCX, R_RDX, R_R8, R_R9;

static uint64_t wl_py_api(uint64_t addr, uint64_t sp, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);

static PyObject *g_table, *g_onerror;    /* strong references, or NULL */
static PyObject *g_yieldfn;              /* called after a handler when a yield was requested */
static volatile uint64_t g_calls;        /* trapped calls so far (the preemption watchdog reads it) */
static volatile int g_yield;

void wl_set_yield(uintptr_t fn) {
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *old = g_yieldfn;
    g_yieldfn = (PyObject *)fn;
    Py_XINCREF(g_yieldfn);
    Py_XDECREF(old);
    PyGILState_Release(st);
}

void wl_request_yield(void) { g_yield = 1; }

/* Preempting guest code that makes no API call: a block hook (installed only once a process
   has a second thread) stops the engine at the start of the next block when asked.  Stopping
   from inside the engine is exact; uc_emu_stop from another thread is not in unicorn 2.1.4
   (it can resume behind work already done: tests/cpu/test_preempt.py). */
typedef int (*stop_fn)(void *uc);
static stop_fn p_emu_stop;
static volatile int g_preempt;

void wl_set_stop(uintptr_t emu_stop) { p_emu_stop = (stop_fn)emu_stop; }
void wl_request_preempt(void) { g_preempt = 1; }

static void wl_block(void *uc, uint64_t addr, uint32_t size, void *ud) {
    if (g_preempt) {
        g_preempt = 0;
        p_emu_stop(uc);
    }
}

uintptr_t wl_block_ptr(void) { return (uintptr_t)&wl_block; }
uint64_t wl_calls(void) { return g_calls; }

/* table and on_error are id()s of live Python objects (CPython: the object address); 0 clears. */
void wl_set_table(uintptr_t table, uintptr_t on_error) {
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *ot = g_table, *oe = g_onerror;
    g_table = (PyObject *)table; g_onerror = (PyObject *)on_error;
    Py_XINCREF(g_table); Py_XINCREF(g_onerror);
    Py_XDECREF(ot); Py_XDECREF(oe);
    PyGILState_Release(st);
}

static uint64_t wl_call_table(uint64_t addr, uint64_t sp, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3) {
    PyGILState_STATE st = PyGILState_Ensure();
    uint64_t r = 0;
    PyObject *res = NULL, *h = NULL;
    PyObject *key = PyLong_FromUnsignedLongLong(addr);
    if (key) {
        h = PyDict_GetItemWithError(g_table, key);     /* borrowed */
        if (h) {
            PyObject *args[5] = {PyLong_FromUnsignedLongLong(sp), PyLong_FromUnsignedLongLong(a0),
                                 PyLong_FromUnsignedLongLong(a1), PyLong_FromUnsignedLongLong(a2),
                                 PyLong_FromUnsignedLongLong(a3)};
            if (args[0] && args[1] && args[2] && args[3] && args[4]) {
                Py_INCREF(h);
                res = PyObject_Vectorcall(h, args, 5, NULL);
                Py_DECREF(h);
            }
            for (int i = 0; i < 5; i++) Py_XDECREF(args[i]);
        } else if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, key);
        }
    }
    if (res) {
        r = PyLong_AsUnsignedLongLong(res);
        Py_DECREF(res);
        if (r == (uint64_t)-1 && PyErr_Occurred()) res = NULL;
    }
    if (!res) {
        PyObject *t, *v, *tb, *e;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        if (tb && v) PyException_SetTraceback(v, tb);
        e = PyObject_CallFunction(g_onerror, "KO", (unsigned long long)addr, v ? v : Py_None);
        Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
        r = 0;
        if (e) {
            r = PyLong_AsUnsignedLongLong(e);
            Py_DECREF(e);
        }
        if (PyErr_Occurred()) { PyErr_WriteUnraisable(g_onerror); r = 0; }
    }
    g_calls++;
    if (g_yield && g_yieldfn) {
        /* the time slice is over: give way here, at the end of a call, where stopping
           the engine could make it run this call twice (the thunk's ret has not run yet) */
        g_yield = 0;
        PyObject *y = PyObject_CallNoArgs(g_yieldfn);
        if (y) {
            Py_DECREF(y);
        } else {
            PyObject *t, *v, *tb, *e;
            PyErr_Fetch(&t, &v, &tb);
            PyErr_NormalizeException(&t, &v, &tb);
            e = PyObject_CallFunction(g_onerror, "KO", (unsigned long long)addr, v ? v : Py_None);
            Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb); Py_XDECREF(e);
            if (PyErr_Occurred()) PyErr_WriteUnraisable(g_onerror);
        }
    }
    Py_XDECREF(key);
    PyGILState_Release(st);
    return r;
}

#define WL_CALL(addr, sp, a0, a1, a2, a3) \
    (g_table ? wl_call_table(addr, sp, a0, a1, a2, a3) : wl_py_api(addr, sp, a0, a1, a2, a3))

void wl_init(uintptr_t reg_read, uintptr_t reg_write, uintptr_t mem_read, int mode64, int *r) {
    p_reg_read = (reg_fn)reg_read; p_reg_write = (reg_fn)reg_write; p_mem_read = (mem_fn)mem_read;
    g_mode64 = mode64;
    R_EAX = r[0]; R_EDX = r[1]; R_ESP = r[2]; R_RAX = r[3]; R_RSP = r[4];
    R_RCX = r[5]; R_RDX = r[6]; R_R8 = r[7]; R_R9 = r[8];
}

static void wl_hook(void *uc, uint64_t addr, uint32_t size, void *ud) {
    if (!g_mode64) {
        uint32_t esp = 0, st[5] = {0, 0, 0, 0, 0}, lo, hi;
        p_reg_read(uc, R_ESP, &esp);
        p_mem_read(uc, esp, st, 20);     /* [ret, a0..a3]; a short read leaves zeros */
        uint64_t r = WL_CALL(addr, esp, st[1], st[2], st[3], st[4]);
        lo = (uint32_t)r; hi = (uint32_t)(r >> 32);
        p_reg_write(uc, R_EAX, &lo);
        p_reg_write(uc, R_EDX, &hi);
    } else {
        uint64_t rsp, rcx, rdx, r8, r9;
        p_reg_read(uc, R_RSP, &rsp);
        p_reg_read(uc, R_RCX, &rcx);
        p_reg_read(uc, R_RDX, &rdx);
        p_reg_read(uc, R_R8, &r8);
        p_reg_read(uc, R_R9, &r9);
        uint64_t r = WL_CALL(addr, rsp, rcx, rdx, r8, r9);
        p_reg_write(uc, R_RAX, &r);
    }
}

uintptr_t wl_hook_ptr(void) { return (uintptr_t)&wl_hook; }
"""

ffibuilder = FFI()
ffibuilder.cdef(CDEF)
ffibuilder.set_source("winelike.cpu._fasttrap", SRC, extra_compile_args=["-O2"],
                      py_limited_api=False, define_macros=[("_CFFI_NO_LIMITED_API", None)])  # PyObject_Vectorcall

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
