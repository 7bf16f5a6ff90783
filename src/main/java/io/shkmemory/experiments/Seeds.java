package io.shkmemory.experiments;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the base seed and a path of labels
 * (experiment, dimension, memory, query...), so that any cell can be recomputed alone and
 * results do not depend on the order or the threads the cells ran on.
 */
final class Seeds {

    private Seeds() {
    }

    /** A generator for the stream named by {@code labels} under {@code base}. */
    static SplittableRandom stream(long base, long... labels) {
        long h = mix(base);
        for (long label : labels) {
            h = mix(h ^ mix(label + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
