package com.example.cache;

import dev.leakprobe.junit.LeakTest;
import java.util.ArrayList;
import java.util.List;

class LeakyTest {

    static final List<byte[]> LEAKED = new ArrayList<>();

    @LeakTest
    void keepsAKilobyteOfEveryRun() {
        LEAKED.add(new byte[1024]);
    }
}
