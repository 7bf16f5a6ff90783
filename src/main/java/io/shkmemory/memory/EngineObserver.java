package io.shkmemory.memory;

import io.shkmemory.engine.Divergence;
import io.shkmemory.engine.RetrievalResult;

/** Told about engine work as it completes; the metrics implement it. */
public interface EngineObserver {

    void retrieved(RetrievalResult result, long elapsedNanos);

    void searched(int patternCount, long elapsedNanos);

    void divergenceComputed(Divergence divergence);

    void rejected();

    /** Does nothing. */
    EngineObserver NONE = new EngineObserver() {
        @Override
        public void retrieved(RetrievalResult result, long elapsedNanos) {
        }

        @Override
        public void searched(int patternCount, long elapsedNanos) {
        }

        @Override
        public void divergenceComputed(Divergence divergence) {
        }

        @Override
        public void rejected() {
        }
    };
}
