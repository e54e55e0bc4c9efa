package dev.leakprobe.agent.alloc;

/**
 * Native address of each live direct buffer → the site that allocated it, so that a free subtracts from the right
 * site. Open addressing on a {@code long[]} (linear probing, backward-shift deletion): a few bytes per live buffer
 * and no garbage, because a leak is exactly when this table is large.
 *
 * <p>Bounded: holds at most {@code maxEntries}; beyond that, {@link #put} refuses and the buffer is not followed.
 * Not thread-safe: {@link LiveBuffers} holds the monitor of its stripe around every call.
 */
final class LiveBufferTable {

    /** Small: {@link LiveBuffers} makes one per stripe, and most stay small. */
    private static final int INITIAL_CAPACITY = 64;

    private final int maxEntries;
    private long[] addresses;
    private DirectSite[] sites;
    private int size;

    LiveBufferTable(int maxEntries) {
        this.maxEntries = maxEntries;
        this.addresses = new long[INITIAL_CAPACITY];
        this.sites = new DirectSite[INITIAL_CAPACITY];
    }

    int size() {
        return size;
    }

    /** Records {@code address} (never 0); returns false when the table is full. */
    boolean put(long address, DirectSite site) {
        if (size >= maxEntries) {
            return false;
        }
        if ((size + 1) * 2 > addresses.length) {
            grow();
        }
        int mask = addresses.length - 1;
        int i = indexOf(address, mask);
        while (addresses[i] != 0) {
            if (addresses[i] == address) { // A reused address whose free we missed: the newest owner wins.
                sites[i] = site;
                return true;
            }
            i = (i + 1) & mask;
        }
        addresses[i] = address;
        sites[i] = site;
        size++;
        return true;
    }

    /** Each recorded address with its site. */
    void forEach(LiveBuffers.Visitor visitor) {
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] != 0) {
                visitor.visit(addresses[i], sites[i]);
            }
        }
    }

    /** Forgets {@code address}; returns its site, or null when it was not recorded. */
    DirectSite remove(long address) {
        int mask = addresses.length - 1;
        int i = indexOf(address, mask);
        while (addresses[i] != address) {
            if (addresses[i] == 0) {
                return null;
            }
            i = (i + 1) & mask;
        }
        DirectSite removed = sites[i];
        shiftBack(i, mask);
        size--;
        return removed;
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole, so lookups need no tombstones. */
    private void shiftBack(int hole, int mask) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (addresses[i] == 0) {
                break;
            }
            int home = indexOf(addresses[i], mask);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                addresses[hole] = addresses[i];
                sites[hole] = sites[i];
                hole = i;
            }
        }
        addresses[hole] = 0;
        sites[hole] = null;
    }

    private void grow() {
        long[] oldAddresses = addresses;
        DirectSite[] oldSites = sites;
        addresses = new long[oldAddresses.length * 2];
        sites = new DirectSite[oldSites.length * 2];
        int mask = addresses.length - 1;
        for (int j = 0; j < oldAddresses.length; j++) {
            if (oldAddresses[j] != 0) {
                int i = indexOf(oldAddresses[j], mask);
                while (addresses[i] != 0) {
                    i = (i + 1) & mask;
                }
                addresses[i] = oldAddresses[j];
                sites[i] = oldSites[j];
            }
        }
    }

    private static int indexOf(long address, int mask) {
        long h = address * 0x9E3779B97F4A7C15L; // Addresses are aligned: mix the high bits down.
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
