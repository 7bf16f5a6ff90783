package io.shkmemory.memory;

import java.util.Locale;

import io.shkmemory.engine.SinkhornSolver;

/** The heap engine work holds, against the engine's memory budget. */
public final class EngineMemory {

    private EngineMemory() {
    }

    /**
     * The most points a cloud may hold for its own solve ({@code OT(mu, mu)}) to fit in
     * {@code budget} bytes. Every solve between two clouds within this size fits too.
     */
    public static int maxPoints(long budget) {
        double points = Math.floor(Math.sqrt((double) budget / SinkhornSolver.PEAK_BYTES_PER_PAIR));
        return (int) Math.min(Integer.MAX_VALUE, points);
    }

    /** Bytes in the unit people read: "381 MB", "1.5 GB" (powers of 1024). */
    public static String describe(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / (double) (1L << 20))));
    }

    /**
     * Checks that work whose solves hold {@code bytes} at once fits the budget at all.
     *
     * @param field the request field to blame
     * @param work  what the work is, for the message ("a divergence of 3000 and 2000 points")
     * @throws ExceedsEngineMemoryException when it does not
     */
    static void checkFits(String field, String work, long bytes, long budget) {
        if (bytes > budget) {
            throw new ExceedsEngineMemoryException(field, work + " holds about " + describe(bytes)
                    + " of heap, more than the engine's memory budget of " + describe(budget)
                    + " (shk.engine.memory-budget)");
        }
    }
}
