package dev.leakprobe.demo.http.interceptor;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the interceptor sources with the JDK's own compiler (javax.tools) into memory: class files never touch
 * the disk, so a reload leaves nothing behind but what the new class loader holds.
 */
final class InterceptorCompiler {

    private InterceptorCompiler() {}

    /** Binary class name → class file bytes of everything the sources define (nested classes included). */
    static Map<String, byte[]> compile(List<Path> sources) throws CompileFailure {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CompileFailure(
                    "this Java runtime has no compiler (module java.compiler): run the workers on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        try (StandardJavaFileManager files =
                        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
                JavaFileManager inMemory = new InMemoryOutput(files, classes)) {
            List<File> sourceFiles = sources.stream().map(Path::toFile).toList();
            // The worker's class path holds the Interceptor interface and the request and response types.
            List<String> options =
                    List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "-g", "-nowarn");
            boolean compiled = javac.getTask(
                            null, inMemory, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sourceFiles))
                    .call();
            if (!compiled) {
                throw new CompileFailure(errors(diagnostics));
            }
        } catch (IOException e) {
            throw new CompileFailure("cannot read the sources: " + e.getMessage());
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        classes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
        return bytes;
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .limit(5)
                .map(d -> (d.getSource() == null
                                ? ""
                                : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .collect(Collectors.joining("\n"));
    }

    /** Sends every class file javac writes into a byte array of {@code classes}. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, ByteArrayOutputStream> classes;

        InMemoryOutput(StandardJavaFileManager files, Map<String, ByteArrayOutputStream> classes) {
            super(files);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            URI uri = URI.create("memory:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    classes.put(className, out);
                    return out;
                }
            };
        }
    }
}
