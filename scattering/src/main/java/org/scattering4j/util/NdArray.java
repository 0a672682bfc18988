package org.scattering4j.util;

import java.util.Arrays;

/**
 * A dense, row-major (C order, last axis fastest) array of doubles with a shape: the common currency
 * of the transforms' batch outputs, the NPY reader/writer and the command line.
 *
 * <p>The data array is shared, not copied: {@link #data()} returns the live backing array, so a
 * caller that wants to keep an independent copy clones it.
 */
public final class NdArray {
    private final int[] shape;
    private final double[] data;

    /**
     * @param shape the extent of every axis (copied); every entry must be &ge; 0
     * @param data  the values in C order (not copied); its length must equal the product of the shape
     */
    public NdArray(int[] shape, double[] data) {
        this.shape = shape.clone();
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "] = " + shape[i] + " is negative");
            }
            n *= shape[i];
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but the data array has " + data.length);
        }
        this.data = data;
    }

    /** A zero-filled array of the given shape. */
    public static NdArray zeros(int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for one array");
        }
        return new NdArray(shape, new double[(int) n]);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The live backing array, C order. */
    public double[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The flat offset of an index tuple. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " axes, array has " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " out of range [0, " + shape[i]
                        + ") on axis " + i);
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    public double get(int... index) {
        return data[offset(index)];
    }

    /** Number of values in one entry of the first axis (the product of the other extents). */
    public int strideOfFirstAxis() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** A copy of entry {@code i} of the first axis, flattened. */
    public double[] row(int i) {
        int n = strideOfFirstAxis();
        return Arrays.copyOfRange(data, i * n, (i + 1) * n);
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape);
    }
}
