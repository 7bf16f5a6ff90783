package io.shkmemory.experiments;

import java.io.PrintStream;
import java.time.Duration;

/**
 * One console line per completed cell: what finished, how far the phase is and an estimate of
 * the time left (elapsed time per cell so far, times the cells still to run).
 */
final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();
    private String phase = "";
    private long phaseStart = start;
    private int total;
    private int done;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Starts a phase of {@code cells} cells; 0 when the count is not known in advance. */
    void phase(String name, int cells) {
        phase = name;
        phaseStart = System.nanoTime();
        total = cells;
        done = 0;
        out.printf("== %s%s%n", name, cells > 0 ? " (" + cells + " cells)" : "");
        out.flush();
    }

    /** Raises the expected cell count of a phase whose size is found as it runs. */
    void expect(int cells) {
        total = Math.max(total, done + cells);
    }

    void cellDone(String what) {
        done++;
        double elapsed = seconds(phaseStart);
        String eta = total > done ? ", ETA " + format(elapsed / done * (total - done)) : "";
        out.printf("[%s %d/%d] %s  (%s elapsed%s)%n", phase, done, Math.max(total, done), what,
                format(seconds(start)), eta);
        out.flush();
    }

    void note(String message) {
        out.println(message);
        out.flush();
    }

    double elapsedSeconds() {
        return seconds(start);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String format(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart())
                : String.format("%.1fs", seconds);
    }
}
