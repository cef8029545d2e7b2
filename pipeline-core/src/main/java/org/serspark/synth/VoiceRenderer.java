package org.serspark.synth;

import java.util.List;

/**
 * Source-filter synthesis of one sentence (Klatt 1980 style, cascade branch): a glottal-pulse train with jitter and
 * shimmer plus aspiration noise, a one-pole spectral-tilt filter, five cascaded formant resonators whose frequencies
 * glide between phone targets, and a separate band-pass noise branch for fricatives and stop bursts. Controls (F0,
 * formants, source levels) are updated once per millisecond and ramped linearly within it; the per-sample loop does
 * no allocation and no transcendental calls, which keeps a 60-clip actor well under a second.
 */
final class VoiceRenderer {
    /** Control-rate period. */
    private static final double BLOCK_SECONDS = 0.001;
    /** Formants above F3 do not carry vowel identity; fixed values (scaled by tract length) give the right timbre. */
    private static final double F4_HZ = 3500;
    private static final double F5_HZ = 4500;
    /** Typical male formant bandwidths (Klatt 1980), F1..F5. */
    private static final double[] BANDWIDTHS_HZ = {90, 110, 170, 250, 300};
    private static final int FORMANTS = BANDWIDTHS_HZ.length;
    /** F1-F3 follow the phones; F4 and F5 stay put. */
    private static final int MOVING_FORMANTS = 3;
    /** Keep every resonator below Nyquist with margin. */
    private static final double MAX_FREQUENCY_FRACTION = 0.45;
    /** Breathy phonation couples the trachea and widens the first formant. */
    private static final double BREATHY_B1_WIDENING = 3.0;

    /** Coarticulation: how fast the tract follows a new target. */
    private static final double FORMANT_TAU_SECONDS = 0.018;
    private static final double VOICING_TAU_SECONDS = 0.005;
    private static final double ASPIRATION_TAU_SECONDS = 0.004;
    /** Bursts are abrupt. */
    private static final double FRICATION_TAU_SECONDS = 0.0015;
    /** Resonators ring on after the last phone; render this much past it. */
    private static final double RING_OUT_SECONDS = 0.08;

    /** Relative standard deviation of phone durations between takes. */
    private static final double DURATION_SD = 0.08;
    /** Relative standard deviation of syllable loudness between takes. */
    private static final double SYLLABLE_GAIN_SD = 0.08;
    /** Stressed syllables are about 2.3 dB louder. */
    private static final double STRESS_GAIN = 1.3;
    /** Loudness falls by about 3 dB over a sentence, along with F0. */
    private static final double AMPLITUDE_DECLINATION = 0.3;

    /** Height of a stressed pitch accent at range scale 1, semitones. */
    private static final double ACCENT_ST = 2.5;
    private static final double ACCENT_SD = 0.25;
    private static final double ACCENT_WIDTH_SECONDS = 0.07;
    /** Boost, range and intensity multiply; even exaggerated acted accents stay within about an octave. */
    private static final double MAX_ACCENT_ST = 12.0;
    private static final double FINAL_SPAN_SECONDS = 0.3;
    /** Physiological tremor in fear lies around 5-8 Hz. */
    private static final double TREMOR_HZ = 6.5;
    /** Creak: the last quarter of the sentence drops in pitch and gets irregular. */
    private static final double CREAK_SPAN = 0.25;
    private static final double CREAK_DROP_ST = 3.0;
    private static final double CREAK_JITTER_GAIN = 4.0;
    private static final double SEMITONES_PER_OCTAVE = 12.0;

    /** KLGLOTT88 flow tau^2 - tau^3 peaks at 4/27; this scales its derivative to a unit-peak flow. */
    private static final double GLOTTAL_SCALE = 27.0 / 4.0;
    /** Aspiration noise is strongest while the glottis is open. */
    private static final double CLOSED_PHASE_NOISE = 0.3;
    /** Source levels relative to the glottal pulse, set so a fricative sits 10-15 dB below a vowel. */
    private static final double ASPIRATION_GAIN = 1.5;
    private static final double FRICATION_GAIN = 2.0;

    /** Soft limiter: samples above the knee are compressed smoothly towards full scale, as a hot recording does. */
    private static final double LIMITER_KNEE = 0.5;
    /** Trailing silence is at least this fraction of the clip, as in RAVDESS recordings. */
    private static final double MIN_TRAIL_FRACTION = 0.06;
    /** Uniform noise in [-1, 1) has RMS 1/sqrt(3). */
    private static final double UNIFORM_RMS_TO_PEAK = Math.sqrt(3);

    private static final double UNIT_52 = 0x1.0p-52;
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private VoiceRenderer() {
    }

    /** Renders a mono clip of {@code nSamples} samples; {@code take} supplies the take's randomness. */
    static float[] render(ClipVoice v, List<Phone> phones, int nSamples, int fs, SplitMix64 take) {
        int nPhones = phones.size();
        double[] length = new double[nPhones];
        double total = 0;
        for (int i = 0; i < nPhones; i++) {
            Phone p = phones.get(i);
            double speed = switch (p.kind()) {
                case VOWEL -> v.rate();
                // Consonants compress less than vowels when speech speeds up.
                case CONSONANT -> Math.sqrt(v.rate());
                case PAUSE -> v.rate() / v.pauseScale();
            };
            length[i] = p.ms() * 1e-3 * fs * take.gaussian(1, DURATION_SD) / speed;
            total += length[i];
        }
        int lead = (int) Math.round(v.leadFraction() * nSamples);
        double available = nSamples - lead - MIN_TRAIL_FRACTION * nSamples;
        double squeeze = total > available ? available / total : 1.0;
        int[] start = new int[nPhones + 1];
        double cumulative = lead;
        for (int i = 0; i < nPhones; i++) {
            start[i] = (int) Math.round(cumulative);
            cumulative += length[i] * squeeze;
        }
        start[nPhones] = (int) Math.round(cumulative);
        int uttStart = start[0];
        int uttEnd = start[nPhones];
        double uttSeconds = (double) (uttEnd - uttStart) / fs;

        // Pitch accents: one per syllable nucleus, tallest on stressed syllables.
        int nuclei = 0;
        for (Phone p : phones) {
            nuclei += p.kind() == Phone.Kind.VOWEL ? 1 : 0;
        }
        double[] accentAt = new double[nuclei];
        double[] accentSt = new double[nuclei];
        boolean firstStressed = true;
        for (int i = 0, k = 0; i < nPhones; i++) {
            Phone p = phones.get(i);
            if (p.kind() != Phone.Kind.VOWEL) {
                continue;
            }
            accentAt[k] = ((start[i] + start[i + 1]) * 0.5 - uttStart) / fs;
            double height = p.stressed() ? ACCENT_ST * (firstStressed ? v.firstAccentBoost() : 1.0)
                    : v.unstressedAccentSt();
            firstStressed &= !p.stressed();
            double raw = Math.max(0, height * v.rangeScale() * take.gaussian(1, ACCENT_SD));
            accentSt[k] = MAX_ACCENT_ST * StrictMath.tanh(raw / MAX_ACCENT_ST);
            k++;
        }
        double accentWidth = ACCENT_WIDTH_SECONDS * v.accentWidthScale() / v.rate();
        double finalSpan = Math.min(FINAL_SPAN_SECONDS / v.rate(), uttSeconds);
        double tremorPhase = take.uniform(0, 2 * Math.PI);
        double[] syllableGain = new double[nPhones];
        for (int i = 0; i < nPhones; i++) {
            syllableGain[i] = take.gaussian(1, SYLLABLE_GAIN_SD) * (phones.get(i).stressed() ? STRESS_GAIN : 1.0);
        }

        double[] out = new double[nSamples];
        int block = Math.max(1, (int) Math.round(BLOCK_SECONDS * fs));
        double blockSeconds = (double) block / fs;
        double formantAlpha = 1 - StrictMath.exp(-blockSeconds / FORMANT_TAU_SECONDS);
        double voicingAlpha = 1 - StrictMath.exp(-blockSeconds / VOICING_TAU_SECONDS);
        double aspirationAlpha = 1 - StrictMath.exp(-blockSeconds / ASPIRATION_TAU_SECONDS);
        double fricationAlpha = 1 - StrictMath.exp(-blockSeconds / FRICATION_TAU_SECONDS);
        double maxHz = MAX_FREQUENCY_FRACTION * fs;
        double[] formantScale = {v.f1Scale(), v.f2Scale(), v.f3Scale()};
        double[] radius = new double[FORMANTS]; // pole radius from bandwidth, constant through the clip
        for (int j = 0; j < FORMANTS; j++) {
            double bandwidth = BANDWIDTHS_HZ[j] * v.bandwidthScale()
                    * (j == 0 ? 1 + BREATHY_B1_WIDENING * v.breathiness() : 1);
            radius[j] = StrictMath.exp(-Math.PI * bandwidth / fs);
        }
        double tiltPole = StrictMath.exp(-2 * Math.PI * Math.min(v.tiltHz(), maxHz) / fs);

        // Smoothed control state, starting at the first phone's targets.
        double[] formant = new double[FORMANTS];
        for (int j = 0; j < MOVING_FORMANTS; j++) {
            formant[j] = phones.get(0).from()[j] * formantScale[j];
        }
        formant[3] = F4_HZ * v.upperFormantScale();
        formant[4] = F5_HZ * v.upperFormantScale();
        double voicing = 0;
        double aspiration = 0;
        double frication = 0;
        // Resonator coefficients and state: y = a x + b y1 + c y2.
        double[] ra = new double[FORMANTS];
        double[] rb = new double[FORMANTS];
        double[] rc = new double[FORMANTS];
        for (int j = MOVING_FORMANTS; j < FORMANTS; j++) {
            setResonator(j, Math.min(formant[j], maxHz), radius[j], fs, ra, rb, rc);
        }
        double[] y1 = new double[FORMANTS];
        double[] y2 = new double[FORMANTS];
        double fa = 0;
        double fb = 0;
        double fc = 0;
        double fy1 = 0;
        double fy2 = 0;
        int fricPhone = -1;

        double invOq = 1.0 / v.openQuotient();
        double phase = 0;
        double periodFactor = 1;
        double pulseGain = 1;
        double tilt = 0;
        long noiseState = take.nextLong();
        double jitterNow = v.jitter();

        int renderEnd = Math.min(nSamples, uttEnd + (int) Math.round(RING_OUT_SECONDS * fs));
        int phone = 0;
        for (int b0 = uttStart; b0 < renderEnd; b0 += block) {
            int b1 = Math.min(renderEnd, b0 + block);
            while (phone < nPhones && start[phone + 1] <= b0) {
                phone++;
            }
            boolean speaking = phone < nPhones;
            Phone p = speaking ? phones.get(phone) : null;
            double t = (double) (b0 - uttStart) / fs;
            double progress = Math.min(1.0, t / uttSeconds);

            // Targets of this millisecond.
            double voicingTarget = 0;
            double aspirationTarget = 0;
            double fricationTarget = 0;
            if (speaking) {
                double within = (double) (b0 - start[phone]) / Math.max(1, start[phone + 1] - start[phone]);
                for (int j = 0; j < MOVING_FORMANTS; j++) {
                    double target = (p.from()[j] + (p.to()[j] - p.from()[j]) * within) * formantScale[j];
                    formant[j] += (target - formant[j]) * formantAlpha;
                }
                double gain = syllableGain[phone] * (1 - AMPLITUDE_DECLINATION * progress);
                voicingTarget = p.voicing() * gain;
                aspirationTarget = (p.aspiration() + v.breathiness() * p.voicing()) * gain * ASPIRATION_GAIN;
                fricationTarget = p.frication() * gain * FRICATION_GAIN;
                if (phone != fricPhone && p.frication() > 0) {
                    fricPhone = phone;
                    double hz = Math.min(p.noiseHz() * v.upperFormantScale(), maxHz);
                    double r = StrictMath.exp(-Math.PI * p.noiseBw() / fs);
                    double theta = 2 * Math.PI * hz / fs;
                    fb = 2 * r * StrictMath.cos(theta);
                    fc = -r * r;
                    // Unit gain at the centre frequency, so frication levels do not depend on the band.
                    fa = (1 - r) * Math.sqrt(1 - 2 * r * StrictMath.cos(2 * theta) + r * r);
                }
            }
            for (int j = 0; j < MOVING_FORMANTS; j++) {
                setResonator(j, Math.min(formant[j], maxHz), radius[j], fs, ra, rb, rc);
            }

            // Pitch: declination, accents, final movement, tremor, creak.
            double st = -v.declinationSt() * progress;
            for (int k = 0; k < accentAt.length; k++) {
                double z = (t - accentAt[k]) / accentWidth;
                if (z > -4 && z < 4) {
                    st += accentSt[k] * StrictMath.exp(-0.5 * z * z);
                }
            }
            st += v.finalMoveSt() * smoothstep((t - (uttSeconds - finalSpan)) / finalSpan);
            st += v.tremorSt() * StrictMath.sin(2 * Math.PI * TREMOR_HZ * t + tremorPhase);
            double creakNow = v.creak() * smoothstep((progress - (1 - CREAK_SPAN)) / CREAK_SPAN);
            st -= CREAK_DROP_ST * creakNow;
            jitterNow = v.jitter() * (1 + CREAK_JITTER_GAIN * creakNow);
            double f0 = v.f0Hz() * StrictMath.pow(2, st / SEMITONES_PER_OCTAVE);
            double baseIncrement = f0 / fs;
            double increment = baseIncrement * periodFactor;

            double voicingEnd = voicing + (voicingTarget - voicing) * voicingAlpha;
            double aspirationEnd = aspiration + (aspirationTarget - aspiration) * aspirationAlpha;
            double fricationEnd = frication + (fricationTarget - frication) * fricationAlpha;
            double inv = 1.0 / (b1 - b0);
            double dVoicing = (voicingEnd - voicing) * inv;
            double dAspiration = (aspirationEnd - aspiration) * inv;
            double dFrication = (fricationEnd - frication) * inv;

            for (int n = b0; n < b1; n++) {
                phase += increment;
                if (phase >= 1) {
                    phase -= 1;
                    // A new glottal period: draw its length and strength.
                    noiseState += GOLDEN_GAMMA;
                    long z = SplitMix64.mix(noiseState);
                    double g = approxGaussian(z);
                    periodFactor = 1 + jitterNow * g;
                    increment = baseIncrement * periodFactor;
                    noiseState += GOLDEN_GAMMA;
                    pulseGain = 1 + v.shimmer() * approxGaussian(SplitMix64.mix(noiseState));
                }
                double tau = phase * invOq;
                boolean open = tau < 1;
                double flowDerivative = open ? GLOTTAL_SCALE * tau * (2 - 3 * tau) * pulseGain : 0;
                tilt = flowDerivative + tiltPole * (tilt - flowDerivative);

                noiseState += GOLDEN_GAMMA;
                long bits = SplitMix64.mix(noiseState);
                double noiseA = (bits >> 32) * 0x1.0p-31;
                double noiseB = ((int) bits) * 0x1.0p-31;

                double x = voicing * tilt + aspiration * (open ? 1.0 : CLOSED_PHASE_NOISE) * noiseA;
                for (int j = 0; j < FORMANTS; j++) {
                    double y = ra[j] * x + rb[j] * y1[j] + rc[j] * y2[j];
                    y2[j] = y1[j];
                    y1[j] = y;
                    x = y;
                }
                double fy = fa * noiseB + fb * fy1 + fc * fy2;
                fy2 = fy1;
                fy1 = fy;
                out[n] = x + frication * fy;

                voicing += dVoicing;
                aspiration += dAspiration;
                frication += dFrication;
            }
        }

        // Level: the spoken part gets the clip's RMS; then limit peaks and add the room's noise floor.
        double energy = 0;
        for (int n = uttStart; n < uttEnd; n++) {
            energy += out[n] * out[n];
        }
        double rms = Math.sqrt(energy / Math.max(1, uttEnd - uttStart));
        double scale = rms > 0 ? StrictMath.pow(10, v.levelDbfs() / 20) / rms : 0;
        double noiseAmplitude = StrictMath.pow(10, v.noiseFloorDb() / 20) * UNIFORM_RMS_TO_PEAK;
        float[] result = new float[nSamples];
        for (int n = 0; n < nSamples; n++) {
            noiseState += GOLDEN_GAMMA;
            double floor = (SplitMix64.mix(noiseState) >> 11) * UNIT_52 * noiseAmplitude;
            result[n] = (float) softLimit(out[n] * scale + floor);
        }
        return result;
    }

    /** Two-pole resonator {@code y = a x + b y1 + c y2} with unit gain at DC, so formant peaks rise above it. */
    private static void setResonator(int j, double hz, double r, int fs, double[] ra, double[] rb, double[] rc) {
        rb[j] = 2 * r * StrictMath.cos(2 * Math.PI * hz / fs);
        rc[j] = -r * r;
        ra[j] = 1 - rb[j] - rc[j];
    }

    /** Smooth 0-to-1 step over [0, 1] with zero slope at both ends. */
    private static double smoothstep(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return x * x * (3 - 2 * x);
    }

    /** Zero-mean, unit-variance, bell-shaped: the sum of three uniforms from one 64-bit draw (Irwin-Hall). */
    private static double approxGaussian(long bits) {
        double u1 = (bits & 0x1F_FFFF) * 0x1.0p-21;
        double u2 = ((bits >>> 21) & 0x1F_FFFF) * 0x1.0p-21;
        double u3 = ((bits >>> 42) & 0x1F_FFFF) * 0x1.0p-21;
        // Each uniform has variance 1/12; the sum of three, centred, has variance 1/4.
        return (u1 + u2 + u3 - 1.5) * 2.0;
    }

    private static double softLimit(double x) {
        double a = Math.abs(x);
        if (a <= LIMITER_KNEE) {
            return x;
        }
        double headroom = 1 - LIMITER_KNEE;
        return Math.copySign(LIMITER_KNEE + headroom * StrictMath.tanh((a - LIMITER_KNEE) / headroom), x);
    }
}
