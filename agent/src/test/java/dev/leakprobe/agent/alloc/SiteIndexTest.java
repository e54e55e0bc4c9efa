package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteIndexTest {

    private static final StackCapture STACKS = new StackCapture(StackCapture.DEFAULT_DEPTH);

    /** A site with nothing but its frames; every one is as used as another. */
    static final class Plain extends SiteIndex.Site {
        Plain(SiteFrames frames) {
            super(frames);
        }
    }

    private static SiteIndex<Plain> index(int maxSites) {
        return new SiteIndex<>(maxSites, Comparator.comparingInt(site -> 0), Plain::new);
    }

    @Test
    void aStackSeenBeforeIsFoundByItsKeyAndEvictionForgetsItsAliases() {
        SiteIndex<Plain> index = index(1);
        List<StackCapture.Capture> sameLine = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sameLine.add(STACKS.directBufferSite());
        }
        StackCapture.Capture otherLine = STACKS.directBufferSite();

        assertThat(sameLine.get(0).key).isEqualTo(sameLine.get(1).key).isNotEqualTo(otherLine.key);
        Plain first = index.siteOf(sameLine.get(0));
        assertThat(first.frames.get(0))
                .startsWith(SiteIndexTest.class.getName()
                        + ".aStackSeenBeforeIsFoundByItsKeyAndEvictionForgetsItsAliases(SiteIndexTest.java:");
        assertThat(index.siteOf(sameLine.get(1))).isSameAs(first);

        Plain second = index.siteOf(otherLine); // A full index of one: evicts the first.
        assertThat(second.frames).isNotEqualTo(first.frames);
        assertThat(index.dropped()).isEqualTo(1);
        Plain again = index.siteOf(sameLine.get(0));
        assertThat(again).as("its alias went with it").isNotSameAs(first);
        assertThat(again.frames).isEqualTo(first.frames);
        assertThat(index.sites()).containsExactly(again);
    }

    @Test
    void keysOfDifferentBytecodeIndexesOnOneLineShareTheSite() {
        SiteIndex<Plain> index = index(4);
        // Two captures on one line on purpose: same frames text, different bytecode indexes.
        StackCapture.Capture a = STACKS.directBufferSite();
        StackCapture.Capture b = STACKS.directBufferSite();

        assertThat(a.key).isNotEqualTo(b.key);
        assertThat(index.siteOf(a)).isSameAs(index.siteOf(b));
        assertThat(index.sites()).hasSize(1);
    }

    /** 8: every eviction compares all sites, so the threads contend for the same slot; 64: they sample. */
    @ParameterizedTest
    @ValueSource(ints = {8, 64})
    void manyThreadsAddingNewSitesToAFullIndexKeepItAtItsBoundAndCountEveryEviction(int bound) throws Exception {
        int threads = 8;
        int perThread = 5_000;
        SiteIndex<Plain> index = index(bound);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    Plain site = index.siteOf(SiteFrames.of(List.of("app.T" + thread + ".m(T.java:" + i + ")")));
                    assertThat(site.frames).hasSize(1);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(index.sites()).hasSize(bound).doesNotHaveDuplicates();
        assertThat(index.dropped()).isEqualTo((long) threads * perThread - bound);
    }
}
