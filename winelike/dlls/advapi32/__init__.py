"""advapi32.dll: declared here so programs that import it load; its functions arrive with their own issue."""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("advapi32.dll")
