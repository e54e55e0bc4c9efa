@echo off
rem The course's cluster on Windows (see run-cluster.sh). The JDK offers no SO_REUSEPORT on Windows: the
rem supervisor says so and runs one worker, with the leakprobe agent and a dump every hour in dumps\worker-1.
rem usage: demo-http\run-cluster.bat [--port 8080] [--interceptors DIR] [--dumps dumps] [--agent-options interval=1h]
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\demo-http.jar"
set "AGENT=%HERE%..\agent\target\leakprobe-agent.jar"
if not exist "%JAR%" goto build
if not exist "%AGENT%" goto build
goto run
:build
echo run-cluster: building %JAR% and %AGENT% 1>&2
pushd "%HERE%.."
call mvn -q -B -pl demo-http -am -DskipTests -DskipITs package
popd
:run
java -Xmx64m -jar "%JAR%" cluster --interceptors "%HERE%interceptors" --agent "%AGENT%" --agent-options interval=1h %*
