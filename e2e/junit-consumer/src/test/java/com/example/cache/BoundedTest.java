package com.example.cache;

import dev.leakprobe.junit.LeakTest;

class BoundedTest {

    static final Lru<String, byte[]> CACHE = new Lru<>(100);

    private static long next;

    @LeakTest
    void aFullCacheUnderChurnStaysBounded() {
        for (int i = 0; i < 50; i++) {
            CACHE.put("key-" + next++, new byte[1024]);
        }
    }
}
