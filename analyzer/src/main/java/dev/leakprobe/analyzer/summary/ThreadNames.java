package dev.leakprobe.analyzer.summary;

import java.util.Comparator;

/** Names of threads as a user reads them: numbered pool threads in number order, and a pool by its pattern. */
public final class ThreadNames {

    private ThreadNames() {}

    /** Runs of digits compare as numbers: {@code import-worker-2} before {@code import-worker-10}. */
    public static final Comparator<String> NATURAL_ORDER = ThreadNames::compareNatural;

    /**
     * The pattern of a pool's names, {@code rates-refresh-N} for {@code rates-refresh-1} and {@code rates-refresh-12}:
     * the two names with each run of digits where they differ as {@code N}; null when they differ elsewhere.
     */
    public static String pattern(String first, String last) {
        java.util.List<String> a = runs(first);
        java.util.List<String> b = runs(last);
        if (a.size() != b.size()) {
            return null;
        }
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean digits = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
            if (!x.equals(y) && !digits) {
                return null;
            }
            result.append(x.equals(y) ? x : "N");
        }
        return result.toString();
    }

    /** The name cut into runs of digits and runs of other characters. */
    private static java.util.List<String> runs(String name) {
        java.util.List<String> runs = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= name.length(); i++) {
            if (i == name.length() || Character.isDigit(name.charAt(i)) != Character.isDigit(name.charAt(i - 1))) {
                runs.add(name.substring(start, i));
                start = i;
            }
        }
        return runs;
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String numberA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String numberB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int byLength = Integer.compare(numberA.length(), numberB.length());
                int c = byLength != 0 ? byLength : numberA.compareTo(numberB);
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }
}
