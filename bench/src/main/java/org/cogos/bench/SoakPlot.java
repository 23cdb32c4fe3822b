package org.cogos.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's heap and RSS against time as an SVG line chart, written by hand: three polylines on a grid are all it
 * takes, and a plotting library would be the bench's largest dependency for it.
 */
final class SoakPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 56;
    private static final int BOTTOM = 50;
    /** At most this many grid lines above zero, at round steps. */
    private static final int GRID_LINES = 5;

    private SoakPlot() {
    }

    static String svg(List<SoakSample> samples, String title) {
        double minutes = Math.ceil(samples.get(samples.size() - 1).minute());
        double maxMb = samples.stream().mapToDouble(s -> Math.max(s.heapMb(), s.rssMb())).max().orElse(1);
        double stepMb = niceCeiling(maxMb / GRID_LINES);
        double topMb = stepMb * Math.ceil(maxMb / stepMb);
        StringBuilder svg = new StringBuilder(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(format("<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n", WIDTH / 2,
                title));
        for (int k = 0; k <= Math.round(topMb / stepMb); k++) {
            double mb = k * stepMb;
            svg.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT,
                    y(mb, topMb), WIDTH - RIGHT, y(mb, topMb)));
            svg.append(format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT - 6,
                    y(mb, topMb) + 4, mb));
        }
        // A label per minute, up to ten of them.
        int step = (int) Math.max(1, Math.ceil(minutes / 10));
        for (int m = 0; m <= minutes; m += step) {
            svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x(m, minutes),
                    HEIGHT - BOTTOM + 18, m));
        }
        svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes since the robots started"
                + "</text>%n", WIDTH / 2, HEIGHT - 12));
        svg.append(format("<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">MB"
                + "</text>%n", HEIGHT / 2, HEIGHT / 2));
        svg.append(polyline(samples, SoakSample::rssMb, minutes, topMb, "#d95f02"));
        svg.append(polyline(samples, SoakSample::heapMb, minutes, topMb, "#1b9e77"));
        svg.append(polyline(SoakBenchmark.afterFullGc(samples), SoakSample::liveMb, minutes, topMb, "#7570b3"));
        // The legend above the plot, where no line can run through it.
        svg.append(format("<text x=\"%d\" y=\"%d\" fill=\"#d95f02\">RSS (/proc VmRSS)</text>%n", LEFT,
                TOP - 14));
        svg.append(format("<text x=\"%d\" y=\"%d\" fill=\"#1b9e77\">heap after the last GC (jstat -gc)</text>%n",
                LEFT + 130, TOP - 14));
        svg.append(format("<text x=\"%d\" y=\"%d\" fill=\"#7570b3\">live heap (after a full GC)</text>%n",
                LEFT + 350, TOP - 14));
        return svg.append("</svg>\n").toString();
    }

    private static String polyline(List<SoakSample> samples, ToDoubleFunction<SoakSample> mb, double minutes,
            double topMb, String colour) {
        StringBuilder points = new StringBuilder();
        for (SoakSample s : samples) {
            points.append(format("%.1f,%.1f ", x(s.minute(), minutes), y(mb.applyAsDouble(s), topMb)));
        }
        return format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour,
                points.toString().trim());
    }

    private static double x(double minute, double minutes) {
        return LEFT + minute / minutes * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double mb, double topMb) {
        return HEIGHT - BOTTOM - mb / topMb * (HEIGHT - TOP - BOTTOM);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}: round grid steps. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 5}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
