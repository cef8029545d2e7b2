package org.serspark.model;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM (no peepholes, sigmoid gates, tanh activations) computed the same way as {@code LSTMHelpers} does
 * but with far fewer native calls, plugged in through DL4J's own helper hook (the one cuDNN uses on GPUs).
 *
 * <p>Why: DL4J 1.0.0-M2 runs an LSTM step as about 30 small native operations forward and 50 backward, each one
 * allocating in a workspace, plus three matrix products per step for the weight gradients. On CPU that
 * bookkeeping, not the arithmetic, is most of the training time (issue 4). Here the input projection of every time
 * step is one matrix product, the weight gradients and the epsilon for the layer below are three more after the
 * backward loop, and each time step costs one product with the recurrent weights (through ND4J's BLAS, into buffers
 * allocated once); the element-wise gate arithmetic runs as plain Java loops over heap arrays in [t][example][unit]
 * order. A training feed-forward also keeps what backprop needs, which DL4J would compute again.
 *
 * <p>The arithmetic follows {@code LSTMHelpers} operation for operation (gate order input-modulation, forget,
 * output, input gate; the mask multiplies the hidden and cell state forward and the deltas backward), so results
 * equal DL4J's to float rounding ({@code FusedLstmTest}). Configurations it does not cover (peepholes, other
 * activations, backwards direction, truncated BPTT, non-float data) are left to DL4J: {@link #activate} returns
 * null and DL4J computes as usual.
 *
 * <p>One instance per layer instance; a layer is used by one thread at a time.
 */
final class FusedLstmHelper implements LSTMHelper {
    /** Per-step operands of the recurrent matrix products, outside every workspace, reused while shapes hold. */
    private StepBuffers step;
    /**
     * The forward pass of the last training feed-forward, with the input it saw. DL4J 1.0.0-M2 runs an LSTM's
     * forward pass twice per training step (the feed-forward, then again inside backprop, its cache being switched
     * off); a training feed-forward here keeps what backprop needs and backprop of the same input takes it.
     */
    private FusedFwdPass pending;
    private INDArray pendingInput;

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(IActivation gateFn, IActivation activationFn, boolean hasPeepholeConnections) {
        return gateFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH && !hasPeepholeConnections;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    /** What the backward pass needs from the forward one, on the heap, laid out [t][example][unit]. */
    static final class FusedFwdPass extends FwdPassReturn {
        int examples;
        int units;
        int steps;
        float[] blockInput; // tanh(z_i), the input modulation
        float[] forget;
        float[] output;
        float[] inputGate;
        float[] cell;
        float[] cellTanh;
        float[] hidden;
        float[] initialHidden;
        float[] initialCell;
        float[] mask; // [example][t], or null
    }

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn,
                                  INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray biases,
                                  boolean training, INDArray prevOutputActivations, INDArray prevMemCellState,
                                  boolean forBackprop, boolean forwards, String inputWeightKey, INDArray maskArray,
                                  boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        IActivation afn = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        if (!forwards || input.rank() != 3 || input.dataType() != DataType.FLOAT
                || recurrentWeights.dataType() != DataType.FLOAT
                || !checkSupported(gateActivationFn, afn, hasPeepholeConnections)
                || recurrentWeights.size(1) != 4 * recurrentWeights.size(0)) {
            return null;
        }
        if (forBackprop && pending != null && pendingInput == input) {
            FusedFwdPass f = pending; // same input object, weights not updated in between: same values
            pending = null;
            pendingInput = null;
            return f;
        }
        pending = null;
        pendingInput = null;
        boolean keep = forBackprop || training;
        int nb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int nt = (int) input.size(2);
        int nh = (int) recurrentWeights.size(0);
        int ng = 4 * nh;
        int tb = nt * nb;
        int hb = nh * nb;
        int gb = ng * nb;
        float[] mask = maskOf(maskArray, nb, nt);
        if (maskArray != null && mask == null) {
            return null;
        }

        // the input projection of every step in one product: z[t][b][j] = sum_i x[b][i][t] W[i][j]
        INDArray x = byStep(input, nb, nIn, nt);
        INDArray zT = Nd4j.createUninitialized(DataType.FLOAT, new long[] {ng, tb}, 'f');
        Nd4j.gemm(inputWeights, x, zT, true, false, 1.0, 0.0);
        float[] z = flat(zT);
        float[] bias = flat(biases.dup('c'));
        INDArray rw = recurrentWeights.dup('f');

        StepBuffers s = stepBuffers(nb, nh);
        float[] h = initial(prevOutputActivations, nb, nh);
        float[] c = initial(prevMemCellState, nb, nh);
        float[] out = new float[nt * hb]; // [t][b][u]
        FusedFwdPass fwd = new FusedFwdPass();
        if (keep) {
            fwd.examples = nb;
            fwd.units = nh;
            fwd.steps = nt;
            fwd.blockInput = new float[nt * hb];
            fwd.forget = new float[nt * hb];
            fwd.output = new float[nt * hb];
            fwd.inputGate = new float[nt * hb];
            fwd.cell = new float[nt * hb];
            fwd.cellTanh = new float[nt * hb];
            fwd.hidden = out;
            fwd.initialHidden = h.clone();
            fwd.initialCell = c.clone();
            fwd.mask = mask;
        }
        float[] rec = s.gates;
        for (int t = 0; t < nt; t++) {
            // rec[b][j] = sum_u h_{t-1}[b][u] RW[u][j]
            s.hBuf.put(0, h, 0, hb);
            Nd4j.gemm(rw, s.h, s.rec, true, false, 1.0, 0.0);
            s.recBuf.get(0, rec, 0, gb);
            for (int b = 0; b < nb; b++) {
                int zb = (t * nb + b) * ng;
                int rb = b * ng;
                int kb = b * nh;
                float m = mask == null ? 1f : mask[b * nt + t];
                for (int u = 0; u < nh; u++) {
                    float ai = tanh(z[zb + u] + rec[rb + u] + bias[u]);
                    float af = sigmoid(z[zb + nh + u] + rec[rb + nh + u] + bias[nh + u]);
                    float ao = sigmoid(z[zb + 2 * nh + u] + rec[rb + 2 * nh + u] + bias[2 * nh + u]);
                    float ag = sigmoid(z[zb + 3 * nh + u] + rec[rb + 3 * nh + u] + bias[3 * nh + u]);
                    int k = kb + u;
                    float cell = c[k] * af + ag * ai;
                    float ct = tanh(cell);
                    float hidden = ct * ao;
                    if (mask != null) {
                        hidden *= m;
                        cell *= m;
                    }
                    if (keep) {
                        int o = t * hb + k;
                        fwd.blockInput[o] = ai;
                        fwd.forget[o] = af;
                        fwd.output[o] = ao;
                        fwd.inputGate[o] = ag;
                        fwd.cell[o] = cell;
                        fwd.cellTanh[o] = ct;
                    }
                    c[k] = cell;
                    h[k] = hidden;
                    out[t * hb + k] = hidden;
                }
            }
        }
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {nb, nh, nt}, 'f');
        write(output, swapInner(out, nt, nb, nh, null)); // DL4J's [b, u, t] in 'f' order is [t][u][b]
        fwd.fwdPassOutput = output;
        fwd.lastAct = array(swapInner(h, 1, nb, nh, null), new long[] {nb, nh}, 'f');
        fwd.lastMemCell = array(swapInner(c, 1, nb, nh, null), new long[] {nb, nh}, 'f');
        fwd.prevAct = prevOutputActivations;
        fwd.prevMemCell = prevMemCellState;
        if (keep && !forBackprop) {
            pending = fwd;
            pendingInput = input;
        }
        return fwd;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn,
                                                     INDArray input, INDArray recurrentWeights,
                                                     INDArray inputWeights, INDArray epsilon, boolean truncatedBPTT,
                                                     int tbpttBackwardLength, FwdPassReturn fwdPass, boolean forwards,
                                                     String inputWeightKey, String recurrentWeightKey,
                                                     String biasWeightKey, Map<String, INDArray> gradientViews,
                                                     INDArray maskArray, boolean hasPeepholeConnections,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof FusedFwdPass f)) {
            return null; // DL4J's own forward pass: its own backward pass
        }
        if (truncatedBPTT) {
            throw new UnsupportedOperationException("FusedLstm does not support truncated BPTT; use DL4J's LSTM");
        }
        int nb = f.examples;
        int nh = f.units;
        int nt = f.steps;
        int nIn = (int) inputWeights.size(0);
        int ng = 4 * nh;
        int tb = nt * nb;
        int hb = nh * nb;
        int gb = ng * nb;
        float[] eps = swapInner(flat(epsilon.dup('f')), nt, nh, nb, null); // [t][b][u]
        float[] mask = f.mask;
        INDArray rw = recurrentWeights.dup('f');
        StepBuffers s = stepBuffers(nb, nh);

        float[] delta = new float[nt * gb]; // [t][b][gate unit]: 'f' order of [4H, T*B]
        float[] dh = s.dh; // [b][u]: dL/dh_t through the recurrent weights, from step t+1
        float[] nablaCellNext = new float[hb];
        for (int t = nt - 1; t >= 0; t--) {
            boolean last = t == nt - 1;
            for (int b = 0; b < nb; b++) {
                int kb = b * nh;
                int db = (t * nb + b) * ng;
                float m = mask == null ? 1f : mask[b * nt + t];
                for (int u = 0; u < nh; u++) {
                    int k = kb + u;
                    int o = t * hb + k;
                    float nablaOut = eps[o] + (last ? 0f : dh[k]);
                    float ao = f.output[o];
                    float ct = f.cellTanh[o];
                    float deltaO = nablaOut * ct * (ao * (1f - ao));
                    float nablaCell = (1f - ct * ct) * (ao * nablaOut);
                    if (!last) {
                        nablaCell += f.forget[o + hb] * nablaCellNext[k];
                    }
                    nablaCellNext[k] = nablaCell;
                    float cPrev = t > 0 ? f.cell[o - hb] : f.initialCell[k];
                    float af = f.forget[o];
                    float deltaF = af * (1f - af) * nablaCell * cPrev;
                    float ag = f.inputGate[o];
                    float ai = f.blockInput[o];
                    float deltaG = ag * (1f - ag) * ai * nablaCell;
                    float deltaI = (1f - ai * ai) * (ag * nablaCell);
                    if (mask != null) {
                        deltaO *= m;
                        deltaF *= m;
                        deltaG *= m;
                        deltaI *= m;
                    }
                    delta[db + u] = deltaI;
                    delta[db + nh + u] = deltaF;
                    delta[db + 2 * nh + u] = deltaO;
                    delta[db + 3 * nh + u] = deltaG;
                }
            }
            if (t > 0) {
                // dh_{t-1}[b][u] = sum_j delta_t[b][j] RW[u][j]
                s.recBuf.put(0, delta, t * gb, gb);
                Nd4j.gemm(rw, s.rec, s.h, false, false, 1.0, 0.0);
                s.hBuf.get(0, dh, 0, hb);
            }
        }

        INDArray deltas = array(delta, new long[] {ng, tb}, 'f');
        INDArray x = byStep(input, nb, nIn, nt);
        float[] hPrev = new float[nt * hb]; // [t][b][u]: h_{t-1}
        System.arraycopy(f.initialHidden, 0, hPrev, 0, hb);
        System.arraycopy(f.hidden, 0, hPrev, hb, (nt - 1) * hb);
        INDArray iwGradients = gradientViews.get(inputWeightKey);
        INDArray rwGradients = gradientViews.get(recurrentWeightKey);
        INDArray bGradients = gradientViews.get(biasWeightKey);
        iwGradients.assign(Nd4j.gemm(x, deltas, false, true));
        rwGradients.assign(Nd4j.gemm(array(hPrev, new long[] {nh, tb}, 'f'), deltas, false, true));
        double[] bSum = new double[ng];
        for (int col = 0; col < tb; col++) {
            for (int j = 0, i = col * ng; j < ng; j++, i++) {
                bSum[j] += delta[i];
            }
        }
        float[] bias = new float[ng];
        for (int j = 0; j < ng; j++) {
            bias[j] = (float) bSum[j];
        }
        bGradients.assign(array(bias, bGradients.shape(), 'c'));

        // epsilon for the layer below: e[t][b][i] = sum_j W[i][j] delta[t][b][j], masked, as DL4J's [b, i, t] 'f'
        INDArray eT = Nd4j.createUninitialized(DataType.FLOAT, new long[] {nIn, tb}, 'f');
        Nd4j.gemm(inputWeights, deltas, eT, false, false, 1.0, 0.0);
        INDArray epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nb, nIn, nt}, 'f');
        write(epsilonNext, swapInner(flat(eT), nt, nb, nIn, mask));

        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(inputWeightKey, iwGradients);
        g.gradientForVariable().put(recurrentWeightKey, rwGradients);
        g.gradientForVariable().put(biasWeightKey, bGradients);
        return new Pair<>(g, epsilonNext);
    }

    /** The input [b, i, t] as an 'f' [nIn, T*B] matrix whose column t*B + b is x[b][:][t]. */
    private static INDArray byStep(INDArray input, int nb, int nIn, int nt) {
        float[] x = swapInner(flat(input.dup('f')), nt, nIn, nb, null); // [t][i][b] -> [t][b][i]
        return array(x, new long[] {nIn, (long) nt * nb}, 'f');
    }

    /**
     * {@code a} laid out [t][p][q] as [t][q][p] (t &lt; outer), values multiplied by {@code mask[i * outer + t]} for
     * p-index i when a mask is given (an [example][t] mask, for p = examples).
     */
    static float[] swapInner(float[] a, int outer, int p, int q, float[] mask) {
        float[] out = new float[a.length];
        int pq = p * q;
        for (int t = 0; t < outer; t++) {
            int base = t * pq;
            for (int i = 0; i < p; i++) {
                int from = base + i * q;
                for (int j = 0; j < q; j++) {
                    float v = a[from + j];
                    out[base + j * p + i] = mask == null ? v : v * mask[i * outer + t];
                }
            }
        }
        return out;
    }

    /** The operands of one step's product with the recurrent weights ([b][x] layouts), and their heap mirrors. */
    private static final class StepBuffers {
        final int examples;
        final int units;
        final INDArray h; // [H, B] 'f': h[b][u]
        final INDArray rec; // [4H, B] 'f': rec[b][j]
        final FloatBuffer hBuf;
        final FloatBuffer recBuf;
        final float[] gates;
        final float[] dh;

        StepBuffers(int examples, int units) {
            this.examples = examples;
            this.units = units;
            // outside workspaces: these live as long as the layer, across iterations
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                h = Nd4j.create(DataType.FLOAT, new long[] {units, examples}, 'f');
                rec = Nd4j.create(DataType.FLOAT, new long[] {4L * units, examples}, 'f');
            }
            hBuf = h.data().asNioFloat();
            recBuf = rec.data().asNioFloat();
            if (hBuf.capacity() < examples * units || recBuf.capacity() < examples * 4 * units) {
                throw new IllegalStateException("ND4J buffer smaller than its array");
            }
            gates = new float[examples * 4 * units];
            dh = new float[examples * units];
        }
    }

    private StepBuffers stepBuffers(int examples, int units) {
        if (step == null || step.examples != examples || step.units != units) {
            step = new StepBuffers(examples, units);
        }
        return step;
    }

    /** [example][t] mask values, or null when there is no mask or it has an unexpected shape. */
    private static float[] maskOf(INDArray maskArray, int nb, int nt) {
        if (maskArray == null || maskArray.rank() != 2 || maskArray.size(0) != nb || maskArray.size(1) != nt) {
            return null;
        }
        return flat(maskArray.castTo(DataType.FLOAT).dup('c'));
    }

    /** Initial state [example][unit] ('c' order of [B, H]); zeros when absent. */
    private static float[] initial(INDArray state, int nb, int nh) {
        return state == null ? new float[nb * nh] : flat(state.castTo(DataType.FLOAT).dup('c'));
    }

    /** The values of {@code a}, a contiguous array with no offset, in its own order, on the heap (one bulk copy). */
    static float[] flat(INDArray a) {
        if (!contiguousFromStart(a)) {
            throw new IllegalArgumentException("not a contiguous float array from offset 0: " + a.shapeInfoToString());
        }
        float[] out = new float[(int) a.length()];
        a.data().asNioFloat().get(0, out, 0, out.length);
        return out;
    }

    /** A new array of {@code shape} in {@code order} holding {@code values}, in the current workspace if one is open. */
    static INDArray array(float[] values, long[] shape, char order) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, order);
        write(a, values);
        return a;
    }

    /** Fills {@code target}, a fresh array in its own order, with {@code values} in that order. */
    static void write(INDArray target, float[] values) {
        if (contiguousFromStart(target)) {
            target.data().asNioFloat().put(0, values, 0, values.length);
        } else {
            target.assign(Nd4j.create(values, target.shape(), target.ordering()));
        }
    }

    private static boolean contiguousFromStart(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.offset() == 0 && !a.isView() && a.data().length() == a.length();
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * tanh through exp (Math.tanh is not an intrinsic), within an ulp of float precision, saturating without NaN.
     * Near 0, where {@code 1 - 2 / (e + 1)} cancels, the series: its next term is below 2^-40 of x there.
     */
    static float tanh(float x) {
        if (Math.abs(x) < 1e-3f) {
            double d = x;
            return (float) (d - d * d * d / 3.0);
        }
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
    }
}
