package dev.leakprobe.agent.alloc;

/**
 * Native address of each live direct buffer → the site that allocated it, in {@link #STRIPES} tables chosen by the
 * address's hash, each behind its own monitor. Allocating threads and the Reference Handler (which frees) meet on
 * one monitor only when their addresses fall in the same stripe, for a few array operations.
 *
 * <p>Bounded: each stripe follows at most its share of {@code maxBuffers} (rounded up); beyond that {@link #put}
 * refuses and the buffer is not followed.
 */
final class LiveBuffers {

    static final int STRIPES = 32;

    private final LiveBufferTable[] stripes;
    private final int mask;

    LiveBuffers(int maxBuffers) {
        int count = Math.min(STRIPES, Integer.highestOneBit(Math.max(1, maxBuffers)));
        int perStripe = (maxBuffers + count - 1) / count;
        stripes = new LiveBufferTable[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new LiveBufferTable(perStripe);
        }
        mask = count - 1;
    }

    /** Records {@code address} (never 0); returns false when its stripe is full. */
    boolean put(long address, DirectSite site) {
        LiveBufferTable table = stripeOf(address);
        synchronized (table) {
            return table.put(address, site);
        }
    }

    /** Forgets {@code address}; returns its site, or null when it was not recorded. */
    DirectSite remove(long address) {
        LiveBufferTable table = stripeOf(address);
        synchronized (table) {
            return table.remove(address);
        }
    }

    /** What {@link #forEach} calls for each followed buffer, holding its stripe's monitor: keep it short. */
    interface Visitor {
        void visit(long address, DirectSite site);
    }

    /** Each followed buffer's address and site, one stripe at a time (frees wait only for their own stripe). */
    void forEach(Visitor visitor) {
        for (LiveBufferTable table : stripes) {
            synchronized (table) {
                table.forEach(visitor);
            }
        }
    }

    int size() {
        int size = 0;
        for (LiveBufferTable table : stripes) {
            synchronized (table) {
                size += table.size();
            }
        }
        return size;
    }

    private LiveBufferTable stripeOf(long address) {
        // The table mixes the address for its slots; the stripe takes other bits of another mix.
        long h = (address >>> 4) * 0xC2B2AE3D27D4EB4FL;
        return stripes[(int) (h >>> 59) & mask];
    }
}
