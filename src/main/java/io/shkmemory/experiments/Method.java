package io.shkmemory.experiments;

import java.util.Arrays;

/** The recall methods compared on the same queries. */
enum Method {

    /** SHK retrieval: transport steps and reweighting. */
    SHK("shk", "SHK (positions + weights)"),
    /** SHK retrieval with weightStep 0: the Wasserstein ablation. */
    POSITIONS_ONLY("positions-only", "SHK positions only"),
    /** The stored pattern of smallest S_eps to the query, no dynamics. */
    NEAREST("nearest", "nearest by S_eps"),
    /** Euclidean modern Hopfield on the query flattened in the pattern's stored order. */
    HOPFIELD_STORED("hopfield-stored", "Hopfield, stored order"),
    /** Euclidean modern Hopfield on the query flattened in the order it arrives. */
    HOPFIELD_RECEIVED("hopfield-received", "Hopfield, received order");

    private final String id;
    private final String label;

    Method(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used on the command line and in CSV files. */
    String id() {
        return id;
    }

    /** The name used in plots and tables. */
    String label() {
        return label;
    }

    /** Whether the method sees the points in the order they were stored (or does not care). */
    boolean seesStoredOrder() {
        return this != HOPFIELD_RECEIVED;
    }

    static Method byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + id
                        + "', expected one of "
                        + Arrays.stream(values()).map(Method::id).toList()));
    }
}
