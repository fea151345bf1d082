/* WLTEST-MANUAL: run by tests/dlls/kernel32/test_timezone.py with TZ set: prints the zone as kernel32 sees it. */
#include <windows.h>
#include "wltest.h"
int main(void){ TIME_ZONE_INFORMATION t; DYNAMIC_TIME_ZONE_INFORMATION d; DWORD id=GetTimeZoneInformation(&t);
 wl_out("id %lu bias %ld std '%S' %u/%u/%u %u:%02u sb %ld dl '%S' %u/%u/%u %u:%02u db %ld\r\n", id, t.Bias, t.StandardName, t.StandardDate.wMonth, t.StandardDate.wDay, t.StandardDate.wDayOfWeek, t.StandardDate.wHour, t.StandardDate.wMinute, t.StandardBias, t.DaylightName, t.DaylightDate.wMonth, t.DaylightDate.wDay, t.DaylightDate.wDayOfWeek, t.DaylightDate.wHour, t.DaylightDate.wMinute, t.DaylightBias);
 id=GetDynamicTimeZoneInformation(&d); wl_out("dyn %lu key '%S'\r\n", id, d.TimeZoneKeyName);
 { SYSTEMTIME u={2021,7,0,4,12,0,0,0}, l; SystemTimeToTzSpecificLocalTime(NULL,&u,&l); wl_out("july 12:00Z -> %u:%02u\r\n", l.wHour, l.wMinute);
   u.wMonth=1; SystemTimeToTzSpecificLocalTime(NULL,&u,&l); wl_out("jan 12:00Z -> %u:%02u\r\n", l.wHour, l.wMinute);}
 return 0;}
