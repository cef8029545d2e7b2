package org.serspark.audio;

/**
 * Design of the Kaiser-windowed-sinc low-pass filter behind {@link PolyphaseResampler}. All frequencies and
 * lengths are relative to the <em>lower</em> of the two sample rates, so one design serves down- and up-sampling.
 *
 * <p>The defaults deliberately differ from {@code scipy.signal.resample_poly}'s (which librosa's
 * {@code res_type="polyphase"} calls): scipy cuts off exactly at the target Nyquist with a Kaiser beta of 5, which
 * loses about 3 dB at 95 % of Nyquist, starts attenuating around 85 % and only reaches about 55 dB of alias
 * rejection. The defaults here keep everything up to 90 % of the lower Nyquist within 0.04 dB and reject
 * everything from 104 % of it (11 466 Hz for a 22 050 Hz target) by at least 86 dB (measured on the continuous
 * kernel: pass-band deviation -0.035 dB at 0.9, stop-band 87 dB from 1.04). Aliases of the 100-104 % band land in
 * 96-100 % of the output band, above the 90 % pass-band edge, where no feature of this pipeline depends on
 * them; putting the transition half above Nyquist instead of entirely below it makes the kernel about 40 %
 * shorter for the same rejection, which is the resampler's whole cost.
 *
 * @param rolloff    cut-off frequency (the sinc's -6 dB point) as a fraction of the lower Nyquist frequency
 *                   (resampy's {@code rolloff}); default 0.9625, the centre of the 0.90-1.04 transition band,
 *                   nudged so the pass-band droop at 0.90 stays under 0.04 dB
 * @param halfWidth  half-length of the window in samples at the lower rate (resampy's {@code num_zeros}, up to
 *                   the rolloff factor); default 36: Kaiser's length formula {@code (A - 7.95) / (2.285 * 2 pi * df)}
 *                   for A = 87 dB and a transition width df = 0.07 cycles per sample gives 72 = 2 * 36. At 48 kHz
 *                   input this is 157 input samples per output sample (160 after padding to a multiple of 4)
 * @param kaiserBeta Kaiser window shape; default 8.7, Kaiser's {@code 0.1102 (A - 8.7)} for A = 87 dB, which puts
 *                   the pass-band ripple and the stop-band floor at the same ~1e-4.5 level
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
