@echo off
rem Starts the Helmdesk agent on Windows in the foreground. Stop it with Ctrl+C.
setlocal
set "HELMDESK_HOME=%~dp0.."
if "%HELMDESK_DATA%"=="" set "HELMDESK_DATA=%LOCALAPPDATA%\Helmdesk\agent"
if not exist "%HELMDESK_DATA%\logs" mkdir "%HELMDESK_DATA%\logs"

if not exist "%HELMDESK_HOME%\etc\io.helmdesk.agent.cfg" (
    echo The agent has no configuration: %HELMDESK_HOME%\etc\io.helmdesk.agent.cfg is missing. 1>&2
    exit /b 78
)

rem Java 21 or newer: HELMDESK_JAVA_HOME, then JAVA_HOME, then java on the PATH.
set "HELMDESK_JAVA=java"
if not "%JAVA_HOME%"=="" set "HELMDESK_JAVA=%JAVA_HOME%\bin\java.exe"
if not "%HELMDESK_JAVA_HOME%"=="" set "HELMDESK_JAVA=%HELMDESK_JAVA_HOME%\bin\java.exe"

echo Helmdesk agent
echo   Configuration: %HELMDESK_HOME%\etc\io.helmdesk.agent.cfg
echo   Data:          %HELMDESK_DATA%

cd /d "%HELMDESK_HOME%"
"%HELMDESK_JAVA%" %HELMDESK_JAVA_OPTS% --enable-native-access=ALL-UNNAMED ^
    "-Dhelmdesk.home=%HELMDESK_HOME%" ^
    "-Dhelmdesk.data=%HELMDESK_DATA%" ^
    "-Dfelix.config.properties=file:%HELMDESK_HOME%/conf/config.properties" ^
    "-Dlogback.configurationFile=%HELMDESK_HOME%/etc/logback.xml" ^
    -cp "%HELMDESK_HOME%\lib\*" org.apache.felix.main.Main
