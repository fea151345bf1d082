#!/bin/sh
# Re-create the Wine captures in tests/registry/data (needs Wine; run from anywhere).
# WINEPREFIX must name a prefix made by wineboot; outputs are redirected to files, as
# reg.exe writes differently to a pipe than to a console.
set -u
OUT=$(cd "$(dirname "$0")" && pwd)/data
: "${WINEPREFIX:?set WINEPREFIX to a Wine prefix}"
export WINEDEBUG=-all
K='HKCU\Software\WinelikeDemo'
r() { wine reg "$@" >/dev/null 2>&1; }
r delete "$K" /f
r add "$K" /ve /d default /f
r add "$K" /v Str /d 'hello "quoted" \back' /f
r add "$K" /v Dw /t REG_DWORD /d 0x1234 /f
r add "$K" /v Bin /t REG_BINARY /d 00FF10 /f
r add "$K" /v Exp /t REG_EXPAND_SZ /d '%SystemRoot%\x' /f
r add "$K" /v Multi /t REG_MULTI_SZ /d 'a\0b\0c' /f
r add "$K" /v Qw /t REG_QWORD /d 0x123456789 /f
r add "$K" /v None /t REG_NONE /f
r add "$K" /v Long /t REG_BINARY /d 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F /f
r add "$K" /v Uni /d 'café' /f
r add "$K\Sub1" /v x /d y /f
r add "$K\Sub1\Deep" /f
r add "$K\Sub2" /v n /t REG_DWORD /d 7 /f
q() { name=$1; shift; wine reg query "$@" > "$OUT/reg-query-$name.txt" 2>&1; echo $? > "$OUT/reg-query-$name.rc"; }
q key "$K"
q s "$K" /s
q v-dw "$K" /v Dw
q ve "$K" /ve
q missing "$K" /v Nope
q sub1 "$K\Sub1"
rm -f "$OUT/reg-export.reg" "$OUT/regedit-export.reg"
wine reg export "$K" 'Z:'"$(echo "$OUT" | tr / '\\')"'\reg-export.reg' /y > "$OUT/reg-export.out" 2>&1
wine regedit /E 'Z:'"$(echo "$OUT" | tr / '\\')"'\regedit-export.reg' "$K" > /dev/null 2>&1
wine reg add "$K\Sub3" /v z /d w /f > "$OUT/reg-add.out" 2>&1
wine reg delete "$K\Sub3" /f > "$OUT/reg-delete.out" 2>&1
wineserver -w
cp "$WINEPREFIX/user.reg" "$OUT/wine-user.reg"
cp "$WINEPREFIX/system.reg" "$OUT/wine-system.reg"
cp "$WINEPREFIX/userdef.reg" "$OUT/wine-userdef.reg"
