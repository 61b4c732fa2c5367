# Sends a file to a Windows printer through the spooler in RAW mode (no driver rendering).
# Prints "WRITTEN <n>" on success. Exit 0: all bytes written; 2: printer not opened (nothing sent);
# 3: the document was started but not every byte was written.
param([Parameter(Mandatory)][string]$Printer, [Parameter(Mandatory)][string]$Path, [string]$DocName = 'Quay HCC')
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System; using System.Runtime.InteropServices;
public static class QhccRaw {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool OpenPrinter(string n, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern int StartDocPrinter(IntPtr h, int level, DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int w);
}
'@
$bytes = [System.IO.File]::ReadAllBytes($Path)
$h = [IntPtr]::Zero
if (-not [QhccRaw]::OpenPrinter($Printer, [ref]$h, [IntPtr]::Zero)) { [Console]::Error.WriteLine("OpenPrinter failed: $([Runtime.InteropServices.Marshal]::GetLastWin32Error())"); exit 2 }
$di = New-Object QhccRaw+DOCINFO
$di.pDocName = $DocName; $di.pDataType = 'RAW'
if ([QhccRaw]::StartDocPrinter($h, 1, $di) -eq 0) { [QhccRaw]::ClosePrinter($h) | Out-Null; [Console]::Error.WriteLine('StartDocPrinter failed'); exit 2 }
[QhccRaw]::StartPagePrinter($h) | Out-Null
$written = 0
$ok = [QhccRaw]::WritePrinter($h, $bytes, $bytes.Length, [ref]$written)
[QhccRaw]::EndPagePrinter($h) | Out-Null
[QhccRaw]::EndDocPrinter($h) | Out-Null
[QhccRaw]::ClosePrinter($h) | Out-Null
Write-Output "WRITTEN $written"
if ($ok -and $written -eq $bytes.Length) { exit 0 } else { exit 3 }
