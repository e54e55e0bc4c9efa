package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteIndexTest {

    @Test
    void aStackSeenBeforeIsFoundByItsKeyAndEvictionForgetsItsAliases() {
        SiteIndex<List<String>> index = new SiteIndex<>(1, Comparator.comparingInt(site -> 0), ArrayList::new);
        List<StackCapture.Capture> sameLine = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sameLine.add(StackCapture.directBufferSite());
        }
        StackCapture.Capture otherLine = StackCapture.directBufferSite();

        assertThat(sameLine.get(0).key).isEqualTo(sameLine.get(1).key).isNotEqualTo(otherLine.key);
        List<String> first = index.siteOf(sameLine.get(0));
        assertThat(first.get(0)).startsWith(SiteIndexTest.class.getName()
                + ".aStackSeenBeforeIsFoundByItsKeyAndEvictionForgetsItsAliases(SiteIndexTest.java:");
        assertThat(index.siteOf(sameLine.get(1))).isSameAs(first);

        List<String> second = index.siteOf(otherLine); // A full index of one: evicts the first.
        assertThat(second).isNotEqualTo(first);
        assertThat(index.dropped()).isEqualTo(1);
        assertThat(index.siteOf(sameLine.get(0))).as("its alias went with it").isNotSameAs(first).isEqualTo(first);
        assertThat(index.sites()).hasSize(1);
    }

    @Test
    void keysOfDifferentBytecodeIndexesOnOneLineShareTheSite() {
        SiteIndex<List<String>> index = new SiteIndex<>(4, Comparator.comparingInt(site -> 0), ArrayList::new);
        // Two captures on one line on purpose: same frames text, different bytecode indexes.
        StackCapture.Capture a = StackCapture.directBufferSite(); StackCapture.Capture b = StackCapture.directBufferSite();

        assertThat(a.key).isNotEqualTo(b.key);
        assertThat(index.siteOf(a)).isSameAs(index.siteOf(b));
        assertThat(index.sites()).hasSize(1);
    }
}
