package org.serspark.audio;

/**
 * Design of the Kaiser-windowed-sinc low-pass filter behind {@link PolyphaseResampler}. All frequencies and
 * lengths are relative to the <em>lower</em> of the two sample rates, so one design serves down- and up-sampling.
 *
 * <p>The defaults deliberately differ from {@code scipy.signal.resample_poly}'s (which librosa's
 * {@code res_type="polyphase"} calls): scipy cuts off exactly at the target Nyquist with a Kaiser beta of 5 and
 * 10 zero crossings a side, which (48 kHz to 22 050 Hz, computed from its taps) loses 0.66 dB at 90 % and 2.6 dB
 * at 95 % of Nyquist, lets 11.5 kHz through at only -11 dB and bottoms out at about 55 dB of alias rejection from
 * 13 kHz up. The defaults here keep everything up to 90 % of the lower Nyquist within 0.04 dB and reject
 * everything from 104 % of it (11 466 Hz for a 22 050 Hz target) by at least 86 dB (measured on the continuous
 * kernel: pass-band deviation -0.035 dB at 0.9, stop-band 87 dB from 1.04). Aliases of the 100-104 % band land in
 * 96-100 % of the output band, above the 90 % pass-band edge, where no feature of this pipeline depends on
 * them; letting the transition run 0.90-1.04 instead of 0.90-1.00 makes it 40 % wider and the kernel about 30 %
 * shorter for the same rejection, and the kernel length is the resampler's whole cost.
 *
 * @param rolloff    cut-off frequency (the sinc's -6 dB point) as a fraction of the lower Nyquist frequency
 *                   (resampy's {@code rolloff}); default 0.9625, just below the centre (0.97) of the 0.90-1.04
 *                   transition band, where the same search put it: -0.035 dB at 0.90, 87 dB from 1.04
 * @param halfWidth  half-length of the window in samples at the lower rate (resampy's {@code num_zeros}, up to
 *                   the rolloff factor); default 36. Kaiser's length formula {@code (A - 7.95) / (2.285 * 2 pi df)}
 *                   for A = 87 dB over a transition of df = 0.07 cycles per sample asks for about 79 = 2 * 39.5, but
 *                   it assumes an 87 dB-flat pass-band too; since 0.04 dB of droop at 0.90 is allowed, the cut-off can
 *                   sit low in the transition band, and a search over (halfWidth, kaiserBeta, rolloff) on the
 *                   kernel's exact response (numpy, dense FFT) found 36 the shortest meeting 85 dB (34 gives 82.7 dB,
 *                   38 gives 93 dB). At 48 kHz input it spans 157 input samples per output sample (160 taps after
 *                   padding to a multiple of 4), the resampler's cost
 * @param kaiserBeta Kaiser window shape; default 8.7, close to Kaiser's {@code 0.1102 (A - 8.7)} = 8.6 for A = 87 dB
 *                   and the best found by the same search for halfWidth 36
 */
public record ResamplerParams(double rolloff, double halfWidth, double kaiserBeta) {
    public static final double ROLLOFF_DEFAULT = 0.9625;
    public static final double HALF_WIDTH_DEFAULT = 36.0;
    public static final double KAISER_BETA_DEFAULT = 8.7;
    public static final ResamplerParams DEFAULT =
            new ResamplerParams(ROLLOFF_DEFAULT, HALF_WIDTH_DEFAULT, KAISER_BETA_DEFAULT);

    public ResamplerParams {
        if (!(rolloff > 0 && rolloff <= 1)) {
            throw new IllegalArgumentException("rolloff must be in (0, 1], got " + rolloff);
        }
        if (!(halfWidth >= 1 && halfWidth <= 1024)) {
            throw new IllegalArgumentException("halfWidth must be in [1, 1024], got " + halfWidth);
        }
        if (!(kaiserBeta >= 0 && kaiserBeta <= 50)) {
            throw new IllegalArgumentException("kaiserBeta must be in [0, 50], got " + kaiserBeta);
        }
    }
}
