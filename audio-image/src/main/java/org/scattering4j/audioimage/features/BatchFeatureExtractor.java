package org.scattering4j.audioimage.features;

import java.util.List;

/**
 * A {@link FeatureExtractor} that can also featurise a whole batch at once, on all worker threads, when its
 * transform has a faster batch path than one input at a time (Scattering2D on small images batches the
 * second order of many paths into one FFT call). {@link Featurizer#stream} uses {@link #extractAll} when
 * the extractor offers it; the rows must equal what {@link #extract} gives for each input.
 */
public interface BatchFeatureExtractor<T> extends FeatureExtractor<T> {
    /**
     * The features of every input, in order (fresh arrays of length {@link #dimension()}).
     *
     * @throws IllegalArgumentException naming the index of the first bad input
     */
    double[][] extractAll(List<T> inputs);
}
