package dev.leakprobe.junit.it;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs one fixture class in a JVM of its own and prints how each test ended: {@code FAILED <class>: <message>}. */
public final class FixtureMain {

    private FixtureMain() {}

    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> fixture = Class.forName(args[0]);
        for (Event event : EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents()
                .finished()
                .list()) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            String outcome = result.getThrowable()
                    .map(t -> "FAILED " + t.getClass().getName() + ": " + t.getMessage())
                    .orElse(result.getStatus().name());
            System.out.println(outcome);
        }
    }
}
