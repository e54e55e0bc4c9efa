package dev.leakprobe.analyzer.heap.hprof;

import java.util.Arrays;

/**
 * Object addresses → dense ids: the id of an object is the rank of its address, as in the MAT engine, so that both
 * engines order objects (and references, and roots) alike. Lookups go through a table of buckets over the address
 * range, then a binary search within one bucket: about two cache misses, in a fraction of a hash map's memory.
 *
 * <p>Addresses are unsigned: an 8-byte identifier at or above 2^63 is a valid address that follows all the others
 * (sorted as signed numbers, such a dump looked damaged).
 */
final class AddressIndex {

    /** Addresses below this are the engine's made-up objects (the system class loader at 0, missing classes). */
    private static final long LOW = 4096;

    private final long[] sorted;
    /** How many addresses are below {@link #LOW}: kept out of the buckets, or they would stretch the range. */
    private final int low;

    private final long min;
    private final int shift;
    /** {@code bucketStart[b]} is the first rank whose address falls in bucket {@code b}. */
    private final int[] bucketStart;

    /** @param addresses every object's address, in any order; sorted in place, unsigned */
    AddressIndex(long[] addresses) {
        sortUnsigned(addresses);
        this.sorted = addresses;
        int n = addresses.length;
        int l = 0;
        while (l < n && Long.compareUnsigned(addresses[l], LOW) < 0) {
            l++;
        }
        this.low = l;
        this.min = l == n ? 0 : addresses[l];
        long range = l == n ? 1 : addresses[n - 1] - min + 1;
        // About four objects per bucket.
        long wanted = Math.max(1, n / 4);
        int s = 0;
        while (Long.compareUnsigned(range >>> s, wanted) > 0) {
            s++;
        }
        this.shift = s;
        int buckets = (int) ((range - 1) >>> s) + 1;
        bucketStart = new int[buckets + 1];
        int b = 0;
        for (int i = l; i < n; i++) {
            int bucket = (int) ((addresses[i] - min) >>> s);
            while (b <= bucket) {
                bucketStart[b++] = i;
            }
        }
        while (b <= buckets) {
            bucketStart[b++] = n;
        }
        if (l < n) {
            // Buckets before the first one hold no address: ranks start at {@code low}.
            for (int i = 0; i <= buckets && bucketStart[i] < l; i++) {
                bucketStart[i] = l;
            }
        }
    }

    /** Sorts as unsigned numbers: the sign bit flipped, sorted, flipped back. */
    private static void sortUnsigned(long[] addresses) {
        boolean high = false;
        for (long a : addresses) {
            if (a < 0) {
                high = true;
                break;
            }
        }
        if (!high) {
            Arrays.parallelSort(addresses);
            return;
        }
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] ^= Long.MIN_VALUE;
        }
        Arrays.parallelSort(addresses);
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] ^= Long.MIN_VALUE;
        }
    }

    /** The arrays this index keeps, in bytes: for the engine's memory budget. */
    long bytesKept() {
        return 8L * sorted.length + 4L * bucketStart.length;
    }

    int size() {
        return sorted.length;
    }

    long address(int id) {
        return sorted[id];
    }

    /** The first address that appears twice, or -1: a dump where two objects share an address is corrupt. */
    long firstDuplicate() {
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return sorted[i];
            }
        }
        return -1;
    }

    /** The id of the object at {@code address}, or -1 when no object of the dump has it. */
    int idOf(long address) {
        if (Long.compareUnsigned(address, LOW) < 0) {
            int found = Arrays.binarySearch(sorted, 0, low, address);
            return found >= 0 ? found : -1;
        }
        if (Long.compareUnsigned(address, min) < 0 || low == sorted.length) {
            return -1;
        }
        long offset = address - min;
        long bucket = offset >>> shift;
        if (Long.compareUnsigned(bucket, bucketStart.length - 1) >= 0) {
            return -1;
        }
        int lo = bucketStart[(int) bucket];
        int hi = bucketStart[(int) bucket + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(sorted[mid], address);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
