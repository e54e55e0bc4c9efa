package com.example.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cache that keeps the most recently used {@code capacity} entries. */
public final class Lru<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    public Lru(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
