package io.shkmemory.engine;

/**
 * The debiased Sinkhorn divergence
 * {@code S_eps(mu, nu) = OT_eps(mu, nu) - OT_eps(mu, mu) / 2 - OT_eps(nu, nu) / 2}
 * with the three solves it came from.
 *
 * @param value        {@code S_eps(mu, nu)}, computed as {@code <a, f - p> + <b, g - q>}
 * @param sourceTarget the solve of {@code OT_eps(mu, nu)}: potentials {@code f}, {@code g}
 * @param sourceSelf   the solve of {@code OT_eps(mu, mu)}: potential {@code p}
 * @param targetSelf   the solve of {@code OT_eps(nu, nu)}: potential {@code q}
 */
public record Divergence(double value, TransportResult sourceTarget,
                         SelfTransportResult sourceSelf, SelfTransportResult targetSelf) {

    public double otSourceTarget() {
        return sourceTarget.value();
    }

    public double otSourceSource() {
        return sourceSelf.value();
    }

    public double otTargetTarget() {
        return targetSelf.value();
    }

    /** Iterations over the three solves. */
    public int iterations() {
        return sourceTarget.iterations() + sourceSelf.iterations() + targetSelf.iterations();
    }

    /** The largest marginal error of the three solves. */
    public double marginalError() {
        return Math.max(sourceTarget.marginalError(),
                Math.max(sourceSelf.marginalError(), targetSelf.marginalError()));
    }

    public boolean converged() {
        return sourceTarget.converged() && sourceSelf.converged() && targetSelf.converged();
    }
}
