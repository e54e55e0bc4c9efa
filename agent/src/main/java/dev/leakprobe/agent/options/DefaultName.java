package dev.leakprobe.agent.options;

/** The dump name prefix when {@code name=} is not given: the jar's name, else the main class's simple name. */
public final class DefaultName {

    private DefaultName() {}

    /** @param javaCommand the value of the {@code sun.java.command} property; may be null */
    public static String fromJavaCommand(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            return "java";
        }
        String first = javaCommand.trim().split("\\s+", 2)[0];
        String base;
        if (first.endsWith(".jar")) {
            String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
            base = file.substring(0, file.length() - ".jar".length());
        } else {
            base = first.substring(first.lastIndexOf('.') + 1);
            int slash = base.lastIndexOf('/');
            base = base.substring(slash + 1);
        }
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.-]+", "");
        if (clean.length() > 64) {
            clean = clean.substring(0, 64);
        }
        return clean.isEmpty() ? "java" : clean;
    }
}
