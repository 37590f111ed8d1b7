; Peka machine-wide installer for 64-bit Windows (NSIS 3, Unicode).
;
; Built by `py dev.py bundle` on Windows, which runs, from the checkout:
;   makensis /DVERSION=0.1.0 /DBUNDLE=packaging\out\dist\peka
;            /DCONFIG=packaging\out\config.windows.toml /DICON=packaging\out\peka.ico
;            /DOUTFILE=packaging\out\peka-0.1.0-setup.exe packaging\windows\peka.nsi
; (relative /D paths are resolved against this script's folder by makensis, so
; dev.py passes absolute paths).
;
; Installs:
;   %ProgramFiles%\Peka\             the bundle: peka.exe (console), peka-sidebar.exe
;   %ProgramData%\Peka\config.toml   machine-wide config, written only if absent
;   %ProgramData%\Peka\keys\         supervisors' public keys
;   Start menu: Peka (the sidebar)
;
; Command line (all optional; /S is NSIS's silent install):
;   peka-0.1.0-setup.exe /S [/POLICY=C:\path\policy.signed.json] [/KEY=C:\path\sup.ani.pub]
;                           [/D=C:\Program Files\Peka]   (/D must come last, no quotes)
; /POLICY and /KEY are passed to `peka policy install`, which verifies the signature and
; refuses a policy older than the one installed. Exit codes: 0 done; 1 cancelled;
; 2 aborted (bad command line, not 64-bit Windows); 3 installed, but the policy was refused
; (see the install log in %ProgramData%\Peka\install.log).
;
; Uninstall: "%ProgramFiles%\Peka\uninstall.exe" /S keeps %ProgramData%\Peka (config,
; policy, keys); add /PURGE to delete that folder too.

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "Define VERSION, e.g. /DVERSION=0.1.0"
!endif
!ifndef BUNDLE
  !error "Define BUNDLE: the PyInstaller folder holding peka.exe and peka-sidebar.exe"
!endif
!ifndef CONFIG
  !error "Define CONFIG: config.toml made by packaging\config_template.py windows"
!endif
!ifndef ICON
  !error "Define ICON: peka.ico made by packaging\make_icon.py"
!endif
!ifndef OUTFILE
  !define OUTFILE "peka-${VERSION}-setup.exe"
!endif
!ifndef VIVERSION
  ; Windows file versions have four numbers.
  !define VIVERSION "${VERSION}.0"
!endif

!define PRODUCT "Peka"
!define PUBLISHER "Peka developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Peka"
!define APP_PATHS "Software\Microsoft\Windows\CurrentVersion\App Paths"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
; An upgrade goes where the previous version is.
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\peka-sidebar.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Peka"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var PolicyFile
Var KeyFile
Var MachineDir

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Peka needs 64-bit Windows." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; With the "all users" context $APPDATA is %ProgramData%.
  StrCpy $MachineDir "$APPDATA\${PRODUCT}"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/POLICY=" $PolicyFile
  ${If} ${Errors}
    StrCpy $PolicyFile ""
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/KEY=" $KeyFile
  ${If} ${Errors}
    StrCpy $KeyFile ""
  ${EndIf}
  ${If} $PolicyFile != ""
    GetFullPathName $PolicyFile $PolicyFile
    ${IfNot} ${FileExists} "$PolicyFile"
      MessageBox MB_ICONSTOP "/POLICY= names a file that does not exist." /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${EndIf}
  ${If} $KeyFile != ""
    GetFullPathName $KeyFile $KeyFile
    ${IfNot} ${FileExists} "$KeyFile"
      MessageBox MB_ICONSTOP "/KEY= names a file that does not exist." /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "Peka" SecPeka
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A new bundle replaces the old one completely, so no stale library of an older
  ; version is left beside the new executables.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  File "/oname=peka.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The machine folder: agents may read it, only administrators and SYSTEM may change
  ; it (whoever can add a key to keys\ could sign their own authority policy).
  CreateDirectory "$MachineDir\keys"
  ${IfNot} ${FileExists} "$MachineDir\config.toml"
    SetOutPath "$MachineDir"
    File "/oname=config.toml" "${CONFIG}"
  ${EndIf}
  nsExec::ExecToLog 'icacls "$MachineDir" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls could not restrict $MachineDir (exit $0); check its permissions."
  ${EndIf}

  ${If} $PolicyFile != ""
    StrCpy $1 ""
    ${If} $KeyFile != ""
      StrCpy $1 '--key "$KeyFile"'
    ${EndIf}
    ; `peka policy install` records each policy in the installing account's ledger (`ledger.path`).
    nsExec::ExecToStack '"$INSTDIR\peka.exe" policy install "$PolicyFile" $1 --machine-dir "$MachineDir"'
    Pop $0
    Pop $2
    FileOpen $3 "$MachineDir\install.log" a
    FileSeek $3 0 END
    FileWrite $3 "peka policy install $PolicyFile (exit $0):$\r$\n$2$\r$\n"
    FileClose $3
    DetailPrint "$2"
    ${If} $0 != 0
      MessageBox MB_ICONEXCLAMATION "The policy was not installed:$\r$\n$2" /SD IDOK
      SetErrorLevel 3
    ${EndIf}
  ${ElseIf} $KeyFile != ""
    CopyFiles /SILENT "$KeyFile" "$MachineDir\keys"
  ${EndIf}

  SetOutPath "$INSTDIR"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\peka-sidebar.exe" "" "$INSTDIR\peka.ico" 0

  ; "Run" (Win+R) and `start peka` find the programs without a PATH change.
  WriteRegStr HKLM "${APP_PATHS}\peka.exe" "" "$INSTDIR\peka.exe"
  WriteRegStr HKLM "${APP_PATHS}\peka-sidebar.exe" "" "$INSTDIR\peka-sidebar.exe"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\peka.ico"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  ; Issue 12: peka:// links from the helpdesk open the customer (peka open "%1").
  WriteRegStr HKLM "Software\Classes\peka" "" "URL:Peka link"
  WriteRegStr HKLM "Software\Classes\peka" "URL Protocol" ""
  WriteRegStr HKLM "Software\Classes\peka\DefaultIcon" "" "$INSTDIR\peka.ico"
  WriteRegStr HKLM "Software\Classes\peka\shell\open\command" "" '"$INSTDIR\peka.exe" open "%1"'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  StrCpy $MachineDir "$APPDATA\${PRODUCT}"
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  ; Only what the installer put there: $INSTDIR may be a folder IT chose with /D.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\peka.exe"
  Delete "$INSTDIR\peka-sidebar.exe"
  Delete "$INSTDIR\peka.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${APP_PATHS}\peka.exe"
  DeleteRegKey HKLM "${APP_PATHS}\peka-sidebar.exe"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "Software\Classes\peka"
  ; Machine config, policy and keys stay (IT's files) unless /PURGE is given.
  ${un.GetParameters} $R0
  ClearErrors
  ${un.GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    RMDir /r "$MachineDir"
  ${EndIf}
SectionEnd
