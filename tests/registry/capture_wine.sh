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
# keys without values (reg-query-extra1..6)
E='HKCU\Software\WlExtra'
r add "$E\A\B" /v q /d 1 /f; r add "$E\E" /v q /d 1 /f; r delete "$E\E" /v q /f
x() { n=$1; shift; wine reg query "$@" > "$OUT/reg-query-extra$n.txt" 2>&1; }
x 1 "$E"; x 2 "$E" /s; x 3 "$E\E"; x 4 "$E\E" /s; x 5 'HKCU\Software\NoSuch'; x 6 "$E\A\B"
# reg-more-*.txt (test_regedit.py::test_more_outputs_match_wine)
m() { n=$1; shift; wine reg "$@" > "$OUT/reg-more-$n.txt" 2>&1 < /dev/null; }
r copy "$K" 'HKCU\Software\WlCopy' /s /f; m copyq query 'HKCU\Software\WlCopy' /s
m qq query "$K\Sub1" /ve
r add "$K" /v M2 /t REG_MULTI_SZ /s '#' /d 'x#y' /f; m mzq query "$K" /v M2
r add "$K" /v D2 /t REG_DWORD /d 4294967295 /f; m dwq query "$K" /v D2
m qs_v query "$K" /v Dw /s
m vmissingroot query 'HKCU' /v NoSuchVal
r add 'HKCU\Software\WlNew' /f; m qnew query 'HKCU\Software\WlNew' /s
r add 'HKCU\Software\WlImp' /v a /d b /f; m delva delete 'HKCU\Software\WlImp' /va /f
m impq2 query 'HKCU\Software\WlImp'
m importmissing import nosuch.reg
# an 8-bit import file with a v5 header (wine-import-odd.reg -> reg-query-odd.txt, reg-export-odd.reg)
wine reg import "$OUT/wine-import-odd.reg" > /dev/null 2>&1
wine reg query 'HKCU\Software\WlImp2' > "$OUT/reg-query-odd.txt" 2>&1
wineserver -w
cp "$WINEPREFIX/user.reg" "$OUT/wine-user.reg"
gzip -9c "$WINEPREFIX/system.reg" > "$OUT/wine-system.reg.gz"
cp "$WINEPREFIX/userdef.reg" "$OUT/wine-userdef.reg"
