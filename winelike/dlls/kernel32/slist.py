"""kernel32's SList exports: forwards to ntdll (winelike/dlls/ntdll/slist.py), as on Windows."""
from . import dll

dll.forward("InitializeSListHead", "ntdll.RtlInitializeSListHead")
dll.forward("InterlockedFlushSList", "ntdll.RtlInterlockedFlushSList")
dll.forward("InterlockedPopEntrySList", "ntdll.RtlInterlockedPopEntrySList")
dll.forward("InterlockedPushEntrySList", "ntdll.RtlInterlockedPushEntrySList")
dll.forward("InterlockedPushListSListEx", "ntdll.RtlInterlockedPushListSListEx")
dll.forward("QueryDepthSList", "ntdll.RtlQueryDepthSList")
