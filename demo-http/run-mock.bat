@echo off
rem The course's mock server on Windows (see run-mock.sh): every request is answered with data\user.json
rem and appended as one line to one log file (default demo-http\mock.log).
rem usage: demo-http\run-mock.bat [--port 8080] [--data FILE] [--log FILE]
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\demo-http.jar"
if not exist "%JAR%" (
  echo run-mock: building %JAR% 1>&2
  pushd "%HERE%.."
  call mvn -q -B -pl demo-http -am -DskipTests -DskipITs package
  popd
)
java %JAVA_OPTS% "-Ddemo.http.home=%HERE%." -jar "%JAR%" mock %*
