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
 * step is one matrix product, the weight gradients are two more after the backward loop, and each time step costs
 * one product with the recurrent weights (through ND4J's BLAS, into buffers allocated once); the element-wise gate
 * arithmetic runs as plain Java loops over heap arrays, which the JIT compiles well.
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

    /** What the backward pass needs from the forward one, on the heap, laid out [t][unit][example]. */
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
        int nb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int nt = (int) input.size(2);
        int nh = (int) recurrentWeights.size(0);
        int ng = 4 * nh;
        int tb = nt * nb;
        float[] mask = maskOf(maskArray, nb, nt);
        if (maskArray != null && mask == null) {
            return null;
        }

        // input projection of every step at once: z[j][t][b] = sum_i W[i][j] x[b][i][t]
        INDArray xByStep = input.permute(1, 2, 0).dup('c').reshape('c', nIn, tb);
        float[] z = flat(Nd4j.gemm(inputWeights, xByStep, true, false), 'c');
        float[] bias = flat(biases, 'c');
        INDArray rw = recurrentWeights.dup('f');

        StepBuffers s = stepBuffers(nb, nh);
        float[] h = initial(prevOutputActivations, nb, nh);
        float[] c = initial(prevMemCellState, nb, nh);
        float[] out = new float[nt * nh * nb];
        int hb = nh * nb;
        FusedFwdPass fwd = new FusedFwdPass();
        if (forBackprop) {
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
            // rec = h_{t-1} RW, [gate unit][example]
            s.hBuf.put(0, h, 0, hb);
            Nd4j.gemm(s.h, rw, s.rec, false, false, 1.0, 0.0);
            s.recBuf.get(0, rec, 0, ng * nb);
            int zt = t * nb;
            for (int u = 0; u < nh; u++) {
                int zi = u * tb + zt;
                int zf = (nh + u) * tb + zt;
                int zo = (2 * nh + u) * tb + zt;
                int zg = (3 * nh + u) * tb + zt;
                float bi = bias[u];
                float bf = bias[nh + u];
                float bo = bias[2 * nh + u];
                float bg = bias[3 * nh + u];
                int ri = u * nb;
                int rf = (nh + u) * nb;
                int ro = (2 * nh + u) * nb;
                int rg = (3 * nh + u) * nb;
                for (int b = 0; b < nb; b++) {
                    float ai = tanh(z[zi + b] + rec[ri + b] + bi);
                    float af = sigmoid(z[zf + b] + rec[rf + b] + bf);
                    float ao = sigmoid(z[zo + b] + rec[ro + b] + bo);
                    float ag = sigmoid(z[zg + b] + rec[rg + b] + bg);
                    int k = u * nb + b;
                    float cell = c[k] * af + ag * ai;
                    float ct = tanh(cell);
                    float hidden = ct * ao;
                    if (mask != null) {
                        float m = mask[b * nt + t];
                        hidden *= m;
                        cell *= m;
                    }
                    if (forBackprop) {
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
        // out is [t][unit][example]: the 'f' order of DL4J's [example, unit, t] activations
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {nb, nh, nt}, 'f');
        write(output, out);
        fwd.fwdPassOutput = output;
        fwd.lastAct = array(h, new long[] {nb, nh}, 'f');
        fwd.lastMemCell = array(c, new long[] {nb, nh}, 'f');
        fwd.prevAct = prevOutputActivations;
        fwd.prevMemCell = prevMemCellState;
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
        float[] eps = flat(epsilon, 'f'); // [t][unit][example]
        float[] mask = f.mask;
        INDArray rw = recurrentWeights.dup('f');
        StepBuffers s = stepBuffers(nb, nh);

        float[] delta = new float[ng * tb]; // [gate unit][t][example]: 'c' order of [4H, T*B]
        float[] dh = new float[hb]; // dL/dh_{t} from step t+1 through the recurrent weights
        float[] nablaCellNext = new float[hb];
        float[] stepDelta = s.gates; // [gate unit][example]: 'f' order of [B, 4H]
        for (int t = nt - 1; t >= 0; t--) {
            boolean last = t == nt - 1;
            int base = t * hb;
            for (int u = 0; u < nh; u++) {
                for (int b = 0; b < nb; b++) {
                    int k = u * nb + b;
                    int o = base + k;
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
                        float m = mask[b * nt + t];
                        deltaO *= m;
                        deltaF *= m;
                        deltaG *= m;
                        deltaI *= m;
                    }
                    int col = t * nb + b;
                    delta[u * tb + col] = deltaI;
                    delta[(nh + u) * tb + col] = deltaF;
                    delta[(2 * nh + u) * tb + col] = deltaO;
                    delta[(3 * nh + u) * tb + col] = deltaG;
                    stepDelta[u * nb + b] = deltaI;
                    stepDelta[(nh + u) * nb + b] = deltaF;
                    stepDelta[(2 * nh + u) * nb + b] = deltaO;
                    stepDelta[(3 * nh + u) * nb + b] = deltaG;
                }
            }
            if (t > 0) {
                // dh_{t-1} = delta_t RW^T
                s.recBuf.put(0, stepDelta, 0, ng * nb);
                Nd4j.gemm(s.rec, rw, s.h, false, true, 1.0, 0.0);
                s.hBuf.get(0, dh, 0, hb);
            }
        }

        INDArray deltas = array(delta, new long[] {ng, tb}, 'c');
        INDArray xByStep = input.permute(1, 2, 0).dup('c').reshape('c', nIn, tb);
        float[] hPrev = new float[nh * tb]; // [unit][t][example]: h_{t-1}
        for (int t = 0; t < nt; t++) {
            for (int u = 0; u < nh; u++) {
                int from = t == 0 ? u * nb : (t - 1) * hb + u * nb;
                System.arraycopy(t == 0 ? f.initialHidden : f.hidden, from, hPrev, u * tb + t * nb, nb);
            }
        }
        INDArray iwGradients = gradientViews.get(inputWeightKey);
        INDArray rwGradients = gradientViews.get(recurrentWeightKey);
        INDArray bGradients = gradientViews.get(biasWeightKey);
        iwGradients.assign(Nd4j.gemm(xByStep, deltas, false, true));
        rwGradients.assign(Nd4j.gemm(array(hPrev, new long[] {nh, tb}, 'c'), deltas, false, true));
        float[] bSum = new float[ng];
        for (int j = 0; j < ng; j++) {
            double sum = 0;
            for (int i = j * tb, end = i + tb; i < end; i++) {
                sum += delta[i];
            }
            bSum[j] = (float) sum;
        }
        bGradients.assign(array(bSum, bGradients.shape(), 'c'));

        // epsilon for the layer below: W delta, [input][t][example] -> DL4J's [example, input, t] in 'f' order
        float[] e = flat(Nd4j.gemm(inputWeights, deltas, false, false), 'c');
        float[] next = new float[nt * nIn * nb];
        for (int i = 0; i < nIn; i++) {
            for (int t = 0; t < nt; t++) {
                int from = i * tb + t * nb;
                int to = t * nIn * nb + i * nb;
                if (mask == null) {
                    System.arraycopy(e, from, next, to, nb);
                } else {
                    for (int b = 0; b < nb; b++) {
                        next[to + b] = e[from + b] * mask[b * nt + t];
                    }
                }
            }
        }
        INDArray epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {nb, nIn, nt}, 'f');
        write(epsilonNext, next);

        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(inputWeightKey, iwGradients);
        g.gradientForVariable().put(recurrentWeightKey, rwGradients);
        g.gradientForVariable().put(biasWeightKey, bGradients);
        return new Pair<>(g, epsilonNext);
    }

    /** The operands of one step's product with the recurrent weights, and their heap mirrors. */
    private static final class StepBuffers {
        final int examples;
        final int units;
        final INDArray h; // [B, H] 'f'
        final INDArray rec; // [B, 4H] 'f'
        final FloatBuffer hBuf;
        final FloatBuffer recBuf;
        final float[] gates;

        StepBuffers(int examples, int units) {
            this.examples = examples;
            this.units = units;
            // outside workspaces: these live as long as the layer, across iterations
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                h = Nd4j.create(DataType.FLOAT, new long[] {examples, units}, 'f');
                rec = Nd4j.create(DataType.FLOAT, new long[] {examples, 4L * units}, 'f');
            }
            hBuf = h.data().asNioFloat();
            recBuf = rec.data().asNioFloat();
            if (hBuf.capacity() < examples * units || recBuf.capacity() < examples * 4 * units) {
                throw new IllegalStateException("ND4J buffer smaller than its array");
            }
            gates = new float[examples * 4 * units];
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
        return flat(maskArray.castTo(DataType.FLOAT), 'c');
    }

    /** Initial state [unit][example] ('f' order of [B, H]); zeros when absent. */
    private static float[] initial(INDArray state, int nb, int nh) {
        return state == null ? new float[nb * nh] : flat(state.castTo(DataType.FLOAT), 'f');
    }

    /** The array's values flattened in {@code order}, on the heap (one bulk copy; ND4J's own copies go by element). */
    static float[] flat(INDArray a, char order) {
        INDArray d = a.dup(order);
        float[] out = new float[(int) d.length()];
        if (contiguousFromStart(d)) {
            d.data().asNioFloat().get(0, out, 0, out.length);
            return out;
        }
        return Nd4j.toFlattened(order, d).toFloatVector();
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
