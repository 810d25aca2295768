package dev.turnstile.bench.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** Numbers for people: three significant figures, thousands separated; a dash for what was not measured. */
final class Fmt {
    static final String NONE = "–";

    private Fmt() {
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NONE;
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String num(OptionalDouble value) {
        return value.isPresent() ? num(value.getAsDouble()) : NONE;
    }

    /** A ratio, "12×"; a dash when either side is missing. */
    static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return NONE;
        }
        double ratio = numerator / denominator;
        return (ratio >= 10 ? String.format(Locale.ROOT, "%,.0f", ratio) : String.format(Locale.ROOT, "%.1f", ratio))
                + "×";
    }

    static double or(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : Double.NaN;
    }

    /** Bytes as B, KB or MB (1 KB = 1024 B). */
    static String bytes(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        if (value >= 1 << 20) {
            return num(value / (1 << 20)) + " MB";
        }
        if (value >= 1024) {
            return num(value / 1024) + " KB";
        }
        return num(value) + " B";
    }
}
