; Inno Setup 6.3 or later (x64compatible, UTF-8 script) script: installs the PyInstaller one-folder bundle of ANAISS Desktop on Windows.
;
; Build the bundle first (python packaging\build.py), then, from the checkout's root:
;     python packaging\build.py --installer
; or by hand (the version must be the one in pyproject.toml):
;     iscc /DAppVersion=0.1.0 packaging\windows\anaiss.iss
; The installer is written to dist\anaiss-desktop-<version>-windows-x64-setup.exe.
;
; What it does: the bundle goes to {autopf}\ANAISS Desktop (Program Files), with a Start menu
; folder (the application, the demonstration, a command prompt for anaiss-admin, uninstall) and
; an optional desktop shortcut. An optional task puts the station in a folder shared by every
; Windows account of the PC (%PROGRAMDATA%\ANAISS), for a station used by several people who
; each sign in to Windows with their own account: the folder is created writable by the PC's
; users, and the machine-wide environment variable ANAISS_HOME points to it (the application
; and anaiss-admin both read it; see anaiss_desktop\paths.py). Without the task, each Windows
; account has its own station in %LOCALAPPDATA%\ANAISS Desktop.
;
; Uninstalling NEVER deletes a station: neither %PROGRAMDATA%\ANAISS (flag uninsneveruninstall)
; nor %LOCALAPPDATA%\ANAISS Desktop (never created by this installer). Neither may ever be listed
; in an [UninstallDelete] section: the dossiers of a social service are not the installer's to
; remove. Uninstalling only removes the program files, the shortcuts and ANAISS_HOME.

#define AppName "ANAISS Desktop"
#define AppExe "anaiss-desktop.exe"
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z packaging\windows\anaiss.iss
#endif
#ifndef BundleDir
  ; Relative paths are taken from this script's folder.
  #define BundleDir "..\..\dist\anaiss-desktop"
#endif
#define IconFile AddBackslash(SourcePath) + "..\..\build\icons\anaiss.ico"

[Setup]
; The AppId identifies the application across versions (upgrades, uninstall): never change it.
AppId={{B81A736C-B571-486C-BA45-D0B5EE7D36BE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ANAISS
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: Program Files, the shared data folder and the machine-wide variable need it.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=anaiss-desktop-{#AppVersion}-windows-x64-setup
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; ANAISS_HOME is announced to running programs (Explorer) at the end.
ChangesEnvironment=yes
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
french.SharedGroup=Emplacement des stations :
french.SharedStation=Station partagée par tous les comptes Windows de ce poste (dossier ProgramData\ANAISS) ; sinon, une station par compte Windows
french.AdminPrompt=Administration (anaiss-admin)
french.Demo=Démonstration (données fictives)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "sharedstation"; Description: "{cm:SharedStation}"; GroupDescription: "{cm:SharedGroup}"; Flags: unchecked

[Files]
; The whole one-folder bundle: anaiss-desktop.exe (window), anaiss-admin.exe (console), _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program's own libraries whole (a file dropped by the new version must
; not linger). Program files only: no station is ever under {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; Shared station folder: every user of the PC may create and change files in it (by default
; ProgramData lets a user change only the files they created). Never uninstalled.
Name: "{commonappdata}\ANAISS"; Permissions: users-modify; Flags: uninsneveruninstall; Tasks: sharedstation

[Registry]
; Machine-wide ANAISS_HOME: the application and anaiss-admin open the shared station, whoever
; starts them and however (Start menu, desktop, command prompt). Removed at uninstall; the
; folder it names is not.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "ANAISS_HOME"; ValueData: "{commonappdata}\ANAISS"; Flags: uninsdeletevalue; Tasks: sharedstation

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:Demo}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
; A command prompt opened in the program folder, where anaiss-admin.exe is.
Name: "{group}\{cm:AdminPrompt}"; Filename: "{cmd}"; Parameters: "/k anaiss-admin --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Started as the person who ran the installer, not as the elevated administrator.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] section, on purpose: see the header. Stations are never deleted.
