#!/bin/sh
# Rebuild the forwarder-loop corpus (binaries are committed; the test does not compile).
set -e
cd "$(dirname "$0")"
for a in x86 x64; do
    cc=i686-w64-mingw32-gcc; [ $a = x64 ] && cc=x86_64-w64-mingw32-gcc
    mkdir -p $a
    $cc -O1 -s -fno-ident -Wl,--no-insert-timestamp -shared -o $a/fwdloop.dll fwdloop.c fwdloop.def -Wl,--out-implib,$a/libfwdloop.a
    $cc -O1 -s -fno-ident -Wl,--no-insert-timestamp -o $a/fwdhost.exe fwdhost.c -L$a -lfwdloop
    rm -f $a/libfwdloop.a
done
