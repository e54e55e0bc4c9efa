package dev.leakprobe.analyzer.report;

import dev.leakprobe.analyzer.diff.DumpFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dumps' warnings for the terminal, one line for what several dumps say alike: "17,434 objects (1.1 MB) ..." in
 * dump 1 and "17,683 objects (1.1 MB) ..." in dump 2 are the same warning with other figures, shown once with the
 * range of each figure ("17,434–17,683 objects (1.1 MB) ... (all 3 dumps)").
 */
public final class WarningLines {

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    private WarningLines() {}

    /** One line per distinct warning, in the order the dumps first say them. */
    public static List<String> of(List<DumpFacts> dumps) {
        Map<String, List<String>> byShape = new LinkedHashMap<>();
        Map<String, List<Integer>> dumpsOf = new LinkedHashMap<>();
        for (int d = 0; d < dumps.size(); d++) {
            for (String warning : dumps.get(d).warnings()) {
                String shape = NUMBER.matcher(warning).replaceAll("#");
                byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(warning);
                List<Integer> which = dumpsOf.computeIfAbsent(shape, s -> new ArrayList<>());
                if (which.isEmpty() || which.get(which.size() - 1) != d + 1) {
                    which.add(d + 1);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        byShape.forEach((shape, texts) -> lines.add(merged(texts) + where(dumpsOf.get(shape), dumps.size())));
        return lines;
    }

    /** The first text with each figure that differs among the texts replaced by its range, lowest–highest. */
    static String merged(List<String> texts) {
        if (texts.size() == 1) {
            return texts.get(0);
        }
        List<List<String>> figures = texts.stream().map(WarningLines::figures).toList();
        Matcher m = NUMBER.matcher(texts.get(0));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String low = m.group();
            String high = m.group();
            for (List<String> other : figures) {
                String value = other.get(i);
                if (value(value).compareTo(value(low)) < 0) {
                    low = value;
                }
                if (value(value).compareTo(value(high)) > 0) {
                    high = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(low.equals(high) ? low : low + "–" + high));
            i++;
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String where(List<Integer> which, int dumps) {
        if (dumps < 2) {
            return "";
        }
        if (which.size() == dumps) {
            return " (all " + dumps + " dumps)";
        }
        StringBuilder text = new StringBuilder(which.size() == 1 ? " (dump #" : " (dumps ");
        for (int i = 0; i < which.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(which.size() == 1 ? "" : "#").append(which.get(i));
        }
        return text.append(')').toString();
    }

    private static List<String> figures(String text) {
        List<String> figures = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            figures.add(m.group());
        }
        return figures;
    }

    private static BigDecimal value(String figure) {
        return new BigDecimal(figure.replace(",", ""));
    }
}
