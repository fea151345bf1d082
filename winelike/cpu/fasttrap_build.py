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

Server requests in C.  The hottest synchronisation calls on server handles (SetEvent,
ResetEvent, PulseEvent, ReleaseMutex: one handle in, a BOOL out) are made by the hook
itself, as Wine's ntdll makes them in C: it writes the request to the calling thread's
request pipe and reads the reply, with no Python and no GIL (a Python handler costs
~2.5 us per request more; docs/server.md "Cost").  Each engine's hook gets a `struct
wl_srv` (its user data) holding its thread's pipes, its TEB's LastErrorValue and the
thunk addresses of those exports.  The hook takes the C path only when it is sure to
do what the Python handler would: a handle that can only be a server handle (a
multiple of 8: the process's own objects sit at 8k+4), a connection already made, no
yield pending; anything else, and any transport trouble before the request is sent,
goes to the Python handler.
"""
from cffi import FFI

# the server fast path's per-engine data, shared by the declarations and the source
SRV_STRUCT = r"""
struct wl_srv {
    int wfd, rfd;                 /* the thread's request pipe (write end), reply pipe (read end, non-blocking); -1: none */
    uint32_t seq;
    uint32_t nops;
    uint32_t *lasterr;            /* host address of the thread's TEB.LastErrorValue, or NULL */
    uint64_t fast_calls;          /* requests made by the C path (tests read it) */
    uint64_t op_addr[8];          /* thunk address of each export taking the C path */
    uint32_t op_code[8];          /* its request's opcode (handle -> error, one fixed field) */
    uint32_t op_rlen[8];          /* its reply frame's length, length prefix included */
    uint32_t spin;                /* non-blocking reads before poll() */
};
"""

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
""" + SRV_STRUCT

SRC = r"""
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <poll.h>
""" + SRV_STRUCT + r"""

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

/* 1 and *ret set when the request was made here; 0 when the Python handler must make the call. */
static int wl_srv_call(struct wl_srv *s, uint64_t addr, uint64_t h, uint64_t *ret) {
    uint32_t i, n = s->nops;
    for (i = 0; i < n && s->op_addr[i] != addr; i++) ;
    if (i == n || s->wfd < 0 || g_yield || h == 0 || (h & 7) || (h >> 32) || h >= 0xFFFFFFF0u)
        return 0;
    unsigned char req[16], rep[64];
    uint32_t len = 12, seq = ++s->seq | 0x80000000u, h32 = (uint32_t)h, rlen = s->op_rlen[i];
    uint16_t op = (uint16_t)s->op_code[i], zero = 0;
    if (rlen > sizeof rep) return 0;
    memcpy(req, &len, 4); memcpy(req + 4, &op, 2); memcpy(req + 6, &zero, 2);
    memcpy(req + 8, &seq, 4); memcpy(req + 12, &h32, 4);
    ssize_t w;
    do w = write(s->wfd, req, sizeof req); while (w < 0 && errno == EINTR);
    if (w != (ssize_t)sizeof req) {       /* nothing was sent (a pipe write this small is all or nothing) */
        s->wfd = -1;                      /* the Python path reports what is wrong */
        return 0;
    }
    size_t got = 0;
    uint32_t spins = s->spin;
    while (got < rlen) {
        ssize_t r = read(s->rfd, rep + got, rlen - got);
        if (r > 0) { got += (size_t)r; continue; }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && errno == EAGAIN) {
            if (spins) { spins--; continue; }
            struct pollfd p = {s->rfd, POLLIN, 0};
            poll(&p, 1, -1);
            continue;
        }
        s->wfd = -1;                      /* the server is gone: Python says so on the next call */
        return 0;
    }
    uint32_t rl, rseq, err; uint16_t rop, rpad;
    memcpy(&rl, rep, 4); memcpy(&rop, rep + 4, 2); memcpy(&rpad, rep + 6, 2);
    memcpy(&rseq, rep + 8, 4); memcpy(&err, rep + 12, 4);
    if (rl != rlen - 4 || rop != op || rpad || rseq != seq) {
        s->wfd = -1;                      /* out of step: the Python path reads on and reports it */
        return 0;
    }
    if (err) {
        if (s->lasterr) *s->lasterr = err;
        *ret = 0;
    } else {
        *ret = 1;
    }
    s->fast_calls++;
    g_calls++;
    return 1;
}

static void wl_hook(void *uc, uint64_t addr, uint32_t size, void *ud) {
    struct wl_srv *srv = (struct wl_srv *)ud;
    if (!g_mode64) {
        uint32_t esp = 0, st[5] = {0, 0, 0, 0, 0}, lo, hi;
        p_reg_read(uc, R_ESP, &esp);
        p_mem_read(uc, esp, st, 20);     /* [ret, a0..a3]; a short read leaves zeros */
        uint64_t r;
        if (!(srv && srv->nops && wl_srv_call(srv, addr, st[1], &r)))
            r = WL_CALL(addr, esp, st[1], st[2], st[3], st[4]);
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
        uint64_t r;
        if (!(srv && srv->nops && wl_srv_call(srv, addr, rcx, &r)))
            r = WL_CALL(addr, rsp, rcx, rdx, r8, r9);
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
