package dev.leakprobe.agent.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultNameTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "demo-leaky-chat/target/leaky-chat.jar --port 8080 | leaky-chat",
                "dev.leakprobe.demo.ChatServer 8080 | ChatServer",
                "my.module/com.example.Main | Main",
                "Main | Main",
                "NULL | java",
                "'  ' | java",
                "/opt/app/My App!.jar | My",
            })
    void jarNameElseMainClassSimpleName(String command, String expected) {
        assertThat(DefaultName.fromJavaCommand(command)).isEqualTo(expected);
    }
}
