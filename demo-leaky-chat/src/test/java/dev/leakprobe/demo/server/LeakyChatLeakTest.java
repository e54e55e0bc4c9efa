package dev.leakprobe.demo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class LeakyChatLeakTest {

    @Test
    void theLeakTestOfTheLeakingServerFailsNamingRoomMembers() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(LeakyChatScenario.class))
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.finished()
                .list()
                .get(0)
                .getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        String[] lines = failure.getMessage().split("\n");
        assertThat(lines[0])
                .startsWith("Session objects accumulate in Room.members: +")
                .endsWith(" over 100 iterations (+1.0 objects each)");
        assertThat(lines[1])
                .contains("ChatServer.rooms → ", "Room.members → ArrayList.elementData → Object[] → " + "Session ×110");
    }
}
