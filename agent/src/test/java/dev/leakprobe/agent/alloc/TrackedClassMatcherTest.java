package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedClassMatcherTest {

    @Test
    void matchesNamesAndPackagePrefixesButNeverTheJdkOrTheAgent() {
        TrackedClassMatcher matcher =
                new TrackedClassMatcher(List.of("com.example.Session", "org.demo.*", "java.*", "dev.leakprobe.*"));

        assertThat(matcher.matches("com.example.Session")).isTrue();
        assertThat(matcher.matches("com.example.SessionFactory")).isFalse();
        assertThat(matcher.matches("org.demo.Room")).isTrue();
        assertThat(matcher.matches("org.demo.inner.Member")).isTrue();
        assertThat(matcher.matches("org.demolition.Site")).isFalse();
        assertThat(matcher.matches("java.lang.String")).isFalse();
        assertThat(matcher.matches("dev.leakprobe.agent.bootstrap.TrackedRef")).isFalse();
        assertThat(matcher.matches("dev.leakprobe.agent.shaded.bytebuddy.ByteBuddy"))
                .isFalse();
        assertThat(matcher.matches("dev.leakprobe.demo.Session")).isTrue();
        assertThat(TrackedClassMatcher.isAgentCode(TrackedClassMatcher.class.getProtectionDomain()))
                .isTrue();
        assertThat(TrackedClassMatcher.isAgentCode(TrackedClassMatcherTest.class.getProtectionDomain()))
                .isFalse();
    }
}
