package org.scattering4j.audioimage.features;

/**
 * How a clip of any length is brought to the fixed length a transform was built for.
 *
 * <p>Shorter clips are zero-padded with the clip centred: it starts at {@code (length - n) / 2}
 * (integer division, so an odd surplus puts the extra zero at the end), as Kymatio's FSDD example
 * does. Longer clips are cut by {@link Crop}. Clips shorter than {@code minLength} are refused: a clip
 * much shorter than the transform's averaging support is mostly padding, and its features would
 * describe the padding more than the sound.
 *
 * @param length the transform's input length
 * @param crop what to do with longer clips
 * @param minLength the shortest clip accepted (&ge; 1)
 */
public record LengthRule(int length, Crop crop, int minLength) {
    /** What happens to a clip longer than {@code length}. */
    public enum Crop {
        /** keep the first {@code length} samples (Kymatio's FSDD example: {@code x = x[:T]}) */
        START,
        /** keep the middle {@code length} samples, starting at {@code (n - length) / 2} */
        CENTRE,
        /** refuse the clip */
        REFUSE
    }

    /** Validates the parameters. */
    public LengthRule {
        if (length < 1) {
            throw new IllegalArgumentException("length = " + length + " must be >= 1");
        }
        if (minLength < 1 || minLength > length) {
            throw new IllegalArgumentException("minLength = " + minLength + ", allowed 1.." + length);
        }
        if (crop == null) {
            throw new IllegalArgumentException("crop must not be null");
        }
    }

    /**
     * Peak normalisation then this rule: refuses non-finite samples and silent clips (naming {@code name}),
     * fits the clip to the length, and divides by max |x| (a division, as NumPy's {@code x /= max}, so
     * results match Kymatio's bit for bit). A new array; {@code x} is not modified.
     */
    public double[] applyNormalised(double[] x, String name) {
        double max = 0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": clip holds a non-finite sample " + v);
            }
            max = Math.max(max, Math.abs(v));
        }
        if (x.length > 0 && max == 0) {
            throw new IllegalArgumentException(name + ": clip is silent (max |x| = 0) and cannot be normalised");
        }
        double[] y = apply(x, name);
        for (int i = 0; i < y.length; i++) {
            y[i] /= max;
        }
        return y;
    }

    /**
     * A new array of {@code length} samples from {@code x} (not modified) by this rule.
     *
     * @param name what the clip is, for error messages (a file name)
     */
    public double[] apply(double[] x, String name) {
        int n = x.length;
        if (n < minLength) {
            throw new IllegalArgumentException(name + ": clip has " + n + " samples, fewer than the minimum "
                    + minLength + " for a transform of length " + length);
        }
        double[] out = new double[length];
        if (n <= length) {
            System.arraycopy(x, 0, out, (length - n) / 2, n);
        } else if (crop == Crop.START) {
            System.arraycopy(x, 0, out, 0, length);
        } else if (crop == Crop.CENTRE) {
            System.arraycopy(x, (n - length) / 2, out, 0, length);
        } else {
            throw new IllegalArgumentException(name + ": clip has " + n + " samples, more than the transform's "
                    + length + ", and cropping is switched off");
        }
        return out;
    }
}
