@echo off
rem leakprobe — find memory leaks in JVMs. See bin/leakprobe for the commands.
setlocal
set "ROOT=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
if "%LEAKPROBE_JAVA_OPTS%"=="" set "LEAKPROBE_JAVA_OPTS=-XX:MaxRAMPercentage=70"
if /I "%~1"=="attach" goto agent
if /I "%~1"=="dump" goto agent
if /I "%~1"=="watch" (
  echo leakprobe: watch needs a POSIX shell ^(bin/leakprobe^); on Windows run: java -jar agent\target\leakprobe-agent.jar watch ..., then leakprobe diff on the dumps it prints 1>&2
  exit /b 2
)
"%JAVA%" %LEAKPROBE_JAVA_OPTS% -jar "%ROOT%\analyzer\target\leakprobe-analyzer.jar" %*
exit /b %ERRORLEVEL%
:agent
"%JAVA%" -jar "%ROOT%\agent\target\leakprobe-agent.jar" %*
exit /b %ERRORLEVEL%
