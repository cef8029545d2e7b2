package org.serspark.model;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's inverted {@link Dropout}, with its mask kept per thread.
 *
 * <p>DL4J 1.0.0-M2's {@code Dropout} stores the mask of the last forward pass in the configuration object itself.
 * In Spark local mode every worker thread builds its network from the same broadcast configuration, so workers
 * shared those objects and one thread's backprop cleared another's mask ("Dropout mask array is absent (already
 * cleared?)"). Keeping one delegate per thread makes the configuration safe to share; the arithmetic is DL4J's.
 */
public final class ThreadSafeDropout implements IDropout {
    private static final long serialVersionUID = 1L;

    @JsonProperty("p")
    private final double retain;
    @JsonIgnore
    private transient volatile ThreadLocal<Dropout> delegate;

    /** @param retain probability of keeping an activation (DL4J's convention: 1 - dropout rate) */
    @JsonCreator
    public ThreadSafeDropout(@JsonProperty("p") double retain) {
        if (!(retain > 0 && retain <= 1)) {
            throw new IllegalArgumentException("retain probability must be in (0, 1], got " + retain);
        }
        this.retain = retain;
    }

    @JsonProperty("p")
    public double getP() {
        return retain;
    }

    private Dropout local() {
        ThreadLocal<Dropout> d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = ThreadLocal.withInitial(() -> new Dropout(retain));
                    delegate = d;
                }
            }
        }
        return d.get();
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        return local().applyDropout(input, result, iteration, epoch, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        return local().backprop(gradAtOutput, gradAtInput, iteration, epoch);
    }

    @Override
    public void clear() {
        local().clear();
    }

    @Override
    public IDropout clone() {
        return new ThreadSafeDropout(retain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadSafeDropout t && t.retain == retain;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(retain);
    }

    @Override
    public String toString() {
        return "ThreadSafeDropout(p=" + retain + ")";
    }
}
